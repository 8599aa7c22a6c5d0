"""The public explanation ("leg uit") and the evidence link are public wherever the status is."""

import datetime
import io

import pytest
from django.core.management import call_command

from initiatives.adoption.service import record_adoptions
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.models import Adoption
from tests.helpers import parse_html, table_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def stopped_with_explanation(enschede, gibit):
    record_adoptions(
        [
            AdoptionUpdate(
                enschede,
                gibit,
                "stopped",
                datetime.date(2025, 3, 1),
                evidence_level="confirmed",
                evidence_url="https://www.enschede.nl/besluit-gibit",
                public_explanation="Vervangen door een regionale inkoop.",
                internal_note="Wethouder wilde dit niet.",
            )
        ],
        user=None,
        source="form",
    )


def export_text(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_scorecard_shows_the_explanation_and_evidence_link(client, stopped_with_explanation):
    page = parse_html(client.get("/gemeenten/GM0153/").content)
    status = table_row(page, "GIBIT")["Status"]
    explanations = [p.get_text(strip=True) for p in status.select("p.explanation")]
    assert explanations == ["Vervangen door een regionale inkoop."]
    assert status.find("a", href="https://www.enschede.nl/besluit-gibit")
    assert "Wethouder" not in str(page)


def test_scorecard_export_carries_the_explanation(client, stopped_with_explanation):
    text = export_text(client.get("/rapportages/gemeenten/GM0153/", {"format": "csv"}))
    assert "toelichting;bewijs_url" in text
    assert "Vervangen door een regionale inkoop.;https://www.enschede.nl/besluit-gibit" in text
    assert "Wethouder" not in text


def test_initiative_gap_report_lists_the_explanations(client, stopped_with_explanation):
    html = client.get("/rapportages/initiatieven/gibit/").content.decode()
    assert "Vervangen door een regionale inkoop." in html
    text = export_text(client.get("/rapportages/initiatieven/gibit/", {"format": "csv"}))
    assert "Vervangen door een regionale inkoop." in text
    assert "Wethouder" not in html + text


def test_a_stored_script_link_is_never_rendered_as_a_link(client, enschede, gibit, roles):

    stopped = AdoptionUpdate(enschede, gibit, "stopped", datetime.date(2025, 3, 1))
    record_adoptions([stopped], user=None, source="form")
    # Written past the service, as an old row or a direct database edit could hold it.
    Adoption.objects.update(evidence_url="javascript:alert(document.cookie)")
    for url in ("/gemeenten/GM0153/", "/rapportages/initiatieven/gibit/"):
        assert "javascript:" not in client.get(url).content.decode()
    client.force_login(roles["vng"])
    assert 'href="javascript:' not in client.get("/admin/adoptie/GM0153/").content.decode()


def test_scorecard_on_a_past_day_says_since_when_the_status_held(client, enschede, gibit):
    for status, day in [
        ("planned", datetime.date(2019, 5, 1)),
        ("implemented", datetime.date(2021, 2, 1)),
    ]:
        record_adoptions([AdoptionUpdate(enschede, gibit, status, day)], user=None, source="form")
    page = parse_html(client.get("/gemeenten/GM0153/", {"peildatum": "2020-01-01"}).content)
    assert table_row(page, "GIBIT")["Status sinds"].get_text(strip=True) == "1 mei 2019"


def test_stale_marker_explains_itself(client, enschede, gibit):

    record_adoptions(
        [AdoptionUpdate(enschede, gibit, "implemented", datetime.date(2020, 1, 1))],
        user=None,
        source="form",
    )
    Adoption.objects.update(last_confirmed_on=datetime.date(2020, 1, 1))
    page = parse_html(client.get("/gemeenten/GM0153/").content)
    since = table_row(page, "GIBIT")["Status sinds"]
    assert since.find("a", class_="stale", href="#verouderd").get_text() == "verouderd"
    assert "niemand van de gemeente heeft deze status sinds" in page.find(id="verouderd").get_text()


def test_the_internal_note_is_on_no_public_page_export_feed_search_or_anonymous_api(
    client, stopped_with_explanation
):
    call_command("search_index", stdout=io.StringIO())
    public = [
        "/",
        "/?kaart=gibit",
        "/initiatieven/",
        "/initiatieven/gibit/",
        "/gemeenten/",
        "/gemeenten/GM0153/",
        "/en/gemeenten/GM0153/",
        "/rapportages/",
        "/rapportages/initiatieven/gibit/",
        "/rapportages/initiatieven/gibit/verloop/",
        "/rapportages/matrix/",
        "/labs/feed/",
        "/zoeken/?q=Wethouder",
        "/zoeken/?q=Enschede",
        "/api/v1/adoptions",
        "/api/v1/reports/initiatives/gibit",
        "/api/v1/reports/municipalities/GM0153",
    ]
    for report in ("/rapportages/gemeenten/GM0153/", "/rapportages/initiatieven/gibit/"):
        public += [f"{report}?format={export_format}" for export_format in ("csv", "json")]
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert "Wethouder wilde dit niet" not in body.decode("utf-8-sig"), url
    # The public explanation is there, so the pages did show this record.
    assert (
        "Vervangen door een regionale inkoop." in client.get("/gemeenten/GM0153/").content.decode()
    )
