"""Gap reports checked against counts computed independently in the test."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from initiatives.adoption.service import record_adoptions
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.reporting.gap import initiative_gap
from initiatives.reporting.municipality import municipality_report
from initiatives.reporting.over_time import adoption_over_time, quarter_starts
from tests.factories import MunicipalityFactory
from tests.helpers import TODAY, given_status, parse_html

pytestmark = pytest.mark.django_db

D = datetime.date


def record(rows):
    """rows: (municipality, initiative, status, effective date)."""
    record_adoptions(
        [AdoptionUpdate(m, i, status, day) for m, i, status, day in rows],
        user=None,
        source="import",
    )


@pytest.fixture
def world(make_initiative):
    """Ten municipalities in two provinces and two size classes, one merger, one initiative."""
    big = [
        MunicipalityFactory(name=f"Groot {n}", province="Utrecht", population=120_000)
        for n in range(3)
    ]
    small = [
        MunicipalityFactory(name=f"Klein {n}", province="Zeeland", population=15_000)
        for n in range(6)
    ]
    amsterdam = MunicipalityFactory(code="GM0363", name="Amsterdam", province="Noord-Holland")
    weesp = MunicipalityFactory(
        code="GM0457",
        name="Weesp",
        province="Noord-Holland",
        population=20_000,
        merged_into=amsterdam,
    )
    initiative = make_initiative(
        title="Common Ground",
        slug="common-ground",
        started_on=D(2019, 1, 1),
        with_target=True,
    )
    record(
        [
            (big[0], initiative, "implemented", D(2020, 1, 1)),
            (big[1], initiative, "implemented", D(2023, 6, 1)),
            (big[2], initiative, "planned", D(2021, 1, 1)),
            (small[0], initiative, "implemented", D(2021, 1, 1)),
            (small[1], initiative, "not_applicable", D(2021, 1, 1)),
            (small[2], initiative, "stopped", D(2021, 1, 1)),
            (small[3], initiative, "not_started", D(2021, 1, 1)),
            (weesp, initiative, "implemented", D(2020, 1, 1)),
            (amsterdam, initiative, "implemented", D(2020, 6, 1)),
        ]
    )
    return {
        "big": big,
        "small": small,
        "amsterdam": amsterdam,
        "weesp": weesp,
        "initiative": initiative,
    }


def counts_of(report):
    return {row.status: row.count for row in report.counts if row.count}


def test_rate_counts_unknowns_and_leaves_not_applicable_out_of_the_denominator(world):
    report = initiative_gap(world["initiative"], TODAY)
    # Today: 10 municipalities (Weesp is gone). Implemented: big0, big1, small0, Amsterdam.
    # Not applicable: small1. Unknown: small4, small5.
    assert counts_of(report) == {
        "implemented": 4,
        "planned": 1,
        "stopped": 1,
        "not_started": 1,
        "not_applicable": 1,
        "unknown": 2,
    }
    assert (report.rate.implemented, report.rate.denominator) == (4, 9)
    assert report.rate.share == 4 / 9
    gap_names = {key: [m.name for m in ms] for key, _label, ms in report.gap_groups}
    assert gap_names == {
        "in_progress": ["Groot 2"],
        "not_started": ["Klein 3"],
        "stopped": ["Klein 2"],
        "unknown": ["Klein 4", "Klein 5"],
    }
    assert {
        row.label: (row.rate.implemented, row.rate.denominator) for row in report.by_province
    } == {
        "Noord-Holland": (1, 1),
        "Utrecht": (2, 3),
        "Zeeland": (1, 5),
    }


def test_as_of_a_date_before_the_merger_weesp_counts_on_its_own(world):
    before = initiative_gap(world["initiative"], D(2022, 3, 23))
    # Eleven municipalities; implemented: big0, small0, Weesp, Amsterdam (big1 only from 2023).
    assert (before.rate.implemented, before.rate.municipalities) == (4, 11)
    after = initiative_gap(world["initiative"], D(2022, 3, 24))
    assert (after.rate.implemented, after.rate.municipalities) == (3, 10)
    assert "Weesp" not in [m.name for _k, _l, ms in after.gap_groups for m in ms]


def test_as_of_a_date_before_any_record_everything_is_unknown(world):
    report = initiative_gap(world["initiative"], D(2019, 6, 1))
    assert counts_of(report) == {"unknown": 11}
    assert report.rate.share == 0


def test_a_target_says_how_many_are_still_needed_and_when_too_few_to_forecast(world):
    initiative = world["initiative"]
    # 50 % of 9 = 4.5 → 5 needed, 4 implemented: 1 to go; 4 adopters are too few to forecast.
    target = initiative_gap(initiative, TODAY).target
    assert (target.needed, target.distance, target.status) == (5, 1, "too_few")
    assert target.label == "Te weinig gegevens"
    initiative.adoption_target_share = Decimal(40)
    target = initiative_gap(initiative, TODAY).target
    assert (target.distance, target.status, target.label) == (0, "reached", "Doel bereikt")


def test_peers_are_the_same_size_class_and_province_without_the_municipality_itself(world):
    report = municipality_report(world["big"][2], TODAY)
    line = next(line for line in report.lines if line.initiative.pk == world["initiative"].pk)
    assert line.status == "planned"
    # Other 100k+ municipalities: big0, big1 (Amsterdam is G4); both implemented.
    assert (line.size_class_peers.implemented, line.size_class_peers.denominator) == (2, 2)
    # Other Utrecht municipalities: big0, big1.
    assert line.province_peers.share == 1.0

    small = municipality_report(world["small"][4], TODAY).lines[0]
    assert small.status == "unknown"
    # Other <20k municipalities: small0..3, small5 = 5, minus 1 not applicable; 1 implemented.
    assert (small.size_class_peers.implemented, small.size_class_peers.denominator) == (1, 4)


def test_scorecard_puts_what_most_peers_have_and_we_dont_first(world, make_initiative):
    popular = make_initiative(title="Populair", slug="populair")
    record([(m, popular, "implemented", D(2022, 1, 1)) for m in world["big"][:2]])
    record([(world["big"][2], make_initiative(title="Al gedaan"), "implemented", D(2022, 1, 1))])
    titles = [line.initiative.title for line in municipality_report(world["big"][2], TODAY).lines]
    assert titles[-1] == "Al gedaan"
    assert titles[:2] == ["Common Ground", "Populair"]


def test_over_time_a_merger_does_not_create_a_jump(world):
    series = dict(adoption_over_time(world["initiative"], D(2022, 7, 1)))
    # Before the merger Weesp and Amsterdam both count; after, only Amsterdam does.
    assert (series[D(2022, 1, 1)].implemented, series[D(2022, 1, 1)].municipalities) == (4, 11)
    assert (series[D(2022, 4, 1)].implemented, series[D(2022, 4, 1)].municipalities) == (3, 10)
    assert series[D(2019, 1, 1)].implemented == 0


def test_quarters_start_with_the_quarter_of_the_start_date():
    assert quarter_starts(D(2019, 5, 17), D(2020, 1, 1)) == [
        D(2019, 4, 1),
        D(2019, 7, 1),
        D(2019, 10, 1),
        D(2020, 1, 1),
    ]


def test_exports_carry_the_peildatum_the_generation_time_and_the_same_numbers(client, world):
    url = "/rapportages/initiatieven/common-ground/"
    body = client.get(url, {"format": "json", "peildatum": "2022-03-23"}).json()
    assert body["peildatum"] == "2022-03-23" and body["gegenereerd_op"]
    implemented = [row["gemeentecode"] for row in body["rows"] if row["status"] == "implemented"]
    assert len(implemented) == initiative_gap(world["initiative"], D(2022, 3, 23)).rate.implemented

    csv_text = b"".join(client.get(url, {"format": "csv"}).streaming_content).decode("utf-8-sig")
    header = csv_text.splitlines()[0].split(";")
    assert header[:3] == ["peildatum", "gegenereerd_op", "initiatief"]

    workbook = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 1 + 10


@pytest.mark.parametrize(
    "path",
    [
        "/rapportages/initiatieven/common-ground/",
        "/rapportages/initiatieven/common-ground/verloop/",
        "/rapportages/gemeenten/GM0363/",
        "/rapportages/matrix/",
    ],
)
def test_every_export_holds_the_same_table_as_the_json_export(client, world, path):
    on_day = {"peildatum": "2023-01-01"}
    body = client.get(path, {**on_day, "format": "json"}).json()
    assert body["peildatum"] == "2023-01-01"
    header = ["peildatum", "gegenereerd_op", *body["rows"][0]]
    expected = [
        ["2023-01-01", *(cell_text(value) for value in row.values())] for row in body["rows"]
    ]

    response = client.get(path, {**on_day, "format": "csv"})
    csv_text = b"".join(response.streaming_content).decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(csv_text), delimiter=";"))
    workbook = load_workbook(io.BytesIO(client.get(path, {**on_day, "format": "xlsx"}).content))
    xlsx_rows = list(workbook.active.iter_rows(values_only=True))
    for rows in (csv_rows, xlsx_rows):
        # The spreadsheets add a text column beside each number (…_tekst) for people.
        columns = [n for n, name in enumerate(rows[0]) if not name.endswith("_tekst")]
        assert [rows[0][n] for n in columns] == header
        # The generation time (column 1) is left out: each request has its own.
        assert [[cell_text(row[n]) for n in columns if n != 1] for row in rows[1:]] == expected
    page = parse_html(client.get(path, on_day).content)
    assert page.select_one("h1") is not None


def cell_text(value) -> str:
    """A cell as one text, whichever export it was read from (Excel gives 0.0 back as 0, the
    CSV writes a fraction with a comma)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, str) and re.fullmatch(r"-?\d+,\d+", value):
        value = float(value.replace(",", "."))
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    return str(value)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"peildatum": "2030-13-01"}, "De peildatum moet een datum zijn als JJJJ-MM-DD."),
        ({"peildatum": "gisteren"}, "De peildatum moet een datum zijn als JJJJ-MM-DD."),
        ({"peildatum": "2999-01-01"}, "ligt in de toekomst"),
        ({"format": "pdf"}, "Onbekend formaat ‘pdf’"),
    ],
)
def test_bad_report_parameters_give_a_dutch_400(client, world, query, message):
    response = client.get("/rapportages/initiatieven/common-ground/", query)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/rapportages/initiatieven/bestaat-niet/", "/rapportages/gemeenten/GM9999/"]
)
def test_unknown_initiative_or_municipality_gives_404(client, world, path):
    assert client.get(path).status_code == 404


