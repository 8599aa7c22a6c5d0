"""Filters of the public initiative and municipality lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..constants import Kind, Phase, SizeClass
from ..models import Domain, InitiativePage, Municipality


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

    class Meta:
        model = InitiativePage
        fields = ["domain", "kind", "phase"]


def province_choices():
    """The provinces of today's municipalities."""
    return [(name, name) for name in Municipality.objects.current().provinces()]


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
