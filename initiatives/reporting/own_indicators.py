"""A municipality's own indicator values on its scorecard: the latest value of each
indicator, against the bandbreedte and against all municipalities and its province."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import FloatField, Q
from django.db.models.functions import Cast

from website.collation import sorted_by_text

from ..models import Indicator, IndicatorValue, Municipality
from .freshness import data_version, kept_for
from .indicator_figures import GroupFigures, group_figures

EVERYONE = ""


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
        .order_by("indicator_id", "-period_start")
        .values_list("indicator_id", "period", "value")
    )
    for indicator_id, period, value in own:
        latest.setdefault(indicator_id, (period, value))
    if not latest:
        return []
    indicators = Indicator.objects.in_bulk(latest)
    peers = _kept_peer_figures(sorted((pk, period) for pk, (period, _value) in latest.items()))
    lines = []
    for indicator_id, (period, value) in latest.items():
        indicator = indicators[indicator_id]
        figures = peers[indicator_id, period]
        lines.append(
            OwnIndicatorLine(
                indicator,
                period,
                value,
                indicator.within_band(value),
                figures[EVERYONE],
                figures.get(municipality.province, GroupFigures(0)),
            )
        )
    return sorted_by_text(lines, lambda line: line.indicator.name)


def _kept_peer_figures(periods: list[tuple[int, str]]) -> dict:
    """`_peer_figures`, kept until the data changes: every scorecard whose latest periods are
    the same (nearly all of them) shares them, instead of reading the values of every
    municipality again."""
    name = "indicator-peers-" + ",".join(f"{pk}:{period}" for pk, period in periods)
    return kept_for(data_version(), name, lambda: _peer_figures(periods))


def _peer_figures(periods: list[tuple[int, str]]) -> dict:
    """{(indicator id, period): {province or EVERYONE: GroupFigures}}, in one query."""
    wanted = Q()
    for indicator_id, period in periods:
        wanted |= Q(indicator_id=indicator_id, period=period)
    rows = (
        IndicatorValue.objects.filter(wanted)
        .annotate(number=Cast("value", FloatField()))
        .values_list("indicator_id", "period", "number", "municipality__province")
    )
    numbers = defaultdict(lambda: defaultdict(list))
    for indicator_id, period, number, province in rows:
        numbers[indicator_id, period][EVERYONE].append(number)
        numbers[indicator_id, period][province].append(number)
    indicators = Indicator.objects.in_bulk([pk for pk, _period in periods])
    return {
        (pk, period): {
            group: group_figures(indicators[pk], values)
            for group, values in numbers[pk, period].items()
        }
        for pk, period in periods
    }
