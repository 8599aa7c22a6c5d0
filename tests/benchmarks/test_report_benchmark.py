"""Reports on the generated data set (342 municipalities × 300 initiatives, ~500k changes).

Run with `make bench` (add DATABASE_URL for PostgreSQL). Prints medians; asserts only that
the pages answer and stay under the 2 MB page budget.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from initiatives.models import AdoptionChange, InitiativePage, Municipality
from initiatives.reporting.gap import initiative_gap
from initiatives.reporting.states import current_states

from .conftest import fetcher, median_ms, report, timed

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def repeat(function, times):
    samples = []
    for _ in range(times):
        _result, seconds = timed(function)
        samples.append(seconds)
    return samples


def test_reports_on_342_by_300(client):
    quiet = StringIO()
    call_command("load_municipalities", stdout=quiet)
    call_command("load_demo", stdout=quiet)
    _result, seconds = timed(call_command, "generate_bench_data", stdout=quiet)
    initiative = InitiativePage.objects.get(slug="bench-000")
    report(
        "generated data",
        initiatives=InitiativePage.objects.count(),
        municipalities=Municipality.objects.count(),
        history_rows=AdoptionChange.objects.count(),
        seconds=round(seconds),
    )

    # The single SQL statement the current-state initiative report rests on.
    raw = repeat(lambda: current_states(initiative), 30)
    computed = repeat(lambda: initiative_gap(initiative, timezone.localdate()), 30)
    report(
        "initiative report computation vs its raw SQL",
        raw_sql_ms=median_ms(raw),
        report_ms=median_ms(computed),
        ratio=round(median_ms(computed) / max(median_ms(raw), 0.01), 2),
    )

    measure_pages(client)
    measure_api_pages(client)


PAGES = {
    "initiative report (page)": ("/rapportages/initiatieven/bench-000/", 20),
    "initiative report, peildatum 2020-01-01": (
        "/rapportages/initiatieven/bench-000/?peildatum=2020-01-01",
        20,
    ),
    "scorecard GM0153 (page)": ("/rapportages/gemeenten/GM0153/", 20),
    "scorecard GM0153, peildatum 2020-01-01": (
        "/rapportages/gemeenten/GM0153/?peildatum=2020-01-01",
        5,
    ),
    "adoption over time (page)": ("/rapportages/initiatieven/bench-000/verloop/", 10),
    "matrix, first page of 50 × 321": ("/rapportages/matrix/", 10),
    "matrix, full CSV export": ("/rapportages/matrix/?format=csv", 3),
}


def measure_pages(client):
    for title, (url, times) in PAGES.items():
        size = fetcher(client, url)()
        samples = repeat(fetcher(client, url), times)
        report(
            title, median_ms=median_ms(samples), max_ms=median_ms([max(samples)]), kb=size // 1024
        )
        if "CSV" not in title:
            assert size < 2 * 1024 * 1024


def measure_api_pages(client):
    count = client.get("/api/v1/adoptions", {"page_size": 1}).json()["count"]
    last_page = -(-count // 500)
    samples = repeat_pages(client, range(1, last_page + 1, 5), 500)
    report(
        f"API /adoptions, {count} records at 500 a page ({len(samples)} pages sampled)",
        median_ms=median_ms(samples),
        max_ms=median_ms([max(samples)]),
    )


def repeat_pages(client, pages, page_size):
    samples = []
    for page in pages:
        response, seconds = timed(
            client.get, "/api/v1/adoptions", {"page": page, "page_size": page_size}
        )
        assert response.status_code == 200 and len(response.json()["results"]) > 0
        samples.append(seconds)
    return samples
