"""At a glance: maps of the real boundaries, the scorecard summary and the initiative list."""

import csv
import datetime
import io
from pathlib import Path

import openpyxl
import pytest

from initiatives.adoption.service import record_adoptions
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.reporting.gap import initiative_gap
from initiatives.reporting.maps import boundaries_on, peer_map, status_map
from initiatives.reporting.municipality import municipality_report
from tests.factories import DomainFactory, MunicipalityFactory
from tests.helpers import TODAY, parse_html
from website.maps import available_years, municipality_boundaries

REGISTER_2025 = Path(__file__).parents[2] / "initiatives" / "data" / "municipalities_2025.csv"


def record(*triples, day=datetime.date(2024, 1, 1)):
    record_adoptions(
        [AdoptionUpdate(m, i, status, day) for m, i, status in triples], user=None, source="form"
    )


def test_boundaries_of_2025_have_the_registers_342_codes_each_with_a_shape():
    with REGISTER_2025.open(encoding="utf-8") as file:
        codes = {row["code"] for row in csv.DictReader(file)}
    boundaries = municipality_boundaries(2025)
    assert len(boundaries.shapes) == 342
    assert codes == set(boundaries.shapes)
    assert all(path.startswith("M") and path.endswith("z") for path in boundaries.shapes.values())


REGISTER_HISTORY = REGISTER_2025.parent / "municipalities_history_1970_2025.csv"


@pytest.mark.parametrize("year", [2019, 2021, 2022, 2023, 2024])
def test_earlier_boundaries_hold_exactly_the_municipalities_of_their_1_january(year):
    day = datetime.date(year, 1, 1).isoformat()
    with REGISTER_HISTORY.open(encoding="utf-8") as file:
        codes = {
            f"GM{row['gemeentecode']}"
            for row in csv.DictReader(file, delimiter=";")
            if row["begindatum"] <= day and (not row["einddatum"] or row["einddatum"] > day)
        }
    assert set(municipality_boundaries(year).shapes) == codes


def test_a_year_without_a_boundary_file_has_no_boundaries():
    assert municipality_boundaries(1999) is None
    assert min(available_years()) <= 2022


def test_boundaries_are_only_used_when_they_hold_exactly_the_days_municipalities():
    codes = set(municipality_boundaries(2025).shapes)
    assert boundaries_on(datetime.date(2026, 11, 24), codes).year == 2025
    assert boundaries_on(datetime.date(2026, 11, 24), codes - {"GM0153"}) is None
    assert boundaries_on(datetime.date(1990, 1, 1), codes) is None


@pytest.mark.django_db
def test_status_map_counts_equal_the_gap_report_and_unknown_is_its_own_category(
    enschede, hengelo, gibit
):
    others = MunicipalityFactory.create_batch(3)
    record(
        (enschede, gibit, "implemented"),
        (hengelo, gibit, "piloting"),
        (others[0], gibit, "planned"),
    )
    gap = initiative_gap(gibit, TODAY)
    report_map = status_map(gap)
    legend = {entry.category: entry.count for entry in report_map.legend}
    assert legend == {
        "implemented": 1,
        "in_progress": 2,
        "not_started": 0,
        "stopped": 0,
        "not_applicable": 0,
        "unknown": 2,
    }
    assert len(report_map.areas) == report_map.municipality_count == 5
    # Test municipalities have no real borders: the map says so rather than draw others.
    assert report_map.boundaries is None


@pytest.mark.django_db
def test_peer_map_marks_the_municipality_and_its_peers(enschede, hengelo):
    MunicipalityFactory(province="Gelderland", population=enschede.population)
    MunicipalityFactory(province="Gelderland", population=500)
    legend = {e.category: e.count for e in peer_map(enschede, datetime.date(2026, 1, 1)).legend}
    assert legend == {"self": 1, "both": 1, "size_class": 1, "province": 0, "other": 1}


@pytest.mark.django_db
def test_gap_report_without_borders_says_there_is_no_map(client, enschede, gibit):
    page = parse_html(client.get("/rapportages/initiatieven/gibit/").content)
    assert "Geen kaart" in page.get_text()
    assert page.select_one("svg.report-map__svg") is None


@pytest.mark.django_db
def test_scorecard_summary_counts_implemented_and_the_peer_medians(
    enschede, hengelo, make_initiative
):
    initiatives = [make_initiative(title=f"Initiatief {n}") for n in range(4)]
    almelo = MunicipalityFactory(province="Overijssel")
    record(
        (enschede, initiatives[0], "implemented"),
        (enschede, initiatives[1], "not_applicable"),
        (hengelo, initiatives[0], "implemented"),
        (hengelo, initiatives[2], "implemented"),
        (almelo, initiatives[2], "implemented"),
        (almelo, initiatives[3], "implemented"),
        (almelo, initiatives[0], "implemented"),
    )
    summary = municipality_report(enschede, TODAY).summary
    assert (summary.implemented, summary.applicable) == (1, 3)
    assert summary.province_median == 2.5  # Hengelo 2, Almelo 3
    assert [line.initiative.pk for line in summary.furthest_behind] == [
        initiatives[2].pk,
        initiatives[3].pk,
    ]


