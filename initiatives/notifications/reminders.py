"""Reminder digests: each editor is told once per period which of their records are stale,
with a signed link per record that re-confirms it after a confirmation page."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Site

from website.links import site_url
from website.mail import MailRun, deliver

from ..adoption.service import reconfirm_adoption
from ..adoption.todo import edit_url_name, records_answered_by
from ..constants import ChangeSource, MembershipRole
from ..errors import AdoptionError
from ..models import Adoption, AdoptionSettings, ReminderSent
from ..rules import stale_cutoff

SIGNING_SALT = "labregister.reminders.reconfirm"


@dataclass
class Digest:
    """One editor's reminder: their stale records not named within the period."""

    user: object
    records: list[Adoption]


class ReminderLinkError(Exception):
    """A re-confirm link that is tampered with, expired, or no longer fits the record."""


def stale_records_of(user, today: datetime.date, cutoff: datetime.date | None = None):
    """The records `user` answers for that nobody confirmed since `cutoff` (by default the
    default site's term)."""
    return records_answered_by(user, today).stale(cutoff or site_stale_cutoff())


def site_stale_cutoff() -> datetime.date:
    """The day before which a record is stale under the default site's settings."""
    return stale_cutoff(AdoptionSettings.for_site(Site.objects.get(is_default_site=True)))


def recipients():
    """Editors of a municipality or a samenwerkingsverband, with an address, who did not
    switch reminders off. VNG staff as such are not: the admin lists every stale record."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(Q(memberships__role=MembershipRole.EDITOR) | Q(partnerships__isnull=False))
        .exclude(editor_preferences__reminders=False)
        .distinct()
        .order_by("pk")
    )


def due_digests(today: datetime.date) -> list[Digest]:
    """Per recipient, the stale records not named to them within the reminder period."""
    since = today - datetime.timedelta(days=settings.REMINDER_PERIOD_DAYS)
    cutoff = site_stale_cutoff()
    named = defaultdict(set)
    for user_id, adoption_id in ReminderSent.objects.filter(sent_on__gt=since).values_list(
        "user_id", "adoption_id"
    ):
        named[user_id].add(adoption_id)
    digests = []
    for user in recipients():
        # One query per editor: what each answers for depends on their own roles.
        records = [r for r in stale_records_of(user, today, cutoff) if r.pk not in named[user.pk]]
        if records:
            digests.append(Digest(user, records))
    return digests


def reconfirm_token(adoption: Adoption, user) -> str:
    """A signed token for one record, one version of it, and one editor."""
    return signing.dumps(
        {"adoption": adoption.pk, "version": adoption.version, "user": user.pk},
        salt=SIGNING_SALT,
    )


def reconfirm_url(adoption: Adoption, user) -> str:
    """The absolute address of the confirmation page of a record's re-confirm link."""
    return site_url("reminder_reconfirm", reconfirm_token(adoption, user))


def send_reminders(today: datetime.date | None = None) -> MailRun:
    """Mail every due digest over one SMTP connection, one editor at a time: an address the
    mail server refuses is reported and its records stay due; the others are sent."""
    today = today or timezone.localdate()
    run = MailRun()
    with get_connection() as connection:
        for digest in due_digests(today):
            with transaction.atomic():
                # Recorded before sending: a failed send rolls it back, a crash after the
                # send at worst names the records once more next time, never twice today.
                ReminderSent.objects.bulk_create(
                    ReminderSent(user=digest.user, adoption=record, sent_on=today)
                    for record in digest.records
                )
                if deliver(_message(digest, connection)):
                    run.sent += 1
                else:
                    transaction.set_rollback(True)
                    run.refused.append(digest.user.email)
    return run


def _message(digest: Digest, connection) -> EmailMessage:
    count = len(digest.records)
    subject = ngettext(
        "Labregister: %(count)s status is verouderd",
        "Labregister: %(count)s statussen zijn verouderd",
        count,
    ) % {"count": count}
    lines = [
        (record, reconfirm_url(record, digest.user), site_url(*edit_url_name(record)))
        for record in digest.records
    ]
    body = render_to_string(
        "initiatives/mail/reminder.txt",
        {
            "user": digest.user,
            "lines": lines,
            "valid_days": settings.REMINDER_LINK_DAYS,
            "preferences_url": site_url("adoption_admin:preferences"),
            "todo_url": site_url("adoption_admin:index"),
        },
    )
    return EmailMessage(subject, body, to=[digest.user.email], connection=connection)


def read_token(token: str) -> tuple[Adoption, object]:
    """The record and editor of a re-confirm link; ReminderLinkError (in Dutch) otherwise."""
    try:
        claim = signing.loads(
            token, salt=SIGNING_SALT, max_age=datetime.timedelta(days=settings.REMINDER_LINK_DAYS)
        )
    except signing.SignatureExpired as error:
        raise ReminderLinkError(
            _("Deze link is verlopen. Bevestig de status in het beheer van Labregister.")
        ) from error
    except signing.BadSignature as error:
        raise ReminderLinkError(_("Deze link is ongeldig.")) from error
    adoption = (
        Adoption.objects.select_related("municipality", "initiative")
        .filter(pk=claim["adoption"])
        .first()
    )
    user = get_user_model().objects.filter(pk=claim["user"], is_active=True).first()
    if adoption is None or user is None:
        raise ReminderLinkError(
            _("Deze link hoort bij een status of redacteur die er niet meer is.")
        )
    if adoption.version != claim["version"]:
        raise ReminderLinkError(
            _("Deze status is gewijzigd of bevestigd sinds de herinnering; de link geldt niet.")
        )
    return adoption, user


def reconfirm_from_link(token: str) -> Adoption:
    """Re-confirm the record of a valid link as its editor; ReminderLinkError otherwise."""
    adoption, user = read_token(token)
    try:
        return reconfirm_adoption(
            adoption.municipality,
            adoption.initiative,
            user=user,
            expected_version=adoption.version,
            source=ChangeSource.REMINDER,
        )
    except AdoptionError as error:
        # The editor no longer answers for the record, or it changed meanwhile.
        raise ReminderLinkError(" ".join(error.messages)) from error
