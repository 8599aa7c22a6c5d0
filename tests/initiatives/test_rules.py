"""The rules every path shares: month arithmetic of staleness and the peildatum."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from initiatives.rules import check_peildatum, is_stale, months_before
from tests.helpers import TODAY

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 3, 31), 1, D(2024, 2, 29)),  # leap year: the last day of February
        (D(2023, 3, 31), 1, D(2023, 2, 28)),
        (D(2024, 5, 31), 1, D(2024, 4, 30)),
        (D(2024, 1, 15), 1, D(2023, 12, 15)),  # across the turn of the year
        (D(2024, 1, 31), 13, D(2022, 12, 31)),
        (D(2024, 8, 31), 6, D(2024, 2, 29)),
        (D(2024, 2, 29), 12, D(2023, 2, 28)),
        (D(2024, 6, 15), 0, D(2024, 6, 15)),
    ],
)
def test_months_before_clamps_to_the_end_of_a_shorter_month(day, months, expected):
    assert months_before(day, months) == expected


def test_a_record_confirmed_on_the_cutoff_is_not_yet_stale():
    cutoff = D(2024, 1, 1)
    assert not is_stale(cutoff, cutoff)
    assert is_stale(cutoff - datetime.timedelta(days=1), cutoff)
    assert not is_stale(None, cutoff)


def test_a_peildatum_in_the_future_is_refused_in_dutch_and_today_is_fine():
    today = TODAY
    assert check_peildatum(today) == today
    assert check_peildatum(None) is None
    with pytest.raises(ValidationError, match="ligt in de toekomst"):
        check_peildatum(today + datetime.timedelta(days=1))
