"""Reminder digests through a real SMTP server on loopback (aiosmtpd): who gets one, what it
holds, that it comes once, and that its links re-confirm exactly one record, once."""

import datetime
import re
import time
from io import StringIO

import pytest
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.constants import ChangeSource
from initiatives.models import Adoption, AdoptionChange, EditorPreferences
from initiatives.notifications.reminders import due_digests, reconfirm_token, send_reminders
from tests.factories import PartnershipFactory, UserFactory
from tests.helpers import TODAY, database_state, given_status, parse_html

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2023, 1, 1)


def stale(municipality, initiative, status="planned"):
    """A record last confirmed long ago (beyond the 12 months of the site's term)."""
    given_status(municipality, initiative, status)
    records = Adoption.objects.filter(municipality=municipality, initiative=initiative)
    records.update(last_confirmed_on=LONG_AGO)
    return records.get()


@pytest.fixture
def stale_records(enschede, hengelo, gibit, make_initiative):
    bio = make_initiative(title="BIO", slug="bio")
    return {
        "enschede_gibit": stale(enschede, gibit, "implemented"),
        "enschede_bio": stale(enschede, bio, "planned"),
        "hengelo_gibit": stale(hengelo, gibit, "piloting"),
        # Confirmed today: in no reminder.
        "hengelo_bio": given_status(hengelo, bio, "planned")
        and Adoption.objects.get(municipality=hengelo, initiative=bio),
    }


def links(message):
    return re.findall(r"http://\S+/bevestigen/\S+/", message.get_content())


def test_each_editor_gets_one_digest_of_their_stale_records(
    smtp_inbox, roles, stale_records, enschede
):
    UserFactory(username="tweede-enschede", editor_of=[enschede])
    UserFactory(username="zonder-adres", email="", editor_of=[enschede])
    uit = UserFactory(username="wil-niets", editor_of=[enschede])
    EditorPreferences.objects.create(user=uit, reminders=False)

    output = StringIO()
    call_command("send_reminders", stdout=output)

    assert "3 herinneringen verstuurd" in output.getvalue()
    recipients = sorted(m["To"] for m in smtp_inbox.messages)
    assert recipients == [
        "redacteur-enschede@example.nl",
        "redacteur-hengelo@example.nl",
        "tweede-enschede@example.nl",
    ]
    (enschede_mail,) = smtp_inbox.to("redacteur-enschede@example.nl")
    assert enschede_mail["Subject"] == "Labregister: 2 statussen zijn verouderd"
    body = enschede_mail.get_content()
    assert "Enschede: GIBIT — Geïmplementeerd" in body and "Enschede: BIO — Gepland" in body
    assert "Hengelo" not in body and "1 januari 2023" in body
    assert len(links(enschede_mail)) == 2
    (hengelo_mail,) = smtp_inbox.to("redacteur-hengelo@example.nl")
    assert hengelo_mail["Subject"] == "Labregister: 1 status is verouderd"


def test_a_second_run_the_same_day_sends_nothing(smtp_inbox, roles, stale_records):
    assert send_reminders().sent == 2
    assert send_reminders().sent == 0
    assert len(smtp_inbox.messages) == 2


def test_a_record_that_becomes_stale_later_is_sent_alone(smtp_inbox, roles, stale_records):
    send_reminders()
    Adoption.objects.filter(pk=stale_records["hengelo_bio"].pk).update(last_confirmed_on=LONG_AGO)
    assert send_reminders().sent == 1
    last = smtp_inbox.messages[-1]
    assert last["To"] == "redacteur-hengelo@example.nl"
    assert len(links(last)) == 1 and "BIO" in last.get_content()


