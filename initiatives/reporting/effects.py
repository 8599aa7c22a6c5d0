"""What adopting an initiative changed in an indicator: a difference in differences per
adoption cohort, each compared with the municipalities that had not adopted yet (Callaway &
Sant'Anna's estimator with not-yet-treated controls), with a bootstrap interval over
municipalities.

Pure numpy on a panel: rows are municipalities, columns periods (years or quarters). A
municipality adopting during period g is compared between g − 1 (the last period before) and
g + 1 (the first full period after); period g itself is left out, as it is partly before and
partly after. Its controls are the municipalities that adopt after g + 1, or not at all, with
values in both periods. A plain two-way fixed-effects regression would compare late adopters
with early ones as if those were untreated, which biases it when adoption is staggered; this
comparison never uses an adopter as a control once it has adopted.
"""

from dataclasses import dataclass

import numpy as np

# Below this many municipalities on either side a figure says "te weinig gegevens".
MINIMUM_MUNICIPALITIES = 5
BOOTSTRAP_SAMPLES = 499
INTERVAL = 0.90


@dataclass(frozen=True)
class Effect:
    """The estimated change after adoption against the not-yet-adopters, in the indicator's
    unit; `low`/`high` bound the 90 % interval. None throughout when too few compare."""

    estimate: float | None
    low: float | None
    high: float | None
    adopters: int
    controls: int

    @property
    def enough_data(self) -> bool:
        return self.estimate is not None

    @property
    def interval_side(self) -> str:
        """ "lower" or "higher" when the whole interval lies on that side of no change,
        "both" when no change lies within it."""
        if self.high <= 0:
            return "lower"
        if self.low >= 0:
            return "higher"
        return "both"


@dataclass(frozen=True)
class Comparisons:
    """Per adoption cohort: which rows adopted then, which serve as controls, and each row's
    change over the cohort's two periods (NaN where a value is missing)."""

    adopters: np.ndarray  # cohorts × municipalities, bool
    controls: np.ndarray  # cohorts × municipalities, bool
    changes: np.ndarray  # cohorts × municipalities, float (0 where not compared)


def comparisons(values: np.ndarray, adopted_in: np.ndarray) -> Comparisons:
    """The cohort comparisons of a panel. `values`: municipalities × periods (NaN = no value);
    `adopted_in`: per municipality the index of the period it adopted in, or −1 for none."""
    periods = values.shape[1]
    cohorts = [g for g in np.unique(adopted_in) if 1 <= g <= periods - 2]
    adopters, controls, changes = [], [], []
    for cohort in cohorts:
        change = values[:, cohort + 1] - values[:, cohort - 1]
        measured = ~np.isnan(change)
        adopters.append(measured & (adopted_in == cohort))
        controls.append(measured & ((adopted_in > cohort + 1) | (adopted_in < 0)))
        changes.append(np.where(measured, change, 0.0))
    municipalities = values.shape[0]
    return Comparisons(
        _stack(adopters, municipalities, bool),
        _stack(controls, municipalities, bool),
        _stack(changes, municipalities, float),
    )


def _stack(rows: list, width: int, dtype) -> np.ndarray:
    return np.array(rows, dtype=dtype) if rows else np.zeros((0, width), dtype=dtype)


def weighted_effects(compared: Comparisons, weights: np.ndarray) -> np.ndarray:
    """The effect for each row of `weights` (samples × municipalities: how often each
    municipality is drawn): the cohorts' differences in differences, weighted by their drawn
    adopters. NaN for a sample in which no cohort has both adopters and controls."""
    adopters = compared.adopters.astype(float)
    controls = compared.controls.astype(float)
    adopter_count = weights @ adopters.T  # samples × cohorts
    control_count = weights @ controls.T
    adopter_mean = _ratio(weights @ (adopters * compared.changes).T, adopter_count)
    control_mean = _ratio(weights @ (controls * compared.changes).T, control_count)
    usable = (adopter_count > 0) & (control_count > 0)
    weight = np.where(usable, adopter_count, 0.0)
    difference = np.where(usable, adopter_mean - control_mean, 0.0)
    return _ratio((weight * difference).sum(axis=1), weight.sum(axis=1))


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(
            denominator > 0, numerator / np.where(denominator > 0, denominator, 1), np.nan
        )


def adoption_effect(
    values: np.ndarray, adopted_in: np.ndarray, seed: int = 0, samples: int = BOOTSTRAP_SAMPLES
) -> Effect:
    """The effect of adoption on an indicator, with its 90 % bootstrap interval (municipalities
    drawn with replacement, `seed` fixing the draws so that a report says the same each time)."""
    compared = comparisons(values, adopted_in)
    usable = compared.adopters.any(axis=1) & compared.controls.any(axis=1)
    adopters = int(compared.adopters[usable].any(axis=0).sum())
    controls = int(compared.controls[usable].any(axis=0).sum())
    if min(adopters, controls) < MINIMUM_MUNICIPALITIES:
        return Effect(None, None, None, adopters, controls)
    municipalities = values.shape[0]
    estimate = float(weighted_effects(compared, np.ones((1, municipalities)))[0])
    spread = weighted_effects(compared, _bootstrap_counts(municipalities, samples, seed))
    spread = spread[~np.isnan(spread)]
    tail = (1 - INTERVAL) / 2
    low, high = np.quantile(spread, [tail, 1 - tail])
    return Effect(estimate, float(low), float(high), adopters, controls)


def _bootstrap_counts(municipalities: int, samples: int, seed: int) -> np.ndarray:
    """samples × municipalities: how often each municipality is drawn, drawing as many as
    there are with replacement (a multinomial draw, counted from uniform indexes because
    numpy's multinomial, a binomial per municipality, is three times slower at a thousand)."""
    rng = np.random.default_rng(seed)
    drawn = rng.integers(0, municipalities, size=(samples, municipalities))
    offsets = np.arange(samples)[:, None] * municipalities
    counts = np.bincount((drawn + offsets).ravel(), minlength=samples * municipalities)
    return counts.reshape(samples, municipalities).astype(float)
