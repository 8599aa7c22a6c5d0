"""A harvest: read public sources, match every name, show what would change, then apply it
all or nothing through the one writer.

A harvested claim never overwrites a record that a municipality (or its samenwerkingsverband)
entered itself when that record is as recent as the claim; a claim without a date (usedBy) is
never more recent. Such pairs are listed as conflicts for a person to decide.
"""

import hashlib
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..constants import OWN_SOURCES, ChangeSource, EvidenceLevel, HarvestKind, status_label
from ..models import Adoption, HarvestSource
from .harvest_sources import (
    Claim,
    HarvestSourceError,
    claims_of,
    fetch,
    normalise_repository,
)
from .names import MunicipalityMatcher, NameMatch
from .service import record_adoptions
from .updates import AdoptionError, AdoptionUpdate, validate_update

# Stronger evidence wins when two sources speak about the same record.
EVIDENCE_STRENGTH = {
    EvidenceLevel.MAINTAINER_CLAIM: 0,
    EvidenceLevel.PUBLISHED: 1,
    EvidenceLevel.MEASURED: 2,
}


class HarvestOutcome(models.TextChoices):
    NEW = "new", gettext_lazy("nieuw")
    CHANGED = "changed", gettext_lazy("gewijzigd")
    UNCHANGED = "unchanged", gettext_lazy("ongewijzigd")
    CONFLICT = "conflict", gettext_lazy("conflict met eigen opgave")
    REVIEW = "review", gettext_lazy("beoordelen")
    NOT_MUNICIPALITY = "not_municipality", gettext_lazy("geen gemeente")


# Outcomes that write a record when the harvest is applied.
WRITING = (HarvestOutcome.NEW, HarvestOutcome.CHANGED)


@dataclass
class HarvestLine:
    """One claim of a source, what its name matched and what applying it would do."""

    claim: Claim
    match: NameMatch
    outcome: HarvestOutcome
    reason: str = ""
    update: AdoptionUpdate | None = None


@dataclass
class HarvestPlan:
    lines: list[HarvestLine] = field(default_factory=list)
    # Sources that could not be read, each with its Dutch reason.
    errors: list[str] = field(default_factory=list)
    # Of everything read, so an apply can refuse when a source changed after the dry run.
    fingerprint: str = ""

    def count(self, outcome: HarvestOutcome) -> int:
        """How many lines have this outcome."""
        return sum(1 for line in self.lines if line.outcome == outcome)

    @property
    def counts(self) -> list[tuple[HarvestOutcome, int]]:
        """(outcome, number of lines) for every outcome, in a fixed order."""
        return [(outcome, self.count(outcome)) for outcome in HarvestOutcome]

    @property
    def updates(self) -> list[AdoptionUpdate]:
        return [line.update for line in self.lines if line.outcome in WRITING]


def harvest_sources(initiative_slug: str | None = None, kind: str | None = None):
    """The sources a harvest reads, optionally of one initiative or one kind."""
    sources = HarvestSource.objects.select_related("initiative").order_by("kind", "url")
    if initiative_slug:
        sources = sources.filter(initiative__slug=initiative_slug)
    if kind:
        sources = sources.filter(kind=kind)
    return sources


def plan_harvest(sources) -> HarvestPlan:
    """Read every source and decide each claim's outcome; nothing is written (dry run)."""
    plan = HarvestPlan()
    repositories = {
        normalise_repository(source.repository_url): source.initiative
        for source in HarvestSource.objects.filter(kind=HarvestKind.PUBLICCODE)
        .exclude(repository_url="")
        .select_related("initiative")
    }
    digest = hashlib.sha256()
    claims: list[Claim] = []
    for source in sources:
        try:
            fetched = fetch(source.url)
            claims += claims_of(source, fetched, repositories)
        except HarvestSourceError as error:
            plan.errors.append(str(error))
            continue
        digest.update(source.url.encode() + b"\0" + fetched.content + b"\0")
    plan.fingerprint = digest.hexdigest()
    matcher = MunicipalityMatcher()
    today = timezone.localdate()
    matched = [(claim, matcher.match(claim.text, claim.as_of or today)) for claim in claims]
    plan.lines = _decide(matched, today)
    return plan


