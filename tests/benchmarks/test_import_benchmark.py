"""Import of all municipalities × 150 initiatives: dry run and apply, time and peak memory.

Run with `make bench`; prints figures, asserts nothing about time.
"""

import csv
import io
import tracemalloc
from io import StringIO

import pytest
from django.core.management import call_command

from initiatives.adoption.imports import confirm_import, start_import
from initiatives.models import Adoption, Municipality
from tests.factories import InitiativeIndexPageFactory, InitiativePageFactory, UserFactory
from tests.helpers import CODE_COLUMNS

from .conftest import report, timed

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STATUSES = ["implemented", "planned", "exploring", "not_started", "piloting"]


def adoption_csv(municipalities, initiatives, rows=None, effective_date="2024-01-01") -> bytes:
    """A file of municipalities × initiatives (at most `rows`), statuses in turn."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(CODE_COLUMNS)
    count = 0
    for m_index, municipality in enumerate(municipalities):
        for i_index, slug in enumerate(initiatives):
            if rows is not None and count >= rows:
                break
            status = STATUSES[(m_index + i_index) % len(STATUSES)]
            writer.writerow([municipality, slug, status, effective_date, "self_reported", "", ""])
            count += 1
    return buffer.getvalue().encode("cp1252")


def peak_mb(function, *args):
    tracemalloc.start()
    result = function(*args)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, round(peak / 2**20, 1)


def test_import_50k_rows(home_page):
    call_command("load_municipalities", stdout=StringIO())
    index = InitiativeIndexPageFactory(parent=home_page)
    slugs = [InitiativePageFactory(parent=index, slug=f"bench-{n}").slug for n in range(150)]
    codes = list(Municipality.objects.current().values_list("code", flat=True))
    user = UserFactory(username="vng", vng_editor=True)

    for rows in (10_000, None):
        content = adoption_csv(codes, slugs, rows)
        _result, peak = peak_mb(start_import, content, "bench.csv", user)
        report(f"dry-run memory, {_result.batch.rows_total} rows", peak_mb=peak)

    content = adoption_csv(codes, slugs)
    preview, dry_seconds = timed(start_import, content, "bench.csv", user)
    assert preview.errors == []
    applied, apply_seconds = timed(confirm_import, preview.batch, user)
    assert Adoption.objects.count() == applied.batch.rows_new == len(codes) * len(slugs)
    report(
        f"import {applied.batch.rows_total} rows ({len(content) / 2**20:.1f} MB CSV)",
        dry_run_s=round(dry_seconds, 2),
        apply_s=round(apply_seconds, 2),
    )
    again, reimport_seconds = timed(
        confirm_import, start_import(content, "bench.csv", user).batch, user
    )
    report(
        "re-import of the same file",
        seconds=round(reimport_seconds, 2),
        unchanged=again.batch.rows_unchanged,
    )
