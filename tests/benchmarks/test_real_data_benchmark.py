"""Real data: matching names against the whole register, and harvesting many usedBy files.

Run with `make bench`; prints figures, asserts nothing about time.
"""

import random

import pytest

from initiatives.adoption.harvest import apply_harvest, harvest_sources, plan_harvest
from initiatives.adoption.names import MatchKind, MunicipalityMatcher
from initiatives.adoption.register import load_register
from initiatives.constants import HarvestKind
from initiatives.models import Adoption, Municipality
from tests.factories import (
    HarvestSourceFactory,
    InitiativeIndexPageFactory,
    InitiativePageFactory,
)

from .conftest import report, timed

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

NAMES = 10_000


def spellings(names: list[str], count: int, rng: random.Random) -> list[str]:
    """Names as sources write them: as is, with "Gemeente", in capitals, or with a typo."""
    written = []
    for _ in range(count):
        name = rng.choice(names)
        form = rng.random()
        if form < 0.3:
            written.append(name)
        elif form < 0.5:
            written.append(f"Gemeente {name}")
        elif form < 0.6:
            written.append(name.upper())
        else:
            position = rng.randrange(len(name))
            written.append(name[:position] + name[position + 1 :])  # one letter dropped
    return written


def test_matching_10000_names_against_the_register_of_all_years():
    load_register()
    rng = random.Random(20261130)
    names = list(Municipality.objects.values_list("name", flat=True))
    texts = spellings(names, NAMES, rng)
    matcher, build_seconds = timed(MunicipalityMatcher)
    matches, seconds = timed(lambda: [matcher.match(text) for text in texts])
    distinct = sorted(set(texts))
    fresh = MunicipalityMatcher()
    _matches, distinct_seconds = timed(lambda: [fresh.match(text) for text in distinct])
    kinds = {kind.value: sum(m.kind == kind for m in matches) for kind in MatchKind}
    report(
        "name matching",
        register=len(names),
        names=NAMES,
        distinct=len(distinct),
        seconds=round(seconds, 2),
        names_per_second=round(NAMES / seconds),
        distinct_names_per_second_uncached=round(len(distinct) / distinct_seconds),
        matcher_built_ms=round(build_seconds * 1000, 1),
        **{k: v for k, v in kinds.items() if v},
    )


FILES = 50
USERS_PER_FILE = 100


def test_harvesting_50_files_of_100_users(source_server, home_page):
    load_register()
    index = InitiativeIndexPageFactory(parent=home_page)
    names = list(Municipality.objects.current().values_list("name", flat=True))
    rng = random.Random(50)
    for number in range(FILES):
        initiative = InitiativePageFactory(parent=index, title=f"Component {number}")
        users = "\n".join(f"  - Gemeente {name}" for name in rng.sample(names, USERS_PER_FILE))
        url = source_server.serve(f"/c{number}/publiccode.yml", f"usedBy:\n{users}\n")
        HarvestSourceFactory(kind=HarvestKind.PUBLICCODE, url=url, initiative=initiative)
    plan, dry_run_seconds = timed(plan_harvest, harvest_sources())
    _plan, apply_seconds = timed(apply_harvest, harvest_sources(), user=None)
    report(
        "harvest",
        files=FILES,
        users=FILES * USERS_PER_FILE,
        dry_run_seconds=round(dry_run_seconds, 2),
        apply_seconds=round(apply_seconds, 2),
        records=Adoption.objects.count(),
        errors=len(plan.errors),
    )
