"""A VNG editor sees on the over-time page, the gap report, the home page and in the API when
an initiative's target is expected to be reached, with its band, from the register's own
dated statements; a peildatum in the past forecasts only from what was known before it."""

import datetime
import json
from decimal import Decimal

import pytest

from initiatives.models import Municipality
from initiatives.reporting.adoption_forecasts import adoption_forecast
from tests.factories import MunicipalityFactory
from tests.helpers import TODAY, given_status, parse_html

pytestmark = pytest.mark.django_db

START = datetime.date(2021, 1, 1)


def quarter_day(quarter: int) -> datetime.date:
    """The 15th of the first month of quarter `quarter` after START."""
    return datetime.date(START.year + quarter // 4, 3 * (quarter % 4) + 1, 15)


@pytest.fixture
def growing(make_initiative):
    """40 municipalities; from 2021 one more implements it every quarter, 24 by now (target:
    80 % by 1 January 2027, which at this pace comes later)."""
    initiative = make_initiative(
        title="Gegevensdeling",
        slug="gegevensdeling",
        started_on=START,
        adoption_target_share=Decimal(80),
        adoption_target_date=datetime.date(2027, 1, 1),
    )
    for number in range(40):
        municipality = MunicipalityFactory(code=f"GM{7000 + number}", name=f"Gemeente {number}")
        quarter = number
        if quarter_day(quarter) <= TODAY:
            given_status(municipality, initiative, "implemented", day=quarter_day(quarter))
    return initiative


def test_the_over_time_page_draws_the_expected_course_and_says_when_the_target_comes(
    client, growing
):
    page = parse_html(client.get("/rapportages/initiatieven/gegevensdeling/verloop/").content)

    svg = page.select_one("figure.chart svg")
    assert svg.select_one("polyline.chart__expected")["points"]
    assert svg.select_one("polygon.chart__band")["points"]
    assert svg.select_one("line.chart__target")
    sentence = " ".join(page.select_one("p.forecast").get_text().split())
    assert sentence.startswith("Doel 80,0 % naar verwachting bereikt rond het ")
    assert "Doeldatum 1 januari 2027: Achter." in sentence
    table = page.select_one("table:has(caption:-soup-contains('Verwachte adoptiegraad'))")
    assert len(table.select("tbody tr")) >= 9


def test_the_json_export_and_the_api_give_the_forecast(client, growing):
    exported = client.get(
        "/rapportages/initiatieven/gegevensdeling/verloop/", {"format": "json"}
    ).json()["forecast"]
    from_api = client.get("/api/v1/reports/initiatives/gegevensdeling").json()["forecast"]

    assert exported == from_api
    assert exported["method"] == "bass-bootstrap"
    assert exported["basis"] == {"quarters": 24, "municipalities": 40, "adopters": 24}
    assert exported["status"] == "behind"
    assert exported["expected_on"] > "2027-K1"


def test_too_few_quarters_says_te_weinig_gegevens(client, make_initiative):
    initiative = make_initiative(
        slug="nieuw",
        started_on=datetime.date(2025, 6, 1),
        adoption_target_share=Decimal(50),
        adoption_target_date=datetime.date(2028, 1, 1),
    )
    for number in range(10):
        municipality = MunicipalityFactory(code=f"GM{7100 + number}")
        given_status(municipality, initiative, "implemented", day=datetime.date(2025, 9, 1))
    for number in range(10, 30):
        MunicipalityFactory(code=f"GM{7100 + number}")

    page = parse_html(client.get("/rapportages/initiatieven/nieuw/verloop/").content)

    sentence = " ".join(page.select_one("p.forecast").get_text().split())
    assert sentence == (
        "Te weinig gegevens voor een verwachting: 7 kwartalen en 10 gemeenten die het "
        "invoerden; er zijn minstens 8 kwartalen en 5 gemeenten nodig."
    )
    assert not page.select("polyline.chart__expected")


def test_a_stalled_initiative_says_so(client, make_initiative):
    initiative = make_initiative(
        slug="stil",
        started_on=START,
        adoption_target_share=Decimal(60),
        adoption_target_date=datetime.date(2030, 1, 1),
    )
    for number in range(40):
        municipality = MunicipalityFactory(code=f"GM{7200 + number}")
        # Two a quarter through 2022, then nobody.
        if number < 16:
            given_status(municipality, initiative, "implemented", day=quarter_day(number // 2))

    page = parse_html(client.get("/rapportages/initiatieven/stil/verloop/").content)

    sentence = " ".join(page.select_one("p.forecast").get_text().split())
    assert sentence.startswith(
        "Stilgevallen: al 6 kwartalen of langer geen nieuwe gemeente die het invoerde."
    )
    assert sentence.endswith("Doeldatum 1 januari 2030: Niet haalbaar bij dit tempo.")


def test_an_initiative_past_its_target_says_so(client, growing):
    growing.adoption_target_share = Decimal(50)
    growing.save()

    page = parse_html(client.get("/rapportages/initiatieven/gegevensdeling/").content)

    sentence = " ".join(page.select_one("p.forecast").get_text().split())
    assert sentence == "Het doel van 50,0 % is bereikt."


def test_a_past_peildatum_forecasts_only_from_the_history_before_it(growing):
    day = datetime.date(2023, 10, 1)

    before = adoption_forecast(growing, day)

    assert before.forecast.basis_quarters == 12
    assert before.forecast.adopters == 11
    # Nothing recorded after the day changes what was expected on it.
    not_yet = Municipality.objects.get(code="GM7039")
    given_status(not_yet, growing, "implemented", day=datetime.date(2025, 1, 1))
    again = adoption_forecast(growing, day)
    assert json.dumps(again.course(), default=str) == json.dumps(before.course(), default=str)


def test_a_target_the_curve_reaches_before_its_date_is_on_track(client, growing):
    growing.adoption_target_date = datetime.date(2040, 1, 1)
    growing.save()

    page = parse_html(client.get("/rapportages/initiatieven/gegevensdeling/").content)

    sentence = " ".join(page.select_one("p.forecast").get_text().split())
    assert sentence.endswith("Doeldatum 1 januari 2040: Op koers.")
    home = parse_html(client.get("/").content)
    (row,) = home.select("section[aria-labelledby=targets-heading] tbody tr")
    stand = " ".join(row.select_one('td[data-label="Stand"]').get_text().split())
    assert stand.startswith("Op koers (verwacht 20")


def test_the_api_forecasts_a_province_or_a_size_class_on_request(client, growing):
    for number in range(10):
        MunicipalityFactory(code=f"GM{7300 + number}", province="Utrecht")
    url = "/api/v1/reports/initiatives/gegevensdeling/forecast"

    national = client.get(url).json()
    overijssel = client.get(url, {"province": "Overijssel"}).json()
    utrecht = client.get(url, {"province": "Utrecht"}).json()
    small = client.get(url, {"size": "below_20k"}).json()
    refused = client.get(url, {"size": "reus"})

    assert national["basis"]["municipalities"] == 50
    assert (overijssel["basis"]["municipalities"], overijssel["enough_data"]) == (40, True)
    assert (utrecht["basis"]["adopters"], utrecht["enough_data"]) == (0, False)
    assert small["basis"] == {"quarters": 24, "municipalities": 0, "adopters": 0}
    assert refused.status_code == 422


def test_the_gap_report_links_each_province_to_its_own_course_and_forecast(client, growing):
    for number in range(10):
        MunicipalityFactory(code=f"GM{7300 + number}", province="Utrecht")
    gap = parse_html(client.get("/rapportages/initiatieven/gegevensdeling/").content)
    links = {
        row.select_one("th").get_text(strip=True): row.select_one("a")["href"]
        for row in gap.select("h2:-soup-contains('Per provincie') + table tbody tr")
    }

    overijssel = parse_html(client.get(links["Overijssel"]).content)
    utrecht = parse_html(client.get(links["Utrecht"]).content)

    assert " ".join(overijssel.select_one("p.lead").get_text().split()).endswith(
        "Provincie: Overijssel."
    )
    rows = overijssel.select("table:has(caption:-soup-contains('begin van elk kwartaal')) tr")
    assert rows[-1].select_one('td[data-label="Gemeenten (excl. n.v.t.)"]').get_text() == "40"
    assert "over 24 kwartalen en 40 gemeenten" in overijssel.select_one("p.forecast-method").text
    assert utrecht.select_one("p.forecast").get_text().strip().startswith("Te weinig gegevens")
    assert not utrecht.select("polyline.chart__expected")


def test_an_unknown_province_on_the_over_time_page_is_refused_in_dutch(client, growing):
    response = client.get(
        "/rapportages/initiatieven/gegevensdeling/verloop/", {"province": "Atlantis"}
    )

    assert response.status_code == 400
    assert "Atlantis is geen beschikbare keuze" in parse_html(response.content).get_text()