def test_matrix_filters_and_pages(client, world):
    response = client.get("/rapportages/matrix/", {"province": "Zeeland", "size": "below_20k"})
    rows = response.context["matrix"].rows
    assert [m.name for m, _statuses in rows] == [f"Klein {n}" for n in range(6)]
    assert [statuses[0] for _m, statuses in rows][:3] == [
        "implemented",
        "not_applicable",
        "stopped",
    ]
    assert client.get("/rapportages/matrix/", {"size": "reus"}).status_code == 400


def test_the_matrix_shows_a_hundred_initiatives_at_a_time(
    client, world, make_initiative, monkeypatch
):
    monkeypatch.setattr("initiatives.web.report_views.MATRIX_COLUMNS", 2)
    for title in ("Basisregistraties", "Zaakgericht werken"):
        make_initiative(title=title)
    first = client.get("/rapportages/matrix/")
    assert [i.title for i in first.context["matrix"].initiatives] == [
        "Basisregistraties",
        "Common Ground",
    ]
    page = parse_html(first.content)
    assert "Initiatieven 1 tot en met 2 van 3." in page.main.get_text(" ", strip=True)
    next_initiatives = page.select_one('nav[aria-label="Andere initiatieven"] a[rel=next]')
    assert next_initiatives["href"] == "?initiative_page=2"
    last = client.get("/rapportages/matrix/", {"initiative_page": 2})
    assert [i.title for i in last.context["matrix"].initiatives] == ["Zaakgericht werken"]
    everything = client.get("/rapportages/matrix/", {"format": "json"}).json()
    assert len(everything["rows"][0]) > 3 + 2  # the export holds every initiative


