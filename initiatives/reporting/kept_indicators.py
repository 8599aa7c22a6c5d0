"""The indicator report and the headline of what initiatives bring (the initiative page, the
home page), each computed as `indicators.py` computes it and kept in the process cache until
the data changes: a national quarterly indicator is tens of thousands of values."""

import datetime

from ..constants import IndicatorDirection
from ..models import Indicator, InitiativePage
from .freshness import data_version, kept_for
from .indicators import Gain, IndicatorReport, indicator_report


def initiative_gains(initiative: InitiativePage, day: datetime.date) -> list[tuple]:
    """(indicator, Gain) for every indicator that measures the initiative (a published one:
    the report names no other)."""
    pairs = [
        (indicator, _kept_gain(indicator, initiative, day))
        for indicator in initiative.indicators.order_by("name")
    ]
    return [(indicator, gain) for indicator, gain in pairs if gain is not None]


def largest_gain(day: datetime.date) -> tuple | None:
    """(indicator, Gain) of the improvement measured most surely, among gains that rest on
    enough municipalities and whose interval lies wholly on the better side; None otherwise."""
    candidates = []
    for indicator in Indicator.objects.prefetch_related("initiatives"):
        for initiative in indicator.initiatives.published():
            gain = _kept_gain(indicator, initiative, day)
            if gain.effect.enough_data and _improvement(indicator, gain) > 0:
                candidates.append((_improvement(indicator, gain), indicator.pk, indicator, gain))
    if not candidates:
        return None
    _size, _pk, indicator, gain = max(candidates, key=lambda candidate: candidate[:2])
    return indicator, gain


def _improvement(indicator: Indicator, gain: Gain) -> float:
    """The interval's bound nearest to "no change", on the better side, in half-widths of the
    interval: unit-free, so days and euros compare; not positive when the interval reaches
    "no change" or the worse side."""
    better = -1 if indicator.direction == IndicatorDirection.LOWER else 1
    nearest = min(better * gain.effect.low, better * gain.effect.high)
    half_width = (gain.effect.high - gain.effect.low) / 2
    return nearest / half_width if half_width > 0 else 0.0


def _kept_gain(indicator, initiative, day) -> Gain | None:
    """The initiative's gain as the kept report of the indicator says it: one panel of values
    per indicator, however many initiatives it measures."""
    gains = kept_indicator_report(indicator, day).gains
    return next((gain for gain in gains if gain.initiative.pk == initiative.pk), None)


def kept_indicator_report(indicator: Indicator, day: datetime.date) -> IndicatorReport:
    """`indicator_report`, for the page, its exports and the API alike."""
    name = f"indicator-report-{indicator.pk}-{day.isoformat()}"
    return kept_for(data_version(), name, lambda: indicator_report(indicator, day))
