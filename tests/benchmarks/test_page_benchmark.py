"""Server response time of every public page type on the demo data (target: median < 200 ms).

Run with `make bench` (add DATABASE_URL for PostgreSQL). Prints figures only.
"""

import io
import statistics

import pytest
from django.core.management import call_command

from tests.page_types import PAGE_TYPES

from .conftest import report, timed

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

SAMPLES = 20


def test_page_types_on_demo_data(client):
    for command in ("load_municipalities", "load_demo", "search_index"):
        call_command(command, stdout=io.StringIO(), stderr=io.StringIO())
    for name, path in PAGE_TYPES.items():
        response = client.get(path)
        samples = sorted(timed(client.get, path)[1] for _ in range(SAMPLES))
        report(
            f"page: {name}",
            status=response.status_code,
            kb=round(len(response.content) / 1024),
            median_ms=round(statistics.median(samples) * 1000, 1),
            p95_ms=round(samples[int(SAMPLES * 0.95) - 1] * 1000, 1),
        )