def test_a_long_scorecard_shows_its_lines_a_page_at_a_time_and_counts_them_all(
    client, world, make_initiative, monkeypatch
):
    monkeypatch.setattr("initiatives.web.report_views.SCORECARD_PAGE_SIZE", 1)
    make_initiative(title="Zaakgericht werken")
    code = world["small"][0].code
    first = client.get(f"/gemeenten/{code}/")
    page = parse_html(first.content)
    assert len(first.context["lines"].object_list) == 1
    assert "Initiatief 1 tot en met 1 van 2." in page.main.get_text(" ", strip=True)
    assert [a["href"] for a in page.select("main nav a[rel=next]")] == ["?page=2"]
    assert len(first.context["report"].lines) == 2  # the summary and export count both
    second = client.get(f"/gemeenten/{code}/", {"page": 2})
    assert second.context["lines"].number == 2
    assert client.get(f"/gemeenten/{code}/", {"page": "nul"}).status_code == 400


def build(municipality_count, initiative_count, make_initiative):
    initiatives = [
        make_initiative(slug=f"i-{initiative_count}-{n}") for n in range(initiative_count)
    ]
    municipalities = [
        MunicipalityFactory(code=f"GM{8000 + n:04d}", population=10_000 * (n + 1))
        for n in range(municipality_count)
    ]
    record(
        [
            (m, i, ["implemented", "planned"][(a + b) % 2], D(2021, 1, 1))
            for a, m in enumerate(municipalities)
            for b, i in enumerate(initiatives)
        ]
    )
    return municipalities[0], initiatives[0]


