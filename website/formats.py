"""How figures read for people, in the active language: counts, percentages and yes/no."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def percentage(share) -> str:
    """0.4567 → "45,7 %" in Dutch (a non-breaking space), "45.7%" in English; none → "—"."""
    if share is None or share == "":
        return "—"
    return _("%(number)s %%") % {"number": number_format(float(share) * 100, 1)}


def whole_number(value: int) -> str:
    """3248 → "3.248" in Dutch, "3,248" in English: grouped whatever the settings say."""
    return number_format(value, 0, force_grouping=True)


def yes_no(value) -> str:
    """True → "ja", False → "nee" (in the active language)."""
    return _("ja") if value else _("nee")
