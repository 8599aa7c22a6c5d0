"""Public reports and API reads come from the page cache while their data is unchanged, and
change as soon as a write affects them; repeat visitors get a 304 from the ETag."""

import json
import uuid

import pytest
from wagtail.models import PageViewRestriction

from initiatives.adoption.imports import confirm_import, start_import
from initiatives.adoption.service import reconfirm_adoption
from initiatives.constants import ChangeSource
from initiatives.indicators.values import IndicatorValueUpdate, record_indicator_values
from initiatives.models import InitiativePage
from tests.factories import IndicatorFactory, MunicipalityFactory
from tests.helpers import given_status, parse_html, table_row
from tests.initiatives.test_adoption_import import csv_bytes

pytestmark = pytest.mark.django_db

SCORECARD = "/gemeenten/GM0153/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"pages-{uuid.uuid4()}",
        },
    }


def test_a_cached_scorecard_changes_after_a_write_that_affects_it(
    client, enschede, gibit, django_assert_max_num_queries
):
    given_status(enschede, gibit, "planned")
    client.get(SCORECARD)  # the first request of a fresh site stores its settings
    assert "Gepland" in client.get(SCORECARD).content.decode()
    # The municipality's peer groups and the data version, nothing else.
    with django_assert_max_num_queries(2):
        assert "Gepland" in client.get(SCORECARD).content.decode()
    given_status(enschede, gibit, "implemented")
    assert "Geïmplementeerd" in client.get(SCORECARD).content.decode()


@pytest.mark.parametrize("path", ["/rapportages/initiatieven/gibit/", SCORECARD])
def test_a_repeat_visitor_gets_not_modified_until_the_data_changes(client, enschede, gibit, path):
    given_status(enschede, gibit, "planned")
    client.get(path)  # the first request of a fresh site stores its settings
    first = client.get(path)
    etag = first["ETag"]
    assert first.status_code == 200 and "no-cache" in first["Cache-Control"]
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    given_status(enschede, gibit, "implemented")
    again = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag


def test_publishing_an_initiative_changes_its_cached_report(client, enschede, gibit):
    given_status(enschede, gibit, "planned")
    assert "GIBIT" in client.get("/rapportages/initiatieven/gibit/").content.decode()
    page = InitiativePage.objects.get(pk=gibit.pk)
    page.title = "GIBIT-inkoopvoorwaarden"
    page.save_revision().publish()
    assert (
        "GIBIT-inkoopvoorwaarden" in client.get("/rapportages/initiatieven/gibit/").content.decode()
    )


