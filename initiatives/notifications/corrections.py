"""Visitors' "Klopt dit niet?": received into the queue of the municipality's editors (who
are told by mail), resolved by them or VNG, the visitor answered. A request never changes a
record: a person does that, through the adoption service."""

import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from website.links import site_url

from ..constants import UNKNOWN, CorrectionState, MembershipRole
from ..models import Adoption, CorrectionRequest, InitiativePage, Membership, Municipality
from ..permissions import editable_corrections

logger = logging.getLogger("labregister.corrections")


class CorrectionError(ValidationError):
    """A request that cannot be resolved (by this user, or any more); the message is Dutch."""


def editors_to_tell(municipality: Municipality) -> list[str]:
    """The addresses of the municipality's editors."""
    return sorted(
        set(
            Membership.objects.filter(
                municipality=municipality,
                role=MembershipRole.EDITOR,
                user__is_active=True,
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


@dataclass(frozen=True)
class ShownRecord:
    """The status a visitor reports about, as the scorecard shows it."""

    status: str
    since: datetime.date | None = None


def shown_record(municipality: Municipality, initiative: InitiativePage) -> ShownRecord:
    """The current status of the pair (Onbekend without a record) and since when."""
    adoption = Adoption.objects.filter(municipality=municipality, initiative=initiative).first()
    if adoption is None:
        return ShownRecord(UNKNOWN)
    return ShownRecord(adoption.status, adoption.status_since)


def submit_correction(
    municipality: Municipality,
    initiative: InitiativePage,
    *,
    message: str,
    source_url: str = "",
    email: str = "",
) -> CorrectionRequest:
    """Queue what a visitor says is wrong and tell the municipality's editors."""
    correction = CorrectionRequest.objects.create(
        municipality=municipality,
        initiative=initiative,
        status_seen=shown_record(municipality, initiative).status,
        message=message,
        source_url=source_url,
        email=email,
    )
    _tell_editors(correction, editors_to_tell(municipality))
    return correction


def _tell_editors(correction: CorrectionRequest, recipients: list[str]) -> None:
    if not recipients:
        return
    subject = _("Labregister: melding over %(initiative)s in %(name)s") % {
        "initiative": correction.initiative.title,
        "name": correction.municipality.name,
    }
    links = {
        "correction_url": site_url("adoption_admin:correction", correction.pk),
        "scorecard_url": site_url("municipalities:detail", correction.municipality.code),
    }
    body = render_to_string("initiatives/mail/correction_received.txt", {"c": correction, **links})
    _send(subject, body, recipients)


@transaction.atomic
def resolve_correction(
    correction: CorrectionRequest, *, user, state: CorrectionState, answer: str
) -> CorrectionRequest:
    """Close a request as changed or answered; the visitor, if they left an address, is told."""
    if not editable_corrections(user).filter(pk=correction.pk).exists():
        raise CorrectionError(
            _("U mag meldingen over %(name)s niet afhandelen.")
            % {"name": correction.municipality.name}
        )
    if correction.state != CorrectionState.OPEN:
        raise CorrectionError(_("Deze melding is al afgehandeld."))
    correction.state = state
    correction.answer = answer
    correction.resolved_by = user
    correction.resolved_at = timezone.now()
    correction.save(update_fields=["state", "answer", "resolved_by", "resolved_at"])
    if correction.email:
        _answer_reporter(correction)
    return correction


def _answer_reporter(correction: CorrectionRequest) -> None:
    subject = _("Labregister: uw melding over %(initiative)s in %(name)s") % {
        "initiative": correction.initiative.title,
        "name": correction.municipality.name,
    }
    scorecard_url = site_url("municipalities:detail", correction.municipality.code)
    body = render_to_string(
        "initiatives/mail/correction_answered.txt",
        {"c": correction, "scorecard_url": scorecard_url},
    )
    _send(subject, body, [correction.email])


def _send(subject: str, body: str, recipients: list[str]) -> None:
    # The request is in the queue either way; a mail server that is down must not lose it.
    try:
        send_mail(subject, body, None, recipients)
    except (OSError, smtplib.SMTPException):
        logger.exception("Mail about a correction request not sent to %s", recipients)
