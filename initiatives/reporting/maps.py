"""The reports as maps: one initiative's status per municipality, and a municipality's peers.

A map draws the municipalities that existed on the report's day, with the CBS boundaries of
1 January of that year (or the newest earlier year without a change since). When no boundary
file has exactly those municipalities, the map says so instead of drawing wrong borders.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from website.collation import collation_key
from website.maps import Boundaries, available_years, municipality_boundaries

from ..constants import UNKNOWN, AdoptionStatus
from ..models import Municipality
from ..rules import GAP_GROUPS, gap_group
from .gap import GapReport
from .states import existing_municipalities

# The map's categories, in the legend's order: no gap first, then the gap groups.
STATUS_CATEGORIES = {
    AdoptionStatus.IMPLEMENTED.value: AdoptionStatus.IMPLEMENTED.label,
    **{key: label for key, label in GAP_GROUPS.items() if key != UNKNOWN},
    AdoptionStatus.NOT_APPLICABLE.value: AdoptionStatus.NOT_APPLICABLE.label,
    UNKNOWN: GAP_GROUPS[UNKNOWN],
}
PEER_CATEGORIES = {
    "self": _("Deze gemeente"),
    "both": _("Zelfde grootteklasse en provincie"),
    "size_class": _("Zelfde grootteklasse"),
    "province": _("Zelfde provincie"),
    "other": _("Overige gemeenten"),
}

# An indicator's map: within or outside its bandbreedte; no value is drawn as unknown.
BAND_CATEGORIES = {
    "within": _("Binnen de bandbreedte"),
    "outside": _("Buiten de bandbreedte"),
    UNKNOWN: _("Geen waarde"),
}


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    category: str
    label: str | Promise
    path: str


@dataclass(frozen=True)
class LegendEntry:
    category: str
    label: str | Promise
    count: int


@dataclass
class ReportMap:
    """What a map template draws: every municipality in `areas` (in Dutch name order), drawn
    when `boundaries` is not None."""

    day: datetime.date
    legend: list[LegendEntry]
    areas: list[MapArea]
    boundaries: Boundaries | None

    @property
    def outlined(self) -> MapArea | None:
        """The municipality drawn with a thick outline on top: the scorecard's own."""
        return next((area for area in self.areas if area.category == "self"), None)

    @property
    def municipality_count(self) -> int:
        """How many municipalities the map covers (drawn or not)."""
        return sum(entry.count for entry in self.legend)


def map_category(status: str) -> str:
    """The map category of a status: implemented, not applicable, or its gap group."""
    return gap_group(status) or status


def boundaries_on(day: datetime.date, codes: set[str]) -> Boundaries | None:
    """The newest boundaries up to the day's year, if they hold exactly these municipalities."""
    years = [year for year in available_years() if year <= day.year]
    boundaries = municipality_boundaries(years[-1]) if years else None
    if boundaries is None or set(boundaries.shapes) != codes:
        return None
    return boundaries


def status_map(report: GapReport) -> ReportMap:
    """The gap report as a map: every municipality coloured by its status on the day."""
    entries = [(m.code, m.name, map_category(status)) for m, status, _evidence in report.entries]
    return _report_map(report.day, entries, STATUS_CATEGORIES)


def peer_map(municipality: Municipality, day: datetime.date) -> ReportMap:
    """Where a municipality's peers are: same size class, same province, or both."""
    entries = []
    own_size = municipality.size_class or ""
    rows = existing_municipalities(day).values_list("code", "name", "province", "size_class_code")
    for code, name, province, size in rows:
        same_size, same_province = size == own_size, province == municipality.province
        if code == municipality.code:
            category = "self"
        elif same_size and same_province:
            category = "both"
        else:
            category = "size_class" if same_size else "province" if same_province else "other"
        entries.append((code, name, category))
    return _report_map(day, entries, PEER_CATEGORIES)


def band_map(indicator, day: datetime.date, values: dict[int, object]) -> ReportMap:
    """Every municipality of the day by its value ({municipality id: value}): within the
    indicator's bandbreedte, outside it, or without a value."""
    entries = []
    for pk, code, name in existing_municipalities(day).values_list("pk", "code", "name"):
        value = values.get(pk)
        if value is None:
            category = UNKNOWN
        else:
            category = "within" if indicator.within_band(value) else "outside"
        entries.append((code, name, category))
    return _report_map(day, entries, BAND_CATEGORIES)


def _report_map(day, entries: list[tuple[str, str, str]], categories: dict) -> ReportMap:
    counts = Counter(category for _code, _name, category in entries)
    legend = [LegendEntry(key, label, counts[key]) for key, label in categories.items()]
    boundaries = boundaries_on(day, {code for code, _name, _category in entries})
    shapes = boundaries.shapes if boundaries else {}
    areas = [
        MapArea(code, name, category, categories[category], shapes.get(code, ""))
        for code, name, category in entries
    ]
    areas.sort(key=lambda area: collation_key(area.name))
    return ReportMap(day, legend, areas, boundaries)
