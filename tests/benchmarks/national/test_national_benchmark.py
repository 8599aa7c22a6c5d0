"""Pages, reports and the API on the national data set (~1,000 organisations × 3,000
initiatives, ~3 million records, ~14 million history rows) on PostgreSQL.

`make bench-national` prints, per page: median and p95 against its target, and the median of
the raw SQL the report rests on, with the ratio between the two.
"""

import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import (
    override_settings,
    setup_test_environment,
    teardown_test_environment,
)

from initiatives.demo.national_indicators import INDICATORS, national_indicator_slug
from initiatives.models import (
    Adoption,
    AdoptionChange,
    Indicator,
    IndicatorValue,
    InitiativePage,
    Municipality,
)

from ..conftest import fetcher, median_ms, percentiles, report, timed

pytestmark = [pytest.mark.benchmark, pytest.mark.national, pytest.mark.django_db]

SAMPLES = 20
INITIATIVE = "bench-000"
MUNICIPALITY = "GM0153"
INDICATOR = national_indicator_slug(0)


@pytest.fixture(autouse=True)
def rendered_as_a_server_renders():
    """Pages are measured as a server makes them: Django's test environment has every
    template rendered send a copy of its context to the test client, which keeps them; on a
    scorecard of 3,000 lines that made full garbage collections stall a request by 30 to
    120 ms now and then, which no server pays (docs/SCALING.md)."""
    teardown_test_environment()
    try:
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            yield
    finally:
        setup_test_environment(debug=False)


def _sql(statement, parameters):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(statement, parameters)
            return cursor.fetchall()

    return run


def _samples(function, times=SAMPLES):
    function()  # warm: the first run pays for caches and plans
    return [timed(function)[1] for _ in range(times)]


def _measure(title, target_ms, page, raw):
    size = page()
    figures = percentiles(_samples(page))
    raw_ms = median_ms(_samples(raw))
    report(
        title,
        **figures,
        target_ms=target_ms,
        met="yes" if figures["p95_ms"] < target_ms else "NO",
        raw_sql_ms=raw_ms,
        ratio=round(figures["median_ms"] / max(raw_ms, 0.01), 1),
        kb=size // 1024,
    )


def test_national_pages(client):
    initiative = InitiativePage.objects.get(slug=INITIATIVE)
    municipality = Municipality.objects.get(code=MUNICIPALITY)
    report(
        "national data set",
        organisations=Municipality.objects.current().count(),
        initiatives=InitiativePage.objects.live().count(),
        records=Adoption.objects.count(),
        history_rows=AdoptionChange.objects.count(),
    )
    _measure_initiative_reports(client, initiative)
    _measure_scorecards(client, municipality)
    _measure_api_pages(client)
    _measure_indicator_report(client)


def _measure_initiative_reports(client, initiative):
    fifty = list(Municipality.objects.current().order_by("name")[:50].values_list("pk", flat=True))
    hundred = list(
        InitiativePage.objects.live().order_by("title")[:100].values_list("pk", flat=True)
    )

    _measure(
        "initiative gap report",
        150,
        fetcher(client, f"/rapportages/initiatieven/{INITIATIVE}/"),
        _sql(
            "SELECT m.id, a.status FROM initiatives_municipality m LEFT JOIN "
            "initiatives_adoption a ON a.municipality_id = m.id AND a.initiative_id = %s "
            "WHERE m.valid_until IS NULL",
            [initiative.pk],
        ),
    )
    _measure(
        "adoption over time, 44 quarters",
        500,
        fetcher(client, f"/rapportages/initiatieven/{INITIATIVE}/verloop/"),
        _sql(
            "SELECT municipality_id, effective_date, new_status FROM initiatives_adoptionchange "
            "WHERE initiative_id = %s ORDER BY effective_date, id",
            [initiative.pk],
        ),
    )
    _measure(
        "matrix, 50 organisations × 100 initiatives",
        300,
        fetcher(client, "/rapportages/matrix/?initiatieven=1"),
        _sql(
            "SELECT municipality_id, initiative_id, status FROM initiatives_adoption "
            "WHERE municipality_id = ANY(%s) AND initiative_id = ANY(%s)",
            [fifty, hundred],
        ),
    )


