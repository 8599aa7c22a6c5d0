"""The gap report of an initiative: its rate, who has not implemented it, and its target."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.functional import Promise

from website.collation import sorted_by_text
from website.table_report import Column

from ..constants import (
    UNKNOWN,
    UNKNOWN_LABEL,
    AdoptionStatus,
    EvidenceLevel,
    SizeClass,
    status_label,
)
from ..models import Adoption, InitiativePage, Municipality
from ..models.tallies import NATIONAL_GROUP
from ..rules import GAP_GROUP_OF, GAP_GROUPS, gap_group, has_started
from .freshness import groups_version
from .rates import IMPLEMENTED, Rate, StatusCount
from .states import group_rates, is_current, municipalities_with_state, rates_among
from .targets import TargetProgress, target_progress


class PublicExplanation(NamedTuple):
    """A municipality's public "leg uit" of its status, and the link to its evidence."""

    text: str
    evidence_url: str


NO_EXPLANATION = PublicExplanation("", "")


def public_notes(initiative: InitiativePage):
    """({municipality id: PublicExplanation}, {municipality id: samenwerkingsverband}) of the
    current records that have an explanation or evidence, or came via a samenwerkingsverband:
    one query."""
    records = (
        Adoption.objects.filter(initiative=initiative)
        .exclude(public_explanation="", evidence_url="", partnership__isnull=True)
        .values_list("municipality_id", "public_explanation", "evidence_url", "partnership__name")
    )
    explanations, via_partnership = {}, {}
    for pk, text, url, partnership in records:
        if text or url:
            explanations[pk] = PublicExplanation(text, url)
        if partnership:
            via_partnership[pk] = partnership
    return explanations, via_partnership


class Breakdown(NamedTuple):
    """The rate among the municipalities of one province or size class: its name, the value
    the reports' filter takes for it (`province`, `size`), and the rate."""

    label: str | Promise
    value: str
    rate: Rate


@dataclass
class GapReport:
    initiative: InitiativePage
    day: datetime.date
    counts: list[StatusCount]
    rate: Rate
    gap: dict[str, list]
    by_province: list[Breakdown]
    by_size_class: list[Breakdown]
    evidence_mix: list[tuple[str | Promise, int]]
    target: TargetProgress | None = None
    # Every municipality with its status, for the exports.
    entries: list[tuple] = field(default_factory=list, repr=False)
    # {municipality id: PublicExplanation}: what municipalities say publicly (current only).
    explanations: dict[int, PublicExplanation] = field(default_factory=dict, repr=False)
    # {municipality id: samenwerkingsverband} of records reported "via" one (current only).
    via_partnership: dict[int, str] = field(default_factory=dict, repr=False)

    @property
    def current(self) -> bool:
        """Whether it is today's report (with the municipalities' explanations)."""
        return is_current(self.day)

    @property
    def started(self) -> bool:
        """Whether the initiative existed on the report's day."""
        return has_started(self.initiative.started_on, self.day)

    @property
    def implemented_via_partnership(self) -> int:
        """Implemented records that a samenwerkingsverband reported for its member."""
        return sum(
            1
            for m, status, _evidence in self.entries
            if status == IMPLEMENTED and m.pk in self.via_partnership
        )

    @property
    def explained_entries(self):
        """(municipality, status label, explanation) of each municipality that explains."""
        return [
            (m, AdoptionStatus(status).label, self.explanations[m.pk])
            for m, status, _evidence in self.entries
            if m.pk in self.explanations
        ]

    @property
    def gap_groups(self):
        """(key, label, municipalities) of every gap group, in the groups' order."""
        return [(key, GAP_GROUPS[key], self.gap[key]) for key in GAP_GROUPS]

    def explanation_of(self, municipality) -> PublicExplanation:
        """The municipality's public explanation, or an empty one."""
        return self.explanations.get(municipality.pk, NO_EXPLANATION)


