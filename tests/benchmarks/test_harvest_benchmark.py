"""Harvesting 50 publiccode.yml files with 100 users each, served on loopback: the dry run,
the apply, and a second apply of the unchanged files.

Run with `make bench`; prints figures, asserts nothing about time.
"""

import datetime
import tracemalloc
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.adoption.harvest import apply_harvest, harvest_sources, plan_harvest
from initiatives.adoption.register import load_register
from initiatives.adoption.service import record_adoptions
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.constants import AdoptionStatus, ChangeSource, HarvestKind
from initiatives.models import AdoptionClaim, Municipality
from tests.factories import HarvestSourceFactory, UserFactory

from .conftest import report, timed

pytestmark = [pytest.mark.benchmark]

FILES = 50
USERS_PER_FILE = 100
INITIATIVES = 10
NON_MUNICIPAL = ["Provincie Utrecht", "Conduction B.V.", "Waterschap Vallei en Veluwe"]


def written_names(municipalities, file_number):
    """100 users as suppliers write them: plain, with "Gemeente", as a slug, and some bodies
    that are no municipality."""
    names = []
    for offset in range(USERS_PER_FILE - len(NON_MUNICIPAL)):
        name = municipalities[(file_number * 37 + offset) % len(municipalities)]
        form = offset % 3
        names.append(
            name
            if form == 0
            else f"Gemeente {name}"
            if form == 1
            else name.lower().replace(" ", "-")
        )
    return names + NON_MUNICIPAL


def publiccode(names):
    users = "\n".join(f'  - "{name}"' for name in names)
    return f'publiccodeYmlVersion: "0.4"\nname: Voorbeeld\nusedBy:\n{users}\n'


@pytest.fixture
def fifty_sources(db, make_initiative, source_server):
    load_register()
    municipalities = sorted(
        Municipality.objects.current()
        .filter(name__regex=r"^[A-Za-z ]+$")
        .values_list("name", flat=True)
    )
    initiatives = [make_initiative(title=f"Voorziening {n}") for n in range(INITIATIVES)]
    for number in range(FILES):
        url = source_server.serve(
            f"/bestand-{number}/publiccode.yml", publiccode(written_names(municipalities, number))
        )
        HarvestSourceFactory(
            kind=HarvestKind.PUBLICCODE,
            url=url,
            initiative=initiatives[number % INITIATIVES],
            repository_url=f"https://github.com/voorbeeld/bestand-{number}",
        )
    # A municipality's own word on a tenth of the pairs, so claims agree and contradict.
    vng = UserFactory(vng_editor=True)
    own_statements = [
        AdoptionUpdate(
            municipality=municipality,
            initiative=initiatives[index % INITIATIVES],
            status=AdoptionStatus.EXPLORING if index % 2 else AdoptionStatus.IMPLEMENTED,
            effective_date=datetime.date(2025, 1, 1),
        )
        for index, municipality in enumerate(Municipality.objects.current().order_by("code")[:100])
    ]
    record_adoptions(own_statements, user=vng, source=ChangeSource.FORM)
    return vng


def test_harvesting_50_files_of_100_users(fifty_sources):
    vng = fifty_sources
    with CaptureQueriesContext(connection) as dry_queries:
        plan, dry_seconds = timed(plan_harvest, harvest_sources())
    tracemalloc.start()
    with CaptureQueriesContext(connection) as apply_queries:
        _, apply_seconds = timed(apply_harvest, harvest_sources(), user=vng)
    peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    with CaptureQueriesContext(connection) as again_queries:
        _, again_seconds = timed(apply_harvest, harvest_sources(), user=vng)
    assert plan.complete
    outcomes = Counter(line.outcome.name.lower() for line in plan.lines)
    report(
        "harvest of 50 files × 100 users",
        lines=len(plan.lines),
        dry_run_s=round(dry_seconds, 2),
        dry_run_queries=len(dry_queries),
        apply_s=round(apply_seconds, 2),
        apply_queries=len(apply_queries),
        apply_peak_mb=round(peak_mb, 1),
        second_apply_s=round(again_seconds, 2),
        second_apply_queries=len(again_queries),
        claims_stored=AdoptionClaim.objects.count(),
        **outcomes,
    )