def _measure_scorecards(client, municipality):
    peers = list(
        Municipality.objects.current()
        .filter(province=municipality.province)
        .exclude(pk=municipality.pk)
        .values_list("pk", flat=True)
    )
    _measure(
        "scorecard with peers",
        200,
        fetcher(client, f"/gemeenten/{MUNICIPALITY}/"),
        _sql(
            "SELECT initiative_id, status, count(*) FROM initiatives_adoption "
            "WHERE municipality_id = ANY(%s) GROUP BY 1, 2",
            [peers],
        ),
    )
    scorecard = fetcher(client, f"/gemeenten/{MUNICIPALITY}/")

    def scorecard_with_an_empty_process_cache():
        caches["default"].clear()
        return scorecard()

    # The first visitor of a province or size class after a write to it: the peer groups'
    # counts are read from the tallies, not from the process cache.
    _measure(
        "scorecard with peers, peer counts not cached",
        200,
        scorecard_with_an_empty_process_cache,
        _sql(
            "SELECT initiative_id, status, count(*) FROM initiatives_adoption "
            "WHERE municipality_id = ANY(%s) GROUP BY 1, 2",
            [peers],
        ),
    )


def _measure_api_pages(client):
    # The first id of every page of 500.
    ids = [
        row[0]
        for row in _sql(
            "SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n "
            "FROM initiatives_adoption) numbered WHERE n %% 500 = 1 ORDER BY id",
            [],
        )()
    ]
    for name, position in (("first", 0), ("middle", len(ids) // 2), ("last", len(ids) - 1)):
        offset = position * 500
        _measure(
            f"API, {name} page of 500 records by page number",
            100,
            fetcher(client, f"/api/v1/adoptions?page={position + 1}&page_size=500"),
            _sql("SELECT * FROM initiatives_adoption ORDER BY id LIMIT 500 OFFSET %s", [offset]),
        )
        after = ids[position] - 1
        _measure(
            f"API, {name} page of 500 records by id (after=)",
            100,
            fetcher(client, f"/api/v1/adoptions?after={after}&page_size=500"),
            _sql("SELECT * FROM initiatives_adoption WHERE id > %s ORDER BY id LIMIT 500", [after]),
        )


def _measure_indicator_report(client):
    indicator = Indicator.objects.get(slug=INDICATOR)
    report(
        "national indicator",
        municipalities=IndicatorValue.objects.filter(indicator=indicator)
        .values("municipality")
        .distinct()
        .count(),
        values=IndicatorValue.objects.filter(indicator=indicator).count(),
        all_indicator_values=IndicatorValue.objects.count(),
    )
    values_sql = _sql(
        "SELECT period, municipality_id, value::float FROM initiatives_indicatorvalue "
        "WHERE indicator_id = %s",
        [indicator.pk],
    )
    _measure(
        "indicator report, ~1,000 municipalities × 40 quarters",
        200,
        fetcher(client, f"/rapportages/indicatoren/{INDICATOR}/"),
        values_sql,
    )
    _measure(
        "indicator report (API)",
        200,
        fetcher(client, f"/api/v1/reports/indicators/{INDICATOR}"),
        values_sql,
    )
    # The report is kept until the data changes: each of the other indicators' first view
    # computes it (its values, the adoption histories, the estimate with its bootstrap).
    first_views = [
        timed(fetcher(client, f"/rapportages/indicatoren/{national_indicator_slug(number)}/"))[1]
        for number in range(1, INDICATORS)
    ]
    report("indicator report, each indicator's first view", **percentiles(first_views))


CACHED_PAGES = {
    "initiative gap report": f"/rapportages/initiatieven/{INITIATIVE}/",
    "scorecard with peers": f"/gemeenten/{MUNICIPALITY}/",
    "adoption over time": f"/rapportages/initiatieven/{INITIATIVE}/verloop/",
    "matrix": "/rapportages/matrix/",
    "API, first page of 500": "/api/v1/adoptions?page_size=500",
    "indicator report": f"/rapportages/indicatoren/{INDICATOR}/",
}


def test_national_pages_from_the_page_cache(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"national-{uuid.uuid4()}",
        },
    }
    for title, url in CACHED_PAGES.items():
        fetch = fetcher(client, url)
        fetch()  # a site's first request may store its settings, a new data version
        etag = client.get(url)["ETag"]

        def revalidate(url=url, etag=etag):
            assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304

        report(
            f"{title} from the page cache",
            hit=percentiles(_samples(fetch)),
            not_modified=percentiles(_samples(revalidate)),
        )
