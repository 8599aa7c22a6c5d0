"""/rapportages/indicatoren/<slug>/: a VNG editor sees what adopting an initiative changed in
an indicator, with its interval and how many municipalities it rests on, and the same
figures in the export."""

import csv
import datetime
import io
from decimal import Decimal

import numpy as np
import pytest

from initiatives.constants import ChangeSource
from initiatives.models import IndicatorValue
from initiatives.reporting.indicators import gain_of, indicator_report
from tests.factories import IndicatorFactory, MunicipalityFactory
from tests.helpers import TODAY, given_status, parse_html, table_row
from website.formats import decimal_number, rounded

pytestmark = pytest.mark.django_db

YEARS = range(2018, 2026)


def measured_register(initiative, indicator, effect: float, population=30_000):
    """40 municipalities' values over 8 years; 16 adopted `initiative` in 2021 or 2022, after
    which their value changed by `effect`. The noise is a draw whose chance difference between
    the groups is nearly nil, so that each test reads as its story; how often the interval
    holds the truth over many draws is tested in test_adoption_effects.py."""
    indicator.initiatives.add(initiative)
    rng = np.random.default_rng(3)
    values = []
    for number in range(40):
        municipality = MunicipalityFactory(
            code=f"GM{7000 + number}", name=f"Gemeente {number}", population=population
        )
        adopted = 2021 + number % 2 if number < 16 else None
        if adopted:
            given_status(municipality, initiative, "implemented", day=datetime.date(adopted, 6, 1))
        level = rng.normal(25, 4)
        for year in YEARS:
            change = effect if adopted and year > adopted else 0
            value = level - 0.5 * (year - 2018) + change + rng.normal(0, 1)
            values.append(
                IndicatorValue(
                    indicator=indicator,
                    municipality=municipality,
                    period=str(year),
                    period_start=datetime.date(year, 1, 1),
                    value=Decimal(f"{value:.1f}"),
                    source=ChangeSource.IMPORT,
                )
            )
    IndicatorValue.objects.bulk_create(values)
    return indicator


@pytest.fixture
def payment_terms(make_initiative):
    """Payment terms in days; adopting e-invoicing made them 5 days shorter."""
    initiative = make_initiative(title="E-facturatie", slug="e-facturatie")
    return measured_register(initiative, IndicatorFactory(slug="betaaltermijn"), -5)


def test_the_report_says_what_adoption_changed_with_its_interval_and_count(client, payment_terms):
    page = parse_html(client.get("/rapportages/indicatoren/betaaltermijn/").content)

    gain = page.select_one('section[aria-labelledby="gain-e-facturatie"] p')
    sentence = " ".join(gain.get_text().split())
    assert sentence.startswith("Gemeenten die E-facturatie invoerden, kwamen daarna gemiddeld ")
    assert "dagen lager uit dan gemeenten die het nog niet hadden ingevoerd" in sentence
    assert "Dit rust op 16 gemeenten met een bekende invoerdatum" in sentence
    assert "het bewijst niet dat het initiatief de oorzaak is" in sentence
    amount = _number(sentence.split("gemiddeld ")[1].split(" dagen")[0])
    assert 4 < amount < 6
    # The interval is said the way the amount is: as sizes on the same side, smallest first.
    interval = sentence.split("90%-interval: ")[1].split(" dagen lager.")[0]
    nearest, furthest = (_number(bound) for bound in interval.split(" tot "))
    assert 0 < nearest <= amount <= furthest


def _number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def test_adopters_and_the_others_are_compared_in_every_period(client, payment_terms):
    page = parse_html(client.get("/rapportages/indicatoren/betaaltermijn/").content)
    table = page.select_one("table:has(caption:-soup-contains('Wie E-facturatie had ingevoerd'))")

    counts = {
        row.th.get_text(strip=True): [
            row.select_one(f'td[data-label="{group}: gemeenten"]').get_text(strip=True)
            for group in ("Ingevoerd", "Nog niet ingevoerd")
        ]
        for row in table.select("tbody tr")
    }
    # Eight adopted in 2021 and eight in 2022; 24 never did.
    assert counts == {
        **{str(year): ["0", "40"] for year in range(2018, 2021)},
        "2021": ["8", "32"],
        **{str(year): ["16", "24"] for year in range(2022, 2026)},
    }
    (row_2020,) = [row for row in table.select("tbody tr") if row.th.get_text() == "2020"]
    assert row_2020.select_one('td[data-label="Ingevoerd: mediaan"]').get_text(strip=True) == (
        "te weinig gegevens"
    )


