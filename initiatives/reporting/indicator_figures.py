"""The figures of a group of indicator values: how many, median, quartiles, and the share
within the bandbreedte; nothing from fewer than five municipalities."""

from dataclasses import dataclass

import numpy as np

from ..models import Indicator
from .effects import MINIMUM_MUNICIPALITIES


@dataclass(frozen=True)
class GroupFigures:
    """`municipalities` counted; the rest None ("te weinig gegevens") below five."""

    municipalities: int
    median: float | None = None
    lower_quartile: float | None = None
    upper_quartile: float | None = None
    within_band: float | None = None

    @property
    def enough_data(self) -> bool:
        return self.median is not None


def group_figures(indicator: Indicator, values) -> GroupFigures:
    """The figures of these values of `indicator` (one per municipality; NaN for none)."""
    numbers = np.asarray(values, dtype=float)
    numbers = numbers[~np.isnan(numbers)]
    if len(numbers) < MINIMUM_MUNICIPALITIES:
        return GroupFigures(len(numbers))
    low, median, high = np.quantile(numbers, [0.25, 0.5, 0.75])
    within = float(np.mean(indicator.within_band(numbers)))
    return GroupFigures(len(numbers), float(median), float(low), float(high), within)