def _decide(matched, today) -> list[HarvestLine]:
    """The outcome of every claim against the current records (one query)."""
    found = [(claim, match) for claim, match in matched if match.municipality is not None]
    existing = {
        (a.municipality_id, a.initiative_id): a
        for a in Adoption.objects.filter(
            municipality_id__in={match.municipality.pk for _claim, match in found},
            initiative_id__in={claim.initiative.pk for claim, _match in found},
        )
    }
    # The strongest claim per record decides; the others are shown as unchanged.
    strongest: dict[tuple[int, int], Claim] = {}
    for claim, match in found:
        key = (match.municipality.pk, claim.initiative.pk)
        if key not in strongest or _stronger(claim, strongest[key]):
            strongest[key] = claim
    lines = []
    for claim, match in matched:
        if match.municipality is None:
            outcome = (
                HarvestOutcome.REVIEW if match.needs_review else HarvestOutcome.NOT_MUNICIPALITY
            )
            lines.append(HarvestLine(claim, match, outcome, match.describe()))
            continue
        key = (match.municipality.pk, claim.initiative.pk)
        if strongest[key] is not claim:
            lines.append(
                HarvestLine(
                    claim, match, HarvestOutcome.UNCHANGED, _("Een sterkere bron noemt dit ook.")
                )
            )
            continue
        lines.append(_decide_one(claim, match, existing.get(key), today))
    return lines


def _stronger(claim: Claim, other: Claim) -> bool:
    return EVIDENCE_STRENGTH[claim.evidence_level] > EVIDENCE_STRENGTH[other.evidence_level]


def _decide_one(claim: Claim, match: NameMatch, record: Adoption | None, today) -> HarvestLine:
    effective = claim.as_of or today
    update = AdoptionUpdate(
        municipality=match.municipality,
        initiative=claim.initiative,
        status=claim.status,
        effective_date=effective,
        evidence_level=claim.evidence_level,
        evidence_url=claim.source_url,
        confirmed_on=today,
        source_url=claim.source_url,
    )
    try:
        validate_update(update, today)
    except AdoptionError as error:
        return HarvestLine(claim, match, HarvestOutcome.REVIEW, " ".join(error.messages))
    if record is None:
        return HarvestLine(claim, match, HarvestOutcome.NEW, match.describe(), update)
    if record.status == claim.status:
        return HarvestLine(claim, match, HarvestOutcome.UNCHANGED, match.describe())
    if record.source in OWN_SOURCES and (
        claim.as_of is None or record.last_confirmed_on >= claim.as_of
    ):
        reason = _(
            "%(municipality)s meldde zelf ‘%(status)s’ (bevestigd %(date)s); de bron zegt "
            "‘%(claimed)s’. Beslis zelf."
        ) % {
            "municipality": match.municipality,
            "status": status_label(record.status),
            "date": date_format(record.last_confirmed_on, "j F Y"),
            "claimed": status_label(claim.status),
        }
        return HarvestLine(claim, match, HarvestOutcome.CONFLICT, reason)
    if effective < record.status_since:
        reason = _(
            "De bron spreekt over %(date)s; de huidige status ‘%(status)s’ geldt al sinds "
            "%(since)s. Beslis zelf."
        ) % {
            "date": date_format(effective, "j F Y"),
            "status": status_label(record.status),
            "since": date_format(record.status_since, "j F Y"),
        }
        return HarvestLine(claim, match, HarvestOutcome.CONFLICT, reason)
    return HarvestLine(claim, match, HarvestOutcome.CHANGED, match.describe(), update)


class HarvestChanged(Exception):
    """The sources differ from the dry run the person looked at; nothing was applied."""


@transaction.atomic
def apply_harvest(sources, *, user, expected_fingerprint: str | None = None) -> HarvestPlan:
    """Read the sources again and apply what is new or changed, all or nothing."""
    plan = plan_harvest(sources)
    if expected_fingerprint is not None and plan.fingerprint != expected_fingerprint:
        raise HarvestChanged(
            _("Een bron is gewijzigd sinds de proefoogst; bekijk de proefoogst opnieuw.")
        )
    record_adoptions(plan.updates, user=user, source=ChangeSource.HARVEST)
    HarvestSource.objects.filter(pk__in=[source.pk for source in sources]).update(
        last_read_at=timezone.now()
    )
    return plan
