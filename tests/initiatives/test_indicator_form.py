"""An editor records a value of the municipality's indicators in the admin, beside its
statuses; a wrong one is refused beside its field and nothing changes."""

import pytest

from initiatives.models import Indicator, IndicatorValue
from tests.factories import IndicatorFactory
from tests.helpers import parse_html

pytestmark = pytest.mark.django_db

URL = "/admin/adoptie/GM0153/indicatoren/"


@pytest.fixture
def payment_term(db):
    return IndicatorFactory(slug="betaaltermijn")


def test_an_editor_records_a_value_and_sees_it_listed(client, roles, payment_term):
    client.force_login(roles["editor_of_a"])

    response = client.post(URL, {"indicator": payment_term.pk, "periode": "2025", "waarde": "18,5"})

    assert response.status_code == 302
    page = parse_html(client.get(URL).content)
    (row,) = page.select("table.listing tbody tr")
    assert [cell.get_text(" ", strip=True) for cell in row.select("td")] == [
        "Betaaltermijn facturen",
        "2025",
        "18,5 dagen",
        "Formulier",
    ]


@pytest.mark.parametrize(
    ("periode", "waarde", "field", "message"),
    [
        ("2027", "18", "periode", "De periode 2027 is nog niet begonnen."),
        ("2025", "veel", "waarde", "‘veel’ is geen getal; schrijf bijvoorbeeld 12,5."),
    ],
)
def test_a_wrong_value_is_refused_beside_its_field(
    client, roles, payment_term, periode, waarde, field, message
):
    client.force_login(roles["editor_of_a"])

    response = client.post(
        URL, {"indicator": payment_term.pk, "periode": periode, "waarde": waarde}
    )

    page = parse_html(response.content)
    assert response.status_code == 400
    assert page.select_one(f"#id_{field}_error").get_text(strip=True) == message
    assert not IndicatorValue.objects.exists()


def test_an_unknown_indicator_is_refused(client, roles, payment_term):
    client.force_login(roles["editor_of_a"])

    response = client.post(URL, {"indicator": 9999, "periode": "2025", "waarde": "18"})

    page = parse_html(response.content)
    assert page.select_one("#id_indicator_error").get_text(strip=True) == (
        "Kies een indicator uit de lijst."
    )
    assert not IndicatorValue.objects.exists()


def test_another_municipalitys_page_is_not_found(client, roles, payment_term):
    client.force_login(roles["editor_of_b"])

    assert client.get(URL).status_code == 404


def test_vng_keeps_the_indicators_and_a_municipal_editor_may_not(client, roles):
    client.force_login(roles["vng"])
    response = client.post(
        "/admin/indicators/new/",
        {
            "name": "Doorlooptijd vergunningen",
            "slug": "doorlooptijd-vergunningen",
            "unit": "weken",
            "money": "",
            "direction": "lower",
            "upper_limit": "8",
            "period_kind": "quarter",
        },
    )
    assert response.status_code == 302
    assert Indicator.objects.get().name == "Doorlooptijd vergunningen"

    client.force_login(roles["editor_of_a"])
    assert client.get("/admin/indicators/new/").status_code in (302, 403)
