"""A report asked for today's date is the report of today: `?peildatum=<today>` and no
peildatum give the same page and the same exports (the public explanations, evidence, last
confirmation and "Klopt dit niet?" links included)."""

import pytest

from initiatives.models import Adoption
from tests.factories import MunicipalityFactory
from tests.helpers import TODAY, given_status, parse_html

pytestmark = pytest.mark.django_db

REPORTS = [
    "/rapportages/initiatieven/gibit/",
    "/rapportages/initiatieven/gibit/verloop/",
    "/gemeenten/GM0153/",
    "/rapportages/gemeenten/GM0153/",
    "/rapportages/matrix/",
]


@pytest.fixture
def explained(enschede, hengelo, gibit, home_page):
    MunicipalityFactory(code="GM0141", name="Almelo", province="Overijssel")
    given_status(enschede, gibit, "implemented")
    Adoption.objects.filter(municipality=enschede).update(
        public_explanation="Sinds 2024 in gebruik voor alle inkoop.",
        evidence_url="https://www.enschede.nl/inkoop",
        evidence_level="published",
    )
    given_status(hengelo, gibit, "not_applicable")


def main_content(response) -> str:
    """What a reader reads of the page, without the form that shows the chosen day."""
    main = parse_html(response.content).find("main")
    for form in main.find_all("form"):
        form.decompose()
    return main.get_text(" ", strip=True)


@pytest.mark.parametrize("path", REPORTS)
def test_a_report_of_today_is_the_same_with_or_without_todays_peildatum(client, explained, path):
    today = TODAY.isoformat()
    without = client.get(path)
    with_today = client.get(path, {"peildatum": today})
    assert without.status_code == with_today.status_code == 200
    assert main_content(with_today) == main_content(without)


@pytest.mark.parametrize("path", REPORTS)
def test_an_export_of_today_is_the_same_with_or_without_todays_peildatum(client, explained, path):
    today = TODAY.isoformat()
    without = client.get(path, {"format": "json"}).json()
    with_today = client.get(path, {"format": "json", "peildatum": today}).json()
    for body in (without, with_today):
        assert body.pop("gegenereerd_op")
    assert with_today == without


def test_todays_gap_report_shows_the_explanations_whatever_the_address(client, explained):
    today = TODAY.isoformat()
    page = parse_html(client.get("/rapportages/initiatieven/gibit/", {"peildatum": today}).content)
    table = page.find("table", attrs={"aria-labelledby": "toelichtingen"})
    assert (
        table.tbody.tr.td.find_next("td")
        .get_text(" ", strip=True)
        .startswith("Sinds 2024 in gebruik voor alle inkoop.")
    )
