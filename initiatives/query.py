"""QuerySet methods of the register: which municipalities exist when, and their size class."""

import datetime

from django.apps import apps
from django.db import connection, models, transaction
from django.db.models import Case, Count, Q, Value, When
from django.db.models.functions import Concat, TruncDate
from django.utils import timezone
from wagtail.models import PageManager

from website.pages import PublishedPageQuerySet

from .constants import (
    G4_CODES,
    SIZE_CLASS_THRESHOLDS,
    AdoptionStatus,
    LinkOutcome,
    MembershipRole,
    SizeClass,
)
from .permissions import is_vng_staff


def size_class_of(code: str, population: int | None) -> SizeClass | None:
    """The size class of a municipality; None when its population is not known."""
    if code in G4_CODES:
        return SizeClass.G4
    if population is None:
        return None
    for lower_bound, size_class in SIZE_CLASS_THRESHOLDS:
        if population >= lower_bound:
            return size_class
    return SizeClass.BELOW_20K


def size_class_expression(prefix: str = "") -> Case:
    """The SQL twin of `size_class_of`, built from the same thresholds (`prefix` reaches the
    municipality through a relation: "municipality__")."""
    whens = [When(**{f"{prefix}code__in": G4_CODES}, then=Value(SizeClass.G4.value))]
    whens += [
        When(**{f"{prefix}population__gte": lower_bound}, then=Value(size_class.value))
        for lower_bound, size_class in SIZE_CLASS_THRESHOLDS
    ]
    whens.append(
        When(**{f"{prefix}population__isnull": False}, then=Value(SizeClass.BELOW_20K.value))
    )
    return Case(*whens, default=Value(""), output_field=models.CharField())


def existing_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Municipalities that existed on `day`; a merger's end date is its first day gone."""
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gt": day})
    )


class InitiativePageQuerySet(PublishedPageQuerySet):
    def started_by(self, day: datetime.date):
        """The initiatives that had started on `day`: a report of a day counts no initiative
        that did not exist yet. One without a start date counts always (the admin asks for
        one; migration 0017 gave the older ones one). The Python twin: `rules.has_started`."""
        return self.filter(Q(started_on__isnull=True) | Q(started_on__lte=day))


InitiativePageManager = PageManager.from_queryset(InitiativePageQuerySet)


class MunicipalityQuerySet(models.QuerySet):
    def existing_on(self, day: datetime.date):
        return self.filter(existing_on_q(day))

    def current(self):
        return self.existing_on(timezone.localdate())

    def with_size_class(self):
        return self.annotate(size_class_code=size_class_expression())

    def of_size_class(self, size_class: str):
        return self.with_size_class().filter(size_class_code=size_class)

    def provinces(self) -> list[str]:
        """The distinct province names of these municipalities, sorted."""
        names = self.order_by("province").values_list("province", flat=True).distinct()
        return list(names)

    def editable_by(self, user):
        """The municipalities whose adoption records `user` may see and change.

        VNG staff: all; a municipal editor: those of their memberships; anyone else: none.
        """
        if is_vng_staff(user):
            return self
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(memberships__user=user, memberships__role=MembershipRole.EDITOR)


class AdoptionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Records `user` may see in full (internal notes included) and change."""
        municipalities = self.model._meta.get_field("municipality").related_model.objects
        return self.filter(municipality__in=municipalities.editable_by(user))

    def answerable_by(self, user, day: datetime.date | None = None):
        """Records `user` answers for: those `for_user` gives, and those their
        samenwerkingsverband reported for a municipality that is its member on `day` (today),
        of an initiative it runs."""
        # By name: the membership model is not reachable through a relation of Adoption.
        memberships = apps.get_model("initiatives", "PartnershipMember").objects
        reported = (
            memberships.reportable_by(user)
            .on(day or timezone.localdate())
            .filter(
                partnership=models.OuterRef("partnership"),
                municipality=models.OuterRef("municipality"),
                partnership__initiatives=models.OuterRef("initiative"),
            )
        )
        return self.filter(
            Q(pk__in=self.for_user(user).values("pk"))
            | Q(partnership__isnull=False) & models.Exists(reported)
        )

    def stale(self, confirmed_before: datetime.date):
        """Records whose status nobody confirmed since `confirmed_before` (the SQL twin of
        `rules.is_stale`)."""
        return self.filter(last_confirmed_on__lt=confirmed_before)

    def with_evidence_unreachable(self):
        """Annotate `evidence_unreachable`: the record's evidence link is no public address,
        or its checks have failed on more than one day (`EvidenceLinkCheck.broken`)."""
        # By name: checks refer to records by URL, not by a relation query.py could follow.
        checks = apps.get_model("initiatives", "EvidenceLinkCheck").objects
        broken = Q(outcome=LinkOutcome.REFUSED) | (
            ~Q(outcome=LinkOutcome.REACHABLE) & Q(failing_since__date__lt=TruncDate("checked_at"))
        )
        return self.annotate(
            evidence_unreachable=models.Exists(
                checks.filter(broken, url=models.OuterRef("evidence_url"))
            )
        )


class CorrectionRequestQuerySet(models.QuerySet):
    def for_user(self, user):
        """The requests `user` may read and resolve: those of municipalities they edit."""
        municipalities = self.model._meta.get_field("municipality").related_model.objects
        return self.filter(municipality__in=municipalities.editable_by(user))


class PartnershipQuerySet(models.QuerySet):
    def editable_by(self, user):
        """The samenwerkingsverbanden `user` may report for: VNG staff all, editors theirs."""
        if is_vng_staff(user):
            return self
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(editors=user)


class PartnershipMemberQuerySet(models.QuerySet):
    def on(self, day: datetime.date):
        """Memberships that ran on `day` (leaving is the first day out)."""
        return self.filter(Q(joined_on__lte=day) & (Q(left_on__isnull=True) | Q(left_on__gt=day)))

    def reportable_by(self, user):
        """Memberships whose records `user` may report through the samenwerkingsverband."""
        partnerships = self.model._meta.get_field("partnership").related_model.objects
        return self.filter(partnership__in=partnerships.editable_by(user))


# ---------------------------------------------------------------------- peer group tallies

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
        _add_to_counts(self.model, ("peer_group", "initiative_id", "status"), deltas)

    def record_count(self, initiative_ids, status: str | None = None) -> int:
        """How many records these initiatives have (with a status): a sum of tallies."""
        tallies = self.filter(peer_group=RECORDS_GROUP, initiative_id__in=initiative_ids)
        if status is not None:
            tallies = tallies.filter(status=status)
        return tallies.aggregate(total=models.Sum("count"))["total"] or 0

    def ensure_current(self) -> bool:
        """True when the tallies hold; otherwise rebuild them and return False. For writers
        (in their transaction) and `refresh_tallies`, never for a read."""
        basis = apps.get_model("initiatives", "AdoptionTallyBasis").objects.first()
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
        every_record = apps.get_model("initiatives", "Adoption").objects.all()
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
            _insert_counted(
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
        next_days = apps.get_model("initiatives", "Municipality").objects.aggregate(
            start=models.Min("valid_from", filter=Q(valid_from__gt=today)),
            end=models.Min("valid_until", filter=Q(valid_until__gt=today)),
        )
        boundaries = [day for day in next_days.values() if day]
        basis_model = apps.get_model("initiatives", "AdoptionTallyBasis")
        basis_model.objects.all().delete()
        basis_model.objects.create(valid_until=min(boundaries, default=None))
        apps.get_model("initiatives", "ImplementedTally").objects.rebuild()


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
        _add_to_counts(self.model, ("municipality_id",), {(pk,): n for pk, n in deltas.items()})

    def rebuild(self) -> None:
        """Count every municipality's implemented records again (part of the tallies'
        rebuild, in its transaction)."""
        self.all().delete()
        counted = (
            apps.get_model("initiatives", "Adoption")
            .objects.filter(status=AdoptionStatus.IMPLEMENTED)
            .values("municipality_id")
            .annotate(tally_count=Count("pk"))
            .order_by()
        )
        _insert_counted(
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
        _add_to_counts(self.model, ("scope",), counted)


# SQLite allows 32,766 parameters a statement; a tally row has at most four.
TALLY_ROWS_PER_STATEMENT = 2000


def _insert_counted(model, columns: dict[str, str], counted: models.QuerySet) -> None:
    """INSERT … SELECT a grouped QuerySet into a tally table: {table column: QuerySet column},
    by the subquery's column names because Django orders them as it likes."""
    sql, params = counted.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
            f"SELECT {', '.join(columns.values())} FROM ({sql}) counted",
            params,
        )


def _add_to_counts(model, key_columns: tuple[str, ...], deltas: dict[tuple, int]) -> None:
    """Upsert {key: difference} into a tally table keyed by `key_columns`, many rows a
    statement (an import moves thousands of tallies at once)."""
    rows = [(*key, delta) for key, delta in sorted(deltas.items()) if delta]
    table = model._meta.db_table
    keys = ", ".join(key_columns)
    row_placeholder = "(" + ", ".join(["%s"] * (len(key_columns) + 1)) + ")"
    # Sorted keys: two writers lock the rows in the same order and cannot deadlock.
    with connection.cursor() as cursor:
        for start in range(0, len(rows), TALLY_ROWS_PER_STATEMENT):
            batch = rows[start : start + TALLY_ROWS_PER_STATEMENT]
            cursor.execute(
                f"INSERT INTO {table} ({keys}, count) "  # noqa: S608
                f"VALUES {', '.join([row_placeholder] * len(batch))} "
                f"ON CONFLICT ({keys}) DO UPDATE SET count = {table}.count + excluded.count",
                [value for row in batch for value in row],
            )
