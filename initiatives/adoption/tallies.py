"""Keeping the peer group tallies in step with the records the service writes."""

from collections import Counter
from collections.abc import Iterable

from django.utils import timezone

from ..constants import AdoptionStatus
from ..models import AdoptionChange, AdoptionTally, ImplementedTally, Municipality
from ..query import RECORDS_GROUP, peer_groups_of


def count_status_changes(entries: Iterable[tuple[Municipality, AdoptionChange]]) -> None:
    """Move the tallies by the status changes among these history entries (in the caller's
    transaction); municipalities that do not exist today count in no peer group, only among
    all records."""
    today = timezone.localdate()
    deltas = Counter()
    implemented = Counter()
    for municipality, entry in entries:
        if entry.old_status == entry.new_status:
            continue
        groups = (RECORDS_GROUP,)
        if municipality.exists_on(today):
            groups += peer_groups_of(
                municipality.code, municipality.province, municipality.population
            )
        for group in groups:
            if entry.old_status:
                deltas[group, entry.initiative_id, entry.old_status] -= 1
            deltas[group, entry.initiative_id, entry.new_status] += 1
        implemented[municipality.pk] += (entry.new_status == AdoptionStatus.IMPLEMENTED) - (
            entry.old_status == AdoptionStatus.IMPLEMENTED
        )
    if not AdoptionTally.objects.ensure_current():
        return  # rebuilt from the records, which already hold the caller's writes
    AdoptionTally.objects.add(deltas)
    ImplementedTally.objects.add(implemented)