def test_the_export_has_the_comparison_of_every_period(client, payment_terms):
    response = client.get("/rapportages/indicatoren/betaaltermijn/", {"format": "csv"})
    rows = list(
        csv.DictReader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    report = indicator_report(payment_terms, TODAY)

    (comparison,) = report.comparisons
    for row, line in zip(rows, comparison.periods, strict=True):
        assert row["periode"] == line.period.label
        assert int(row["e-facturatie_ingevoerd_gemeenten"]) == line.adopters.municipalities
        assert int(row["e-facturatie_niet_ingevoerd_gemeenten"]) == line.others.municipalities
    assert _number(rows[-1]["e-facturatie_ingevoerd_mediaan"]) == float(
        rounded(comparison.periods[-1].adopters.median)
    )


def test_the_periods_table_and_the_csv_export_give_the_same_medians(client, payment_terms):
    page = parse_html(client.get("/rapportages/indicatoren/betaaltermijn/").content)
    response = client.get("/rapportages/indicatoren/betaaltermijn/", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))

    shown = {
        row.th.get_text(strip=True): row.select_one('td[data-label="Mediaan"]').get_text(strip=True)
        for row in page.select("table:has(caption:-soup-contains('Waarden per periode')) tbody tr")
    }
    exported = {row["periode"]: row["mediaan"].replace(".", ",") for row in rows}
    assert list(exported) == [str(year) for year in YEARS]
    assert shown == exported
    assert {row["gemeenten"] for row in rows} == {"40"}


def test_fewer_than_five_municipalities_give_no_figures(client, make_initiative, enschede):
    indicator = IndicatorFactory(slug="klein")
    IndicatorValue.objects.create(
        indicator=indicator,
        municipality=enschede,
        period="2025",
        period_start=datetime.date(2025, 1, 1),
        value=Decimal(12),
        source=ChangeSource.FORM,
    )

    page = parse_html(client.get("/rapportages/indicatoren/klein/").content)

    (row,) = page.select("table:has(caption:-soup-contains('Waarden per periode')) tbody tr")
    assert [cell.get_text(strip=True) for cell in row.select("td")] == ["1", "te weinig gegevens"]


def test_an_unknown_indicator_gives_404_and_the_list_names_each(client, payment_terms):
    assert client.get("/rapportages/indicatoren/bestaat-niet/").status_code == 404
    page = parse_html(client.get("/rapportages/indicatoren/").content)
    assert [a["href"] for a in page.main.select("li a")] == [
        "/rapportages/indicatoren/betaaltermijn/"
    ]


def test_the_api_gives_the_reports_figures(client, payment_terms):
    from_api = client.get("/api/v1/reports/indicators/betaaltermijn").json()
    report = indicator_report(payment_terms, TODAY)

    (gain,) = from_api["gains"]
    assert (gain["initiative"], gain["adopters"]) == ("e-facturatie", 16)
    assert gain["estimate"] == pytest.approx(report.gains[0].effect.estimate)
    assert [period["figures"]["median"] for period in from_api["periods"]] == pytest.approx(
        [line.figures.median for line in report.periods]
    )


def test_the_scorecard_shows_the_municipalitys_own_latest_value_against_the_band(
    client, payment_terms
):
    page = parse_html(client.get("/gemeenten/GM7003/").content)

    section = page.select_one('section[aria-labelledby="wat-levert-het-op"]')
    row = table_row(section, "Betaaltermijn facturen")
    own = IndicatorValue.objects.get(municipality__code="GM7003", period="2025")
    assert row["Periode"].get_text(strip=True) == "2025"
    assert (
        row["Waarde"].get_text(" ", strip=True) == f"{own.value:.1f}".replace(".", ",") + " dagen"
    )
    band = "binnen" if own.value <= 20 else "buiten"
    assert row["Bandbreedte"].get_text(" ", strip=True) == f"ten hoogste 20,0 dagen: {band}"
    assert row["Mediaan provincie"].get_text(strip=True) != "te weinig gegevens"


