"""The municipality report (the public "scorekaart"): every initiative, this municipality's
state, and how many of its peers have it."""

import datetime
import statistics
from dataclasses import dataclass, field
from typing import NamedTuple

from website.collation import dutch
from website.formats import percentage, yes_no
from website.table_report import Column

from ..constants import UNKNOWN, UNKNOWN_LABEL, AdoptionStatus, EvidenceLevel, status_label
from ..models import AdoptionChange, InitiativePage, Municipality
from ..models.tallies import peer_groups_of
from ..rules import is_stale
from .freshness import groups_version, kept_for, pages_version
from .rates import IMPLEMENTED, NOT_APPLICABLE, Rate, export_share
from .states import (
    existing_municipalities,
    group_rates,
    implemented_counts,
    is_current,
    rates_among,
)


class InitiativeRef(NamedTuple):
    """What a scorecard line holds of an initiative. A scorecard has a line for every one of
    thousands of initiatives; the view loads the pages of the lines it shows only (a named
    tuple: made 3,000 times a request, five times faster than a frozen dataclass)."""

    pk: int
    title: str
    slug: str


@dataclass(slots=True)
class MunicipalityLine:
    initiative: InitiativeRef
    status: str
    evidence_level: str
    status_since: datetime.date | None
    last_confirmed_on: datetime.date | None
    size_class_peers: Rate
    province_peers: Rate
    # The municipality's public "leg uit" and its evidence: current records only.
    public_explanation: str = ""
    evidence_url: str = ""
    # Nobody of the municipality confirmed the status within the site's term.
    stale: bool = False
    # The samenwerkingsverband that reported the current status for the municipality.
    partnership: str = ""
    # The last check of the evidence link failed (`check_evidence_links`).
    evidence_unreachable: bool = False

    @property
    def status_label(self):
        """The status in words; "Onbekend" without a record."""
        return AdoptionStatus(self.status).label if self.status != UNKNOWN else UNKNOWN_LABEL

    @property
    def evidence_label(self):
        """The evidence level in words; empty without one."""
        return EvidenceLevel(self.evidence_level).label if self.evidence_level else ""

    @property
    def has_it(self) -> bool:
        """Implemented, or not applicable: nothing left to do."""
        return self.status in (IMPLEMENTED, NOT_APPLICABLE)


# How many initiatives the summary names as "furthest behind its peers".
FURTHEST_BEHIND = 3


@dataclass(frozen=True)
class ScorecardSummary:
    """The scorecard at a glance: how many initiatives here, and the typical peer."""

    implemented: int
    # The initiatives that apply here (all published ones but those "not applicable").
    applicable: int
    # The median number implemented by the other municipalities of the group.
    size_class_median: float | None
    province_median: float | None
    # The initiatives most peers have and this municipality has not, most first.
    furthest_behind: list[MunicipalityLine] = field(default_factory=list)
    # Records whose evidence link did not answer at its last check.
    evidence_unreachable: int = 0


@dataclass
class MunicipalityReport:
    municipality: Municipality
    day: datetime.date
    lines: list[MunicipalityLine]
    # Records last confirmed before this day are stale; None when the caller did not ask.
    stale_before: datetime.date | None = None
    summary: ScorecardSummary | None = None

    @property
    def current(self) -> bool:
        """Whether it is today's scorecard (with explanations, evidence and corrections)."""
        return is_current(self.day)


MUNICIPALITY_COLUMNS = (
    Column("gemeentecode", lambda report, line: report.municipality.code),
    Column("tooi", lambda report, line: report.municipality.tooi_uri),
    Column("initiatief", lambda report, line: line.initiative.slug),
    Column("status", lambda report, line: line.status, status_label),
    Column(
        "bewijsniveau",
        lambda report, line: line.evidence_level,
        lambda code: EvidenceLevel(code).label,
    ),
    Column("status_sinds", lambda report, line: line.status_since or ""),
    Column("laatst_bevestigd", lambda report, line: line.last_confirmed_on or ""),
    Column("verouderd", lambda report, line: line.stale, yes_no),
    Column(
        "aandeel_grootteklasse",
        lambda report, line: export_share(line.size_class_peers.share),
        percentage,
    ),
    Column(
        "aandeel_provincie",
        lambda report, line: export_share(line.province_peers.share),
        percentage,
    ),
    Column("toelichting", lambda report, line: line.public_explanation),
    Column("bewijs_url", lambda report, line: line.evidence_url),
    Column("bewijs_niet_bereikbaar", lambda report, line: line.evidence_unreachable, yes_no),
    Column("via_samenwerkingsverband", lambda report, line: line.partnership),
)


