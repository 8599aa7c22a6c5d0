"""Adoption figures: one computation for the public pages, the reports, exports and API.

Every report answers "as of" a day. Without a day it reads the current records (`Adoption`);
with a day it reads the history (`AdoptionChange`): the latest change that took effect on or
before that day. Only municipalities that existed on the day count, so a merged municipality
counts as itself until the merger and as part of its successor from the merger date on.
"""

import datetime
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.db.models import Count
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .constants import (
    IN_PROGRESS_STATUSES,
    UNKNOWN,
    UNKNOWN_LABEL,
    AdoptionStatus,
    EvidenceLevel,
    SizeClass,
)
from .models import Adoption, AdoptionChange, InitiativePage, Municipality
from .query import size_class_of

IMPLEMENTED = AdoptionStatus.IMPLEMENTED.value
NOT_APPLICABLE = AdoptionStatus.NOT_APPLICABLE.value

# The gap of an initiative: everyone who has not implemented it, by how far they are.
GAP_GROUPS = {
    "in_progress": _("Bezig"),
    "not_started": _("Niet gestart"),
    "stopped": _("Gestopt"),
    UNKNOWN: UNKNOWN_LABEL,
}


def gap_group(status: str) -> str | None:
    """The gap group of a status; None for implemented and not applicable (no gap)."""
    if status in IN_PROGRESS_STATUSES:
        return "in_progress"
    if status in (AdoptionStatus.NOT_STARTED, AdoptionStatus.STOPPED):
        return status
    if status == UNKNOWN:
        return UNKNOWN
    return None


GAP_GROUP_OF = {
    status: group
    for status in [*AdoptionStatus.values, UNKNOWN]
    if (group := gap_group(status)) is not None
}


# ---------------------------------------------------------------------------- states


def adoption_states(
    day: datetime.date | None,
    *,
    initiative_ids: Iterable[int] | None = None,
    municipality_ids: Iterable[int] | None = None,
) -> Iterator[tuple[int, int, str, str]]:
    """(municipality id, initiative id, status, evidence level) of every known state on `day`.

    One query. Pairs without a state are unknown and absent. Callers restrict municipalities
    to those that existed on the day.
    """
    if day is None:
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
    conditions, parameters = ["effective_date <= %s"], [day]
    for column, ids in (("initiative_id", initiative_ids), ("municipality_id", municipality_ids)):
        if ids is not None:
            ids = list(ids)
            if not ids:
                return
            conditions.append(f"{column} IN ({', '.join(['%s'] * len(ids))})")
            parameters += ids
    sql = f"""
        SELECT municipality_id, initiative_id, new_status, evidence_level FROM (
            SELECT municipality_id, initiative_id, new_status, evidence_level,
                   ROW_NUMBER() OVER (
                       PARTITION BY municipality_id, initiative_id
                       ORDER BY effective_date DESC, id DESC
                   ) AS position
            FROM {AdoptionChange._meta.db_table}
            WHERE {" AND ".join(conditions)}
        ) latest
        WHERE position = 1
    """  # noqa: S608 - only placeholders and fixed column names are interpolated
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        while rows := cursor.fetchmany(5000):
            yield from rows


# ----------------------------------------------------------------------- shared parts


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str | Promise
    count: int


@dataclass
class Rate:
    """Adoption rate: implemented ÷ (municipalities − not applicable)."""

    implemented: int = 0
    not_applicable: int = 0
    municipalities: int = 0

    @property
    def denominator(self) -> int:
        return self.municipalities - self.not_applicable

    @property
    def share(self) -> float | None:
        return self.implemented / self.denominator if self.denominator else None

    @classmethod
    def of(cls, counts: Counter) -> "Rate":
        """The rate of a Counter of statuses."""
        return cls(counts[IMPLEMENTED], counts[NOT_APPLICABLE], sum(counts.values()))

    def count(self, status: str):
        self.municipalities += 1
        self.implemented += status == IMPLEMENTED
        self.not_applicable += status == NOT_APPLICABLE


def existing_municipalities(day: datetime.date):
    return Municipality.objects.existing_on(day).with_size_class().order_by("name")


class MunicipalityRow(NamedTuple):
    """The fields reports show of a municipality, without building model instances."""

    pk: int
    code: str
    name: str
    province: str
    size_class_code: str


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
    sql = f"""
        SELECT m.id, m.code, m.name, m.province, m.population,
               COALESCE(a.status, %s), COALESCE(a.evidence_level, '')
        FROM {Municipality._meta.db_table} m
        LEFT JOIN {Adoption._meta.db_table} a
               ON a.municipality_id = m.id AND a.initiative_id = %s
        WHERE m.valid_from <= %s AND (m.valid_until IS NULL OR m.valid_until > %s)
        ORDER BY m.name
    """  # noqa: S608 - table names from the models, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [UNKNOWN, initiative.pk, today, today])
        return cursor.fetchall()


