"""Adoption figures shared by the public pages (and later the reports, exports and API)."""

from dataclasses import dataclass

from django.utils.functional import Promise

from .constants import UNKNOWN, UNKNOWN_LABEL, AdoptionStatus
from .models import Adoption, InitiativePage, Municipality


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str | Promise
    count: int


@dataclass(frozen=True)
class ScorecardRow:
    initiative: InitiativePage
    adoption: Adoption | None

    @property
    def status_label(self):
        return self.adoption.get_status_display() if self.adoption else UNKNOWN_LABEL


def initiative_status_counts(initiative: InitiativePage) -> list[StatusCount]:
    """How many current municipalities have each status, with "onbekend" for those without one.

    Two queries whatever the number of municipalities; the counts add up to the number of
    municipalities that exist today.
    """
    stored = (
        Adoption.objects.filter(initiative=initiative).of_existing_municipalities().status_counts()
    )
    total = Municipality.objects.current().count()
    counts = [StatusCount(s.value, s.label, stored.get(s.value, 0)) for s in AdoptionStatus]
    counts.append(StatusCount(UNKNOWN, UNKNOWN_LABEL, total - sum(stored.values())))
    return counts


def municipality_scorecard(municipality: Municipality) -> list[ScorecardRow]:
    """Every live initiative with this municipality's record, or None for unknown (2 queries)."""
    adoptions = {
        a.initiative_id: a for a in municipality.adoptions.select_related("barrier_category")
    }
    initiatives = InitiativePage.objects.live().order_by("title")
    return [ScorecardRow(initiative, adoptions.get(initiative.pk)) for initiative in initiatives]
