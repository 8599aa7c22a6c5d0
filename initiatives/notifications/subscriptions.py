"""Following changes without an account: subscribe (a confirmation mail first), confirm,
unsubscribe with one click, and the periodic digest of the status changes in each period."""

import datetime
import smtplib
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from website.attempts import count_attempt_of
from website.links import site_url
from website.mail import MailRun, deliver

from ..models import InitiativePage, Municipality, Subscription
from ..reporting.changes import MAX_LISTED, change_counts, status_changes


class SubscriptionRefused(Exception):
    """A subscription that cannot be asked for now; the Dutch message says why, `status`
    is the HTTP status that says it to a visitor."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def subscribe(
    email: str,
    *,
    municipality: Municipality | None = None,
    initiative: InitiativePage | None = None,
) -> Subscription:
    """Ask for a subscription: it is inactive until the link in the mail is followed.

    Asking again for the same thing sends the confirmation again and creates nothing new; an
    address gets at most SUBSCRIBE_LIMIT_PER_ADDRESS confirmation mails a day, whoever asks.
    Nothing is kept when the mail cannot be sent.
    """
    email = email.strip().lower()
    limit = settings.SUBSCRIBE_LIMIT_PER_ADDRESS
    if count_attempt_of(f"subscribe-to:{email}", window_seconds=24 * 3600) > limit:
        raise SubscriptionRefused(
            _("Voor dit e-mailadres is vandaag al %(limit)s keer een aanmelding gevraagd.")
            % {"limit": limit},
            429,
        )
    with transaction.atomic():
        subscription, _created = Subscription.objects.get_or_create(
            email=email, municipality=municipality, initiative=initiative
        )
        if subscription.confirmed_at is None:
            _ask_confirmation(subscription)
    return subscription


def _ask_confirmation(subscription: Subscription) -> None:
    link = site_url("subscription_confirm", subscription.token)
    body = render_to_string(
        "initiatives/mail/subscription_confirm.txt", {"s": subscription, "link": link}
    )
    subject = _("Labregister: bevestig uw aanmelding voor %(scope)s") % {
        "scope": subscription.scope_name
    }
    try:
        sent = deliver(EmailMessage(subject, body, to=[subscription.email]))
    except (OSError, smtplib.SMTPException) as error:
        raise SubscriptionRefused(
            _("De bevestigingsmail kon nu niet worden verstuurd; probeer het later opnieuw."),
            503,
        ) from error
    if not sent:
        raise SubscriptionRefused(
            _("De mailserver weigert dit e-mailadres; controleer het adres."), 400
        )


def confirm(token: str) -> Subscription | None:
    """Activate the subscription of a confirmation link; None for an unknown token."""
    subscription = Subscription.objects.filter(token=token).first()
    if subscription and subscription.confirmed_at is None:
        subscription.confirmed_at = subscription.covered_until = timezone.now()
        subscription.save(update_fields=["confirmed_at", "covered_until"])
    return subscription


def unsubscribe(token: str) -> bool:
    """End the subscription of an unsubscribe link; False for an unknown token."""
    deleted, _details = Subscription.objects.filter(token=token).delete()
    return bool(deleted)


def send_change_digests(until: datetime.datetime | None = None) -> MailRun:
    """Mail each confirmed, unpaused subscriber the status changes since their last digest
    up to `until` (now); a period without changes sends nothing. An address the mail server
    refuses keeps its period for the next run and is paused after `SUBSCRIPTION_REFUSALS`
    refusals in a row."""
    until = until or timezone.now()
    run = MailRun()
    subscriptions = Subscription.objects.filter(
        confirmed_at__isnull=False, paused_at__isnull=True
    ).select_related("municipality", "initiative")
    # Subscribers of the same scope and period share their queries: after their first digest
    # every subscription is covered up to the same moment.
    changes_of = {}
    with get_connection() as connection:
        for subscription in subscriptions:
            period = (
                subscription.municipality_id,
                subscription.initiative_id,
                subscription.covered_until,
            )
            if period not in changes_of:
                scope = {
                    "municipality": subscription.municipality,
                    "initiative": subscription.initiative,
                    "until": until,
                }
                counts = change_counts(subscription.covered_until, **scope)
                listed = (
                    status_changes(subscription.covered_until, **scope, limit=MAX_LISTED)
                    if counts.total
                    else []
                )
                changes_of[period] = (counts, listed)
            counts, listed = changes_of[period]
            if not counts.total:
                subscription.covered_until = until
                subscription.save(update_fields=["covered_until"])
                continue
            digest = _digest(subscription, subscription.covered_until, counts, listed, connection)
            if _deliver_covering(subscription, digest, until):
                run.sent += 1
            else:
                run.refused.append(subscription.email)
    return run


def _deliver_covering(subscription: Subscription, digest: EmailMessage, until) -> bool:
    """Send one digest and mark its period covered, both or neither; False (and one more
    refusal counted) when the mail server refused the address."""
    with transaction.atomic():
        subscription.covered_until = until
        subscription.refused_in_a_row = 0
        subscription.save(update_fields=["covered_until", "refused_in_a_row"])
        if deliver(digest):
            return True
        transaction.set_rollback(True)
    subscription.refresh_from_db()
    subscription.refused_in_a_row += 1
    if subscription.refused_in_a_row >= settings.SUBSCRIPTION_REFUSALS:
        subscription.paused_at = timezone.now()
    subscription.save(update_fields=["refused_in_a_row", "paused_at"])
    return False


def _digest(subscription: Subscription, start, counts, listed, connection) -> EmailMessage:
    # The site lists whole days: from the day this period started.
    all_changes = {**subscription.scope_params, "sinds": timezone.localdate(start).isoformat()}
    unsubscribe_url = site_url("subscription_unsubscribe", subscription.token)
    subject = f"{subscription.scope_name}: {counts.headline}"
    body = render_to_string(
        "initiatives/mail/change_digest.txt",
        {
            "s": subscription,
            "changes": listed,
            "not_listed": counts.total - len(listed),
            "max_listed": MAX_LISTED,
            "changes_url": f"{site_url('changes')}?{urlencode(all_changes)}",
            "unsubscribe_url": unsubscribe_url,
        },
    )
    return EmailMessage(
        subject,
        body,
        to=[subscription.email],
        connection=connection,
        # One-click unsubscribe in mail programs (RFC 8058).
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
