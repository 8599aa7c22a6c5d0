"""How figures read for people, in the active language: counts, percentages and yes/no."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

ONE_DECIMAL = Decimal("0.1")


def rounded(value) -> Decimal | None:
    """The one rounding of a figure for people and exports: one decimal, half away from zero
    (58,55 → 58,6); None for no figure."""
    if value is None or value == "":
        return None
    # The shortest decimal that reads back as the float: what the figure says, nothing more.
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return exact.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def rounded_percent(share) -> Decimal | None:
    """A share as a percentage, rounded (198/338 = 58,579… % → 58.6); None for no share."""
    if share is None or share == "":
        return None
    return rounded(Decimal(repr(float(share))) * 100)


def decimal_number(value) -> str:
    """12.25 → "12,3" in Dutch, "12.3" in English, grouped (1.234,5); none → "—"."""
    figure = rounded(value)
    return "—" if figure is None else number_format(figure, 1, force_grouping=True)


def percentage(share) -> str:
    """0.4567 → "45,7 %" in Dutch (a non-breaking space), "45.7%" in English; none → "—"."""
    percent = rounded_percent(share)
    if percent is None:
        return "—"
    return _("%(number)s %%") % {"number": number_format(percent, 1)}


def whole_number(value: int) -> str:
    """3248 → "3.248" in Dutch, "3,248" in English: grouped whatever the settings say."""
    return number_format(value, 0, force_grouping=True)


def yes_no(value) -> str:
    """True → "ja", False → "nee" (in the active language)."""
    return _("ja") if value else _("nee")
