"""The indicator report: the values per period against the bandbreedte, adopters of each
linked initiative against the others, and what adoption changed (before against after,
against the not-yet-adopters), computed once for the page, its exports and the API."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from website.formats import percentage, rounded
from website.table_report import Column

from ..constants import AdoptionStatus, IndicatorDirection, MoneyKind
from ..models import AdoptionChange, Indicator, IndicatorValue, InitiativePage, Municipality
from ..periods import Period, parse_period, period_of
from .effects import Effect, adoption_effect
from .indicator_figures import GroupFigures, group_figures
from .rates import export_share

IMPLEMENTED = AdoptionStatus.IMPLEMENTED.value


@dataclass(frozen=True)
class PeriodLine:
    period: Period
    figures: GroupFigures


@dataclass(frozen=True)
class Comparison:
    """In `period`: the municipalities that had implemented `initiative` by its end, and the
    others."""

    initiative: InitiativePage
    period: Period
    adopters: GroupFigures
    others: GroupFigures


@dataclass(frozen=True)
class Gain:
    """What adopting `initiative` changed, and for money what the others leave on the table
    (the change applied to each non-adopter, summed; None when not money or unknown)."""

    initiative: InitiativePage
    effect: Effect
    on_the_table: tuple[float, float, float] | None = None


@dataclass(frozen=True)
class IndicatorReport:
    indicator: Indicator
    day: datetime.date
    periods: list[PeriodLine]
    comparisons: list[Comparison]
    gains: list[Gain]
    # {municipality id: value} of the latest period, for the map.
    latest_values: dict


def indicator_report(indicator: Indicator, day: datetime.date) -> IndicatorReport:
    """The report as on `day`: the periods begun by then, adoption as it stood then."""
    values = _values_by_period(indicator, day)
    periods = sorted(values)
    initiatives = list(indicator.initiatives.published().order_by("title"))
    histories = {
        initiative.pk: _implementation_histories(initiative, day) for initiative in initiatives
    }
    comparisons = []
    if periods:
        latest = periods[-1]
        comparisons = [
            _comparison(indicator, initiative, latest, values[latest], histories[initiative.pk])
            for initiative in initiatives
        ]
    gains = [
        _gain(indicator, initiative, periods, values, histories[initiative.pk])
        for initiative in initiatives
    ]
    return IndicatorReport(
        indicator,
        day,
        [
            PeriodLine(period, group_figures(indicator, list(values[period].values())))
            for period in periods
        ],
        comparisons,
        gains,
        values[periods[-1]] if periods else {},
    )


def gain_of(indicator: Indicator, initiative: InitiativePage, day: datetime.date) -> Gain:
    """What adopting `initiative` changed in `indicator`, as the report says it."""
    values = _values_by_period(indicator, day)
    history = _implementation_histories(initiative, day)
    return _gain(indicator, initiative, sorted(values), values, history)


def _values_by_period(indicator: Indicator, day: datetime.date) -> dict[Period, dict[int, object]]:
    rows = IndicatorValue.objects.filter(indicator=indicator, period_start__lte=day).values_list(
        "period", "municipality_id", "value"
    )
    by_label: dict[str, dict[int, object]] = defaultdict(dict)
    for label, municipality_id, value in rows.iterator(chunk_size=5000):
        by_label[label][municipality_id] = value
    return {parse_period(label, indicator.period_kind, day): v for label, v in by_label.items()}


def _implementation_histories(initiative: InitiativePage, day: datetime.date) -> dict[int, list]:
    """{municipality id: [(effective date, implemented?, date only an upper bound?)]}."""
    histories: dict[int, list] = defaultdict(list)
    changes = (
        AdoptionChange.objects.filter(initiative=initiative, effective_date__lte=day)
        .order_by("effective_date", "pk")
        .values_list("municipality_id", "effective_date", "new_status", "since_is_upper_bound")
    )
    for municipality_id, effective, status, bound in changes:
        histories[municipality_id].append((effective, status == IMPLEMENTED, bound))
    return histories


def _implemented_by(history: list, day: datetime.date) -> bool:
    implemented = False
    for effective, is_implemented, _bound in history:
        if effective > day:
            break
        implemented = is_implemented
    return implemented


def _adoption_day(history: list) -> datetime.date | None | bool:
    """The day the municipality began to implement, if that is a statement; None if it never
    did. False when before/after cannot be told: its date is only "uiterlijk sinds", or it
    stopped again (it would otherwise count as never having adopted)."""
    adopted = None
    for effective, is_implemented, bound in history:
        if is_implemented and adopted is None:
            adopted = False if bound else effective
        elif not is_implemented and adopted is not None:
            return False
    return adopted


def _comparison(indicator, initiative, period: Period, values: dict, history: dict) -> Comparison:
    last_day = _last_day(period)
    adopters, others = [], []
    for municipality_id, value in values.items():
        side = adopters if _implemented_by(history.get(municipality_id, []), last_day) else others
        side.append(value)
    return Comparison(
        initiative, period, group_figures(indicator, adopters), group_figures(indicator, others)
    )


def _last_day(period: Period) -> datetime.date:
    if period.quarter is None:
        return datetime.date(period.year, 12, 31)
    following = Period(period.year + period.quarter // 4, period.quarter % 4 + 1)
    return following.first_day - datetime.timedelta(days=1)


def _gain(indicator, initiative, periods: list[Period], values: dict, history: dict) -> Gain:
    if len(periods) < 3:
        return Gain(initiative, Effect(None, None, None, 0, 0))
    first = periods[0].index
    columns = periods[-1].index - first + 1
    municipality_ids = sorted({m for by_municipality in values.values() for m in by_municipality})
    row = {municipality_id: position for position, municipality_id in enumerate(municipality_ids)}
    panel = np.full((len(municipality_ids), columns), np.nan)
    for period, by_municipality in values.items():
        for municipality_id, value in by_municipality.items():
            panel[row[municipality_id], period.index - first] = float(value)
    adopted_in = np.full(len(municipality_ids), -1)
    dated = np.ones(len(municipality_ids), dtype=bool)
    for municipality_id, position in row.items():
        day = _adoption_day(history.get(municipality_id, []))
        index = None if day in (None, False) else period_of(day, indicator.period_kind).index
        # Adopted before the first period: no value from before, and never a control.
        if day is False or (index is not None and index < first):
            dated[position] = False
        elif index is not None:
            adopted_in[position] = index - first
    effect = adoption_effect(panel[dated], adopted_in[dated], seed=indicator.pk)
    return Gain(initiative, effect, _on_the_table(indicator, effect, municipality_ids, adopted_in))


def _on_the_table(indicator, effect: Effect, municipality_ids, adopted_in):
    """For money: what the non-adopters would gain by the change adoption brought (less
    spent where lower is better), summed over them, with its interval."""
    if not effect.enough_data or indicator.money == MoneyKind.NONE:
        return None
    others = [m for m, adopted in zip(municipality_ids, adopted_in, strict=True) if adopted < 0]
    if indicator.money == MoneyKind.PER_RESIDENT:
        residents = Municipality.objects.filter(pk__in=others).values_list("population", flat=True)
        scale = sum(population or 0 for population in residents)
    else:
        scale = len(others)
    better = -1 if indicator.direction == IndicatorDirection.LOWER else 1
    low, high = sorted((better * effect.low * scale, better * effect.high * scale))
    return (better * effect.estimate * scale, low, high)


def _figure(name: str, read) -> Column:
    """A column of a period's figures: the number itself in exports, rounded once."""
    return Column(name, lambda report, line: "" if read(line) is None else rounded(read(line)))


INDICATOR_COLUMNS = (
    Column("indicator", lambda report, line: report.indicator.slug),
    Column("periode", lambda report, line: line.period.label),
    Column("gemeenten", lambda report, line: line.figures.municipalities),
    _figure("mediaan", lambda line: line.figures.median),
    _figure("onderste_kwartiel", lambda line: line.figures.lower_quartile),
    _figure("bovenste_kwartiel", lambda line: line.figures.upper_quartile),
    Column(
        "aandeel_binnen_bandbreedte",
        lambda report, line: export_share(line.figures.within_band),
        percentage,
    ),
)
