"""What a chunk of updates changes, record by record: new records, changed ones with only the
fields that differ, refusals of a status dated before the one in force, and one history entry
per changed record. Nothing is written here (`service.py` writes)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..constants import ChangeSource
from ..errors import AdoptionError
from ..models import Adoption, AdoptionChange
from .updates import DETAIL_FIELDS, KEEP, AdoptionUpdate, Outcome, StaleAdoptionError


def changes_of_chunk(chunk, user, source, import_batch, today, conflicts, *, lock: bool):
    """(outcomes, records to create, records changed, history entries) of a chunk, with its
    stored records read (and locked, unless a dry run) first; conflicts are appended."""
    keys = {update.key for update in chunk}
    stored = Adoption.objects.filter(
        municipality_id__in={m for m, _i in keys}, initiative_id__in={i for _m, i in keys}
    )
    existing = {
        (adoption.municipality_id, adoption.initiative_id): adoption
        for adoption in (stored.select_for_update() if lock else stored)
    }
    stamp = _Stamp(user, source, today, timezone.now())
    created, changed, history, outcomes = [], [], [], []
    for update in chunk:
        adoption = existing.get(update.key)
        if adoption is None:
            adoption, changes = _new_record(update, stamp)
            created.append(adoption)
            outcomes.append(Outcome.CREATED)
        else:
            if update.expected_version is not None and update.expected_version != adoption.version:
                raise StaleAdoptionError(adoption, update.expected_version)
            conflict = _starts_before_current(adoption, update)
            changes = {} if conflict else _change_record(adoption, update, stamp)
            if conflict:
                conflicts.append(conflict)
            if not changes:
                outcomes.append(Outcome.UNCHANGED)
                continue
            changed.append(adoption)
            outcomes.append(Outcome.CHANGED)
        history.append(
            history_entry(
                adoption,
                changes,
                update.effective_date,
                user,
                source,
                import_batch,
                source_url=update.source_url,
            )
        )
    return outcomes, created, changed, history


@dataclass(frozen=True)
class _Stamp:
    """Who writes, through which path, on which day and at what moment."""

    user: object
    source: ChangeSource
    today: datetime.date
    now: datetime.datetime


def _new_record(update: AdoptionUpdate, stamp: _Stamp) -> tuple[Adoption, dict]:
    """A record the update creates, and its changes for the history."""
    adoption = Adoption(
        municipality=update.municipality,
        initiative=update.initiative,
        status=update.status,
        status_since=update.effective_date,
        since_is_upper_bound=update.since_is_upper_bound,
        last_confirmed_on=update.confirmed_on or stamp.today,
        updated_by=stamp.user,
        source=stamp.source,
    )
    return adoption, {"status": [None, update.status], **_apply_details(adoption, update)}


def _starts_before_current(adoption: Adoption, update: AdoptionUpdate) -> AdoptionError | None:
    """The refusal of a new status dated before the one in force, or None."""
    if adoption.status == update.status or update.effective_date >= adoption.status_since:
        return None
    message = _(
        "%(record)s: een nieuwe status kan niet ingaan vóór de huidige (%(status)s sinds "
        "%(since)s)."
    ) % {
        "record": f"{update.initiative.title} – {update.municipality}",
        "status": adoption.get_status_display(),
        "since": date_format(adoption.status_since, "j F Y"),
    }
    return AdoptionError({"effective_date": message}, key=update.key)


def _change_record(adoption: Adoption, update: AdoptionUpdate, stamp: _Stamp) -> dict:
    """Apply the update to a stored record; its changes for the history ({} when none)."""
    changes = _apply_details(adoption, update)
    if adoption.status != update.status:
        changes["status"] = [adoption.status, update.status]
        adoption.status = update.status
        adoption.status_since = update.effective_date
        adoption.since_is_upper_bound = update.since_is_upper_bound
    if changes:
        adoption.last_confirmed_on = update.confirmed_on or stamp.today
        adoption.source = stamp.source
        adoption.updated_by = stamp.user
        adoption.updated_at = stamp.now
        adoption.version += 1
    return changes


def _apply_details(adoption: Adoption, update: AdoptionUpdate) -> dict:
    """Copy the detail fields the update carries; return {field: [old, new]} of those changed."""
    changes = {}
    for name in DETAIL_FIELDS:
        value = getattr(update, name)
        if value is KEEP or getattr(adoption, name) == value:
            continue
        changes[name] = [getattr(adoption, name), value]
        setattr(adoption, name, value)
    return changes


def history_entry(
    adoption, changes, effective_date, user, source, import_batch=None, source_url=""
):
    """The history row of one write to a record (not saved): old → new, the changed fields."""
    old_status = changes["status"][0] if "status" in changes else adoption.status
    return AdoptionChange(
        municipality_id=adoption.municipality_id,
        initiative_id=adoption.initiative_id,
        old_status=old_status or "",
        new_status=adoption.status,
        evidence_level=adoption.evidence_level,
        effective_date=effective_date,
        since_is_upper_bound="status" in changes and adoption.since_is_upper_bound,
        recorded_by=user,
        source=source,
        version=adoption.version,
        changes=changes,
        import_batch=import_batch,
        source_url=source_url,
        partnership_id=adoption.partnership_id,
    )