def _municipalities_with_state(initiative: InitiativePage, day: datetime.date | None):
    """[(MunicipalityRow, status, evidence)] of the municipalities existing on the day.

    Today: one LEFT JOIN on the current records; a past day: the history query.
    """
    if day is None:
        return [
            (MunicipalityRow(pk, code, name, province, _size_code(code, population)), *state)
            for pk, code, name, province, population, *state in current_states(initiative)
        ]
    municipalities = existing_municipalities(day)
    states = {
        m: (status, evidence)
        for m, _i, status, evidence in adoption_states(day, initiative_ids=[initiative.pk])
    }
    return [
        (MunicipalityRow(*row), *states.get(row[0], (UNKNOWN, "")))
        for row in municipalities.values_list(*ROW_FIELDS)
    ]


def as_of(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


# ------------------------------------------------------------------ initiative report


@dataclass
class TargetProgress:
    share: float
    date: datetime.date
    needed: int
    distance: int
    status: str
    label: str | Promise


class PublicExplanation(NamedTuple):
    """A municipality's public "leg uit" of its status, and the link to its evidence."""

    text: str
    evidence_url: str


def public_explanations(initiative: InitiativePage) -> dict[int, PublicExplanation]:
    """{municipality id: PublicExplanation} of the current records that have either."""
    records = (
        Adoption.objects.filter(initiative=initiative)
        .exclude(public_explanation="", evidence_url="")
        .values_list("municipality_id", "public_explanation", "evidence_url")
    )
    return {pk: PublicExplanation(text, url) for pk, text, url in records}


@dataclass
class GapReport:
    initiative: InitiativePage
    day: datetime.date
    counts: list[StatusCount]
    rate: Rate
    gap: dict[str, list[MunicipalityRow]]
    by_province: list[tuple[str, Rate]]
    by_size_class: list[tuple[str | Promise, Rate]]
    evidence_mix: list[tuple[str | Promise, int]]
    target: TargetProgress | None = None
    # Every municipality with its status, for the exports.
    entries: list[tuple[MunicipalityRow, str]] = field(default_factory=list, repr=False)
    # {municipality id: PublicExplanation}: what municipalities say publicly (current only).
    explanations: dict[int, "PublicExplanation"] = field(default_factory=dict, repr=False)

    @property
    def explained_entries(self):
        """(municipality, status label, explanation) of each municipality that explains."""
        return [
            (m, AdoptionStatus(status).label, self.explanations[m.pk])
            for m, status in self.entries
            if m.pk in self.explanations
        ]

    @property
    def gap_groups(self):
        return [(key, GAP_GROUPS[key], self.gap[key]) for key in GAP_GROUPS]


def initiative_gap(initiative: InitiativePage, day: datetime.date | None = None) -> GapReport:
    """Rate, counts per status (with unknown), the named gap, breakdowns and target."""
    on = as_of(day)
    counts, evidence_mix = Counter(), Counter()
    by_province, by_size_class = defaultdict(Counter), defaultdict(Counter)
    gap = {key: [] for key in GAP_GROUPS}
    entries = _municipalities_with_state(initiative, day)
    # Plain counters in the loop: this runs for every municipality on every report.
    for municipality, status, evidence in entries:
        counts[status] += 1
        by_province[municipality.province][status] += 1
        by_size_class[municipality.size_class_code][status] += 1
        if status == IMPLEMENTED:
            evidence_mix[evidence] += 1
        elif status in GAP_GROUP_OF:
            gap[GAP_GROUP_OF[status]].append(municipality)
    rate = Rate.of(counts)
    return GapReport(
        initiative=initiative,
        day=on,
        counts=[StatusCount(s.value, s.label, counts[s.value]) for s in AdoptionStatus]
        + [StatusCount(UNKNOWN, UNKNOWN_LABEL, counts[UNKNOWN])],
        rate=rate,
        gap=gap,
        by_province=sorted((name, Rate.of(c)) for name, c in by_province.items()),
        by_size_class=[
            (s.label, Rate.of(by_size_class[s.value])) for s in SizeClass if s in by_size_class
        ],
        evidence_mix=[(level.label, evidence_mix[level.value]) for level in EvidenceLevel]
        + [(UNKNOWN_LABEL, evidence_mix[""])],
        target=target_progress(initiative, rate, on),
        entries=[(municipality, status) for municipality, status, _evidence in entries],
        explanations=public_explanations(initiative) if day is None else {},
    )


def target_progress(initiative: InitiativePage, rate: Rate, on: datetime.date):
    """Distance to the adoption target ("bandbreedte") in municipalities, and whether on track.

    On track means at or above the straight line from 0 % when the initiative started to the
    target share on the target date.
    """
    if initiative.adoption_target_share is None or initiative.adoption_target_date is None:
        return None
    share = float(initiative.adoption_target_share) / 100
    needed = math.ceil(share * rate.denominator)
    distance = max(needed - rate.implemented, 0)
    target_date = initiative.adoption_target_date
    if distance == 0:
        status = "on_track"
    elif on > target_date:
        status = "passed"
    else:
        start = initiative.started_on or on
        span = (target_date - start).days
        expected = share * ((on - start).days / span) if span > 0 else share
        status = "on_track" if (rate.share or 0) >= expected else "behind"
    labels = {
        "on_track": _("Op koers"),
        "behind": _("Achter op schema"),
        "passed": _("Doeldatum verstreken"),
    }
    return TargetProgress(share, target_date, needed, distance, status, labels[status])


# ------------------------------------------------------------------ municipality report


@dataclass
class ScorecardLine:
    initiative: InitiativePage
    status: str
    evidence_level: str
    status_since: datetime.date | None
    last_confirmed_on: datetime.date | None
    size_class_peers: Rate
    province_peers: Rate
    # The municipality's public "leg uit" and its evidence: current records only.
    public_explanation: str = ""
    evidence_url: str = ""

    @property
    def status_label(self):
        return AdoptionStatus(self.status).label if self.status != UNKNOWN else UNKNOWN_LABEL

    @property
    def evidence_label(self):
        return EvidenceLevel(self.evidence_level).label if self.evidence_level else ""

    @property
    def has_it(self) -> bool:
        return self.status in (IMPLEMENTED, NOT_APPLICABLE)


@dataclass
class MunicipalityReport:
    municipality: Municipality
    day: datetime.date
    lines: list[ScorecardLine]


def municipality_report(
    municipality: Municipality, day: datetime.date | None = None
) -> MunicipalityReport:
    """Every live initiative: this municipality's state, and how many of its peers have it.

    Peers are the other municipalities of the same size class, and of the same province, that
    existed on the day. Sorted so that "most peers have it, we don't" comes first.
    """
    on = as_of(day)
    others = [
        row
        for row in existing_municipalities(on).values_list("pk", "province", "size_class_code")
        if row[0] != municipality.pk
    ]
    own_size_class = municipality.size_class or ""
    size_peers = {pk for pk, _province, size in others if size == own_size_class}
    province_peers = {pk for pk, province, _size in others if province == municipality.province}
    initiatives = list(InitiativePage.objects.published().defer_streamfields().order_by("title"))
    peer_rates = _peer_rates(day, size_peers, province_peers)

    own = _own_states(municipality, day)
    lines = []
    for initiative in initiatives:
        status, evidence, since, confirmed, explanation, evidence_url = own.get(
            initiative.pk, (UNKNOWN, "", None, None, "", "")
        )
        size_rate, province_rate = (
            peer_rates[group].get(initiative.pk) or Rate(municipalities=len(peers))
            for group, peers in (("size", size_peers), ("province", province_peers))
        )
        lines.append(
            ScorecardLine(
                initiative,
                status,
                evidence,
                since,
                confirmed,
                size_rate,
                province_rate,
                explanation,
                evidence_url,
            )
        )
    lines.sort(
        key=lambda line: (
            line.has_it,
            -(line.size_class_peers.share or 0) - (line.province_peers.share or 0),
            line.initiative.title,
        )
    )
    return MunicipalityReport(municipality, on, lines)


def _own_states(municipality: Municipality, day: datetime.date | None) -> dict[int, tuple]:
    """{initiative id: (status, evidence, since, confirmed, explanation, evidence url)}.

    A past day reads the history: the status then, and since when it held (the effective date
    of the change in force); explanation and evidence belong to the current record only.
    """
    if day is None:
        return {
            row[0]: row[1:]
            for row in municipality.adoptions.values_list(
                "initiative_id",
                "status",
                "evidence_level",
                "status_since",
                "last_confirmed_on",
                "public_explanation",
                "evidence_url",
            )
        }
    changes = (
        AdoptionChange.objects.filter(municipality=municipality, effective_date__lte=day)
        .order_by("initiative_id", "effective_date", "pk")
        .values_list(
            "initiative_id", "old_status", "new_status", "evidence_level", "effective_date"
        )
    )
    own = {}
    for initiative_id, old_status, new_status, evidence, effective in changes:
        previous = own.get(initiative_id)
        # A change of details only keeps the date since which the status held.
        since = previous[2] if previous and old_status == new_status else effective
        own[initiative_id] = (new_status, evidence, since, None, "", "")
    return own


def _peer_rates(day, size_peers: set[int], province_peers: set[int]):
    """{"size"|"province": {initiative id: Rate}}; peers without a record count as unknown."""
    return {
        group: rates_among(day, peers)
        for group, peers in (("size", size_peers), ("province", province_peers))
    }


def rates_among(day, municipality_ids: set[int]) -> dict[int, Rate]:
    """{initiative id: Rate} over these municipalities; those without a record count as
    unknown (in the denominator, not implemented)."""
    rates = defaultdict(lambda: Rate(municipalities=len(municipality_ids)))
    for initiative_id, status, count in _status_counts(day, municipality_ids):
        if status == IMPLEMENTED:
            rates[initiative_id].implemented += count
        elif status == NOT_APPLICABLE:
            rates[initiative_id].not_applicable += count
    return rates


@dataclass
class TargetLine:
    initiative: InitiativePage
    rate: Rate
    target: TargetProgress


def national_targets(day: datetime.date | None = None) -> list[TargetLine]:
    """Every live initiative with an adoption target: its national rate and the distance to
    the target, in three queries however many initiatives there are."""
    on = as_of(day)
    initiatives = (
        InitiativePage.objects.published()
        .filter(adoption_target_share__isnull=False, adoption_target_date__isnull=False)
        .defer_streamfields()
        .order_by("adoption_target_date", "title")
    )
    if not initiatives:
        return []
    rates = rates_among(day, set(Municipality.objects.existing_on(on).values_list("pk", flat=True)))
    lines = []
    for initiative in initiatives:
        rate = rates[initiative.pk]
        lines.append(TargetLine(initiative, rate, target_progress(initiative, rate, on)))
    return lines


def _status_counts(day, municipality_ids) -> Iterable[tuple[int, str, int]]:
    """(initiative id, status, number of municipalities) over the given municipalities."""
    if day is None:
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


# ---------------------------------------------------------------------------- matrix


@dataclass
class Matrix:
    day: datetime.date
    initiatives: list[InitiativePage]
    rows: list[tuple[Municipality, list[str]]]


def adoption_matrix(municipalities, initiatives, day: datetime.date | None = None) -> Matrix:
    """Status of every given municipality × initiative (one query for the states)."""
    municipalities, initiatives = list(municipalities), list(initiatives)
    states = {
        (m, i): status
        for m, i, status, _evidence in adoption_states(
            day,
            initiative_ids=[i.pk for i in initiatives],
            municipality_ids=[m.pk for m in municipalities],
        )
    }
    rows = [(m, [states.get((m.pk, i.pk), UNKNOWN) for i in initiatives]) for m in municipalities]
    return Matrix(as_of(day), initiatives, rows)


# ------------------------------------------------------------------------- over time


def quarter_starts(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first day of every quarter from the one containing `first` up to `last`."""
    day = datetime.date(first.year, 3 * ((first.month - 1) // 3) + 1, 1)
    starts = []
    while day <= last:
        starts.append(day)
        month = day.month + 3
        day = datetime.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)
    return starts


def adoption_over_time(
    initiative: InitiativePage, until: datetime.date | None = None
) -> list[tuple[datetime.date, Rate]]:
    """The adoption rate at the start of each quarter since the initiative started (2 queries).

    Each quarter counts the municipalities that existed on its first day, so a merger moves a
    municipality into its successor instead of adding or losing one.
    """
    until = as_of(until)
    municipalities = list(Municipality.objects.only("pk", "valid_from", "valid_until"))
    changes = list(
        AdoptionChange.objects.filter(initiative=initiative, effective_date__lte=until)
        .order_by("effective_date", "pk")
        .values_list("municipality_id", "effective_date", "new_status")
    )
    first = initiative.started_on or (changes[0][1] if changes else until)
    state: dict[int, str] = {}
    position = 0
    series = []
    for quarter in quarter_starts(first, until):
        while position < len(changes) and changes[position][1] <= quarter:
            municipality_id, _day, status = changes[position]
            state[municipality_id] = status
            position += 1
        rate = Rate()
        for municipality in municipalities:
            if municipality.exists_on(quarter):
                rate.count(state.get(municipality.pk, UNKNOWN))
        series.append((quarter, rate))
    return series


# ----------------------------------------------------------- admin table (current only)


@dataclass(frozen=True)
class ScorecardRow:
    initiative: InitiativePage
    adoption: Adoption | None

    @property
    def status_label(self):
        return self.adoption.get_status_display() if self.adoption else UNKNOWN_LABEL


def municipality_scorecard(municipality: Municipality) -> list[ScorecardRow]:
    """Every live initiative with this municipality's full record, or None (2 queries)."""
    adoptions = {
        a.initiative_id: a for a in municipality.adoptions.select_related("barrier_category")
    }
    initiatives = InitiativePage.objects.live().order_by("title")
    return [ScorecardRow(initiative, adoptions.get(initiative.pk)) for initiative in initiatives]
