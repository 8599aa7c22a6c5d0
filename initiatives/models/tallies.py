"""Pre-counted current statuses: per initiative, how many municipalities of a peer group have
each status. The scorecard's peer rates and the national rates read these few rows instead of
counting millions of records; the adoption service keeps them in step in the transaction that
writes the records (`AdoptionTallyQuerySet.add`), and they are rebuilt when the register
changes (`rebuild`)."""

from django.db import models

from ..query import AdoptionTallyQuerySet, DataVersionQuerySet, ImplementedTallyQuerySet
from .pages import InitiativePage
from .register import Municipality


class AdoptionTally(models.Model):
    """How many existing municipalities of a peer group (`query.peer_groups_of`) have `status`
    for the initiative; unknown is never counted."""

    peer_group = models.CharField(max_length=80)
    initiative = models.ForeignKey(InitiativePage, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20)
    count = models.IntegerField()

    objects = AdoptionTallyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["peer_group", "initiative", "status"], name="one_tally_per_status"
            )
        ]
        indexes = [
            # Reports read two statuses of a few groups: an index-only scan on PostgreSQL.
            models.Index(
                fields=["peer_group", "status"],
                include=["initiative", "count"],
                name="tally_by_group_and_status",
            )
        ]

    def __str__(self):
        return f"{self.peer_group} {self.initiative_id} {self.status}: {self.count}"


class ImplementedTally(models.Model):
    """How many records of one municipality say "implemented", over every initiative: the
    scorecard's peer medians read these instead of counting each peer's records."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    count = models.IntegerField()

    objects = ImplementedTallyQuerySet.as_manager()

    def __str__(self):
        return f"{self.municipality_id}: {self.count}"


class AdoptionTallyBasis(models.Model):
    """One row: until which day the tallies' set of existing municipalities holds (the next
    start or end in the register); from that day on they are rebuilt before they are read."""

    valid_until = models.DateField(null=True, blank=True)

    def __str__(self):
        return f"tellingen geldig tot {self.valid_until or 'nader bericht'}"


class DataVersion(models.Model):
    """How many writes have touched a part of the data (`query.version_scopes`), counted in
    the transaction that writes: a cached public page names the parts it shows, so a write
    to one municipality leaves the reports of the others cached. Counted when the data
    becomes visible, never before or after, whatever order writers commit in."""

    scope = models.CharField(max_length=100, unique=True)
    count = models.PositiveBigIntegerField()

    objects = DataVersionQuerySet.as_manager()

    def __str__(self):
        return f"{self.scope}: {self.count}"