def test_cached_api_reads_change_after_an_api_write(client, token_for, enschede, gibit):
    given_status(enschede, gibit, "planned")
    listed = client.get("/api/v1/adoptions").json()["results"]
    assert [r["status"] for r in listed] == ["planned"]
    response = client.put(
        "/api/v1/adoptions/GM0153/gibit",
        json.dumps({"status": "implemented", "effective_date": "2024-05-01"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_for(enschede)}",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 200, response.content
    listed = client.get("/api/v1/adoptions").json()["results"]
    assert [r["status"] for r in listed] == ["implemented"]


def test_reads_with_an_api_key_or_a_session_are_never_cached(
    client, token_for, roles, enschede, gibit
):
    given_status(enschede, gibit, "planned", note="alleen voor Enschede")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_for(enschede)}"}
    with_key = client.get("/api/v1/adoptions", **headers).json()["results"]
    assert with_key[0]["internal_note"] == "alleen voor Enschede"
    anonymous = client.get("/api/v1/adoptions").json()["results"]
    assert "internal_note" not in anonymous[0]
    assert client.get("/api/v1/adoptions", **headers).json()["results"] == with_key
    client.force_login(roles["editor_of_a"])
    assert "max-age" not in client.get(SCORECARD).get("Cache-Control", "")


def test_a_cached_gap_report_is_kept_when_another_initiative_changes(
    client, enschede, gibit, make_initiative
):
    ensia = make_initiative(title="ENSIA", slug="ensia")
    given_status(enschede, gibit, "planned")
    report = "/rapportages/initiatieven/gibit/"
    client.get(report)  # the first request of a fresh site stores its settings
    etag = client.get(report)["ETag"]
    given_status(enschede, ensia, "implemented")
    assert client.get(report, HTTP_IF_NONE_MATCH=etag).status_code == 304
    given_status(enschede, gibit, "implemented")
    assert client.get(report, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_cached_scorecard_changes_when_a_peer_changes_status_and_not_otherwise(
    client, enschede, hengelo, gibit
):
    """Hengelo is in Enschede's province, so in its peer rates; Groningen (another province
    and size class) is not."""
    groningen = MunicipalityFactory(
        code="GM0014", name="Groningen", province="Groningen", population=240_000
    )
    given_status(enschede, gibit, "planned")
    client.get(SCORECARD)  # the first request of a fresh site stores its settings
    etag = client.get(SCORECARD)["ETag"]
    given_status(groningen, gibit, "implemented")
    assert client.get(SCORECARD, HTTP_IF_NONE_MATCH=etag).status_code == 304
    given_status(hengelo, gibit, "implemented")
    changed = client.get(SCORECARD, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert client.get(SCORECARD, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 304
    given_status(hengelo, gibit, "implemented", note="alleen een notitie")
    assert client.get(SCORECARD, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 304


def test_reconfirming_a_status_changes_the_cached_scorecard(client, enschede, gibit):
    """The scorecard shows when a status was last confirmed ("verouderd")."""
    given_status(enschede, gibit, "planned")
    client.get(SCORECARD)  # the first request of a fresh site stores its settings
    etag = client.get(SCORECARD)["ETag"]
    reconfirm_adoption(enschede, gibit, user=None, expected_version=1)
    assert client.get(SCORECARD, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_an_applied_import_changes_the_cached_scorecard_and_its_dry_run_does_not(
    client, roles, enschede, gibit
):
    given_status(enschede, gibit, "planned")
    client.get(SCORECARD)  # the first request of a fresh site stores its settings
    etag = client.get(SCORECARD)["ETag"]
    content = csv_bytes([("GM0153", "gibit", "implemented", "2024-03-01", "", "", "")])
    preview = start_import(content, "statussen.csv", roles["editor_of_a"])
    assert client.get(SCORECARD, HTTP_IF_NONE_MATCH=etag).status_code == 304
    confirm_import(preview.batch, roles["editor_of_a"])
    assert "Geïmplementeerd" in client.get(SCORECARD, HTTP_IF_NONE_MATCH=etag).content.decode()


def test_a_privacy_change_leaves_no_cached_answer_that_names_the_page(client, enschede, gibit):
    given_status(enschede, gibit, "implemented")
    client.get("/api/v1/adoptions")
    assert client.get("/api/v1/adoptions").json()["count"] == 1
    restriction = PageViewRestriction.objects.create(
        page=gibit, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get("/api/v1/adoptions").json()["count"] == 0
    restriction.delete()
    assert client.get("/api/v1/adoptions").json()["count"] == 1
    gibit.unpublish()
    assert client.get("/api/v1/adoptions").json()["count"] == 0


def test_a_cached_scorecard_shows_a_new_indicator_value_at_once(client, enschede):
    payment_term = IndicatorFactory()
    record = IndicatorValueUpdate(payment_term, enschede, "2025", "18", ChangeSource.FORM)
    record_indicator_values([record], user=None)
    client.get(SCORECARD)

    def shown_value():
        page = parse_html(client.get(SCORECARD).content)
        return table_row(page, "Betaaltermijn facturen")["Waarde"].get_text(" ", strip=True)

    assert shown_value() == "18,0 dagen"
    changed = IndicatorValueUpdate(payment_term, enschede, "2025", "16", ChangeSource.FORM)
    record_indicator_values([changed], user=None)
    assert shown_value() == "16,0 dagen"
