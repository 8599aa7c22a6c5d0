"""Import of 500,000 rows into the national database (target < 3 minutes, flat memory):
1,000 organisations × 500 initiatives, mostly records that exist and change status, as a
yearly survey re-imported would. Peak memory (tracemalloc) of the dry run at 100,000 and
at 500,000 rows shows whether it grows with the file. Everything is rolled back after."""

import pytest

from initiatives.adoption.imports import confirm_import, start_import
from initiatives.models import Municipality
from tests.factories import UserFactory

from ..conftest import report, timed
from ..test_import_benchmark import adoption_csv, peak_mb

pytestmark = [pytest.mark.benchmark, pytest.mark.national, pytest.mark.django_db]

ROWS = 500_000


def test_import_500k_rows_into_the_national_register():
    codes = list(Municipality.objects.current().order_by("code").values_list("code", flat=True))
    slugs = [f"bench-{n:03d}" for n in range(ROWS // len(codes) + 1)]
    user = UserFactory(username="vng-bench", vng_editor=True)

    for rows in (100_000, ROWS):
        content = adoption_csv(codes, slugs, rows)
        result, peak = peak_mb(start_import, content, "bench.csv", user)
        assert result.errors == []
        report(
            f"national import dry-run memory, {result.batch.rows_total:,} rows "
            f"({len(content) / 2**20:.1f} MB CSV)",
            peak_mb=peak,
        )

    preview, dry_seconds = timed(start_import, content, "bench.csv", user)
    applied, apply_seconds = timed(confirm_import, preview.batch, user)
    batch = applied.batch
    report(
        f"national import of {batch.rows_total:,} rows",
        dry_run_s=round(dry_seconds, 1),
        apply_s=round(apply_seconds, 1),
        target_s=180,
        met="yes" if apply_seconds < 180 else "NO",
        new=batch.rows_new,
        changed=batch.rows_changed,
        unchanged=batch.rows_unchanged,
    )
