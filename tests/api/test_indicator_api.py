"""A municipality's own system sends its indicator values with its API key; anyone reads the
indicators and their report, with the same figures as the page."""

import json

import pytest

from initiatives.models import IndicatorValue, IndicatorValueChange
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/indicators/betaaltermijn/values/GM0153/2025"


def put(client, token, body, url=URL):
    return client.put(
        url, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


@pytest.fixture
def payment_term(db):
    return IndicatorFactory(slug="betaaltermijn")


def test_a_system_records_a_value_and_changes_it(client, token_for, enschede, payment_term):
    token = token_for(enschede)

    created = put(client, token, {"value": 18.5})
    changed = put(client, token, {"value": 17})

    assert (created.status_code, changed.status_code) == (201, 200)
    assert changed.json() | {"recorded_at": None} == {
        "indicator": "betaaltermijn",
        "municipality": "GM0153",
        "period": "2025",
        "value": 17.0,
        "source": "api",
        "recorded_at": None,
    }
    assert IndicatorValueChange.objects.count() == 2


@pytest.mark.parametrize(
    ("url", "body", "status", "detail"),
    [
        (URL.replace("2025", "2027"), {"value": 18}, 422, "De periode 2027 is nog niet begonnen."),
        (
            URL,
            {"value": 500},
            422,
            "De waarde 500 kan niet bij ‘Betaaltermijn facturen’: die ligt tussen 0 en 365 dagen.",
        ),
        (URL.replace("betaaltermijn", "bestaat-niet"), {"value": 18}, 404, None),
        (URL.replace("GM0153", "GM0164"), {"value": 18}, 403, None),
    ],
)
def test_bad_values_are_refused_and_change_nothing(
    client, token_for, enschede, hengelo, payment_term, url, body, status, detail
):
    response = put(client, token_for(enschede), body, url)

    assert response.status_code == status
    if detail:
        assert response.json()["detail"] == detail
    assert not IndicatorValue.objects.exists()


def test_text_for_a_number_is_refused_in_dutch(client, token_for, enschede, payment_term):
    response = put(client, token_for(enschede), {"value": "veel"})

    assert response.status_code == 422
    assert response.json()["detail"].startswith("value:")
    assert not IndicatorValue.objects.exists()


def test_without_a_key_nothing_is_written(client, enschede, payment_term):
    response = client.put(URL, json.dumps({"value": 18}), content_type="application/json")

    assert response.status_code == 401
    assert not IndicatorValue.objects.exists()


def test_the_indicators_list_names_only_published_initiatives(
    client, make_initiative, payment_term
):
    public = make_initiative(title="E-facturatie", slug="e-facturatie")
    hidden = make_initiative(title="Geheim", slug="geheim", live=False)
    payment_term.initiatives.add(public, hidden)

    (listed,) = client.get("/api/v1/indicators").json()

    assert (listed["slug"], listed["initiatives"], listed["upper_limit"]) == (
        "betaaltermijn",
        ["e-facturatie"],
        20.0,
    )
