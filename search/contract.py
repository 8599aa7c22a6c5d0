"""What every backend answers with: hits, facets and their labels (see `engine.search`)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import SearchFacetValue
from .sources import FACET_VALUE_LABELS, SOURCES

PAGE_SIZE = 20
SORTS = ("relevance", "newest", "title")
FACET_LABELS = {
    "type": _("Soort resultaat"),
    "domain": _("Domein"),
    "phase": _("Fase"),
    "kind": _("Soort initiatief"),
    "province": _("Provincie"),
    "size": _("Grootteklasse"),
    "recommendation": _("Aanbeveling"),
    "year": _("Jaar"),
}


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Hit:
    key: str
    type: str
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around matches
    year: int | None

    @property
    def type_label(self):
        source = SOURCES.get(self.type)
        return source.label if source else self.type


@dataclass
class Results:
    hits: list[Hit]
    total: int
    page: int
    pages: int
    facets: dict[str, list[FacetOption]] = field(default_factory=dict)
    # True when the configured backend failed and the database answered instead.
    degraded: bool = False


def value_labels() -> dict[str, dict[str, str]]:
    """Display labels of facet values; values without one (provinces, years) show as is."""
    labels = {"type": {kind: str(source.label) for kind, source in SOURCES.items()}}
    for app_labels in FACET_VALUE_LABELS:
        labels.update(app_labels())
    return labels


def known_filters(selected: dict[str, list[str]]) -> dict[str, list[str]]:
    """The selections that can match: unknown facets and values are dropped."""
    labels = value_labels()
    known = {}
    for facet, values in selected.items():
        if facet not in FACET_LABELS:
            continue
        if facet in labels:
            values = [v for v in values if v in labels[facet]]
        else:
            values = list(
                SearchFacetValue.objects.filter(facet=facet, value__in=values)
                .values_list("value", flat=True)
                .distinct()
            )
        if values:
            known[facet] = values
    return known


# Facets whose values have an order of their own: years read newest first, not by count.
ORDERED_BY_VALUE = frozenset({"year"})


def facet_options(counts: dict[str, dict[str, int]], filters: dict[str, list[str]]):
    """Options with counts per facet, the most frequent first (years newest first); a
    selected value stays visible even with count 0."""
    labels = value_labels()
    facets = {}
    for facet in FACET_LABELS:
        values = dict(counts.get(facet, {}))
        for selected in filters.get(facet, []):
            values.setdefault(selected, 0)
        options = [
            FacetOption(
                value,
                labels.get(facet, {}).get(value, value),
                count,
                value in filters.get(facet, []),
            )
            for value, count in values.items()
            if value
        ]
        if facet in ORDERED_BY_VALUE:
            facets[facet] = sorted(options, key=lambda o: o.value, reverse=True)
        else:
            facets[facet] = sorted(options, key=lambda o: (-o.count, str(o.label)))
    return facets
