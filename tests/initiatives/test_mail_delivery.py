"""One bounced address never stops anyone else's mail, and nobody can flood an address with
confirmation requests: digests, reminders and subscriptions against a real SMTP server on
loopback that refuses some recipients."""

import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from initiatives.models import Adoption, ReminderSent, Subscription
from initiatives.notifications.reminders import send_reminders
from initiatives.notifications.subscriptions import send_change_digests
from tests.factories import UserFactory
from tests.helpers import given_status

BOUNCING = "weg@example.nl"


def confirmed_subscriber(email, municipality):
    now = timezone.now()
    return Subscription.objects.create(
        email=email, municipality=municipality, confirmed_at=now, covered_until=now
    )


@pytest.mark.django_db
def test_a_refused_subscriber_does_not_stop_the_digests_of_the_others(
    smtp_inbox, enschede, gibit, capsys
):
    smtp_inbox.refused.add(BOUNCING)
    confirmed_subscriber("eerste@example.nl", enschede)
    bouncing = confirmed_subscriber(BOUNCING, enschede)
    confirmed_subscriber("laatste@example.nl", enschede)
    given_status(enschede, gibit, "implemented")

    with pytest.raises(CommandError) as failed:
        call_command("send_change_digests")

    assert str(failed.value) == "1 mail is niet verstuurd."
    output = capsys.readouterr()
    assert output.out.strip() == "2 overzichten verstuurd."
    assert output.err.strip() == f"De mailserver weigerde {BOUNCING}; die mail is niet verstuurd."
    assert sorted(m["To"] for m in smtp_inbox.messages) == [
        "eerste@example.nl",
        "laatste@example.nl",
    ]
    bouncing.refresh_from_db()
    # Its period stays open: once the address works again it gets these changes.
    assert (
        bouncing.covered_until < Subscription.objects.get(email="eerste@example.nl").covered_until
    )
    assert bouncing.refused_in_a_row == 1 and bouncing.paused_at is None


@pytest.mark.django_db
def test_a_subscription_that_keeps_bouncing_is_paused_and_the_command_succeeds_again(
    smtp_inbox, enschede, gibit, settings
):
    smtp_inbox.refused.add(BOUNCING)
    bouncing = confirmed_subscriber(BOUNCING, enschede)
    given_status(enschede, gibit, "implemented")
    for _ in range(settings.SUBSCRIPTION_REFUSALS):
        assert send_change_digests().refused == [BOUNCING]
    bouncing.refresh_from_db()
    assert bouncing.paused_at is not None
    call_command("send_change_digests")  # nothing left unsent: exits 0
    assert smtp_inbox.messages == []


@pytest.mark.django_db
def test_a_refused_editor_does_not_stop_the_reminders_of_the_others(
    smtp_inbox, enschede, hengelo, gibit
):
    UserFactory(username="bounce", email=BOUNCING, editor_of=[enschede])
    UserFactory(username="redacteur-hengelo", editor_of=[hengelo])
    smtp_inbox.refused.add(BOUNCING)
    for municipality in (enschede, hengelo):
        given_status(municipality, gibit, "planned")
    Adoption.objects.update(last_confirmed_on="2023-01-01")

    run = send_reminders()

    assert (run.sent, run.refused) == (1, [BOUNCING])
    assert [m["To"] for m in smtp_inbox.messages] == ["redacteur-hengelo@example.nl"]
    # The refused editor's records stay due for the next run.
    assert not ReminderSent.objects.filter(user__email=BOUNCING).exists()


@pytest.mark.django_db
def test_a_mail_server_that_is_down_loses_nothing(settings, enschede, gibit):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    subscription = confirmed_subscriber("lezer@example.nl", enschede)
    given_status(enschede, gibit, "implemented")
    with pytest.raises(OSError):
        send_change_digests()
    covered = subscription.covered_until
    subscription.refresh_from_db()
    assert subscription.covered_until == covered


@pytest.mark.django_db
def test_subscribing_while_the_mail_server_is_down_says_so_and_keeps_nothing(
    client, settings, enschede
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    response = client.post("/wijzigingen/volgen/?gemeente=GM0153", {"email": "lezer@example.nl"})
    assert response.status_code == 503
    assert response.context["form"].errors["email"] == [
        "De bevestigingsmail kon nu niet worden verstuurd; probeer het later opnieuw."
    ]
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_subscribing_an_address_the_server_refuses_keeps_nothing(smtp_inbox, client, enschede):
    smtp_inbox.refused.add(BOUNCING)
    response = client.post("/wijzigingen/volgen/?gemeente=GM0153", {"email": BOUNCING})
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [
        "De mailserver weigert dit e-mailadres; controleer het adres."
    ]
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_one_address_gets_few_confirmation_mails_whoever_asks(
    smtp_inbox, client, enschede, settings
):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    codes = [
        client.post(
            "/wijzigingen/volgen/?gemeente=GM0153",
            {"email": "slachtoffer@example.nl"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(6)
    ]
    assert codes == [200] * settings.SUBSCRIBE_LIMIT_PER_ADDRESS + [429] * 3
    assert len(smtp_inbox.to("slachtoffer@example.nl")) == settings.SUBSCRIBE_LIMIT_PER_ADDRESS


def _form_token(url) -> tuple[str, str]:
    """The CSRF cookie and form token a visitor's browser gets with the form."""
    with urllib.request.urlopen(url, timeout=60) as response:
        cookie = response.headers["Set-Cookie"].split(";")[0]
        page = response.read().decode()
    return cookie, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


def _ask(url, cookie, token, email):
    data = urllib.parse.urlencode({"email": email, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(url, data=data, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_requests_from_one_address_never_pass_the_limit(
    live_server, smtp_inbox, enschede, settings
):
    settings.SUBSCRIBE_LIMIT_PER_ADDRESS = 100
    url = f"{live_server.url}/wijzigingen/volgen/?gemeente=GM0153"
    cookie, token = _form_token(url)
    with ThreadPoolExecutor(25) as pool:
        codes = list(
            pool.map(lambda n: _ask(url, cookie, token, f"lezer{n}@example.nl"), range(25))
        )
    limit = settings.SUBSCRIBE_LIMIT
    assert sorted(codes) == [200] * limit + [429] * (25 - limit)
    assert len(smtp_inbox.messages) == limit
