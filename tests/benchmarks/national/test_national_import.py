"""Import of 500,000 rows into the national database (target < 3 minutes, flat memory):
1,000 organisations × 500 initiatives, mostly records that exist and change status, as a
yearly survey re-imported would, in files the site accepts (at most 10 MB: 125,000 rows).
Peak memory (tracemalloc) of a dry run at 10,000 and at 50,000 rows shows whether it grows
with the file. Everything is rolled back after."""

import pytest
from django.utils import timezone

from initiatives.adoption.imports import confirm_import, start_import
from initiatives.models import Municipality
from tests.factories import UserFactory

from ..conftest import report, timed
from ..test_import_benchmark import adoption_csv, peak_mb

pytestmark = [pytest.mark.benchmark, pytest.mark.national, pytest.mark.django_db]

ROWS = 500_000
ROWS_PER_FILE = 125_000
INITIATIVES_PER_FILE = 125


def test_import_500k_rows_into_the_national_register():
    codes = list(Municipality.objects.current().order_by("code").values_list("code", flat=True))
    user = UserFactory(username="vng-bench", vng_editor=True)
    # Today: a new status may not take effect before the status it replaces.
    today = timezone.localdate().isoformat()

    for rows in (10_000, 50_000, ROWS_PER_FILE):
        content = adoption_csv(codes, _slugs(0), rows, today)
        result, peak = peak_mb(start_import, content, "bench.csv", user)
        assert result.errors == []
        report(f"national import dry-run memory, {rows:,} rows", peak_mb=peak)

    totals = {"dry_run_s": 0.0, "apply_s": 0.0, "rows": 0, "changed": 0, "unchanged": 0}
    for number in range(ROWS // ROWS_PER_FILE):
        content = adoption_csv(codes, _slugs(number), ROWS_PER_FILE, today)
        preview, dry_seconds = timed(start_import, content, f"bench-{number}.csv", user)
        assert preview.errors == []
        applied, apply_seconds = timed(confirm_import, preview.batch, user)
        totals["dry_run_s"] += dry_seconds
        totals["apply_s"] += apply_seconds
        totals["rows"] += applied.batch.rows_total
        totals["changed"] += applied.batch.rows_changed
        totals["unchanged"] += applied.batch.rows_unchanged
    report(
        f"national import of {totals['rows']:,} rows in {ROWS // ROWS_PER_FILE} files",
        dry_run_s=round(totals["dry_run_s"]),
        apply_s=round(totals["apply_s"]),
        target_s=180,
        met="yes" if totals["apply_s"] < 180 else "NO",
        rows_per_s=round(totals["rows"] / totals["apply_s"]),
        changed=totals["changed"],
        unchanged=totals["unchanged"],
    )


def _slugs(file_number: int) -> list[str]:
    """The initiatives of one file: every file its own 125, so no record is written twice."""
    first = file_number * INITIATIVES_PER_FILE
    return [f"bench-{n:03d}" for n in range(first, first + INITIATIVES_PER_FILE)]
