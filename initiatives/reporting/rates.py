"""The figures every report is made of: counts per status and the adoption rate."""

from collections import Counter
from dataclasses import dataclass

from django.utils.functional import Promise

from website.exports import Share
from website.formats import rounded_percent

from ..constants import AdoptionStatus

IMPLEMENTED = AdoptionStatus.IMPLEMENTED.value
NOT_APPLICABLE = AdoptionStatus.NOT_APPLICABLE.value


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str | Promise
    count: int


@dataclass(slots=True)
class Rate:
    """Adoption rate: implemented ÷ (municipalities − not applicable)."""

    implemented: int = 0
    not_applicable: int = 0
    municipalities: int = 0
    # Of the implemented, those known only "uiterlijk sinds" a day (a claim first seen then).
    implemented_by_upper_bound: int = 0

    @property
    def denominator(self) -> int:
        """The municipalities for which the initiative applies."""
        return self.municipalities - self.not_applicable

    @property
    def share(self) -> float | None:
        """Implemented ÷ denominator; None when nobody counts."""
        return self.implemented / self.denominator if self.denominator else None

    @classmethod
    def of(cls, counts: Counter) -> "Rate":
        """The rate of a Counter of statuses."""
        return cls(counts[IMPLEMENTED], counts[NOT_APPLICABLE], sum(counts.values()))

    def add(self, status: str, municipalities: int = 1) -> None:
        """Count this many of the municipalities already in the denominator as having this
        status (a negative number takes them out again)."""
        self.implemented += municipalities * (status == IMPLEMENTED)
        self.not_applicable += municipalities * (status == NOT_APPLICABLE)

    def count(self, status: str, since_is_upper_bound: bool = False):
        """Add one municipality with this status."""
        self.municipalities += 1
        self.add(status)
        self.implemented_by_upper_bound += status == IMPLEMENTED and since_is_upper_bound


def export_share(share: float | None):
    """A share as exports write it: the fraction of the percentage people read beside it
    (66,7 % → 0.667), or empty when there is none."""
    percent = rounded_percent(share)
    return Share(percent / 100) if percent is not None else ""
