"""Template filters that present report values: status labels, abbreviations, percentages."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..constants import UNKNOWN, UNKNOWN_LABEL, AdoptionStatus

register = template.Library()

# Two-letter codes keep a 342 × 300 matrix page small; the page shows the legend.
STATUS_ABBREVIATIONS = {
    "not_started": "NG",
    "exploring": "OR",
    "planned": "GP",
    "piloting": "PI",
    "implementing": "II",
    "implemented": "GI",
    "stopped": "GS",
    "not_applicable": "NV",
    UNKNOWN: "?",
}


@register.filter
def status_label(status: str):
    """A status in words; "Onbekend" for unknown."""
    return UNKNOWN_LABEL if status == UNKNOWN else AdoptionStatus(status).label


@register.filter
def status_abbreviation(status: str) -> str:
    """The two-letter code of a status in the matrix."""
    return STATUS_ABBREVIATIONS[status]


@register.simple_tag
def status_legend():
    """(code, label, status) of every status, for the matrix legend."""
    return [(STATUS_ABBREVIATIONS[s], status_label(s), s) for s in STATUS_ABBREVIATIONS]


@register.filter
def percentage(share) -> str:
    """0.4567 → "45,7 %" in Dutch (a non-breaking space), "45.7%" in English; none → "—"."""
    if share is None:
        return "—"
    return _("%(number)s %%") % {"number": number_format(share * 100, 1)}
