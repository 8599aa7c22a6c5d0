"""An editor opens the admin and sees what waits for them: visitors' reports, other parties'
claims the municipality has not decided on, broken evidence links and stale statuses, each
with the action that settles it."""

import datetime
import re

import pytest
from django.utils import timezone

from initiatives.constants import ChangeSource, ClaimState, EvidenceLevel, LinkOutcome
from initiatives.models import Adoption, AdoptionClaim, CorrectionRequest, EvidenceLinkCheck
from initiatives.notifications.reminders import send_reminders
from initiatives.permissions import grant_partnership_editor
from tests.factories import AdoptionClaimFactory, PartnershipFactory, UserFactory
from tests.helpers import TODAY, given_status, parse_html

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2023, 1, 1)
BROKEN_LINK = "https://www.enschede.nl/verdwenen-besluit"


def record(municipality, initiative, status="planned", **fields):
    """A record as it stands, with the fields a situation needs set directly."""
    given_status(municipality, initiative, status)
    records = Adoption.objects.filter(municipality=municipality, initiative=initiative)
    records.update(**fields)
    return records.get()


@pytest.fixture
def waiting(enschede, hengelo, gibit, make_initiative):
    """One item of every kind for Enschede, and the same for Hengelo (not Enschede's work)."""
    bio = make_initiative(title="BIO", slug="bio")
    haal = make_initiative(title="Haal Centraal", slug="haal-centraal")
    stuf = make_initiative(title="StUF", slug="stuf")
    for municipality in (enschede, hengelo):
        CorrectionRequest.objects.create(
            municipality=municipality,
            initiative=gibit,
            status_seen="planned",
            message="Al in pilot.",
        )
        record(
            municipality, bio, "implemented", source=ChangeSource.HARVEST, since_is_upper_bound=True
        )
        AdoptionClaimFactory(municipality=municipality, initiative=bio)
        record(municipality, haal, "implemented", evidence_url=BROKEN_LINK)
        record(municipality, stuf, last_confirmed_on=LONG_AGO)
    EvidenceLinkCheck.objects.create(
        url=BROKEN_LINK,
        checked_at=timezone.now(),
        outcome=LinkOutcome.HTTP_ERROR,
        status_code=404,
        failing_since=timezone.now() - datetime.timedelta(days=3),
    )
    return {"bio": bio, "haal": haal, "stuf": stuf}


def klopt_nog(client, record, next_page=""):
    """Press "Klopt nog" for a record, as the to-do list's form does."""
    url = f"/admin/adoptie/{record.municipality.code}/{record.initiative.slug}/bevestigen/"
    return client.post(url, {"version": record.version, "next": next_page})


def sections(html):
    """Heading of each to-do section → the items' first lines and their actions."""
    found = {}
    for section in parse_html(html).select("section.todo-section"):
        items = [
            (
                item.p.get_text(" ", strip=True),
                [
                    action.get_text(" ", strip=True)
                    for action in item.select("a.button, button[type=submit]")
                ],
            )
            for item in section.select("li.todo-item")
        ]
        found[section.h2.get_text(strip=True)] = items
    return found


def test_a_municipal_editor_sees_every_kind_of_work_with_its_action(client, roles, waiting):
    client.force_login(roles["editor_of_a"])
    todo = sections(client.get("/admin/adoptie/").content)

    assert todo == {
        "Meldingen ‘Klopt dit niet?’: 1": [
            ("Enschede : GIBIT", ["Afhandelen : Enschede, GIBIT"]),
        ],
        "Claims van anderen, wachtend op het besluit van de gemeente: 1": [
            (
                "Enschede : BIO",
                [
                    "Klopt : Enschede, BIO",
                    "Klopt niet : Enschede, BIO",
                    "Status wijzigen : Enschede, BIO",
                ],
            ),
        ],
        "Bewijslinks die niet bereikbaar zijn: 1": [
            ("Enschede : Haal Centraal — Geïmplementeerd", ["Wijzigen : Enschede, Haal Centraal"]),
        ],
        "Verouderde statussen: 1": [
            (
                "Enschede : StUF — Gepland",
                ["Klopt nog : Enschede, StUF", "Wijzigen : Enschede, StUF"],
            ),
        ],
    }


