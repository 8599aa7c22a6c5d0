"""What a red-team test found in the API: each case answers in Dutch and never with a 5xx."""

import datetime
import json

import pytest
from django.utils import timezone

from initiatives.api import adoptions as api
from initiatives.models import Adoption, ApiToken
from tests.helpers import database_state

from .test_api import GOOD, URL, put

pytestmark = pytest.mark.django_db


def problem(response):
    assert response["Content-Type"] == "application/problem+json"
    return json.loads(response.content)


def test_a_valid_token_still_writes_after_ten_bad_ones_from_the_same_address(
    client, token_for, enschede, gibit
):
    good = token_for(enschede)
    codes = [put(client, "onzin", GOOD).status_code for _ in range(12)]
    assert codes[-1] == 429
    assert put(client, good, GOOD).status_code == 201


def test_bad_tokens_are_counted_per_client_behind_a_proxy(client, settings, enschede, gibit):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    for _ in range(11):
        put(client, "onzin", GOOD, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert put(client, "onzin", GOOD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    # Another client behind the same proxy; a spoofed first entry does not help the first.
    assert put(client, "onzin", GOOD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 401
    spoofed = "203.0.113.50, 198.51.100.7"
    assert put(client, "onzin", GOOD, HTTP_X_FORWARDED_FOR=spoofed).status_code == 429


@pytest.mark.parametrize("page", ["9223372036854775807", "100001", "0", "-1"])
def test_an_out_of_range_page_gets_422_in_dutch(client, page):
    response = client.get("/api/v1/adoptions", {"page": page})
    assert response.status_code == 422
    assert "page:" in problem(response)["detail"]


@pytest.mark.parametrize("as_of", ["0", "1700000000", "24-11-2026", "gisteren"])
def test_as_of_must_be_a_written_date(client, as_of):
    response = client.get("/api/v1/adoptions", {"as_of": as_of})
    assert response.status_code == 422
    assert "as_of: geen datum in de vorm JJJJ-MM-DD" in problem(response)["detail"]


def test_an_effective_date_of_zero_is_refused(client, token_for, enschede, gibit):
    response = put(client, token_for(enschede), {**GOOD, "effective_date": 0})
    assert response.status_code == 422
    assert not Adoption.objects.exists()


@pytest.mark.parametrize(
    "body, expected",
    [
        ({**GOOD, "evidence_url": "javascript:alert(document.cookie)"}, "geen webadres"),
        ({**GOOD, "evidence_url": "data:text/html,<script>x</script>"}, "geen webadres"),
        ({**GOOD, "evidence_url": "geen link"}, "geen webadres"),
        ({**GOOD, "public_explanation": "a\x00b"}, "NUL-teken"),
        ({**GOOD, "status": "klaar"}, "status: kies uit"),
        ({**GOOD, "kleur": "rood"}, "kleur: is onbekend"),
        ({"effective_date": "2024-01-01"}, "status: ontbreekt"),
    ],
)
def test_bad_writes_get_a_dutch_422_and_change_nothing(
    client, token_for, enschede, gibit, body, expected
):
    token = token_for(enschede)
    before = database_state()
    response = put(client, token, body)
    assert response.status_code == 422
    assert expected in problem(response)["detail"]
    assert database_state() == before


def test_a_revocation_dated_in_the_future_takes_effect_then(client, token_for, enschede, gibit):
    token = token_for(enschede)
    ApiToken.objects.update(revoked_at=timezone.now() + datetime.timedelta(days=7))
    assert put(client, token, GOOD).status_code == 201
    ApiToken.objects.update(revoked_at=timezone.now() - datetime.timedelta(seconds=1))
    assert put(client, token, GOOD).status_code == 401


def test_an_unexpected_error_is_answered_as_problem_json(client, monkeypatch, enschede, gibit):

    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(api, "_record", broken)
    client.raise_request_exception = False
    response = client.get(URL)
    assert response.status_code == 500
    assert problem(response)["title"] == "Serverfout"
    assert "kapot" not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/adoptions?initiative=%C3%AD7%00&status=stopped",
        "/api/v1/adoptions?status%00=stopped",
        "/api/v1/initiatives/gibit%00",
        "/api/v1/reports/initiatives/gibit/forecast?province=%00",
    ],
)
def test_a_nul_character_in_an_api_address_gets_a_dutch_400_on_every_database(
    client, enschede, gibit, path
):
    response = client.get(path)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "NUL-teken" in response.json()["detail"]
    assert response["API-Version"] == "1.0.0"
