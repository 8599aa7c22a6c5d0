"""The one way adoption records change: permission, validation, current state and history."""

from collections.abc import Iterable
from itertools import islice

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..constants import OWN_SOURCES, ChangeSource
from ..models import (
    Adoption,
    AdoptionChange,
    AdoptionImport,
    DataVersion,
    InitiativePage,
    Municipality,
)
from ..models.tallies import version_scopes
from ..signals import adoptions_recorded
from .seen_keys import SeenKeys
from .tallies import StatusChangeCount
from .updates import (
    DETAIL_FIELDS,
    KEEP,
    AdoptionError,
    AdoptionUpdate,
    Outcome,
    RejectedUpdates,
    StaleAdoptionError,
    check_may_change,
    check_may_report_via_partnership,
    not_allowed,
    validate_update,
)
from .writes import insert_rows, update_rows


def _chunks(items: Iterable, size: int):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def record_adoption(update: AdoptionUpdate, *, user, source: ChangeSource) -> Outcome:
    """Record one update; see `record_adoptions`."""
    return record_adoptions([update], user=user, source=source)[0]


@transaction.atomic
def record_adoptions(
    updates: Iterable[AdoptionUpdate],
    *,
    user,
    source: ChangeSource,
    import_batch: AdoptionImport | None = None,
    chunk_size: int = 1000,
    dry_run: bool = False,
) -> list[Outcome]:
    """Apply updates in one transaction: each changed record gets exactly one history row.

    Updates are consumed in chunks, so a large import never holds every record in memory.
    Any refused, invalid or stale update raises AdoptionError and nothing at all is written.
    A dry run checks and answers the same, writing nothing: rows written and rolled back
    would be left behind as dead rows that slow the newest-first reads (the data version).
    """
    today = timezone.localdate()
    seen = SeenKeys()
    outcomes: list[Outcome] = []
    # Updates that conflict with a stored record; all are reported, not only the first.
    conflicts: list[AdoptionError] = []
    status_changes = StatusChangeCount()
    # Codes of the municipalities and slugs of the initiatives with a record written.
    written_codes: set[str] = set()
    written_slugs: set[str] = set()
    for chunk in _chunks(updates, chunk_size):
        check_may_change(user, {u.municipality.pk for u in chunk if u.partnership is None})
        check_may_report_via_partnership(user, [u for u in chunk if u.partnership is not None])
        if not dry_run:
            _lock_municipalities({update.municipality.pk for update in chunk})
        for update in chunk:
            validate_update(update, today)
            if not seen.add(update.key):
                raise AdoptionError(
                    _("%(initiative)s in %(municipality)s komt meer dan één keer voor.")
                    % {"initiative": update.initiative.title, "municipality": update.municipality}
                )
        chunk_outcomes, created, changed, history = _changes_of_chunk(
            chunk, user, source, import_batch, today, conflicts, lock=not dry_run
        )
        outcomes += chunk_outcomes
        if not dry_run:
            _write_chunk(
                chunk, created, changed, history, status_changes, written_codes, written_slugs
            )
    if len(conflicts) == 1:
        raise conflicts[0]
    if conflicts:
        raise RejectedUpdates(conflicts)
    if dry_run:
        return outcomes
    status_changes.save()
    if written_codes:
        # Last, so that the versions' row locks are held only until the commit.
        DataVersion.objects.advance(
            version_scopes(written_codes, written_slugs, status_changes.peer_groups)
        )
    touched = seen.municipality_ids
    transaction.on_commit(
        lambda: adoptions_recorded.send(sender=Adoption, municipality_ids=touched)
    )
    return outcomes


