"""The forecast held against what happened: 200 initiatives drawn from Bass curves with known
parameters (binomial noise in who adopts each quarter; one in ten stalls), each forecast from
its history up to two years before the end and compared with its share at the end. Prints
how often the 80 % band holds the true share (it should: 70–90 %) and the mean absolute
error of the expected share, in percentage points."""

import numpy as np
import pytest

from initiatives.reporting.forecast import AdoptionHistory, forecast
from tests.simulated_adoption import bass_adopters

from .conftest import report, timed

pytestmark = pytest.mark.benchmark

INITIATIVES = 200
MUNICIPALITIES = 342
AHEAD = 8  # two years of quarters


def backtest(initiatives: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    held, errors, stalled, too_few = 0, [], 0, 0
    for number in range(initiatives):
        quarters = int(rng.integers(24, 61))
        stall = int(rng.integers(10, quarters - AHEAD)) if number % 10 == 0 else None
        began = bass_adopters(
            rng.uniform(0.003, 0.03),
            rng.uniform(0.05, 0.4),
            int(rng.uniform(0.6, 1.0) * MUNICIPALITIES),
            quarters,
            rng,
            stall_after=stall,
        )
        known = quarters - AHEAD
        result = forecast(
            AdoptionHistory(began[began < known], 0, MUNICIPALITIES, known), seed=number
        )
        if not result.enough_data:
            too_few += 1
            continue
        stalled += result.stalled
        # expected[AHEAD] is the start of quarter known − 1 + AHEAD.
        truth = np.count_nonzero(began < known - 1 + AHEAD) / MUNICIPALITIES
        held += result.low[AHEAD] - 1e-9 <= truth <= result.high[AHEAD] + 1e-9
        errors.append(abs(result.expected[AHEAD] - truth))
    forecast_count = len(errors)
    return {
        "forecast": forecast_count,
        "too_few": too_few,
        "stalled": stalled,
        "band_holds_truth": f"{held / forecast_count:.1%}",
        "mean_absolute_error_points": round(100 * float(np.mean(errors)), 2),
    }


def test_the_forecast_against_200_simulated_initiatives():
    figures, seconds = timed(backtest, INITIATIVES, 1)
    report("forecast backtest, 200 simulated Bass initiatives", **figures, seconds=round(seconds))