def test_each_action_leads_to_the_item_itself(client, roles, waiting):
    client.force_login(roles["editor_of_a"])
    page = parse_html(client.get("/admin/adoptie/").content)
    hrefs = {a.get_text(" ", strip=True): a["href"] for a in page.select("li.todo-item a.button")}
    correction = CorrectionRequest.objects.get(municipality__code="GM0153")
    assert hrefs["Afhandelen : Enschede, GIBIT"] == f"/admin/adoptie/meldingen/{correction.pk}/"
    assert hrefs["Wijzigen : Enschede, Haal Centraal"] == "/admin/adoptie/GM0153/haal-centraal/"
    assert client.get(hrefs["Status wijzigen : Enschede, BIO"]).status_code == 200


def test_klopt_makes_a_claim_that_stood_in_the_municipalitys_own_statement(client, roles, waiting):
    client.force_login(roles["editor_of_a"])
    claim = AdoptionClaim.objects.get(municipality__code="GM0153")

    response = client.post(
        f"/admin/adoptie/claim/{claim.pk}/", {"action": "confirm", "next": "/admin/adoptie/"}
    )

    assert response.status_code == 302 and response["Location"] == "/admin/adoptie/"
    record = Adoption.objects.get(municipality__code="GM0153", initiative=waiting["bio"])
    assert record.source == ChangeSource.FORM
    assert record.evidence_level == EvidenceLevel.CONFIRMED
    assert record.evidence_url == claim.source_url
    assert record.since_is_upper_bound
    claim.refresh_from_db()
    assert claim.state == ClaimState.CONFIRMED
    todo = sections(client.get("/admin/adoptie/").content)
    assert todo["Claims van anderen, wachtend op het besluit van de gemeente: 0"] == []


def test_klopt_niet_on_a_claim_that_stood_in_asks_what_holds_instead(client, roles, waiting):
    client.force_login(roles["editor_of_a"])
    claim = AdoptionClaim.objects.get(municipality__code="GM0153")
    url = f"/admin/adoptie/claim/{claim.pk}/"

    client.post(url, {"action": "dismiss", "status": ""})
    claim.refresh_from_db()
    assert claim.state == ClaimState.OPEN

    client.post(url, {"action": "dismiss", "status": "exploring"})
    claim.refresh_from_db()
    assert claim.state == ClaimState.DISMISSED
    record = Adoption.objects.get(municipality__code="GM0153", initiative=waiting["bio"])
    assert (record.status, record.source) == ("exploring", ChangeSource.FORM)


def test_an_editor_cannot_decide_on_another_municipalitys_claim(client, roles, waiting):
    client.force_login(roles["editor_of_a"])
    claim = AdoptionClaim.objects.get(municipality__code="GM0164")
    response = client.post(f"/admin/adoptie/claim/{claim.pk}/", {"action": "confirm"})
    assert response.status_code == 404
    claim.refresh_from_db()
    assert claim.state == ClaimState.OPEN


def test_klopt_nog_returns_only_to_a_page_of_this_admin(client, roles, waiting):
    client.force_login(roles["editor_of_a"])
    stale = Adoption.objects.get(municipality__code="GM0153", initiative=waiting["stuf"])
    response = klopt_nog(client, stale, "https://elders.example/admin/")
    assert response["Location"] == "/admin/adoptie/"


def test_an_editor_cannot_confirm_another_municipalitys_record(client, roles, waiting):
    client.force_login(roles["editor_of_a"])
    other = Adoption.objects.get(municipality__code="GM0164", initiative=waiting["stuf"])
    response = klopt_nog(client, other)
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.last_confirmed_on == LONG_AGO


