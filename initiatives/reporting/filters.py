"""The filters of the public lists, declared once: the initiative and municipality lists,
the matrix and the API all build their parameters from these, under the same names."""

import enum
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from website.collation import dutch

from ..constants import Kind, Phase, SizeClass
from ..models import Domain, Municipality


@dataclass(frozen=True)
class ListFilter:
    """One filter: its parameter name, its label and "all" choice, the values it takes, and
    the condition a chosen value puts on the listed rows."""

    name: str
    label: Promise
    all_label: Promise
    choices: Callable[[], list[tuple[str, str]]]
    condition: Callable[[str], Q]
    # The fixed values, where there are; the API then documents and checks them.
    values: type[enum.Enum] | None = None


def chosen_labels(filters: tuple[ListFilter, ...], chosen: dict) -> list[tuple[Promise, str]]:
    """(filter's label, chosen value's label) of every filter given a value in `chosen`."""
    return [
        (list_filter.label, dict(list_filter.choices()).get(value, value))
        for list_filter in filters
        if (value := chosen.get(list_filter.name))
    ]


def where(filters: tuple[ListFilter, ...], chosen: dict) -> Q:
    """The condition of every filter given a value in `chosen` (by name); none narrows nothing."""
    condition = Q()
    for list_filter in filters:
        value = chosen.get(list_filter.name)
        if value:
            condition &= list_filter.condition(str(getattr(value, "value", value)))
    return condition


def domain_choices():
    """The domains by slug, named in the page's language, in dictionary order."""
    return [(domain.slug, domain.label) for domain in Domain.objects.order_by(dutch("name"))]


def province_choices():
    """Every province a municipality ever belonged to: one list for today's municipalities
    and for reports on past days (a province that is gone lists nobody today)."""
    return [(name, name) for name in Municipality.objects.provinces()]


DOMAIN = ListFilter(
    "domain",
    _("Domein"),
    _("Alle domeinen"),
    domain_choices,
    lambda slug: Q(domains__slug=slug),
)
KIND = ListFilter(
    "kind", _("Soort"), _("Alle soorten"), lambda: Kind.choices, lambda v: Q(kind=v), Kind
)
PHASE = ListFilter(
    "phase", _("Fase"), _("Alle fasen"), lambda: Phase.choices, lambda v: Q(phase=v), Phase
)
PROVINCE = ListFilter(
    "province",
    _("Provincie"),
    _("Alle provincies"),
    province_choices,
    lambda name: Q(province=name),
)
SIZE = ListFilter(
    "size",
    _("Grootteklasse"),
    _("Alle grootteklassen"),
    lambda: SizeClass.choices,
    # The size class is computed in SQL from code and population, not stored in a column.
    lambda v: Q(pk__in=Municipality.objects.of_size_class(v).values("pk")),
    SizeClass,
)

INITIATIVE_FILTERS = (DOMAIN, KIND, PHASE)
MUNICIPALITY_FILTERS = (PROVINCE, SIZE)