def test_the_initiative_page_and_the_home_page_give_the_measured_gain(client, payment_terms):
    initiative_page = parse_html(client.get("/initiatieven/e-facturatie/").content)
    home = parse_html(client.get("/").content)

    on_initiative = initiative_page.select_one('section[aria-labelledby="indicator-betaaltermijn"]')
    on_home = home.select_one('section[aria-labelledby="gain-heading"]')
    sentences = [
        " ".join(paragraph.get_text().split())
        for section in (on_initiative, on_home)
        for paragraph in section.select("p")
        if "invoerden" in paragraph.get_text()
    ]
    assert len(sentences) == 2
    assert all(
        sentence.startswith("Gemeenten die E-facturatie invoerden, kwamen daarna gemiddeld")
        for sentence in sentences
    )
    assert on_home.a["href"] == "/rapportages/indicatoren/betaaltermijn/"


def test_the_map_counts_municipalities_within_and_outside_the_band(client, payment_terms):
    page = parse_html(client.get("/rapportages/indicatoren/betaaltermijn/").content)
    caption = page.select_one("#band-map-title").get_text(strip=True)
    assert caption == "Binnen of buiten de bandbreedte in 2025"
    latest = IndicatorValue.objects.filter(period="2025")
    within = sum(value.value <= 20 for value in latest)

    legend = {
        item.get_text(" ", strip=True).rsplit(" ", 1)[0]: item.select_one(
            ".map-legend__count"
        ).get_text(strip=True)
        for item in page.select("figure.report-map .map-legend li")
    }
    assert legend == {
        "Binnen de bandbreedte": str(within),
        "Buiten de bandbreedte": str(40 - within),
        "Geen waarde": "0",
    }


def test_who_adopted_before_the_first_period_or_stopped_again_counts_on_neither_side(
    client, payment_terms
):
    initiative = payment_terms.initiatives.get()
    early = MunicipalityFactory(code="GM7100", name="Vroeg")
    stopped = MunicipalityFactory(code="GM7101", name="Gestopt")
    given_status(early, initiative, "implemented", day=datetime.date(2012, 1, 1))
    given_status(stopped, initiative, "implemented", day=datetime.date(2021, 3, 1))
    given_status(stopped, initiative, "stopped", day=datetime.date(2023, 3, 1))
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=payment_terms,
            municipality=municipality,
            period=str(year),
            period_start=datetime.date(year, 1, 1),
            value=Decimal(20),
            source=ChangeSource.IMPORT,
        )
        for municipality in (early, stopped)
        for year in YEARS
    )

    gain = gain_of(payment_terms, initiative, TODAY)

    assert (gain.effect.adopters, gain.effect.controls) == (16, 24)


def test_the_indicator_list_names_no_unpublished_initiative(client, payment_terms, make_initiative):
    hidden = make_initiative(title="Geheim initiatief", slug="geheim", live=False)
    payment_terms.initiatives.add(hidden)

    page = parse_html(client.get("/rapportages/indicatoren/").content)

    (item,) = page.main.select("li")
    assert " ".join(item.get_text().split()) == "Betaaltermijn facturen (E-facturatie)"


@pytest.mark.parametrize(
    ("effect", "sentence"),
    [
        (
            -2,
            "Wat de gemeenten die het nog niet invoerden laten liggen, als zij hetzelfde zouden "
            "winnen: samen {amount} euro per periode",
        ),
        (
            0,
            "Of de gemeenten die het nog niet invoerden iets laten liggen, is niet te zeggen: het "
            "interval reikt tot geen verschil of verder.",
        ),
    ],
)
def test_for_money_the_page_says_what_the_others_leave_on_the_table(
    client, make_initiative, effect, sentence
):
    """24 municipalities of 10,000 residents each never adopted: with 2 euro per resident
    saved by adopting, they leave about 480,000 euro a year on the table."""
    initiative = make_initiative(title="Inkoop", slug="inkoop")
    indicator = IndicatorFactory(slug="kosten", per_resident_cost=True)
    measured_register(initiative, indicator, effect, population=10_000)

    (gain,) = indicator_report(indicator, TODAY).gains
    page = parse_html(client.get("/rapportages/indicatoren/kosten/").content)

    said = [
        " ".join(paragraph.get_text().split())
        for paragraph in page.select('section[aria-labelledby="gain-inkoop"] p')
    ]
    if effect:
        amount, low, high = gain.on_the_table
        assert 0 < low < 480_000 < high
        assert amount == pytest.approx(-gain.effect.estimate * 240_000)
        expected = sentence.format(amount=decimal_number(amount))
    else:
        assert gain.on_the_table is None
        expected = sentence
    assert any(paragraph.startswith(expected) for paragraph in said), said
