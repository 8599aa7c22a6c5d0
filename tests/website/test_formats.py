"""Percentages are rounded as people round them: half up, one decimal, by one function, and
an export's number says what its text says."""

from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from initiatives.reporting.rates import export_share
from website.formats import percentage, rounded_percent


def exactly_rounded(implemented: int, counted: int) -> Decimal:
    """The share of two counts as a percentage with one decimal, computed in decimal
    arithmetic with room to spare, rounded half up."""
    with localcontext() as context:
        context.prec = 60
        return (Decimal(implemented) * 100 / Decimal(counted)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


@st.composite
def counts(draw):
    counted = draw(st.integers(min_value=1, max_value=1_000_000))
    return draw(st.integers(min_value=0, max_value=counted)), counted


@given(counts())
def test_the_rounding_of_a_share_is_decimal_half_up(pair):
    implemented, counted = pair
    assert rounded_percent(implemented / counted) == exactly_rounded(implemented, counted)


@given(counts())
def test_an_export_says_what_its_text_says(pair):
    implemented, counted = pair
    share = implemented / counted
    with translation.override("en"):
        text = percentage(share)
    assert Decimal(text.removesuffix("%")) == Decimal(str(export_share(share))) * 100


@pytest.mark.parametrize(
    ("implemented", "counted", "text"),
    [
        (198, 338, "58,6\u00a0%"),  # ENSIA: 58,579… was cut to 58,5
        (1, 6, "16,7\u00a0%"),  # Flevoland
        (14, 48, "29,2\u00a0%"),  # Gelderland
        (2, 3, "66,7\u00a0%"),
        (1, 8, "12,5\u00a0%"),
        (1, 1, "100,0\u00a0%"),
        (0, 5, "0,0\u00a0%"),
    ],
)
def test_shares_people_saw_cut_off_are_rounded(implemented, counted, text):
    assert percentage(implemented / counted) == text


def test_the_export_of_two_thirds_is_the_percentage_it_shows():
    assert export_share(2 / 3) == 0.667
    assert percentage(None) == "—" and export_share(None) == ""
