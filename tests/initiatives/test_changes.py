"""What changed since a moment: status changes only, per municipality or initiative, with a
headline of counts, and as Atom feeds."""

import datetime
import re

import pytest
from django.utils import timezone

from initiatives.reporting.changes import ChangeCounts, change_counts, status_changes
from tests.helpers import TODAY, given_status, parse_html

pytestmark = pytest.mark.django_db


def test_status_changes_since_a_moment_with_their_headline(enschede, hengelo, gibit):
    before = timezone.now() - datetime.timedelta(seconds=1)
    given_status(enschede, gibit, "planned")
    given_status(enschede, gibit, "implemented", day=datetime.date(2024, 6, 1))
    given_status(enschede, gibit, "implemented", note="alleen een notitie")
    given_status(hengelo, gibit, "stopped")
    changes = status_changes(before)
    assert [c.summary for c in changes] == [
        "Hengelo: GIBIT van Onbekend naar Gestopt",
        "Enschede: GIBIT van Gepland naar Geïmplementeerd",
        "Enschede: GIBIT van Onbekend naar Gepland",
    ]
    assert (
        change_counts(before).headline == "1 nieuw geïmplementeerd, 1 gestopt, 1 andere wijziging"
    )
    assert len(status_changes(before, municipality=enschede)) == 2
    assert status_changes(timezone.now()) == []
    assert change_counts(timezone.now()).headline == "geen wijzigingen"


def test_atom_feeds_per_municipality_and_initiative(client, enschede, hengelo, gibit):
    given_status(enschede, gibit, "implemented")
    given_status(hengelo, gibit, "planned")
    municipality = client.get("/gemeenten/GM0153/wijzigingen.atom")
    assert municipality["Content-Type"].startswith("application/atom+xml")
    body = municipality.content.decode()
    assert "Enschede: GIBIT van Onbekend naar Geïmplementeerd" in body and "Hengelo" not in body
    initiative = client.get("/rapportages/initiatieven/gibit/wijzigingen.atom").content.decode()
    assert "Enschede: GIBIT" in initiative and "Hengelo: GIBIT" in initiative
    assert client.get("/gemeenten/GM9999/wijzigingen.atom").status_code == 404


def test_the_api_lists_changes_since_a_day(client, enschede, hengelo, gibit):
    given_status(enschede, gibit, "implemented")
    given_status(hengelo, gibit, "planned")
    today = TODAY.isoformat()
    body = client.get("/api/v1/changes", {"since": today, "municipality": "GM0153"}).json()
    assert [
        (c["municipality"], c["initiative"], c["old_status"], c["new_status"]) for c in body
    ] == [("GM0153", "gibit", None, "implemented")]
    assert len(client.get("/api/v1/changes", {"since": today}).json()) == 2
    future = (TODAY + datetime.timedelta(days=1)).isoformat()
    refused = client.get("/api/v1/changes", {"since": future})
    assert refused.status_code == 400
    assert (
        client.get("/api/v1/changes", {"since": today, "municipality": "GM9999"}).status_code == 404
    )


def test_the_site_lists_changes_since_a_day_and_refuses_a_future_one(client, enschede, gibit):
    given_status(enschede, gibit, "implemented")
    page = client.get("/wijzigingen/", {"gemeente": "GM0153"})
    listed = parse_html(page.content).main
    assert page.status_code == 200
    assert "1 nieuw geïmplementeerd" in listed.find("p", string=re.compile("Vastgelegd sinds")).text
    assert [item.contents[0].strip() for item in listed.select("ul > li")] == [
        "Enschede: GIBIT van Onbekend naar Geïmplementeerd"
    ]
    future = (TODAY + datetime.timedelta(days=1)).isoformat()
    refused = client.get("/wijzigingen/", {"gemeente": "GM0153", "sinds": future})
    assert refused.status_code == 400
    scorecard = client.get("/gemeenten/GM0153/").content.decode()
    assert "/wijzigingen/?gemeente=GM0153" in scorecard and "wijzigingen.atom" in scorecard


def test_the_gap_report_leads_to_its_changes_feed_and_following(client, gibit):
    page = parse_html(client.get("/rapportages/initiatieven/gibit/").content)
    links = {a["href"] for a in page.select("main a")}
    assert {"/wijzigingen/?initiatief=gibit", "/wijzigingen/volgen/?initiatief=gibit"} <= links
    feed = page.select_one('head link[rel="alternate"][type="application/atom+xml"]')
    assert feed["href"] == "/rapportages/initiatieven/gibit/wijzigingen.atom"


def test_the_site_counts_all_changes_and_lists_them_a_page_at_a_time(
    client, enschede, make_initiative, monkeypatch
):
    monkeypatch.setattr("initiatives.web.changes_views.CHANGES_PAGE_SIZE", 2)
    for number in range(3):
        given_status(enschede, make_initiative(title=f"I{number}", slug=f"i{number}"), "stopped")
    first = client.get("/wijzigingen/", {"gemeente": "GM0153"}).content.decode()
    assert "3 gestopt" in first and "Wijziging 1 tot en met 2 van 3" in first
    assert first.count("naar Gestopt") == 2 and "I0 van" not in first  # the newest first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = client.get("/wijzigingen/", {"gemeente": "GM0153", "pagina": 2}).content.decode()
    assert "Wijziging 3 tot en met 3 van 3" in second and "I0 van Onbekend" in second
    assert 'rel="prev"' in second and 'rel="next"' not in second


@pytest.mark.parametrize(
    ("page", "error"),
    [
        ("2", "Pagina 2 bestaat niet; er is 1 pagina."),
        ("0", "Het paginanummer begint bij 1."),
        ("twee", "Het paginanummer moet een geheel getal zijn."),
    ],
)
def test_a_page_that_does_not_exist_is_refused_in_dutch(client, enschede, gibit, page, error):
    given_status(enschede, gibit, "implemented")
    response = client.get("/wijzigingen/", {"pagina": page})
    assert response.status_code == 400 and error in response.content.decode()


def test_large_counts_read_the_dutch_way():
    counts = ChangeCounts(implemented=3248, stopped=672, total=6583)
    assert counts.headline == "3.248 nieuw geïmplementeerd, 672 gestopt, 2.663 andere wijzigingen"
