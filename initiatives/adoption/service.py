"""The one way adoption records change: permission, validation, current state and history."""

from collections.abc import Iterable
from itertools import islice

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import OWN_SOURCES, ChangeSource
from ..errors import AdoptionError
from ..models import (
    Adoption,
    AdoptionImport,
    DataVersion,
    InitiativePage,
    Municipality,
)
from ..models.tallies import version_scopes
from ..permissions import (
    check_may_answer,
    check_may_change,
    check_may_report_via_partnership,
)
from ..signals import adoptions_recorded
from .record_changes import changes_of_chunk, history_entry
from .seen_keys import SeenKeys
from .tallies import StatusChangeCount
from .updates import (
    DETAIL_FIELDS,
    AdoptionUpdate,
    Outcome,
    RejectedUpdates,
    StaleAdoptionError,
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
        _check_chunk(chunk, user, today, seen, lock=not dry_run)
        chunk_outcomes, created, changed, history = changes_of_chunk(
            chunk, user, source, import_batch, today, conflicts, lock=not dry_run
        )
        outcomes += chunk_outcomes
        if not dry_run:
            _write_chunk(
                chunk, created, changed, history, status_changes, written_codes, written_slugs
            )
    if conflicts:
        raise conflicts[0] if len(conflicts) == 1 else RejectedUpdates(conflicts)
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


def _check_chunk(chunk, user, today, seen: SeenKeys, *, lock: bool) -> None:
    """Refuse the chunk unless `user` may write all of it and every update is valid and named
    once; lock its municipalities for a real write."""
    check_may_change(user, {u.municipality.pk for u in chunk if u.partnership is None})
    check_may_report_via_partnership(user, [u for u in chunk if u.partnership is not None])
    if lock:
        _lock_municipalities({update.municipality.pk for update in chunk})
    for update in chunk:
        validate_update(update, today)
        if not seen.add(update.key):
            raise AdoptionError(
                _("%(initiative)s in %(municipality)s komt meer dan één keer voor.")
                % {"initiative": update.initiative.title, "municipality": update.municipality}
            )


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
    "since_is_upper_bound",
    "last_confirmed_on",
    "updated_by",
    "updated_at",
    "version",
    "source",
    *DETAIL_FIELDS,
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
    check_may_answer(user, adoption)
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
    history_entry(adoption, changes, today, user, source).save()
    DataVersion.objects.advance(version_scopes([municipality.code], [initiative.slug]))
    return adoption
