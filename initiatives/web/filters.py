"""Filters of the public initiative and municipality lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..constants import Kind, Phase, SizeClass
from ..models import Domain, InitiativePage, Municipality

INITIATIVE_ORDER = [
    ("title", _("Naam")),
    ("-adoption", _("Adoptiegraad, hoogste eerst")),
    ("adoption", _("Adoptiegraad, laagste eerst")),
]


class InitiativeFilter(django_filters.FilterSet):
    domain = django_filters.ModelChoiceFilter(
        field_name="domains",
        queryset=Domain.objects.all(),
        to_field_name="slug",
        label=_("Domein"),
        empty_label=_("Alle domeinen"),
    )
    kind = django_filters.ChoiceFilter(
        choices=Kind.choices, label=_("Soort"), empty_label=_("Alle soorten")
    )
    phase = django_filters.ChoiceFilter(
        choices=Phase.choices, label=_("Fase"), empty_label=_("Alle fasen")
    )

    sort = django_filters.ChoiceFilter(
        choices=INITIATIVE_ORDER,
        method="keep_order",
        label=_("Sorteren op"),
        empty_label=None,
        null_value=None,
    )

    class Meta:
        model = InitiativePage
        fields = ["domain", "kind", "phase", "sort"]

    def keep_order(self, queryset, name, value):
        """Leave the order to `sorted_initiatives`: the rate is computed, not a column."""
        return queryset


def sorted_initiatives(lines: list, sort: str | None) -> list:
    """NationalAdoption lines (given in dictionary order of title) in the chosen order: as
    given, or by rate."""
    if sort in ("adoption", "-adoption"):
        # Stable sort: equal rates keep the title order; no rate sorts last either way.
        known = [line for line in lines if line.rate.share is not None]
        known.sort(key=lambda line: line.rate.share, reverse=sort == "-adoption")
        lines = known + [line for line in lines if line.rate.share is None]
    return lines


def province_choices():
    """Every province a municipality ever belonged to: one list for today's municipalities
    and for reports on past days (a province that is gone lists nobody today)."""
    return [(name, name) for name in Municipality.objects.provinces()]


class MunicipalityFilter(django_filters.FilterSet):
    province = django_filters.ChoiceFilter(
        choices=province_choices, label=_("Provincie"), empty_label=_("Alle provincies")
    )
    size = django_filters.ChoiceFilter(
        choices=SizeClass.choices,
        method="filter_size",
        label=_("Grootteklasse"),
        empty_label=_("Alle grootteklassen"),
    )

    class Meta:
        model = Municipality
        fields = ["province", "size"]

    def filter_size(self, queryset, name, value):
        return queryset.of_size_class(value)
