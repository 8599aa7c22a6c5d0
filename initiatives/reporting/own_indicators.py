"""A municipality's own indicator values on its scorecard: the latest value of each
indicator, against the bandbreedte and against all municipalities and its province."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from ..models import Indicator, IndicatorValue, Municipality
from .indicator_figures import GroupFigures, group_figures


@dataclass(frozen=True)
class OwnIndicatorLine:
    indicator: Indicator
    period: str
    value: object
    within_band: bool
    everyone: GroupFigures
    province: GroupFigures


def own_indicators(municipality: Municipality, day: datetime.date) -> list[OwnIndicatorLine]:
    """One line per indicator the municipality has a value of, for its latest period."""
    latest = {}
    own = (
        IndicatorValue.objects.filter(municipality=municipality, period_start__lte=day)
        .select_related("indicator")
        .order_by("indicator__name", "-period_start")
    )
    for value in own:
        latest.setdefault(value.indicator_id, value)
    peers = _values_of_periods(latest.values())
    return [_line(value, municipality, peers[value.indicator_id]) for value in latest.values()]


def _values_of_periods(own_values) -> dict[int, list[tuple]]:
    """{indicator id: [(value, province)]} of every municipality in the period of each own
    value, in one query."""
    wanted = Q()
    for value in own_values:
        wanted |= Q(indicator_id=value.indicator_id, period=value.period)
    peers = defaultdict(list)
    if wanted:
        rows = IndicatorValue.objects.filter(wanted).values_list(
            "indicator_id", "value", "municipality__province"
        )
        for indicator_id, value, province in rows:
            peers[indicator_id].append((value, province))
    return peers


def _line(own: IndicatorValue, municipality: Municipality, peers: list) -> OwnIndicatorLine:
    indicator = own.indicator
    province = [value for value, name in peers if name == municipality.province]
    return OwnIndicatorLine(
        indicator,
        own.period,
        own.value,
        indicator.within_band(own.value),
        group_figures(indicator, [value for value, _name in peers]),
        group_figures(indicator, province),
    )
