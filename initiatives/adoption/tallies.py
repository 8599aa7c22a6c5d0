"""Keeping the peer group tallies in step with the records the service writes."""

from collections import Counter

from django.utils import timezone

from ..constants import AdoptionStatus
from ..models import AdoptionChange, AdoptionTally, ImplementedTally, Municipality
from ..models.tallies import RECORDS_GROUP, peer_groups_of


class StatusChangeCount:
    """The tallies' differences from a batch's history entries, written once at its end: an
    import of 125,000 rows moves each tally many times but upserts it once."""

    def __init__(self):
        self.today = timezone.localdate()
        self.deltas = Counter()
        self.implemented = Counter()

    def add(self, municipality: Municipality, entry: AdoptionChange) -> None:
        """Count one history entry; municipalities that do not exist today count in no peer
        group, only among all records."""
        if entry.old_status == entry.new_status:
            return
        groups = (RECORDS_GROUP,)
        if municipality.exists_on(self.today):
            groups += peer_groups_of(
                municipality.code, municipality.province, municipality.population
            )
        for group in groups:
            if entry.old_status:
                self.deltas[group, entry.initiative_id, entry.old_status] -= 1
            self.deltas[group, entry.initiative_id, entry.new_status] += 1
        self.implemented[municipality.pk] += (entry.new_status == AdoptionStatus.IMPLEMENTED) - (
            entry.old_status == AdoptionStatus.IMPLEMENTED
        )

    @property
    def peer_groups(self) -> set[str]:
        """The peer groups whose tallies this batch moves."""
        return {group for (group, _initiative_id, _status), delta in self.deltas.items() if delta}

    def save(self) -> None:
        """Move the tallies by what was counted, in the caller's transaction."""
        if not AdoptionTally.objects.ensure_current():
            return  # rebuilt from the records, which already hold the caller's writes
        AdoptionTally.objects.add(self.deltas)
        ImplementedTally.objects.add(self.implemented)
