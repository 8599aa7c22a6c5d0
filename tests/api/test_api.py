"""The open API: public reads, scoped token writes, problem+json errors."""

import datetime
import json

import pytest
from django.utils import timezone

from initiatives.adoption.service import record_adoption
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.constants import ChangeSource
from initiatives.models import Adoption, AdoptionChange, ApiToken
from initiatives.reporting.gap import initiative_gap
from tests.factories import (
    LabIndexPageFactory,
    LabResultPageFactory,
    LivingLabPageFactory,
    MunicipalityFactory,
)
from tests.helpers import TODAY, database_state, given_status

pytestmark = pytest.mark.django_db

URL = "/api/v1/adoptions/GM0153/gibit"


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def put(client, token, body, url=URL, **headers):
    return client.put(
        url, json.dumps(body), content_type="application/json", **auth(token), **headers
    )


GOOD = {"status": "implemented", "effective_date": "2024-05-01", "evidence_level": "confirmed"}


def test_a_municipal_system_records_its_status_through_the_service(
    client, token_for, enschede, gibit
):
    response = put(client, token_for(enschede), GOOD)
    assert response.status_code == 201, response.content
    assert response["ETag"] == '"1"'
    change = AdoptionChange.objects.get()
    assert (change.source, change.new_status, change.recorded_by.username) == (
        "api",
        "implemented",
        "systeem-GM0153",
    )


def test_a_token_of_a_writing_b_is_refused_and_nothing_is_written(
    client, token_for, hengelo, gibit
):
    before = database_state()
    response = put(client, token_for(hengelo), GOOD)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert database_state() == before


def test_a_revoked_token_gets_401(client, token_for, enschede, gibit):
    token = token_for(enschede)
    ApiToken.objects.update(revoked_at=timezone.now())
    response = put(client, token, GOOD)
    assert response.status_code == 401
    assert json.loads(response.content)["status"] == 401
    assert not Adoption.objects.exists()


def test_last_use_of_a_token_is_recorded(client, token_for, enschede, gibit):
    put(client, token_for(enschede), GOOD)
    assert ApiToken.objects.get().last_used_at is not None


def test_a_stale_if_match_gets_412_and_nothing_is_written(client, token_for, enschede, gibit):
    given_status(enschede, gibit, "planned")
    given_status(enschede, gibit, "piloting", day=datetime.date(2024, 2, 1))
    before = database_state()
    response = put(client, token_for(enschede), GOOD, HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    assert database_state() == before
    fresh = client.get(URL)["ETag"]
    assert put(client, token_for(enschede), GOOD, HTTP_IF_MATCH=fresh).status_code == 200


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({**GOOD, "status": "klaar"}, 422),
        ({**GOOD, "effective_date": "2999-01-01"}, 422),
        ({**GOOD, "effective_date": 20240501}, 422),
        ({**GOOD, "status": ["implemented"]}, 422),
        ({**GOOD, "colour": "red"}, 422),
        ({"status": "implemented"}, 422),
    ],
)
def test_bad_bodies_are_refused_with_problem_json(client, token_for, enschede, gibit, body, status):
    response = put(client, token_for(enschede), body)
    assert response.status_code == status
    problem = json.loads(response.content)
    assert {"title", "status", "detail"} <= problem.keys()
    assert not Adoption.objects.exists()


def test_a_future_date_is_explained_in_dutch(client, token_for, enschede, gibit):
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = put(client, token_for(enschede), {**GOOD, "effective_date": tomorrow})
    assert "ligt in de toekomst" in json.loads(response.content)["detail"]


def test_a_one_megabyte_body_gets_413(client, token_for, enschede, gibit):
    body = {**GOOD, "public_explanation": "x" * (1024 * 1024)}
    response = put(client, token_for(enschede), body)
    assert response.status_code == 413
    assert not Adoption.objects.exists()


def test_bad_tokens_are_rate_limited(client, enschede, gibit):
    codes = [put(client, "onzin", GOOD).status_code for _ in range(12)]
    assert codes[:10] == [401] * 10
    assert codes[-1] == 429


def test_internal_notes_only_reach_a_token_of_the_same_municipality(
    client, token_for, enschede, hengelo, gibit
):
    given_status(enschede, gibit, note="Contract loopt af in 2026")
    for headers in ({}, auth(token_for(hengelo))):
        assert "Contract loopt af" not in client.get(URL, **headers).content.decode()
        listing = client.get("/api/v1/adoptions", **headers).content.decode()
        assert "Contract loopt af" not in listing and "internal_note" not in listing
    own = client.get(URL, **auth(token_for(enschede))).json()
    assert own["internal_note"] == "Contract loopt af in 2026"


def test_a_status_known_only_from_a_public_file_says_uiterlijk_sinds(
    client, enschede, hengelo, gibit
):
    first_seen = datetime.date(2026, 11, 2)
    stand_in = AdoptionUpdate(
        enschede,
        gibit,
        "implemented",
        first_seen,
        since_is_upper_bound=True,
        source_url="https://code.example.org/publiccode.yml",
    )
    record_adoption(stand_in, user=None, source=ChangeSource.HARVEST)
    given_status(hengelo, gibit, "planned", day=datetime.date(2026, 3, 1))

    listed = {
        record["municipality"]: record
        for record in client.get("/api/v1/adoptions").json()["results"]
    }
    assert listed["GM0153"]["status_since"] == "2026-11-02"
    assert listed["GM0153"]["status_since_is_upper_bound"] is True
    assert listed["GM0164"]["status_since_is_upper_bound"] is False
    (change,) = client.get(f"{URL}/history").json()
    assert (change["effective_date"], change["effective_date_is_upper_bound"]) == (
        "2026-11-02",
        True,
    )