def test_the_link_asks_first_and_then_reconfirms_the_record(
    smtp_inbox, client, roles, stale_records
):
    send_reminders()
    (mail,) = smtp_inbox.to("redacteur-hengelo@example.nl")
    (link,) = links(mail)
    path = link.split("localhost:8000", 1)[1]
    record = stale_records["hengelo_gibit"]

    page = client.get(path)
    assert page.status_code == 200
    assert "Ja, deze status klopt nog" in page.content.decode()
    assert Adoption.objects.get(pk=record.pk).last_confirmed_on == LONG_AGO

    done = client.post(path)
    assert "is bevestigd op" in done.content.decode()
    confirmed = Adoption.objects.get(pk=record.pk)
    assert confirmed.last_confirmed_on == TODAY
    assert confirmed.version == record.version + 1
    change = AdoptionChange.objects.filter(initiative=record.initiative_id).latest("pk")
    assert change.source == ChangeSource.REMINDER and change.recorded_by == roles["editor_of_b"]
    # Used once: the record's version moved on, so the same link no longer works.
    again = client.post(path)
    assert again.status_code == 400
    assert "gewijzigd of bevestigd sinds de herinnering" in again.content.decode()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda token: token[:-3] + ("aaa" if token[-3:] != "aaa" else "bbb"), "ongeldig"),
        (lambda token: token.replace(":", ".", 1), "ongeldig"),
    ],
)
def test_a_tampered_link_changes_nothing(client, roles, stale_records, spoil, message):
    token = reconfirm_token(stale_records["enschede_gibit"], roles["editor_of_a"])
    before = database_state()
    response = client.post(f"/bevestigen/{spoil(token)}/")
    assert response.status_code == 400 and message in response.content.decode()
    assert database_state() == before


def test_an_expired_link_changes_nothing(client, roles, stale_records, settings, monkeypatch):
    settings.REMINDER_LINK_DAYS = 14
    fifteen_days_ago = time.time() - 15 * 24 * 3600
    with monkeypatch.context() as past:
        past.setattr(signing.time, "time", lambda: fifteen_days_ago)
        token = reconfirm_token(stale_records["enschede_gibit"], roles["editor_of_a"])
    before = database_state()
    response = client.post(f"/bevestigen/{token}/")
    assert response.status_code == 400 and "verlopen" in response.content.decode()
    assert database_state() == before


def test_a_link_of_an_editor_who_left_changes_nothing(client, roles, stale_records):
    editor = roles["editor_of_a"]
    token = reconfirm_token(stale_records["enschede_gibit"], editor)
    editor.memberships.all().delete()
    before = database_state()
    response = client.post(f"/bevestigen/{token}/")
    assert response.status_code == 400
    assert "mag de gegevens van Enschede (GM0153) niet wijzigen" in response.content.decode()
    assert database_state() == before


def test_a_partnership_editor_is_reminded_of_what_it_reported(
    smtp_inbox, client, enschede, hengelo, gibit
):
    editor = UserFactory(username="redacteur-twente")
    PartnershipFactory(name="Twente", members=[enschede], initiatives=[gibit], editors=[editor])
    via = stale(enschede, gibit, "implemented")
    Adoption.objects.filter(pk=via.pk).update(partnership=editor.partnerships.get())
    stale(hengelo, gibit)  # not a member
    assert send_reminders().sent == 1
    (mail,) = smtp_inbox.to("redacteur-twente@example.nl")
    (link,) = links(mail)
    client.post(link.split("localhost:8000", 1)[1])
    assert Adoption.objects.get(pk=via.pk).last_confirmed_on == TODAY


def test_the_dashboard_shows_the_same_stale_records(client, roles, stale_records):
    client.force_login(roles["editor_of_a"])
    panel = parse_html(client.get("/admin/").content).find(id="todo-panel-heading").parent
    stale = panel.find("h3", string=re.compile("Verouderde statussen"))
    assert stale.get_text() == "Verouderde statussen: 2"
    items = [li.p.get_text(" ", strip=True) for li in stale.find_next("ul").find_all("li")]
    assert all(item.startswith("Enschede") for item in items) and len(items) == 2
    assert "Hengelo" not in panel.get_text()


def test_an_editor_switches_reminders_off_in_the_admin(smtp_inbox, client, roles, stale_records):
    client.force_login(roles["editor_of_a"])
    response = client.post("/admin/adoptie/herinneringen/", {})
    assert response.status_code == 302
    assert send_reminders().sent == 1
    assert [m["To"] for m in smtp_inbox.messages] == ["redacteur-hengelo@example.nl"]


def test_working_out_the_digests_costs_a_few_queries_per_editor_and_none_per_record(
    roles, stale_records, enschede, make_initiative
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            due_digests(TODAY)
        return len(captured)

    queries()  # caches warmed
    base = queries()
    UserFactory(username="extra-0", editor_of=[enschede])
    per_editor = queries() - base
    for number in range(1, 5):
        UserFactory(username=f"extra-{number}", editor_of=[enschede])
    for number in range(5):
        stale(enschede, make_initiative(title=f"Nog een {number}", slug=f"nog-een-{number}"))
    assert per_editor <= 3
    assert queries() == base + 5 * per_editor
