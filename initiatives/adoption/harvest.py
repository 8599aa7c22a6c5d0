"""A harvest: read every public source on its own, match every name, say per line exactly what
would change, then store the claims and apply what may be applied.

A harvested statement is a claim (`AdoptionClaim`), never the municipality's word: it is kept
beside the municipality's own record and changes nothing there. Only where the register knows
nothing (no record, or only an earlier claim) does the strongest claim stand in for the status,
from the day it was first seen and only as "uiterlijk sinds".
"""

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import CLAIM_STRENGTH, UNKNOWN, ChangeSource, ClaimState, HarvestKind
from ..models import Adoption, AdoptionClaim, HarvestSource
from .claims import store_claims
from .harvest_lines import WRITING, HarvestLine, HarvestOutcome, reason_of
from .harvest_sources import Claim, SourceReading, normalise_repository, read_source
from .names import MunicipalityMatcher
from .service import record_adoptions
from .updates import AdoptionUpdate


@dataclass
class HarvestPlan:
    readings: list[SourceReading] = field(default_factory=list)
    lines: list[HarvestLine] = field(default_factory=list)
    # Of every source read, so an apply can refuse when one changed after the dry run.
    fingerprint: str = ""

    @property
    def readable(self) -> list[SourceReading]:
        """The sources read successfully: applying stores their claims, and only theirs."""
        return [reading for reading in self.readings if reading.read]

    @property
    def errors(self) -> list[str]:
        """The Dutch reason of every source that could not be read."""
        return [reading.error for reading in self.readings if not reading.read]

    def count(self, outcome: HarvestOutcome) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)

    @property
    def counts(self) -> list[tuple[HarvestOutcome, int]]:
        """(outcome, number of lines) for every outcome, in a fixed order."""
        return [(outcome, self.count(outcome)) for outcome in HarvestOutcome]

    @property
    def updates(self) -> list[AdoptionUpdate]:
        return [line.update for line in self.lines if line.outcome in WRITING]

    @property
    def complete(self) -> bool:
        """Whether applying would settle everything: every source read, no name to review."""
        return not self.errors and not self.count(HarvestOutcome.REVIEW)


def harvest_sources(initiative_slug: str | None = None, kind: str | None = None):
    """The sources a harvest reads, optionally of one initiative or one kind."""
    sources = HarvestSource.objects.select_related("initiative").order_by("kind", "url")
    if initiative_slug:
        sources = sources.filter(initiative__slug=initiative_slug)
    if kind:
        sources = sources.filter(kind=kind)
    return sources


def plan_harvest(sources) -> HarvestPlan:
    """Read every source on its own and decide each claim's outcome; nothing is written."""
    repositories = {
        normalise_repository(source.repository_url): source.initiative
        for source in HarvestSource.objects.filter(kind=HarvestKind.PUBLICCODE)
        .exclude(repository_url="")
        .select_related("initiative")
    }
    plan = HarvestPlan(readings=[read_source(source, repositories) for source in sources])
    digest = hashlib.sha256()
    for reading in plan.readings:
        digest.update(f"{reading.source.url}\0{reading.sha256}\0".encode())
    plan.fingerprint = digest.hexdigest()
    matcher = MunicipalityMatcher()
    today = timezone.localdate()
    for reading in plan.readings:
        _note_publisher(reading, matcher, today)
    matched = [
        (reading, claim, matcher.match(claim.text, claim.stated_on or today))
        for reading in plan.readings
        for claim in reading.claims
    ]
    plan.lines = _decide(matched, today)
    return plan


def _note_publisher(reading: SourceReading, matcher: MunicipalityMatcher, today) -> None:
    """An OpenCatalogi file speaks for its publisher: say so when that is no municipality."""
    if reading.source.kind != HarvestKind.OPENCATALOGI or not reading.publisher:
        return
    if matcher.match(reading.publisher, today).municipality is None:
        reading.notes.append(
            _(
                "De uitgever ‘%(publisher)s’ is geen gemeente: dit OpenCatalogi-bestand zegt "
                "niets over een gemeente."
            )
            % {"publisher": reading.publisher}
        )