def test_an_unknown_kind_of_work_is_not_found(client, roles):
    client.force_login(roles["editor_of_a"])
    assert client.get("/admin/adoptie/te-doen/alles/").status_code == 404


def test_a_section_lists_all_its_items_beyond_the_first_ten(
    client, roles, enschede, make_initiative
):
    for number in range(12):
        initiative = make_initiative(title=f"Initiatief {number:02}", slug=f"i-{number}")
        record(enschede, initiative, last_confirmed_on=LONG_AGO)
    client.force_login(roles["editor_of_a"])

    page = parse_html(client.get("/admin/adoptie/").content)
    stale = page.find(id="todo-verouderd").parent
    assert len(stale.select("li.todo-item")) == 10
    more = stale.find("a", href="/admin/adoptie/te-doen/verouderd/")
    assert more.get_text(" ", strip=True) == "Bekijk alle 12 : Verouderde statussen"
    full = parse_html(client.get(more["href"]).content)
    assert len(full.select("li.todo-item")) == 12


def test_a_partnership_editor_confirms_what_it_reported_from_its_to_do_list(
    client, enschede, gibit
):
    twente = PartnershipFactory(name="Twente", members=[enschede], initiatives=[gibit])
    editor = UserFactory(username="redacteur-twente")
    grant_partnership_editor(editor, twente)
    reported = record(
        enschede, gibit, "implemented", last_confirmed_on=LONG_AGO, partnership=twente
    )
    client.force_login(editor)

    todo = sections(client.get("/admin/adoptie/").content)
    assert todo["Verouderde statussen: 1"] == [
        (
            "Enschede : GIBIT — Geïmplementeerd",
            ["Klopt nog : Enschede, GIBIT", "Wijzigen namens Twente : Enschede, GIBIT"],
        )
    ]
    response = klopt_nog(client, reported)
    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.last_confirmed_on == TODAY


def test_the_dashboard_shows_the_to_do_list_and_nothing_when_nothing_waits(client, roles, waiting):
    client.force_login(roles["editor_of_a"])
    panel = parse_html(client.get("/admin/").content).find(id="todo-panel-heading").parent
    headings = [h3.get_text(strip=True) for h3 in panel.find_all("h3")]
    assert headings == [
        "Meldingen ‘Klopt dit niet?’: 1",
        "Claims van anderen, wachtend op het besluit van de gemeente: 1",
        "Bewijslinks die niet bereikbaar zijn: 1",
        "Verouderde statussen: 1",
    ]
    # Its forms carry their CSRF token: the panel is drawn with the request.
    assert all(form.find("input", attrs={"name": "csrfmiddlewaretoken"}) for form in panel("form"))

    client.force_login(UserFactory(username="niemand"))
    assert parse_html(client.get("/admin/").content).find(id="todo-panel-heading") is None


def test_the_reminder_links_each_record_to_its_edit_page_and_to_the_to_do_list(
    smtp_inbox, roles, waiting
):
    send_reminders()
    mail = next(m for m in smtp_inbox.messages if m["To"] == "redacteur-enschede@example.nl")
    body = mail.get_content()
    assert re.search(r"Wijzigen: http://\S+/admin/adoptie/GM0153/stuf/\s", body)
    assert re.search(r"Alles wat op u wacht: http://\S+/admin/adoptie/\s", body)


def test_the_status_list_names_the_initiative_of_a_button_only_for_screen_readers(
    client, roles, waiting
):
    client.force_login(roles["editor_of_a"])
    table = parse_html(client.get("/admin/adoptie/GM0153/").content).select_one(".records-table")
    assert [th.get_text(strip=True) for th in table.thead("th")] == [
        "Initiatief",
        "Status",
        "Laatst bevestigd",
        "Bewijs",
        "Acties",
    ]
    button = table.find("button")
    hidden = button.find("span", class_="w-sr-only")
    assert button.contents[0].strip() == "Nog steeds juist" and hidden.get_text(strip=True)