def test_report_numbers_equal_the_html_report(client, enschede, hengelo, gibit):
    given_status(enschede, gibit, "implemented")
    given_status(hengelo, gibit, "not_applicable")
    MunicipalityFactory(name="Stil")
    api = client.get("/api/v1/reports/initiatives/gibit").json()
    html = client.get("/rapportages/initiatieven/gibit/").context["gap"]
    assert api["implemented"] == html.rate.implemented == 1
    assert api["denominator"] == html.rate.denominator == 2
    assert {c["status"]: c["count"] for c in api["counts"]} == {
        c.status: c.count for c in html.counts
    }
    assert api["gap"]["unknown"] == [m.code for m in html.gap["unknown"]]
    assert api["adoption_rate"] == initiative_gap(gibit, TODAY).rate.share

    scorecard = client.get("/api/v1/reports/municipalities/GM0164").json()
    html_lines = client.get("/rapportages/gemeenten/GM0164/").context["report"].lines
    assert [(line["initiative"], line["province_peer_share"]) for line in scorecard["lines"]] == [
        (line.initiative.slug, line.province_peers.share) for line in html_lines
    ]


def test_pages_are_stable_and_reads_carry_etags(client, enschede, hengelo, gibit, make_initiative):
    ensia = make_initiative(title="ENSIA", slug="ensia")
    for municipality in (enschede, hengelo):
        for initiative in (gibit, ensia):
            given_status(municipality, initiative)
    first = client.get("/api/v1/adoptions", {"page_size": 3})
    second = client.get("/api/v1/adoptions", {"page_size": 3, "page": 2})
    keys = [(r["municipality"], r["initiative"]) for r in first.json()["results"]]
    keys += [(r["municipality"], r["initiative"]) for r in second.json()["results"]]
    assert len(set(keys)) == 4 and first.json()["count"] == 4
    assert first["ETag"] and first["Last-Modified"]
    unchanged = client.get("/api/v1/adoptions", {"page_size": 3}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304


def test_a_client_pages_through_everything_by_the_last_id(
    client, enschede, hengelo, gibit, make_initiative
):
    ensia = make_initiative(title="ENSIA", slug="ensia")
    for municipality in (enschede, hengelo):
        for initiative in (gibit, ensia):
            given_status(municipality, initiative)
    seen, after = [], 0
    while True:
        body = client.get("/api/v1/adoptions", {"page_size": 3, "after": after}).json()
        if not body["results"]:
            break
        seen += [(r["municipality"], r["initiative"]) for r in body["results"]]
        after = body["results"][-1]["id"]
    assert len(seen) == len(set(seen)) == 4
    refused = client.get("/api/v1/adoptions", {"after": 1, "as_of": "2024-06-01"})
    assert (
        refused.status_code == 400 and "after kan niet samen met as_of" in refused.json()["detail"]
    )


def test_unknown_resources_and_future_as_of_are_problems(client, enschede, gibit):
    assert client.get("/api/v1/municipalities/GM9999").status_code == 404
    response = client.get("/api/v1/adoptions", {"as_of": "2999-01-01"})
    assert response.status_code == 400
    assert "toekomst" in response.json()["detail"]


def test_only_published_lab_results_are_listed(client, home_page):

    lab = LivingLabPageFactory(parent=LabIndexPageFactory(parent=home_page), slug="oost")
    LabResultPageFactory(parent=lab, title="Gepubliceerd", slug="klaar")
    LabResultPageFactory(parent=lab, title="Concept", slug="concept", live=False)
    results = client.get("/api/v1/lab-results").json()
    assert [(r["slug"], r["lab"]) for r in results] == [("klaar", "oost")]


def test_as_of_lists_the_states_on_that_day_from_the_history(
    client, token_for, enschede, hengelo, gibit
):
    given_status(enschede, gibit, "planned", note="geheim", day=datetime.date(2023, 1, 1))
    given_status(enschede, gibit, "implemented", day=datetime.date(2024, 6, 1))
    given_status(hengelo, gibit, "piloting", day=datetime.date(2024, 1, 1))

    response = client.get("/api/v1/adoptions", {"as_of": "2023-06-30"}, **auth(token_for(enschede)))

    assert response.status_code == 200
    # Hengelo had no status yet; a state from the history has no note, even for its own token.
    assert response.json() == {
        "count": 1,
        "page": 1,
        "page_size": 100,
        "results": [
            {
                "municipality": "GM0153",
                "municipality_tooi": "https://identifier.overheid.nl/tooi/id/gemeente/gm0153",
                "initiative": "gibit",
                "status": "planned",
                "evidence_level": "",
            }
        ],
    }


def test_as_of_after_a_merger_leaves_the_merged_municipality_out_and_filters_apply(
    client, enschede, hengelo, gibit
):
    given_status(enschede, gibit, "implemented", day=datetime.date(2024, 6, 1))
    given_status(hengelo, gibit, "piloting", day=datetime.date(2024, 1, 1))
    weesp = MunicipalityFactory(code="GM0457", name="Weesp", merged=True)
    given_status(weesp, gibit, "stopped", day=datetime.date(2020, 1, 1))

    before_merger = client.get("/api/v1/adoptions", {"as_of": "2022-03-23"}).json()
    on_day = client.get("/api/v1/adoptions", {"as_of": "2024-07-01"}).json()
    piloting = client.get("/api/v1/adoptions", {"as_of": "2024-07-01", "status": "piloting"})

    assert [row["municipality"] for row in before_merger["results"]] == ["GM0457"]
    assert [row["municipality"] for row in on_day["results"]] == ["GM0153", "GM0164"]
    assert [row["municipality"] for row in piloting.json()["results"]] == ["GM0164"]