def _decide(matched, today) -> list[HarvestLine]:
    """The outcome of every claim against the current records and claims (two queries)."""
    found = [(r, c, m) for r, c, m in matched if m.municipality is not None]
    municipality_ids = {m.municipality.pk for _r, _c, m in found}
    initiative_ids = {c.initiative.pk for _r, c, _m in found}
    records = {
        (a.municipality_id, a.initiative_id): a
        for a in Adoption.objects.filter(
            municipality_id__in=municipality_ids, initiative_id__in=initiative_ids
        )
    }
    stored = {
        (c.source_id, c.municipality_id, c.initiative_id): c
        for c in AdoptionClaim.objects.filter(
            municipality_id__in=municipality_ids, initiative_id__in=initiative_ids
        )
    }
    strongest: dict[tuple[int, int], Claim] = {}
    for _reading, claim, match in found:
        key = (match.municipality.pk, claim.initiative.pk)
        if key not in strongest or _stronger(claim, strongest[key]):
            strongest[key] = claim
    lines = []
    for reading, claim, match in matched:
        if match.municipality is None:
            outcome = (
                HarvestOutcome.REVIEW if match.needs_review else HarvestOutcome.NOT_MUNICIPALITY
            )
            lines.append(HarvestLine(claim, match, outcome, match.describe()))
            continue
        key = (match.municipality.pk, claim.initiative.pk)
        line = HarvestLine(claim, match, HarvestOutcome.UNCHANGED)
        line.stored = stored.get((claim.source.pk, *key))
        _decide_line(line, records.get(key), strongest[key] is claim, reading, today)
        lines.append(line)
    return lines


def _stronger(claim: Claim, other: Claim) -> bool:
    return CLAIM_STRENGTH[claim.evidence_level] > CLAIM_STRENGTH[other.evidence_level]


def _decide_line(line: HarvestLine, record, strongest: bool, reading, today) -> None:
    """Fill in the line's outcome, statuses, reason and (for a stand-in) the update."""
    claim, stored = line.claim, line.stored
    line.old_status = record.status if record else UNKNOWN
    line.new_status = line.old_status
    if (
        stored is not None
        and stored.state == ClaimState.DISMISSED
        and stored.file_sha256 == reading.sha256
    ):
        line.outcome = HarvestOutcome.DISMISSED
    elif record is not None and record.source != ChangeSource.HARVEST:
        same = record.status == claim.status
        line.outcome = HarvestOutcome.AGREES if same else HarvestOutcome.CONTRADICTS
    elif strongest and (record is None or record.status != claim.status):
        line.outcome = HarvestOutcome.STANDS_IN if record is None else HarvestOutcome.REPLACES
        line.new_status = claim.status
        first_seen = stored.first_seen_on if stored else today
        line.update = AdoptionUpdate(
            municipality=line.match.municipality,
            initiative=claim.initiative,
            status=claim.status,
            effective_date=max(first_seen, record.status_since) if record else first_seen,
            since_is_upper_bound=True,
            evidence_level=claim.evidence_level,
            evidence_url=claim.source_url,
            confirmed_on=today,
            source_url=claim.source_url,
        )
    line.reason = reason_of(line, record)


class HarvestChanged(Exception):
    """The sources differ from the dry run the person looked at; nothing was applied."""


@transaction.atomic
def apply_harvest(sources, *, user, expected_fingerprint: str | None = None) -> HarvestPlan:
    """Read the sources again; store the claims of every source read and let the strongest
    stand in where the status is unknown. Sources that could not be read change nothing."""
    plan = plan_harvest(sources)
    if expected_fingerprint is not None and plan.fingerprint != expected_fingerprint:
        raise HarvestChanged(
            _("Een bron is gewijzigd sinds de proefoogst; bekijk de proefoogst opnieuw.")
        )
    record_adoptions(plan.updates, user=user, source=ChangeSource.HARVEST)
    store_claims(plan, timezone.localdate())
    read = [reading.source.pk for reading in plan.readable]
    HarvestSource.objects.filter(pk__in=read).update(last_read_at=timezone.now())
    return plan
