"""Template filters that present report values: status labels, abbreviations, percentages."""

from collections import defaultdict
from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from website.formats import decimal_number, percentage, whole_number

from ..constants import UNKNOWN, AdoptionStatus, status_label
from ..reporting.maps import map_category

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


@register.simple_tag
def status_choices():
    """(value, Dutch label) of every status, for a form's choice of status."""
    return AdoptionStatus.choices


# The colour of a status, on maps, in the matrix and its legend alike (site.css, --status-*).
register.filter("status_category", map_category)


@register.filter
def status_abbreviation(status: str) -> str:
    """The two-letter code of a status in the matrix."""
    return STATUS_ABBREVIATIONS[status]


@register.simple_tag
def status_legend():
    """(code, label, status) of every status, for the matrix legend."""
    return [(STATUS_ABBREVIATIONS[s], status_label(s), s) for s in STATUS_ABBREVIATIONS]


register.filter("percentage", percentage)
register.filter("whole_number", whole_number)
register.filter("decimal_number", decimal_number)


@register.filter
def magnitude(value):
    """A signed figure without its sign: the sentence says which way it went."""
    return None if value is None else abs(value)


# The map draws 342 shapes and lists them in a table: written here in one pass with the
# standard library's escape, because the same loops in the template (or format_html per
# shape) took half of the page's time.
@register.simple_tag
def map_shapes(report_map, map_id: str):
    """The map's SVG: a <g> per category, and a <path> with its <title> per municipality."""
    groups = defaultdict(list)
    for area in report_map.areas:
        groups[area.category].append(area)
    parts = []
    for category, areas in groups.items():
        fill = f' fill="url(#{escape(map_id)}-hatch)"' if category == UNKNOWN else ""
        label = escape(str(areas[0].label))
        paths = "".join(
            f'<path d="{escape(area.path)}"><title>{escape(area.name)}: {label}</title></path>'
            for area in areas
        )
        parts.append(f'<g class="m-{escape(category)}"{fill}>{paths}</g>')
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


@register.simple_tag
def map_table_rows(report_map):
    """One table row per municipality of the map: its name and its category."""
    labels = {}
    rows = []
    for area in report_map.areas:
        if area.category not in labels:
            # Once a category: a lazy label translates on every str().
            labels[area.category] = escape(str(area.label))
        label = labels[area.category]
        rows.append(f'<tr><th scope="row">{escape(area.name)}</th><td>{label}</td></tr>')
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


# A comparison table has a row per period, 40 for ten years of quarters: its cells are
# written here in one pass, as an include per group and row took a third of the page's time.
@register.simple_tag
def figures_cells(figures, group: str):
    """The cells of one group's figures (count, median, share within the bandbreedte), each
    labelled "<group>: …" for the stacked layout on a phone."""
    count_label, median_label, within_label = (
        escape(f"{group}: {label}")
        for label in (gettext("gemeenten"), gettext("mediaan"), gettext("binnen de bandbreedte"))
    )
    too_few = escape(gettext("te weinig gegevens"))
    count = escape(whole_number(figures.municipalities))
    cells = [f'<td class="number" data-label="{count_label}">{count}</td>']
    if figures.enough_data:
        median = escape(decimal_number(figures.median))
        share = escape(percentage(figures.within_band))
        cells += [
            f'<td class="number" data-label="{median_label}">{median}</td>',
            f'<td class="number" data-label="{within_label}">{share}</td>',
        ]
    else:
        cells.append(f'<td colspan="2" data-label="{median_label}">{too_few}</td>')
    return mark_safe("".join(cells))  # noqa: S308 - every value above is escaped


@register.filter
def quarter_in_words(period) -> str:
    """A quarter as a sentence says it: "het 3e kwartaal van 2028"."""
    if period is None:
        return ""
    return gettext("het %(quarter)se kwartaal van %(year)s") % {
        "quarter": period.quarter,
        "year": period.year,
    }
