"""The adoption effect estimator, checked on simulated registers whose truth is known.

Each register: 200 municipalities over 24 quarters, each with its own level, a national trend,
noise, and staggered adoption (most adopt in some quarter, some never do). The effect is
applied from the first full quarter after adoption.
"""

import numpy as np
import pytest

from initiatives.reporting.effects import MINIMUM_MUNICIPALITIES, adoption_effect

MUNICIPALITIES = 200
QUARTERS = 24
REGISTERS = 100


def simulated_register(seed: int, effect: float, trend_per_year: float = 0.0):
    """(values, adopted_in) of one simulated register."""
    rng = np.random.default_rng(seed)
    level = rng.normal(30, 6, size=(MUNICIPALITIES, 1))
    trend = trend_per_year / 4 * np.arange(QUARTERS)
    # Early adopters tend to be the municipalities that were doing well already: adoption is
    # not random, which a plain comparison of adopters with others would mistake for an effect.
    adopted_in = np.where(
        rng.random(MUNICIPALITIES) < 0.7,
        np.clip((level[:, 0] - 18) / 24 * QUARTERS + rng.normal(0, 4, MUNICIPALITIES), 1, 21),
        -1,
    ).astype(int)
    after = np.arange(QUARTERS) > adopted_in[:, None]
    treated = (adopted_in[:, None] >= 0) & after
    values = level + trend + rng.normal(0, 3, (MUNICIPALITIES, QUARTERS)) + effect * treated
    return values, adopted_in


def run(effect: float, trend_per_year: float = 0.0):
    return [
        adoption_effect(*simulated_register(seed, effect, trend_per_year), seed=seed, samples=299)
        for seed in range(REGISTERS)
    ]


@pytest.mark.parametrize("true_effect", [-5.0, 0.0])
def test_the_interval_covers_the_true_effect_in_at_least_85_of_100_registers(true_effect):
    effects = run(true_effect)

    covered = sum(e.low <= true_effect <= e.high for e in effects)
    mean_error = np.mean([e.estimate - true_effect for e in effects])
    assert covered >= 85
    assert abs(mean_error) < 1


def test_a_national_trend_with_staggered_adoption_and_no_effect_reports_about_zero():
    effects = run(0.0, trend_per_year=-1.0)

    assert abs(np.mean([e.estimate for e in effects])) < 0.25
    assert sum(e.low <= 0 <= e.high for e in effects) >= 85


def test_fewer_than_five_adopters_give_no_figure():
    values, adopted_in = simulated_register(1, -5.0)
    adopted_in[:] = -1
    adopted_in[:4] = 10

    effect = adoption_effect(values, adopted_in)

    assert (effect.estimate, effect.low, effect.high) == (None, None, None)
    assert effect.adopters == 4 < MINIMUM_MUNICIPALITIES
    assert not effect.enough_data


def test_a_municipality_without_values_counts_nowhere():
    values, adopted_in = simulated_register(2, -5.0)
    values[:50, :] = np.nan

    with_empty_rows = adoption_effect(values, adopted_in)
    without_them = adoption_effect(values[50:], adopted_in[50:])

    assert with_empty_rows.estimate == pytest.approx(without_them.estimate)
    assert (with_empty_rows.adopters, with_empty_rows.controls) == (
        without_them.adopters,
        without_them.controls,
    )
