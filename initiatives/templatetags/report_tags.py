"""Template filters that present report values: status labels, abbreviations, percentages."""

from django import template

from website.formats import percentage

from ..constants import UNKNOWN, status_label

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


register.filter("status_label", status_label)


@register.filter
def status_abbreviation(status: str) -> str:
    """The two-letter code of a status in the matrix."""
    return STATUS_ABBREVIATIONS[status]


@register.simple_tag
def status_legend():
    """(code, label, status) of every status, for the matrix legend."""
    return [(STATUS_ABBREVIATIONS[s], status_label(s), s) for s in STATUS_ABBREVIATIONS]


register.filter("percentage", percentage)
