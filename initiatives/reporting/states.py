"""The SQL readers of the reports: the state of every municipality × initiative on a day.

Without a day they read the current records (`Adoption`); with a day they read the history
(`AdoptionChange`): the latest change that took effect on or before that day. Only
municipalities that existed on the day count, so a merged municipality counts as itself until
the merger and as part of its successor from the merger date on.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from website import sql
from website.collation import COLLATION, dutch

from ..constants import UNKNOWN
from ..models import (
    Adoption,
    AdoptionChange,
    AdoptionTally,
    ImplementedTally,
    InitiativePage,
    Municipality,
    tooi_uri,
)
from ..models.register import size_class_of
from .freshness import kept_for
from .rates import IMPLEMENTED, NOT_APPLICABLE, Rate


def is_current(day: datetime.date) -> bool:
    """Whether a report of `day` reads the current records (today) or the history. Every
    report receives its day as a date, resolved once where the request arrives, so that
    `?peildatum=<today>` and no peildatum are the same report."""
    return day == timezone.localdate()


def adoption_states(
    day: datetime.date,
    *,
    initiative_ids: Iterable[int] | None = None,
    municipality_ids: Iterable[int] | None = None,
) -> Iterator[tuple[int, int, str, str]]:
    """(municipality id, initiative id, status, evidence level) of every known state on `day`.

    One query. Pairs without a state are unknown and absent. Callers restrict municipalities
    to those that existed on the day.
    """
    if is_current(day):
        records = Adoption.objects.all()
        if initiative_ids is not None:
            records = records.filter(initiative_id__in=list(initiative_ids))
        if municipality_ids is not None:
            records = records.filter(municipality_id__in=list(municipality_ids))
        yield from records.values_list(
            "municipality_id", "initiative_id", "status", "evidence_level"
        ).iterator(chunk_size=5000)
        return
    yield from _states_from_history(day, initiative_ids, municipality_ids)


def _states_from_history(day, initiative_ids, municipality_ids):
    conditions, parameters = [sql.compose("effective_date <= %s")], [day]
    for column, ids in (("initiative_id", initiative_ids), ("municipality_id", municipality_ids)):
        if ids is not None:
            ids = list(ids)
            if not ids:
                return
            conditions.append(
                sql.compose(
                    "{column} IN ({ids})", column=sql.name(column), ids=sql.placeholders(len(ids))
                )
            )
            parameters += ids
    statement = sql.compose(
        """
        SELECT municipality_id, initiative_id, new_status, evidence_level FROM (
            SELECT municipality_id, initiative_id, new_status, evidence_level,
                   ROW_NUMBER() OVER (
                       PARTITION BY municipality_id, initiative_id
                       ORDER BY effective_date DESC, id DESC
                   ) AS position
            FROM {changes}
            WHERE {conditions}
        ) latest
        WHERE position = 1
        """,
        changes=sql.table(AdoptionChange),
        conditions=sql.joined(conditions, " AND "),
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, parameters)
        while rows := cursor.fetchmany(5000):
            yield from rows


def existing_municipalities(day: datetime.date):
    """The municipalities that existed on `day`, with their size class, by name."""
    return Municipality.objects.existing_on(day).with_size_class().order_by(dutch("name"))


class MunicipalityRow(NamedTuple):
    """The fields reports show of a municipality, without building model instances."""

    pk: int
    code: str
    name: str
    province: str
    size_class_code: str

    @property
    def tooi_uri(self) -> str:
        return tooi_uri(self.code)


ROW_FIELDS = MunicipalityRow._fields


def _size_code(code: str, population: int | None) -> str:
    size_class = size_class_of(code, population)
    return size_class.value if size_class else ""


def current_states(initiative: InitiativePage):
    """Every existing municipality with its current record of the initiative: one LEFT JOIN.

    Written as SQL because it is the hot path of the most used report; the ORM's query
    building cost more than the query itself.
    """
    today = timezone.localdate()
    statement = sql.compose(
        """
        SELECT m.id, m.code, m.name, m.province, m.population,
               COALESCE(a.status, %s), COALESCE(a.evidence_level, '')
        FROM {municipalities} m
        LEFT JOIN {adoptions} a
               ON a.municipality_id = m.id AND a.initiative_id = %s
        WHERE m.valid_from <= %s AND (m.valid_until IS NULL OR m.valid_until > %s)
        ORDER BY m.name COLLATE {collation}
        """,
        municipalities=sql.table(Municipality),
        adoptions=sql.table(Adoption),
        collation=sql.name(COLLATION),
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [UNKNOWN, initiative.pk, today, today])
        return cursor.fetchall()


class MunicipalityState(NamedTuple):
    """One municipality of a report and its state of the initiative on the day."""

    municipality: MunicipalityRow
    status: str
    evidence_level: str


def municipalities_with_state(
    initiative: InitiativePage, day: datetime.date
) -> list[MunicipalityState]:
    """The municipalities existing on the day, each with its state of the initiative.

    Today: one LEFT JOIN on the current records; a past day: the history query.
    """
    if is_current(day):
        return [
            MunicipalityState(
                MunicipalityRow(pk, code, name, province, _size_code(code, population)), *state
            )
            for pk, code, name, province, population, *state in current_states(initiative)
        ]
    municipalities = existing_municipalities(day)
    states = {
        m: (status, evidence)
        for m, _i, status, evidence in adoption_states(day, initiative_ids=[initiative.pk])
    }
    return [
        MunicipalityState(MunicipalityRow(*row), *states.get(row[0], (UNKNOWN, "")))
        for row in municipalities.values_list(*ROW_FIELDS)
    ]


def rates_among(day, municipality_ids: set[int]) -> dict[int, Rate]:
    """{initiative id: Rate} over these municipalities; those without a record count as
    unknown (in the denominator, not implemented)."""
    rates = defaultdict(lambda: Rate(municipalities=len(municipality_ids)))
    for initiative_id, status, count in _status_counts(day, municipality_ids):
        rates[initiative_id].add(status, count)
    return rates


def group_rates(
    members: dict[str, int], version: str, without: dict[int, str] | None = None
) -> dict[str, dict[int, Rate]]:
    """{peer group: {initiative id: Rate}} today for the peer groups `members` names with
    their number of existing municipalities, from the tallies (`version`: the groups'
    `groups_version`). `without` ({initiative id: status}) leaves one member out of every
    group (the municipality whose peers these are); `members` must not count it then."""
    # A national scorecard spent a fifth of its time reading the 6,000 tally rows of its two
    # groups, which change only when a status in one of them does.
    counted = kept_for(
        version, "group-counts", lambda: AdoptionTally.objects.rate_counts(*sorted(members))
    )
    # Only these two statuses move a rate.
    left_out = {
        initiative_id: status
        for initiative_id, status in (without or {}).items()
        if status in (IMPLEMENTED, NOT_APPLICABLE)
    }
    rates = {}
    for group, size in members.items():
        rates[group] = of_group = defaultdict(lambda size=size: Rate(municipalities=size))
        for initiative_id, (implemented, not_applicable) in counted[group].items():
            of_group[initiative_id] = Rate(implemented, not_applicable, size)
        for initiative_id, status in left_out.items():
            of_group[initiative_id].add(status, -1)
    return rates


def _status_counts(day, municipality_ids) -> Iterable[tuple[int, str, int]]:
    """(initiative id, status, number of municipalities) over the given municipalities."""
    if is_current(day):
        return (
            Adoption.objects.filter(municipality_id__in=municipality_ids)
            .order_by()
            .values_list("initiative_id", "status")
            .annotate(count=Count("pk"))
        )
    counts = Counter(
        (i, status) for _m, i, status, _e in adoption_states(day, municipality_ids=municipality_ids)
    )
    return [(i, status, count) for (i, status), count in counts.items()]


def implemented_counts(day, municipality_ids: set[int], initiative_ids: set[int]) -> Counter:
    """{municipality id: how many of these initiatives it had implemented on the day}."""
    if is_current(day):
        # Today: each municipality's tally over every initiative, less the records of
        # initiatives outside the set (unpublished ones: few), counted from the records.
        counts = Counter(ImplementedTally.objects.counts(municipality_ids))
        others = set(InitiativePage.objects.values_list("pk", flat=True)) - initiative_ids
        if others:
            counts.subtract(
                dict(
                    Adoption.objects.filter(
                        status=IMPLEMENTED,
                        municipality_id__in=municipality_ids,
                        initiative_id__in=others,
                    )
                    .order_by()
                    .values_list("municipality_id")
                    .annotate(count=Count("pk"))
                )
            )
        return counts
    return Counter(
        m
        for m, i, status, _e in adoption_states(day, municipality_ids=municipality_ids)
        if status == IMPLEMENTED and i in initiative_ids
    )
