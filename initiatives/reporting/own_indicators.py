"""A municipality's own indicator values on its scorecard: the latest value of each
indicator, against the bandbreedte and against all municipalities and its province."""

import datetime
from dataclasses import dataclass

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
    return [_line(value, municipality) for value in latest.values()]


def _line(own: IndicatorValue, municipality: Municipality) -> OwnIndicatorLine:
    indicator = own.indicator
    same_period = IndicatorValue.objects.filter(indicator=indicator, period=own.period)
    everyone = list(same_period.values_list("value", flat=True))
    province = list(
        same_period.filter(municipality__province=municipality.province).values_list(
            "value", flat=True
        )
    )
    return OwnIndicatorLine(
        indicator,
        own.period,
        own.value,
        indicator.within_band(own.value),
        group_figures(indicator, everyone),
        group_figures(indicator, province),
    )
