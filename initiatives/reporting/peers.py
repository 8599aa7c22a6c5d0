"""A municipality's peers on a day: the other municipalities of its size class and of its
province that existed then, how many of them had each initiative, and how many initiatives
each of them had (for the scorecard's medians)."""

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from website.collation import dutch

from ..models import InitiativePage, Municipality
from ..models.tallies import peer_groups_of
from .freshness import groups_version, kept_for, pages_version
from .rates import Rate
from .states import (
    existing_municipalities,
    group_rates,
    implemented_counts,
    is_current,
    rates_among,
)

# The two peer groups of a scorecard, as its lines and summary name them.
SIZE, PROVINCE = "size", "province"


class InitiativeRef(NamedTuple):
    """What a scorecard line holds of an initiative. A scorecard has a line for every one of
    thousands of initiatives; the view loads the pages of the lines it shows only (a named
    tuple: made 3,000 times a request, five times faster than a frozen dataclass)."""

    pk: int
    title: str
    slug: str


@dataclass
class Peers:
    """The initiatives compared (published, started by the day, in Dutch order), the peer
    groups ({SIZE/PROVINCE: municipality ids}), their rates per initiative and the number of
    initiatives each peer had implemented."""

    initiatives: list[InitiativeRef]
    groups: dict[str, set[int]]
    rates: dict[str, dict[int, Rate]]
    implemented: Counter

    def rate(self, group: str, initiative_id: int) -> Rate:
        """The group's rate of one initiative (none recorded: all unknown)."""
        # .get, not [...]: the rates may be defaultdicts, which would keep what they make.
        found = self.rates[group].get(initiative_id)
        return found or Rate(municipalities=len(self.groups[group]))

    def median(self, group: str) -> float | None:
        """The median number of initiatives the group's municipalities had implemented."""
        members = self.groups[group]
        return statistics.median(self.implemented[pk] for pk in members) if members else None


def peers_of(municipality: Municipality, day: datetime.date, own: dict[int, str]) -> Peers:
    """The peers of `municipality` on `day`; `own` is its status per initiative id (left out
    of its groups' tallies today)."""
    others = [
        row
        for row in existing_municipalities(day).values_list("pk", "province", "size_class_code")
        if row[0] != municipality.pk
    ]
    own_size_class = municipality.size_class or ""
    groups = {
        SIZE: {pk for pk, _province, size in others if size == own_size_class},
        PROVINCE: {pk for pk, province, _size in others if province == municipality.province},
    }
    if is_current(day):
        return _from_tallies(municipality, day, groups, own)
    initiatives = published_initiatives(day)
    rates = {group: rates_among(day, ids) for group, ids in groups.items()}
    counts = implemented_counts(day, groups[SIZE] | groups[PROVINCE], _ids(initiatives))
    return Peers(initiatives, groups, rates, counts)


def _from_tallies(municipality, day, groups, own) -> Peers:
    """Today: the tallies of the municipality's own groups, without itself; what every
    scorecard of the two groups shares is kept under their version."""
    _national, province, size = peer_groups_of(
        municipality.code, municipality.province, municipality.population
    )
    version = groups_version((size, province))
    initiatives = kept_for(
        pages_version(), f"initiatives-started-by:{day}", lambda: published_initiatives(day)
    )
    counted = municipality.exists_on(day)
    members = {size: len(groups[SIZE]), province: len(groups[PROVINCE])}
    rates = group_rates(members, version, own if counted else None)
    # Counted for every member, this municipality too if it exists: the same for all.
    everyone = groups[SIZE] | groups[PROVINCE] | ({municipality.pk} if counted else set())
    counts = kept_for(
        version,
        "implemented-counts",
        lambda: implemented_counts(day, everyone, _ids(initiatives)),
    )
    return Peers(initiatives, groups, {SIZE: rates[size], PROVINCE: rates[province]}, counts)


def published_initiatives(started_by: datetime.date) -> list[InitiativeRef]:
    """The published initiatives that had started by the day, in Dutch order."""
    published = InitiativePage.objects.published().started_by(started_by)
    return [
        InitiativeRef(*row)
        for row in published.order_by(dutch("title")).values_list("pk", "title", "slug")
    ]


def _ids(initiatives: list[InitiativeRef]) -> set[int]:
    return {initiative.pk for initiative in initiatives}