# One row per municipality: its MunicipalityState.
GAP_COLUMNS = (
    Column("initiatief", lambda report, entry: report.initiative.slug),
    Column("gemeentecode", lambda report, entry: entry.municipality.code),
    Column("tooi", lambda report, entry: entry.municipality.tooi_uri),
    Column("gemeente", lambda report, entry: entry.municipality.name),
    Column("provincie", lambda report, entry: entry.municipality.province),
    Column(
        "grootteklasse",
        lambda report, entry: entry.municipality.size_class_code,
        lambda code: SizeClass(code).label,
    ),
    Column("status", lambda report, entry: entry.status, status_label),
    Column(
        "achterstandsgroep", lambda report, entry: gap_group(entry.status) or "", GAP_GROUPS.get
    ),
    Column(
        "bewijsniveau",
        lambda report, entry: entry.evidence_level,
        lambda code: EvidenceLevel(code).label,
    ),
    Column(
        "via_samenwerkingsverband",
        lambda report, entry: report.via_partnership.get(entry.municipality.pk, ""),
    ),
    Column("toelichting", lambda report, entry: report.explanation_of(entry.municipality).text),
    Column(
        "bewijs_url", lambda report, entry: report.explanation_of(entry.municipality).evidence_url
    ),
)


def initiative_gap(initiative: InitiativePage, day: datetime.date) -> GapReport:
    """Rate, counts per status (with unknown), the named gap, breakdowns and target."""
    counts, evidence_mix = Counter(), Counter()
    by_province, by_size_class = defaultdict(Counter), defaultdict(Counter)
    gap = {key: [] for key in GAP_GROUPS}
    entries = municipalities_with_state(initiative, day)
    explanations, via_partnership = public_notes(initiative) if is_current(day) else ({}, {})
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
        day=day,
        counts=[StatusCount(s.value, s.label, counts[s.value]) for s in AdoptionStatus]
        + [StatusCount(UNKNOWN, UNKNOWN_LABEL, counts[UNKNOWN])],
        rate=rate,
        gap=gap,
        by_province=sorted_by_text(
            (Breakdown(name, name, Rate.of(c)) for name, c in by_province.items()),
            lambda row: row.label,
        ),
        by_size_class=[
            Breakdown(s.label, s.value, Rate.of(by_size_class[s.value]))
            for s in SizeClass
            if s in by_size_class
        ],
        evidence_mix=[(level.label, evidence_mix[level.value]) for level in EvidenceLevel]
        + [(UNKNOWN_LABEL, evidence_mix[""])],
        target=target_progress(initiative, rate, day),
        entries=entries,
        explanations=explanations,
        via_partnership=via_partnership,
    )


@dataclass
class NationalAdoption:
    """An initiative's national rate and, when it has a target, its progress towards it."""

    initiative: InitiativePage
    rate: Rate
    target: TargetProgress | None


def national_adoption(initiatives, day: datetime.date) -> list[NationalAdoption]:
    """The national rate (and target progress) of each initiative, in the order given; two
    queries however many initiatives there are."""
    initiatives = list(initiatives)
    if not initiatives:
        return []
    if is_current(day):
        members = {NATIONAL_GROUP: Municipality.objects.existing_on(day).count()}
        rates = group_rates(members, groups_version(members))[NATIONAL_GROUP]
    else:
        existing = set(Municipality.objects.existing_on(day).values_list("pk", flat=True))
        rates = rates_among(day, existing)
    return [
        NationalAdoption(
            initiative, rates[initiative.pk], target_progress(initiative, rates[initiative.pk], day)
        )
        for initiative in initiatives
    ]


def national_targets(day: datetime.date) -> list[NationalAdoption]:
    """Every live initiative with an adoption target, soonest target first."""
    return national_adoption(
        InitiativePage.objects.published()
        .filter(adoption_target_share__isnull=False, adoption_target_date__isnull=False)
        .defer_streamfields()
        .order_by("adoption_target_date", "title"),
        day,
    )