@pytest.mark.django_db
def test_scorecard_page_sums_up_at_the_top(client, enschede, gibit):
    record((enschede, gibit, "implemented"))
    page = parse_html(client.get("/gemeenten/GM0153/").content)
    figure = page.select_one("p.summary__figure")
    assert figure.strong.get_text() == "1"
    assert figure.get_text(" ", strip=True) == "1 van 1 initiatieven geïmplementeerd"
    assert figure in page.find(id="scorekaart").find_all_previous("p")


@pytest.mark.django_db
def test_initiative_list_shows_national_adoption_and_sorts_by_it(
    client, enschede, hengelo, make_initiative
):
    low, high = make_initiative(title="Laag"), make_initiative(title="Hoog")
    record(
        (enschede, high, "implemented"),
        (hengelo, high, "implemented"),
        (enschede, low, "implemented"),
    )
    highest_first = [("Hoog", "100,0\u00a0%"), ("Laag", "50,0\u00a0%")]
    assert national_adoption_column(client, "/initiatieven/", sort="-adoption") == highest_first
    lowest_first = national_adoption_column(client, "/initiatieven/", sort="adoption")
    assert lowest_first == highest_first[::-1]


@pytest.mark.django_db
def test_initiative_list_sorts_titles_in_dutch_dictionary_order(client, make_initiative):
    for title in [
        "Zaakgericht werken",
        "iStandaarden",
        "ICT-kader",
        "Informatiebeveiligingsdienst",
    ]:
        make_initiative(title=title)
    titles = [title for title, _ in national_adoption_column(client, "/initiatieven/")]
    assert titles == [
        "ICT-kader",
        "Informatiebeveiligingsdienst",
        "iStandaarden",
        "Zaakgericht werken",
    ]


@pytest.mark.django_db
def test_an_unknown_sort_order_is_refused_in_dutch(client, gibit):
    response = client.get("/initiatieven/", {"sort": "populariteit"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()


@pytest.mark.django_db
def test_english_percentages_have_no_space(client, enschede, gibit):
    record((enschede, gibit, "implemented"))
    column = national_adoption_column(client, "/en/initiatieven/", label="National adoption")
    assert column == [("GIBIT", "100.0%")]


def national_adoption_column(client, path, label="Landelijke adoptie", **query):
    """The initiative list as read: (title, national adoption rate) per row, top to bottom."""
    page = parse_html(client.get(path, query).content)
    return [
        (
            row.th.a.get_text(strip=True),
            row.select_one(f'td[data-label="{label}"] a').get_text(strip=True),
        )
        for row in page.select("tbody tr")
        if row.th
    ]


def _export(client, url, export_format):
    response = client.get(url, {"format": export_format})
    if export_format == "json":
        return response.json()
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
def test_exports_for_people_carry_dutch_labels_next_to_the_codes(client, enschede, hengelo, gibit):
    record((enschede, gibit, "implemented"), (hengelo, gibit, "implemented"))
    text = _export(client, "/rapportages/gemeenten/GM0153/", "csv").decode("utf-8-sig")
    header, first = text.splitlines()[0].split(";"), text.splitlines()[1].split(";")
    row = dict(zip(header, first, strict=True))
    assert (row["status"], row["status_tekst"]) == ("implemented", "Geïmplementeerd")
    assert (row["aandeel_provincie"], row["aandeel_provincie_tekst"]) == ("1,0", "100,0\u00a0%")
    assert (row["verouderd"], row["verouderd_tekst"]) == ("false", "nee")
    assert row["status_sinds"] == "2024-01-01"


@pytest.mark.django_db
def test_xlsx_exports_hold_real_dates_and_numbers(client, enschede, hengelo, gibit):
    record((enschede, gibit, "implemented"), (hengelo, gibit, "implemented"))
    content = _export(client, "/rapportages/gemeenten/GM0153/", "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["status_sinds"].date() == datetime.date(2024, 1, 1)
    assert row["aandeel_provincie"] == 1.0
    assert row["status_tekst"] == "Geïmplementeerd"


@pytest.mark.django_db
def test_json_exports_keep_the_codes_only(client, enschede, gibit):
    record((enschede, gibit, "implemented"))
    data = _export(client, "/rapportages/initiatieven/gibit/", "json")
    assert data["rows"][0]["status"] == "implemented"
    assert not any(key.endswith("_tekst") for key in data["rows"][0])


@pytest.mark.django_db
def test_english_site_names_domains_in_english_and_dutch_site_in_dutch(client, make_initiative):
    zorg = DomainFactory(slug="zorg", name="Zorg (Wmo)", name_en="Social care (Wmo)")
    make_initiative(title="GIBIT", domains=[zorg])
    english = client.get("/en/initiatieven/").content.decode()
    dutch = client.get("/initiatieven/").content.decode()
    assert "Social care (Wmo)" in english and "Zorg (Wmo)" not in english
    assert "Zorg (Wmo)" in dutch and "Social care" not in dutch