def municipality_report(
    municipality: Municipality,
    day: datetime.date,
    stale_before: datetime.date | None = None,
) -> MunicipalityReport:
    """Every live initiative: this municipality's state, and how many of its peers have it.

    Peers are the other municipalities of the same size class, and of the same province, that
    existed on the day. Sorted so that "most peers have it, we don't" comes first.
    """
    others = [
        row
        for row in existing_municipalities(day).values_list("pk", "province", "size_class_code")
        if row[0] != municipality.pk
    ]
    own_size_class = municipality.size_class or ""
    peer_groups = {
        "size": {pk for pk, _province, size in others if size == own_size_class},
        "province": {pk for pk, province, _size in others if province == municipality.province},
    }
    peers = peer_groups["size"] | peer_groups["province"]
    own = _own_states(municipality, day)
    if is_current(day):
        # Today: the tallies of the municipality's own groups, without itself; what every
        # scorecard of the two groups shares is kept under their version.
        _national, province, size = peer_groups_of(
            municipality.code, municipality.province, municipality.population
        )
        version = groups_version((size, province))
        initiatives = kept_for(
            pages_version(), f"initiatives-started-by:{day}", lambda: _published_initiatives(day)
        )
        counted = municipality.exists_on(day)
        without = {pk: state[0] for pk, state in own.items()} if counted else None
        members = {size: len(peer_groups["size"]), province: len(peer_groups["province"])}
        rates = group_rates(members, version, without)
        peer_rates = {"size": rates[size], "province": rates[province]}
        # Counted for every member, this municipality too if it exists: the same for all.
        peer_counts = kept_for(
            version,
            "implemented-counts",
            lambda: implemented_counts(
                day, peers | ({municipality.pk} if counted else set()), _ids(initiatives)
            ),
        )
    else:
        initiatives = _published_initiatives(started_by=day)
        peer_rates = {group: rates_among(day, ids) for group, ids in peer_groups.items()}
        peer_counts = implemented_counts(day, peers, _ids(initiatives))
    lines = []
    size_rates, province_rates = peer_rates["size"], peer_rates["province"]
    size_peers, province_peers = len(peer_groups["size"]), len(peer_groups["province"])
    nothing = (UNKNOWN, "", None, None, "", "", "", False)
    for initiative in initiatives:
        status, evidence, since, confirmed, explanation, evidence_url, partnership, broken = (
            own.get(initiative.pk, nothing)
        )
        # .get, not [...]: the rates may be defaultdicts, which would keep what they make.
        size_rate = size_rates.get(initiative.pk) or Rate(municipalities=size_peers)
        province_rate = province_rates.get(initiative.pk) or Rate(municipalities=province_peers)
        lines.append(
            MunicipalityLine(
                initiative,
                status,
                evidence,
                since,
                confirmed,
                size_rate,
                province_rate,
                explanation,
                evidence_url,
                stale=stale_before is not None and is_stale(confirmed, stale_before),
                partnership=partnership or "",
                evidence_unreachable=broken,
            )
        )
    # A stable sort: lines of equal standing keep the Dutch title order they were made in.
    lines.sort(key=lambda line: (line.has_it, -_peer_share(line)))
    summary = ScorecardSummary(
        implemented=sum(line.status == IMPLEMENTED for line in lines),
        applicable=sum(line.status != NOT_APPLICABLE for line in lines),
        size_class_median=_median(peer_counts, peer_groups["size"]),
        province_median=_median(peer_counts, peer_groups["province"]),
        furthest_behind=[line for line in lines if not line.has_it and _peer_share(line)][
            :FURTHEST_BEHIND
        ],
        evidence_unreachable=sum(line.evidence_unreachable for line in lines),
    )
    return MunicipalityReport(municipality, day, lines, stale_before, summary)


def _published_initiatives(started_by: datetime.date) -> list[InitiativeRef]:
    """The published initiatives that had started by the day, in Dutch order."""
    published = InitiativePage.objects.published().started_by(started_by)
    return [
        InitiativeRef(*row)
        for row in published.order_by(dutch("title")).values_list("pk", "title", "slug")
    ]


def _ids(initiatives: list[InitiativeRef]) -> set[int]:
    return {initiative.pk for initiative in initiatives}


def _peer_share(line: MunicipalityLine) -> float:
    return (line.size_class_peers.share or 0) + (line.province_peers.share or 0)


def _median(counts, municipality_ids: set[int]) -> float | None:
    return statistics.median(counts[pk] for pk in municipality_ids) if municipality_ids else None


def _own_states(municipality: Municipality, day: datetime.date) -> dict[int, tuple]:
    """{initiative id: (status, evidence, since, confirmed, explanation, evidence url,
    samenwerkingsverband, evidence unreachable)}.

    A past day reads the history: the status then, and since when it held (the effective date
    of the change in force); explanation and evidence belong to the current record only.
    """
    if is_current(day):
        return {
            row[0]: row[1:]
            for row in municipality.adoptions.with_evidence_unreachable().values_list(
                "initiative_id",
                "status",
                "evidence_level",
                "status_since",
                "last_confirmed_on",
                "public_explanation",
                "evidence_url",
                "partnership__name",
                "evidence_unreachable",
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
        own[initiative_id] = (new_status, evidence, since, None, "", "", "", False)
    return own