def _lock_municipalities(municipality_ids: set[int]) -> None:
    """Writers to the same municipality take turns until commit (PostgreSQL row locks, in id
    order so two batches cannot deadlock): a record two people create at once is created
    once and then changed, never refused by the unique constraint."""
    list(
        Municipality.objects.select_for_update()
        .filter(pk__in=municipality_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _changes_of_chunk(chunk, user, source, import_batch, today, conflicts, *, lock: bool):
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
    now = timezone.now()
    created, changed, history, outcomes = [], [], [], []
    for update in chunk:
        adoption = existing.get(update.key)
        if adoption is None:
            adoption = Adoption(
                municipality=update.municipality,
                initiative=update.initiative,
                status=update.status,
                status_since=update.effective_date,
                last_confirmed_on=update.confirmed_on or today,
                updated_by=user,
                source=source,
            )
            changes = {"status": [None, update.status], **_apply_details(adoption, update)}
            created.append(adoption)
            outcomes.append(Outcome.CREATED)
        else:
            if update.expected_version is not None and update.expected_version != adoption.version:
                raise StaleAdoptionError(adoption, update.expected_version)
            if adoption.status != update.status and update.effective_date < adoption.status_since:
                conflicts.append(
                    AdoptionError(
                        {
                            "effective_date": _(
                                "%(record)s: een nieuwe status kan niet ingaan vóór de huidige "
                                "(%(status)s sinds %(since)s)."
                            )
                            % {
                                "record": f"{update.initiative.title} – {update.municipality}",
                                "status": adoption.get_status_display(),
                                "since": date_format(adoption.status_since, "j F Y"),
                            }
                        },
                        key=update.key,
                    )
                )
                outcomes.append(Outcome.UNCHANGED)
                continue
            changes = _apply_details(adoption, update)
            if adoption.status != update.status:
                changes["status"] = [adoption.status, update.status]
                adoption.status = update.status
                adoption.status_since = update.effective_date
            if not changes:
                outcomes.append(Outcome.UNCHANGED)
                continue
            adoption.last_confirmed_on = update.confirmed_on or today
            adoption.source = source
            adoption.updated_by = user
            adoption.updated_at = now
            adoption.version += 1
            changed.append(adoption)
            outcomes.append(Outcome.CHANGED)
        history.append(
            _history_entry(
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


def _write_chunk(
    chunk, created, changed, history, status_changes, written_codes, written_slugs
) -> None:
    """Save a chunk's records and history; count its status changes for the tallies and
    add the municipality's code and initiative's slug of each record written to the sets."""
    insert_rows(created)
    update_rows(changed, UPDATED_FIELDS)
    insert_rows(history)
    updates = {update.key: update for update in chunk}
    for entry in history:
        update = updates[entry.municipality_id, entry.initiative_id]
        status_changes.add(update.municipality, entry)
        written_codes.add(update.municipality.code)
        written_slugs.add(update.initiative.slug)


# Columns a recorded change may touch on an existing record.
UPDATED_FIELDS = (
    "status",
    "status_since",
    "last_confirmed_on",
    "updated_by",
    "updated_at",
    "version",
    "source",
    *DETAIL_FIELDS,
)


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


def _history_entry(
    adoption, changes, effective_date, user, source, import_batch=None, source_url=""
):
    old_status = changes["status"][0] if "status" in changes else adoption.status
    return AdoptionChange(
        municipality_id=adoption.municipality_id,
        initiative_id=adoption.initiative_id,
        old_status=old_status or "",
        new_status=adoption.status,
        evidence_level=adoption.evidence_level,
        effective_date=effective_date,
        recorded_by=user,
        source=source,
        version=adoption.version,
        changes=changes,
        import_batch=import_batch,
        source_url=source_url,
        partnership_id=adoption.partnership_id,
    )


@transaction.atomic
def reconfirm_adoption(
    municipality: Municipality,
    initiative: InitiativePage,
    *,
    user,
    expected_version: int,
    source: ChangeSource = ChangeSource.FORM,
) -> Adoption:
    """Record that the current status is still right ("nog steeds juist") without changing it.

    Whoever answers for the record may: its municipality's editors, VNG, and the
    samenwerkingsverband that reported it for a member. A record that came from elsewhere (the
    demo, a harvest) becomes the municipality's own statement by it.
    """
    adoption = Adoption.objects.select_for_update().get(
        municipality=municipality, initiative=initiative
    )
    answerable = Adoption.objects.answerable_by(user).filter(pk=adoption.pk)
    if user is not None and not answerable.exists():
        raise not_allowed([municipality])
    if adoption.version != expected_version:
        raise StaleAdoptionError(adoption, expected_version)
    today = timezone.localdate()
    changes = {"last_confirmed_on": [adoption.last_confirmed_on.isoformat(), today.isoformat()]}
    if adoption.source not in OWN_SOURCES:
        changes["source"] = [adoption.source, source]
        adoption.source = source
    adoption.last_confirmed_on = today
    adoption.updated_by = user
    adoption.version += 1
    adoption.save(
        update_fields=["last_confirmed_on", "source", "updated_by", "updated_at", "version"]
    )
    _history_entry(adoption, changes, today, user, source).save()
    DataVersion.objects.advance(version_scopes([municipality.code], [initiative.slug]))
    return adoption
