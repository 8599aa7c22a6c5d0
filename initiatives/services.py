"""The one way adoption records change: current state and history are written together."""

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .constants import AdoptionStatus, ChangeSource, EvidenceLevel
from .models import Adoption, AdoptionChange, InitiativePage, Municipality


class _Keep:
    """Marks a field that an update leaves as it is (an import has no internal-note column)."""

    def __repr__(self):
        return "KEEP"


KEEP = _Keep()

# Fields an update may carry besides the status; KEEP leaves the stored value alone.
DETAIL_FIELDS = (
    "evidence_level",
    "evidence_url",
    "public_explanation",
    "barrier_category_id",
    "internal_note",
)


@dataclass(frozen=True)
class AdoptionUpdate:
    """What someone says about one initiative in one municipality."""

    municipality: Municipality
    initiative: InitiativePage
    status: str
    effective_date: datetime.date
    evidence_level: str | _Keep = KEEP
    evidence_url: str | _Keep = KEEP
    public_explanation: str | _Keep = KEEP
    barrier_category_id: int | None | _Keep = KEEP
    internal_note: str | _Keep = KEEP
    # The version the editor's form was based on; None skips the optimistic-lock check.
    expected_version: int | None = None
    # When the municipality confirmed this state; today unless the source says otherwise.
    confirmed_on: datetime.date | None = None

    @property
    def key(self) -> tuple[int, int]:
        return (self.municipality.pk, self.initiative.pk)


class Outcome(enum.StrEnum):
    CREATED = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


class AdoptionError(ValidationError):
    """An update that cannot be recorded; the message is Dutch and names the problem."""


class StaleAdoptionError(AdoptionError):
    """Someone else saved the record after the editor's form was loaded."""

    def __init__(self, current: Adoption):
        self.current = current
        super().__init__(
            _(
                "Iemand anders heeft dit record intussen gewijzigd (nu versie %(version)s, "
                "status ‘%(status)s’). Uw wijziging is niet opgeslagen."
            )
            % {"version": current.version, "status": current.get_status_display()}
        )


def _chunks(items: Iterable, size: int):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def validate_update(update: AdoptionUpdate, today: datetime.date) -> None:
    """Raise AdoptionError if the update states something that cannot be true."""
    municipality = update.municipality
    if update.status not in AdoptionStatus.values:
        raise AdoptionError(_("Status ‘%(status)s’ bestaat niet.") % {"status": update.status})
    if update.evidence_level not in (KEEP, "", *EvidenceLevel.values):
        raise AdoptionError(
            _("Bewijsniveau ‘%(level)s’ bestaat niet.") % {"level": update.evidence_level}
        )
    if update.effective_date > today:
        raise AdoptionError(
            _("De datum %(date)s ligt in de toekomst.")
            % {"date": date_format(update.effective_date, "j F Y")}
        )
    if not municipality.exists_on(update.effective_date):
        raise AdoptionError(
            _("Gemeente %(name)s (%(code)s) bestond niet op %(date)s.")
            % {
                "name": municipality.name,
                "code": municipality.code,
                "date": date_format(update.effective_date, "j F Y"),
            }
        )


def record_adoption(update: AdoptionUpdate, *, user, source: ChangeSource) -> Outcome:
    """Record one update; see `record_adoptions`."""
    return record_adoptions([update], user=user, source=source)[0]


@transaction.atomic
def record_adoptions(
    updates: Iterable[AdoptionUpdate], *, user, source: ChangeSource, chunk_size: int = 1000
) -> list[Outcome]:
    """Apply updates in one transaction: each changed record gets exactly one history row.

    Updates are consumed in chunks, so a large import never holds every record in memory.
    Any invalid or stale update raises AdoptionError and nothing at all is written.
    """
    today = timezone.localdate()
    seen: set[tuple[int, int]] = set()
    outcomes: list[Outcome] = []
    for chunk in _chunks(updates, chunk_size):
        for update in chunk:
            validate_update(update, today)
            if update.key in seen:
                raise AdoptionError(
                    _("%(initiative)s in %(municipality)s komt meer dan één keer voor.")
                    % {"initiative": update.initiative.title, "municipality": update.municipality}
                )
            seen.add(update.key)
        outcomes += _record_chunk(chunk, user=user, source=source, today=today)
    return outcomes


def _record_chunk(chunk, *, user, source, today) -> list[Outcome]:
    keys = {update.key for update in chunk}
    existing = {
        (adoption.municipality_id, adoption.initiative_id): adoption
        for adoption in Adoption.objects.select_for_update().filter(
            municipality_id__in={m for m, _i in keys}, initiative_id__in={i for _m, i in keys}
        )
    }
    now = timezone.now()
    created, changed, history, outcomes = [], [], [], []
    for update in chunk:
        adoption = existing.get(update.key)
        old_status = adoption.status if adoption else ""
        if adoption is None:
            adoption = Adoption(
                municipality=update.municipality,
                initiative=update.initiative,
                status=update.status,
                status_since=update.effective_date,
                last_confirmed_on=update.confirmed_on or today,
                updated_by=user,
            )
            _apply_details(adoption, update)
            created.append(adoption)
            outcomes.append(Outcome.CREATED)
        else:
            if update.expected_version is not None and update.expected_version != adoption.version:
                raise StaleAdoptionError(adoption)
            status_changed = adoption.status != update.status
            details_changed = _apply_details(adoption, update)
            if not (status_changed or details_changed):
                outcomes.append(Outcome.UNCHANGED)
                continue
            if status_changed:
                adoption.status = update.status
                adoption.status_since = update.effective_date
            adoption.last_confirmed_on = update.confirmed_on or today
            adoption.updated_by = user
            adoption.updated_at = now
            adoption.version += 1
            changed.append(adoption)
            outcomes.append(Outcome.CHANGED)
        history.append(
            AdoptionChange(
                municipality=update.municipality,
                initiative=update.initiative,
                old_status=old_status,
                new_status=update.status,
                effective_date=update.effective_date,
                recorded_by=user,
                source=source,
            )
        )
    Adoption.objects.bulk_create(created)
    Adoption.objects.bulk_update(
        changed,
        [
            "status",
            "status_since",
            "last_confirmed_on",
            "updated_by",
            "updated_at",
            "version",
            *DETAIL_FIELDS,
        ],
    )
    AdoptionChange.objects.bulk_create(history)
    return outcomes


def _apply_details(adoption: Adoption, update: AdoptionUpdate) -> bool:
    """Copy the detail fields the update carries; return whether any value changed."""
    changed = False
    for name in DETAIL_FIELDS:
        value = getattr(update, name)
        if value is KEEP or getattr(adoption, name) == value:
            continue
        setattr(adoption, name, value)
        changed = True
    return changed
