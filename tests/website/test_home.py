"""The home page as a dashboard, and "Hoe doet mijn gemeente het?"."""

import datetime

import pytest

from initiatives.adoption.service import record_adoptions
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.web.forms import MunicipalityChoiceForm
from tests.factories import MunicipalityFactory
from tests.helpers import TODAY, parse_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def bio_with_target(make_initiative):
    bio = make_initiative(
        title="BIO",
        slug="bio",
        started_on=datetime.date(2020, 1, 1),
        with_target=True,
    )
    municipalities = [MunicipalityFactory() for _ in range(4)]
    record_adoptions(
        [AdoptionUpdate(municipalities[0], bio, "implemented", datetime.date(2024, 1, 1))],
        user=None,
        source="import",
    )
    return bio


def test_home_shows_the_national_adoption_of_initiatives_with_a_target(
    client, bio_with_target, make_initiative, django_assert_max_num_queries
):
    make_initiative(title="Zonder doel", slug="zonder-doel")
    # 32, and 4 for the forecast of the one initiative with a target: its data version, the
    # municipalities it applies to and its history (kept after the first time).
    with django_assert_max_num_queries(36):
        page = parse_html(client.get("/").content)
    targets = page.find(id="targets-heading").parent
    assert targets_of(targets, "Ingevoerd") == [
        ("BIO", "/rapportages/initiatieven/bio/", "25,0\u00a0%")
    ]
    kraamkamer = page.find(id="kraamkamer-heading").parent
    assert kraamkamer.select_one("p.figure").get_text() == "0"


def targets_of(section, implemented_label):
    """The national targets table as read: (initiative, its report, share implemented)."""
    return [
        (
            row.th.a.get_text(),
            row.th.a["href"],
            row.select_one(f'td[data-label="{implemented_label}"]').get_text(),
        )
        for row in section.select("tbody tr")
    ]


def test_picking_a_municipality_opens_its_scorecard(client, enschede):
    response = client.get("/gemeenten/kies/", {"gemeente": "GM0153"})
    assert response.status_code == 302
    assert response["Location"] == "/gemeenten/GM0153/"


@pytest.mark.parametrize(
    "typed", ["Enschede", "enschede", " Enschede ", "Enschde", "GM0153", "0153"]
)
def test_typing_a_name_a_near_name_or_a_code_opens_the_scorecard(client, enschede, typed):
    response = client.get("/gemeenten/kies/", {"gemeente": typed})
    assert response.status_code == 302 and response["Location"] == "/gemeenten/GM0153/"


@pytest.mark.parametrize("typed", ["Den Haag", "den haag", "'s-Gravenhage"])
def test_the_name_people_use_opens_the_scorecard(client, typed):
    MunicipalityFactory(code="GM0518", name="'s-Gravenhage", province="Zuid-Holland")
    response = client.get("/gemeenten/kies/", {"gemeente": typed})
    assert response["Location"] == "/gemeenten/GM0518/"


@pytest.mark.parametrize("typed", ["GM9999", "<script>", "GM0153' OR 1=1", "Atlantis"])
def test_typing_what_is_no_municipality_says_so_in_dutch(client, enschede, typed):
    response = client.get("/gemeenten/kies/", {"gemeente": typed})
    assert response.status_code == 400
    error = parse_html(response.content).select_one("#gemeente-error").get_text()
    assert error == f"‘{typed}’ is geen gemeente van vandaag. Kies een gemeente uit de lijst."


def test_an_empty_choice_asks_for_a_name(client, enschede):
    response = client.get("/gemeenten/kies/", {"gemeente": ""})
    assert response.status_code == 400
    error = parse_html(response.content).select_one("#gemeente-error").get_text()
    assert error == "Typ de naam van een gemeente."


def test_a_name_of_two_municipalities_asks_which_one(client):
    MunicipalityFactory(code="GM0893", name="Bergen (L.)", province="Limburg")
    MunicipalityFactory(code="GM0373", name="Bergen (NH.)", province="Noord-Holland")
    response = client.get("/gemeenten/kies/", {"gemeente": "Bergen"})
    error = parse_html(response.content).select_one("#gemeente-error").get_text()
    assert error.startswith("‘Bergen’ kan meer dan één gemeente zijn: Bergen (")
    assert "Bergen (L.)" in error and "Bergen (NH.)" in error


def test_the_browser_suggests_todays_names_and_the_names_people_use(client, enschede):
    MunicipalityFactory(code="GM0518", name="'s-Gravenhage", province="Zuid-Holland")
    MunicipalityFactory(code="GM0457", name="Weesp", valid_until=datetime.date(2022, 3, 24))
    page = parse_html(client.get("/gemeenten/").content)
    field = page.find("input", attrs={"name": "gemeente"})
    suggested = [option["value"] for option in page.find(id=field["list"]).find_all("option")]
    assert "Enschede" in suggested and "'s-Gravenhage" in suggested and "Den Haag" in suggested
    assert "Weesp" not in suggested


def test_english_home_page_is_served_under_en(client, bio_with_target):
    response = client.get("/en/")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    page = parse_html(response.content)
    assert page.html["lang"] == "en"
    targets = page.find(id="targets-heading")
    assert targets.get_text() == "National adoption and targets"
    # Numbers in the English format.
    assert targets_of(targets.parent, "Implemented") == [
        ("BIO", "/en/rapportages/initiatieven/bio/", "25.0%")
    ]
    assert page.find("a", href="/en/zoeken/")
    assert page.find("a", class_="language-switch", hreflang="nl")


def test_a_municipality_merged_after_the_server_started_is_no_longer_offered(frozen_clock, db):
    merged = MunicipalityFactory(
        code="GM0457", name="Weesp", valid_until=TODAY + datetime.timedelta(days=1)
    )
    # The form class was imported before; the merger takes effect while the worker runs.
    frozen_clock.shift(datetime.timedelta(days=2))
    form = MunicipalityChoiceForm({"gemeente": merged.code})
    assert not form.is_valid()
    assert "Weesp" not in form.suggestions()
