"""Following changes without an account: subscribe (a confirmation mail first), confirm,
unsubscribe with one click, and the periodic digest of the status changes in each period."""

import datetime
from urllib.parse import urlencode

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from website.links import site_url

from ..models import InitiativePage, Municipality, Subscription
from ..reporting.changes import MAX_LISTED, change_counts, status_changes


def subscribe(
    email: str,
    *,
    municipality: Municipality | None = None,
    initiative: InitiativePage | None = None,
) -> Subscription:
    """Ask for a subscription: it is inactive until the link in the mail is followed.

    Asking again for the same thing sends the confirmation again and creates nothing new.
    """
    subscription, _created = Subscription.objects.get_or_create(
        email=email.strip().lower(), municipality=municipality, initiative=initiative
    )
    if subscription.confirmed_at is None:
        link = site_url("subscription_confirm", subscription.token)
        body = render_to_string(
            "initiatives/mail/subscription_confirm.txt", {"s": subscription, "link": link}
        )
        subject = _("Labregister: bevestig uw aanmelding voor %(scope)s") % {
            "scope": subscription.scope_name
        }
        EmailMessage(subject, body, to=[subscription.email]).send()
    return subscription


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


def send_change_digests(until: datetime.datetime | None = None) -> int:
    """Mail each confirmed subscriber the status changes since their last digest up to
    `until` (now); a period without changes sends nothing. Returns how many were sent."""
    until = until or timezone.now()
    sent = 0
    subscriptions = Subscription.objects.filter(confirmed_at__isnull=False).select_related(
        "municipality", "initiative"
    )
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
            start = subscription.covered_until
            with transaction.atomic():
                subscription.covered_until = until
                subscription.save(update_fields=["covered_until"])
                if counts.total:
                    _digest(subscription, start, counts, listed, connection).send()
                    sent += 1
    return sent


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
