"""Following changes by e-mail (real SMTP server on loopback): double opt-in, one-click
unsubscribe without login, digests that hold exactly the changes of their period."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from initiatives.models import Subscription
from initiatives.notifications.subscriptions import send_change_digests
from tests.helpers import TODAY, given_status

pytestmark = pytest.mark.django_db


def link(message, kind):
    return re.search(rf"http://localhost:8000(/wijzigingen/{kind}/\S+/)", message.get_content())[1]


def follow_enschede(client, smtp_inbox, address="lezer@example.nl"):
    client.post("/wijzigingen/volgen/?gemeente=GM0153", {"email": address})
    (mail,) = smtp_inbox.to(address)
    return mail


def test_a_subscription_needs_confirmation(smtp_inbox, client, enschede, gibit):
    mail = follow_enschede(client, smtp_inbox)
    assert mail["Subject"] == "Labregister: bevestig uw aanmelding voor Enschede"
    given_status(enschede, gibit, "implemented")
    assert send_change_digests().sent == 0  # not confirmed: nothing but the request
    path = link(mail, "bevestigen")
    assert client.get(path).status_code == 200
    assert Subscription.objects.get().confirmed_at is None  # a GET (a mail scanner) is not enough
    client.post(path)
    assert Subscription.objects.get().confirmed_at is not None


def test_digests_hold_exactly_the_changes_of_their_period(
    smtp_inbox, client, enschede, hengelo, gibit, make_initiative
):
    bio = make_initiative(title="BIO", slug="bio")
    given_status(enschede, bio, "planned")  # before the subscription: never in a digest
    mail = follow_enschede(client, smtp_inbox)
    client.post(link(mail, "bevestigen"))
    given_status(enschede, gibit, "implemented")
    given_status(enschede, bio, "stopped")
    given_status(hengelo, gibit, "implemented")  # another municipality
    first_period_end = timezone.now()
    assert send_change_digests(until=first_period_end).sent == 1
    digest = smtp_inbox.messages[-1]
    assert digest["Subject"] == "Enschede: 1 nieuw geïmplementeerd, 1 gestopt"
    body = digest.get_content()
    assert "Enschede: GIBIT van Onbekend naar Geïmplementeerd" in body
    assert "Enschede: BIO van Gepland naar Gestopt" in body
    assert "Hengelo" not in body and "van Onbekend naar Gepland" not in body
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The next period starts where this one ended: nothing new, nothing sent.
    assert send_change_digests(until=first_period_end).sent == 0
    given_status(enschede, bio, "planned")
    assert send_change_digests().sent == 1
    assert smtp_inbox.messages[-1]["Subject"] == "Enschede: 1 andere wijziging"


def test_one_click_unsubscribe_works_without_login(smtp_inbox, client, enschede, gibit):
    mail = follow_enschede(client, smtp_inbox)
    client.post(link(mail, "bevestigen"))
    given_status(enschede, gibit, "implemented")
    send_change_digests()
    path = link(smtp_inbox.messages[-1], "afmelden")
    # A mail program's one-click POST carries no CSRF token and no session.
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "U bent afgemeld" in response.content.decode()
    assert not Subscription.objects.exists()
    assert client.post(path).status_code == 200  # again: already gone, still fine


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"email": ""}, "Vul uw e-mailadres in."),
        ({"email": "lezer"}, "Vul een geldig e-mailadres in."),
    ],
)
def test_a_bad_address_is_refused_and_stores_nothing(client, enschede, data, error):
    response = client.post("/wijzigingen/volgen/?gemeente=GM0153", data)
    assert response.status_code == 400 and error in response.content.decode()
    assert not Subscription.objects.exists()


def test_asking_twice_creates_one_subscription(smtp_inbox, client, enschede):
    follow_enschede(client, smtp_inbox)
    client.post("/wijzigingen/volgen/?gemeente=GM0153", {"email": "Lezer@Example.nl"})
    assert Subscription.objects.count() == 1 and len(smtp_inbox.messages) == 2


def test_subscribers_of_one_municipality_share_the_queries_for_their_changes(
    smtp_inbox, client, enschede, gibit
):
    for number in range(4):
        mail = follow_enschede(client, smtp_inbox, f"lezer{number}@example.nl")
        client.post(link(mail, "bevestigen"))
    send_change_digests()  # from here on all four are covered up to the same moment
    given_status(enschede, gibit, "implemented")
    with CaptureQueriesContext(connection) as captured:
        assert send_change_digests().sent == 4
    # One count and one list for all four.
    assert sum("initiatives_adoptionchange" in q["sql"] for q in captured) == 2


def test_a_digest_counts_every_change_and_links_to_those_it_does_not_list(
    smtp_inbox, client, enschede, make_initiative, monkeypatch
):
    monkeypatch.setattr("initiatives.notifications.subscriptions.MAX_LISTED", 2)
    mail = follow_enschede(client, smtp_inbox)
    client.post(link(mail, "bevestigen"))
    for number in range(3):
        given_status(enschede, make_initiative(title=f"I{number}", slug=f"i{number}"), "stopped")
    assert send_change_digests().sent == 1
    digest = smtp_inbox.messages[-1]
    assert digest["Subject"] == "Enschede: 3 gestopt"
    body = digest.get_content()
    assert body.count("naar Gestopt") == 2
    day = TODAY.isoformat()
    assert "En nog 1 wijziging; de nieuwste 2 staan hierboven." in body
    assert f"http://localhost:8000/wijzigingen/?gemeente=GM0153&sinds={day}" in body
