"""Pre-counted current statuses: per initiative, how many municipalities of a peer group have
each status. The scorecard's peer rates and the national rates read these few rows instead of
counting millions of records; the adoption service keeps them in step in the transaction that
writes the records (`AdoptionTallyQuerySet.add`), and they are rebuilt when the register
changes (`rebuild`)."""

from django.db import connection, models, transaction
from django.db.models import Count, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone

from ..constants import AdoptionStatus
from .adoption import Adoption
from .counting import add_to_counts, insert_counted
from .pages import InitiativePage
from .register import Municipality, existing_on_q, size_class_expression, size_class_of

# Every existing municipality is in three peer groups: the country, its province, its size
# class. Their names are the keys of `AdoptionTally.peer_group`.
NATIONAL_GROUP = "nl"
# Every record, whether its municipality exists today or not: what the API lists.
RECORDS_GROUP = "records"
PROVINCE_PREFIX = "provincie:"
SIZE_PREFIX = "grootte:"


def peer_groups_of(code: str, province: str, population: int | None) -> tuple[str, str, str]:
    """The names of the three peer groups a municipality is counted in."""
    size_class = size_class_of(code, population)
    return (
        NATIONAL_GROUP,
        PROVINCE_PREFIX + province,
        SIZE_PREFIX + (size_class.value if size_class else ""),
    )


class AdoptionTallyQuerySet(models.QuerySet):
    def rate_counts(self, *peer_groups: str) -> dict[str, dict[int, tuple[int, int]]]:
        """{peer group: {initiative id: (implemented, not applicable)}} in one query, as the
        tallies stand: a read never rebuilds them (`refresh_tallies` does, on the day the
        register changes)."""
        counts: dict[str, dict[int, tuple[int, int]]] = {group: {} for group in peer_groups}
        rows = (
            self.filter(
                peer_group__in=peer_groups,
                status__in=(AdoptionStatus.IMPLEMENTED, AdoptionStatus.NOT_APPLICABLE),
            )
            .values("peer_group", "initiative_id")
            .order_by()
            .annotate(
                implemented=models.Sum(
                    "count", filter=Q(status=AdoptionStatus.IMPLEMENTED), default=0
                ),
                not_applicable=models.Sum(
                    "count", filter=Q(status=AdoptionStatus.NOT_APPLICABLE), default=0
                ),
            )
            .values_list("peer_group", "initiative_id", "implemented", "not_applicable")
        )
        for group, initiative_id, implemented, not_applicable in rows:
            counts[group][initiative_id] = (implemented, not_applicable)
        return counts

    def add(self, deltas: dict[tuple[str, int, str], int]) -> None:
        """Add {(peer group, initiative id, status): difference} in the caller's transaction,
        which checked `ensure_current` first."""
        add_to_counts(self.model, ("peer_group", "initiative_id", "status"), deltas)

    def record_count(self, initiative_ids, status: str | None = None) -> int:
        """How many records these initiatives have (with a status): a sum of tallies."""
        tallies = self.filter(peer_group=RECORDS_GROUP, initiative_id__in=initiative_ids)
        if status is not None:
            tallies = tallies.filter(status=status)
        return tallies.aggregate(total=models.Sum("count"))["total"] or 0

    def ensure_current(self) -> bool:
        """True when the tallies hold; otherwise rebuild them and return False. For writers
        (in their transaction) and `refresh_tallies`, never for a read."""
        basis = AdoptionTallyBasis.objects.first()
        if basis is not None and (
            basis.valid_until is None or timezone.localdate() < basis.valid_until
        ):
            return True
        self.rebuild()
        return False

    @transaction.atomic
    def rebuild(self) -> None:
        """Count every record again, set-based in the database."""
        if connection.vendor == "postgresql":
            # Writers wait instead of adding to rows that are being replaced.
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {self.model._meta.db_table} IN EXCLUSIVE MODE")
        today = timezone.localdate()
        self.all().delete()
        every_record = Adoption.objects.all()
        records = every_record.filter(existing_on_q(today, "municipality__"))
        groups = {
            "records": Value(RECORDS_GROUP),
            "national": Value(NATIONAL_GROUP),
            "province": Concat(Value(PROVINCE_PREFIX), "municipality__province"),
            "size": Concat(Value(SIZE_PREFIX), size_class_expression("municipality__")),
        }
        for name, expression in groups.items():
            counted = (
                (every_record if name == "records" else records)
                .annotate(**{f"tally_{name}": expression})
                .values(f"tally_{name}", "initiative_id", "status")
                .annotate(tally_count=Count("pk"))
                .order_by()
            )
            insert_counted(
                self.model,
                {
                    "peer_group": f"tally_{name}",
                    "initiative_id": "initiative_id",
                    "status": "status",
                    "count": "tally_count",
                },
                counted,
            )
        # The next day the set of existing municipalities changes: a start or an end.
        next_days = Municipality.objects.aggregate(
            start=models.Min("valid_from", filter=Q(valid_from__gt=today)),
            end=models.Min("valid_until", filter=Q(valid_until__gt=today)),
        )
        boundaries = [day for day in next_days.values() if day]
        AdoptionTallyBasis.objects.all().delete()
        AdoptionTallyBasis.objects.create(valid_until=min(boundaries, default=None))
        ImplementedTally.objects.rebuild()


class ImplementedTallyQuerySet(models.QuerySet):
    def counts(self, municipality_ids) -> dict[int, int]:
        """{municipality id: records that say implemented}, as the tallies stand."""
        return dict(
            self.filter(municipality_id__in=municipality_ids).values_list(
                "municipality_id", "count"
            )
        )

    def add(self, deltas: dict[int, int]) -> None:
        """Add {municipality id: difference} in the caller's transaction, which checked
        `AdoptionTally.objects.ensure_current` first."""
        add_to_counts(self.model, ("municipality_id",), {(pk,): n for pk, n in deltas.items()})

    def rebuild(self) -> None:
        """Count every municipality's implemented records again (part of the tallies'
        rebuild, in its transaction)."""
        self.all().delete()
        counted = (
            Adoption.objects.filter(status=AdoptionStatus.IMPLEMENTED)
            .values("municipality_id")
            .annotate(tally_count=Count("pk"))
            .order_by()
        )
        insert_counted(
            self.model, {"municipality_id": "municipality_id", "count": "tally_count"}, counted
        )


# The scope every write to a record counts in: what the pages that show all records name.
ALL_RECORDS_SCOPE = "records"


def version_scopes(municipality_codes=(), initiative_slugs=(), peer_groups=()) -> set[str]:
    """The DataVersion scopes of these parts of the data: by code and slug, so that a page
    finds its scopes in its own address."""
    return {
        *(f"gemeente:{code}" for code in municipality_codes),
        *(f"initiatief:{slug}" for slug in initiative_slugs),
        *(f"groep:{group}" for group in peer_groups),
    }


class DataVersionQuerySet(models.QuerySet):
    def advance(self, scopes: set[str]) -> None:
        """Count one write to each of these scopes and to all records, in the writing
        transaction (sorted upserts: two writers lock the rows in the same order)."""
        counted = {(scope,): 1 for scope in {*scopes, ALL_RECORDS_SCOPE}}
        add_to_counts(self.model, ("scope",), counted)


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