REPORT_PATHS = [
    "/rapportages/initiatieven/{initiative}/",
    "/rapportages/initiatieven/{initiative}/verloop/",
    "/rapportages/gemeenten/{municipality}/",
    "/gemeenten/{municipality}/",
    "/rapportages/matrix/",
]


@pytest.mark.parametrize("path", REPORT_PATHS)
@pytest.mark.parametrize("export_format", ["html", "csv", "json"])
@pytest.mark.parametrize("peildatum", ["", "2022-01-01"])
def test_reports_issue_the_same_number_of_queries_for_small_and_large_data(
    client, make_initiative, path, export_format, peildatum
):

    query_counts = []
    for size in [(3, 2), (25, 7)]:
        municipality, initiative = build(*size, make_initiative)
        url = path.format(initiative=initiative.slug, municipality=municipality.code)
        client.get(url)  # the first request creates the site's settings rows
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"format": export_format, "peildatum": peildatum})
            if export_format == "csv":
                b"".join(response.streaming_content)
        assert response.status_code == 200
        query_counts.append(len(queries))
    assert query_counts[0] == query_counts[1] <= 20


@pytest.mark.parametrize(
    "path", ["/rapportages/initiatieven/gibit/", "/rapportages/initiatieven/gibit/verloop/"]
)
def test_chart_coordinates_keep_a_decimal_point_on_dutch_pages(client, gibit, enschede, path):
    record([(enschede, gibit, "implemented", D(2023, 5, 1))])
    svg = client.get(path).content.decode().split("<svg", 1)[1].split("</svg>", 1)[0]
    assert re.findall(r'="\d+,\d+"', svg) == []


def test_report_exports_name_every_municipality_by_its_tooi_uri(client, world):
    tooi = "https://identifier.overheid.nl/tooi/id/gemeente/"
    gap = client.get("/rapportages/initiatieven/common-ground/", {"format": "json"}).json()
    assert all(row["tooi"] == tooi + row["gemeentecode"].lower() for row in gap["rows"])
    code = gap["rows"][0]["gemeentecode"]
    scorecard = client.get(f"/rapportages/gemeenten/{code}/", {"format": "json"}).json()
    assert {row["tooi"] for row in scorecard["rows"]} == {tooi + code.lower()}
    matrix = client.get("/rapportages/matrix/", {"format": "json"}).json()
    assert matrix["rows"][0]["tooi"] == tooi + matrix["rows"][0]["gemeentecode"].lower()


def test_a_scorecard_in_the_past_counts_only_initiatives_that_had_started(
    enschede, make_initiative
):
    old = make_initiative(title="GEMMA", slug="gemma", started_on=datetime.date(2009, 1, 1))
    make_initiative(
        title="Common Ground", slug="common-ground", started_on=datetime.date(2019, 6, 6)
    )
    given_status(enschede, old, "implemented", day=datetime.date(2012, 1, 1))
    report = municipality_report(enschede, datetime.date(2015, 1, 1))
    assert [line.initiative.slug for line in report.lines] == ["gemma"]
    assert (report.summary.implemented, report.summary.applicable) == (1, 1)
    today = municipality_report(enschede, TODAY)
    assert sorted(line.initiative.slug for line in today.lines) == ["common-ground", "gemma"]
