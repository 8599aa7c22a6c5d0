"""The municipality report (the public "scorekaart"): every initiative, this municipality's
state, and how many of its peers have it."""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from website.formats import percentage, yes_no
from website.table_report import Column

from ..constants import (
    CLAIM_STRENGTH,
    UNKNOWN,
    UNKNOWN_LABEL,
    AdoptionStatus,
    ChangeSource,
    EvidenceLevel,
    status_label,
)
from ..models import AdoptionChange, AdoptionClaim, Municipality
from ..rules import is_stale
from .peers import PROVINCE, SIZE, InitiativeRef, Peers, peers_of
from .rates import IMPLEMENTED, NOT_APPLICABLE, Rate, export_share
from .states import (
    is_current,
)


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
    # Only an upper bound of the start is known: "uiterlijk sinds".
    since_is_upper_bound: bool = False
    # Who claims the status when no statement of the municipality is known ("volgens ...").
    claimed_by: str = ""
    # Open claims of others that differ from the municipality's own statement: (who, status).
    other_claims: tuple[tuple[str, str], ...] = ()

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
    Column("status_sinds_is_uiterlijk", lambda report, line: line.since_is_upper_bound, yes_no),
    Column("status_volgens", lambda report, line: line.claimed_by),
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
    own = _own_states(municipality, day)
    peers = peers_of(municipality, day, {pk: state.status for pk, state in own.items()})
    claims = open_claims_by_initiative(municipality) if is_current(day) else {}
    lines = [
        _line(
            initiative,
            own.get(initiative.pk, NOTHING_RECORDED),
            peers,
            stale_before,
            claims.get(initiative.pk, []),
        )
        for initiative in peers.initiatives
    ]
    # A stable sort: lines of equal standing keep the Dutch title order they were made in.
    lines.sort(key=lambda line: (line.has_it, -_peer_share(line)))
    return MunicipalityReport(municipality, day, lines, stale_before, _summary(lines, peers))


def _line(initiative, state: "OwnState", peers: Peers, stale_before, claims) -> MunicipalityLine:
    stands_in = state.source == ChangeSource.HARVEST
    return MunicipalityLine(
        initiative,
        state.status,
        state.evidence_level,
        state.since,
        state.confirmed,
        peers.rate(SIZE, initiative.pk),
        peers.rate(PROVINCE, initiative.pk),
        state.explanation,
        state.evidence_url,
        stale=stale_before is not None and is_stale(state.confirmed, stale_before),
        partnership=state.partnership or "",
        evidence_unreachable=state.evidence_unreachable,
        since_is_upper_bound=state.since_is_upper_bound,
        claimed_by=claims[0].source_label if stands_in and claims else "",
        other_claims=tuple(
            (claim.source_label, claim.claimed_status)
            for claim in claims
            if not stands_in and claim.claimed_status != state.status
        ),
    )


def open_claims_by_initiative(municipality: Municipality) -> dict[int, list[AdoptionClaim]]:
    """{initiative id: the open claims about it}, strongest evidence first."""
    claims: dict[int, list[AdoptionClaim]] = {}
    for claim in AdoptionClaim.objects.filter(municipality=municipality).open().order_by("pk"):
        claims.setdefault(claim.initiative_id, []).append(claim)
    for found in claims.values():
        found.sort(key=lambda claim: -CLAIM_STRENGTH[claim.evidence_level])
    return claims


def _summary(lines: list[MunicipalityLine], peers: Peers) -> ScorecardSummary:
    # The municipality's own rate over the initiatives, counted as every rate is.
    own = Rate()
    for line in lines:
        own.count(line.status)
    return ScorecardSummary(
        implemented=own.implemented,
        applicable=own.denominator,
        size_class_median=peers.median(SIZE),
        province_median=peers.median(PROVINCE),
        furthest_behind=[line for line in lines if not line.has_it and _peer_share(line)][
            :FURTHEST_BEHIND
        ],
        evidence_unreachable=sum(line.evidence_unreachable for line in lines),
    )


def _peer_share(line: MunicipalityLine) -> float:
    return (line.size_class_peers.share or 0) + (line.province_peers.share or 0)


class OwnState(NamedTuple):
    """What the municipality recorded of one initiative (on a past day: status, evidence
    level and since when only)."""

    status: str = UNKNOWN
    evidence_level: str = ""
    since: datetime.date | None = None
    confirmed: datetime.date | None = None
    explanation: str = ""
    evidence_url: str = ""
    partnership: str | None = ""
    evidence_unreachable: bool = False
    since_is_upper_bound: bool = False
    source: str = ""


NOTHING_RECORDED = OwnState()


def _own_states(municipality: Municipality, day: datetime.date) -> dict[int, OwnState]:
    """{initiative id: OwnState}.

    A past day reads the history: the status then, and since when it held (the effective date
    of the change in force); explanation and evidence belong to the current record only.
    """
    if is_current(day):
        return {
            row[0]: OwnState(*row[1:])
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
                "since_is_upper_bound",
                "source",
            )
        }
    changes = (
        AdoptionChange.objects.filter(municipality=municipality, effective_date__lte=day)
        .order_by("initiative_id", "effective_date", "pk")
        .values_list(
            "initiative_id",
            "old_status",
            "new_status",
            "evidence_level",
            "effective_date",
            "since_is_upper_bound",
        )
    )
    own = {}
    for initiative_id, old_status, new_status, evidence, effective, bound in changes:
        previous = own.get(initiative_id)
        # A change of details only keeps the date since which the status held.
        kept = previous and old_status == new_status
        since, bound = (
            (previous.since, previous.since_is_upper_bound) if kept else (effective, bound)
        )
        own[initiative_id] = OwnState(new_status, evidence, since, since_is_upper_bound=bound)
    return own
