"""The adoption forecast on simulated histories whose truth is known: it says "te weinig
gegevens" below 8 quarters or 5 adopters, calls a stalled initiative stalled, never expects
more municipalities than it applies to, and its band holds what happened next."""

import numpy as np
import pytest

from initiatives.reporting.forecast import AdoptionHistory, forecast
from tests.simulated_adoption import bass_adopters

MUNICIPALITIES = 342


def history_of(began: np.ndarray, quarters: int, undated: int = 0) -> AdoptionHistory:
    """What is known after `quarters` quarters (the last one running)."""
    return AdoptionHistory(began[began < quarters], undated, MUNICIPALITIES, quarters)


def test_fewer_than_8_quarters_or_5_adopters_is_too_little_to_go_on():
    seven_quarters = history_of(np.arange(6).repeat(3), quarters=7)
    four_adopters = history_of(np.array([1, 3, 5, 8]), quarters=20)

    for history in (seven_quarters, four_adopters):
        result = forecast(history)
        assert not result.enough_data
        assert result.expected is None and result.reached(0.5) == (None, None, None)


def test_an_initiative_without_a_new_adopter_for_6_quarters_is_stalled():
    rng = np.random.default_rng(4)
    began = bass_adopters(0.01, 0.3, 300, 40, rng, stall_after=14)

    stalled = forecast(history_of(began, quarters=21))
    moving = forecast(history_of(began, quarters=14))

    assert stalled.stalled and not moving.stalled


def test_the_forecast_never_expects_more_than_the_municipalities_it_applies_to():
    rng = np.random.default_rng(5)
    # Fast adoption that would, as a straight line, pass every municipality within the horizon.
    began = bass_adopters(0.05, 0.6, MUNICIPALITIES - 20, 40, rng)

    result = forecast(history_of(began, quarters=10, undated=20))

    assert result.enough_data
    assert result.ceiling <= 1
    assert np.all(result.high <= 1) and np.all(result.expected <= 1)
    assert np.all(np.diff(result.expected) >= 0)


def test_the_expected_course_and_its_band_hold_known_curves():
    """Eight quarters on from three years of history, twenty curves with a known p, q and
    ceiling: an 80 % band misses some, but holds most (the backtests in `make bench` measure
    how many: 70–90 %)."""
    held, errors = 0, []
    for seed in range(20):
        began = bass_adopters(0.01, 0.15, 300, 40, np.random.default_rng(seed))

        result = forecast(history_of(began, quarters=12), seed=seed)

        # expected[0] is the start of the running quarter (11), expected[8] the start of 19.
        truth = np.count_nonzero(began < 11 + 8) / MUNICIPALITIES
        held += result.low[8] <= truth <= result.high[8]
        errors.append(abs(result.expected[8] - truth))
    assert held >= 12
    assert np.mean(errors) < 0.1


def test_a_share_not_reached_within_the_horizon_has_no_quarter():
    rng = np.random.default_rng(7)
    began = bass_adopters(0.002, 0.05, 120, 40, rng)

    result = forecast(history_of(began, quarters=16))

    expected, early, late = result.reached(0.9)
    assert expected is None and late is None
    assert result.expected[-1] < 0.9


@pytest.mark.parametrize("undated", [0, 30])
def test_adopters_without_a_date_count_in_the_level_but_not_in_the_curve(undated):
    rng = np.random.default_rng(8)
    began = bass_adopters(0.01, 0.2, 250, 40, rng)

    result = forecast(history_of(began, quarters=12, undated=undated))

    assert result.adopters == np.count_nonzero(began < 12) + undated
    at_start = (np.count_nonzero(began < 11) + undated) / MUNICIPALITIES
    assert result.expected[0] == pytest.approx(at_start)
