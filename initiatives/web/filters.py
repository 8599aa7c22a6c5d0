"""The filters of the public initiative and municipality lists, built from the declared
filters (`reporting.filters`) that the matrix and the API share."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import InitiativePage, Municipality
from ..reporting.filters import INITIATIVE_FILTERS, MUNICIPALITY_FILTERS, ListFilter

INITIATIVE_ORDER = [
    ("title", _("Naam")),
    ("-adoption", _("Adoptiegraad, hoogste eerst")),
    ("adoption", _("Adoptiegraad, laagste eerst")),
]


def choice_filter(list_filter: ListFilter) -> django_filters.ChoiceFilter:
    """The django-filter filter of a declared filter: its choices and its condition."""
    return django_filters.ChoiceFilter(
        choices=list_filter.choices,
        label=list_filter.label,
        empty_label=list_filter.all_label,
        method=lambda queryset, name, value: queryset.filter(list_filter.condition(value)),
    )


def choice_field(list_filter: ListFilter) -> forms.ChoiceField:
    """The form field of a declared filter, for report parameters (the matrix)."""
    return forms.ChoiceField(
        label=list_filter.label,
        required=False,
        choices=lambda: [("", list_filter.all_label), *list_filter.choices()],
    )


def filter_set(model, filters: tuple[ListFilter, ...], **more) -> type:
    """A FilterSet of the declared filters (and `more`), for the list of `model`."""
    attrs = {list_filter.name: choice_filter(list_filter) for list_filter in filters} | more
    meta = type("Meta", (), {"model": model, "fields": list(attrs)})
    return type(f"{model.__name__}Filter", (django_filters.FilterSet,), {**attrs, "Meta": meta})


InitiativeFilter = filter_set(
    InitiativePage,
    INITIATIVE_FILTERS,
    # The order is left to `sorted_initiatives`: the rate is computed, not a column.
    sort=django_filters.ChoiceFilter(
        choices=INITIATIVE_ORDER,
        method=lambda queryset, name, value: queryset,
        label=_("Sorteren op"),
        empty_label=None,
        null_value=None,
    ),
)
MunicipalityFilter = filter_set(Municipality, MUNICIPALITY_FILTERS)


def sorted_initiatives(lines: list, sort: str | None) -> list:
    """NationalAdoption lines (given in dictionary order of title) in the chosen order: as
    given, or by rate."""
    if sort in ("adoption", "-adoption"):
        # Stable sort: equal rates keep the title order; no rate sorts last either way.
        known = [line for line in lines if line.rate.share is not None]
        known.sort(key=lambda line: line.rate.share, reverse=sort == "-adoption")
        lines = known + [line for line in lines if line.rate.share is None]
    return lines
