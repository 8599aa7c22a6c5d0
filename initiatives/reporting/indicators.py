"""The indicator report: the values per period against the bandbreedte, adopters of each
linked initiative against the others, and what adoption changed (before against after,
against the not-yet-adopters), computed once for the page, its exports and the API."""

import datetime
from dataclasses import dataclass

import numpy as np

from website.formats import percentage, rounded
from website.table_report import Column

from ..constants import IndicatorDirection, MoneyKind
from ..models import Indicator, InitiativePage, Municipality
from ..periods import Period
from .effects import Effect, adoption_effect
from .indicator_figures import GroupFigures, group_figures
from .indicator_panel import (
    NEVER,
    UNTOLD,
    Implementation,
    Panel,
    implementation_in_panel,
    indicator_panel,
)
from .rates import export_share


@dataclass(frozen=True)
class PeriodLine:
    period: Period
    figures: GroupFigures


@dataclass(frozen=True)
class Comparison:
    """In `period`: the municipalities that had implemented the initiative by its end, and
    the others."""

    period: Period
    adopters: GroupFigures
    others: GroupFigures


@dataclass(frozen=True)
class InitiativeComparison:
    """Adopters of `initiative` against the others, period by period (oldest first)."""

    initiative: InitiativePage
    periods: list[Comparison]


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
    comparisons: list[InitiativeComparison]
    gains: list[Gain]
    # {municipality id: value} of the latest period, for the map.
    latest_values: dict


def indicator_report(indicator: Indicator, day: datetime.date) -> IndicatorReport:
    """The report as on `day`: the periods begun by then, adoption as it stood then."""
    panel = indicator_panel(indicator, day)
    measured = panel.measured_columns
    initiatives = list(indicator.initiatives.published().order_by("title"))
    implementations = [
        implementation_in_panel(initiative, panel, day) for initiative in initiatives
    ]
    return IndicatorReport(
        indicator,
        day,
        [
            PeriodLine(panel.periods[column], group_figures(indicator, panel.values[:, column]))
            for column in measured
        ],
        [
            InitiativeComparison(
                initiative, _comparisons(indicator, panel, measured, implementation)
            )
            for initiative, implementation in zip(initiatives, implementations, strict=True)
        ],
        [
            _gain(indicator, initiative, panel, implementation, day)
            for initiative, implementation in zip(initiatives, implementations, strict=True)
        ],
        _latest_values(panel),
    )


def gain_of(indicator: Indicator, initiative: InitiativePage, day: datetime.date) -> Gain:
    """What adopting `initiative` (a published one) changed in `indicator`, as the report
    says it."""
    (gain,) = [
        g for g in indicator_report(indicator, day).gains if g.initiative.pk == initiative.pk
    ]
    return gain


def _latest_values(panel: Panel) -> dict[int, float]:
    if not panel.periods:
        return {}
    latest = panel.values[:, -1]
    return {
        municipality_id: float(value)
        for municipality_id, value in zip(panel.municipality_ids, latest, strict=True)
        if not np.isnan(value)
    }


def _comparisons(
    indicator, panel: Panel, columns: list[int], implementation: Implementation
) -> list:
    """Per period, the values of the municipalities that had implemented it by the period's
    end against the others'."""
    return [
        Comparison(
            panel.periods[column],
            group_figures(indicator, panel.values[implementation.implemented[:, column], column]),
            group_figures(indicator, panel.values[~implementation.implemented[:, column], column]),
        )
        for column in columns
    ]


def _gain(
    indicator, initiative, panel: Panel, implementation: Implementation, day: datetime.date
) -> Gain:
    if len(panel.measured_columns) < 3:
        return Gain(initiative, Effect(None, None, None, 0, 0))
    dated = implementation.adopted_in != UNTOLD
    effect = adoption_effect(
        panel.values[dated], implementation.adopted_in[dated], seed=indicator.pk
    )
    others = [
        municipality_id
        for municipality_id, column in zip(
            panel.municipality_ids, implementation.adopted_in, strict=True
        )
        if column == NEVER
    ]
    return Gain(initiative, effect, _on_the_table(indicator, effect, others, day))


def _on_the_table(indicator, effect: Effect, others: list[int], day: datetime.date):
    """For money: what the non-adopters (`others`, municipality ids; those that still exist on
    `day`) would gain by the change adoption brought (less spent where lower is better),
    summed over them, with its interval. None unless the whole interval lies on the better
    side: a sum that may as well be nothing, or a loss, is left on no table."""
    if not effect.enough_data or indicator.money == MoneyKind.NONE:
        return None
    better_side = "lower" if indicator.direction == IndicatorDirection.LOWER else "higher"
    if effect.interval_side != better_side:
        return None
    populations = Municipality.objects.existing_on(day).filter(pk__in=others)
    if indicator.money == MoneyKind.PER_RESIDENT:
        scale = sum(
            population or 0 for population in populations.values_list("population", flat=True)
        )
    else:
        scale = populations.count()
    better = -1 if indicator.direction == IndicatorDirection.LOWER else 1
    low, high = sorted((better * effect.low * scale, better * effect.high * scale))
    return (better * effect.estimate * scale, low, high)


def _figure(name: str, read) -> Column:
    """A column of a period's figures: the number itself in exports, rounded once."""
    return Column(name, lambda report, item: "" if read(item) is None else rounded(read(item)))


def _figures_columns(prefix: str, figures_of) -> list[Column]:
    """Count, median, quartiles and share within the band of the figures `figures_of` reads
    from an export row."""
    return [
        Column(f"{prefix}gemeenten", lambda report, item: figures_of(item).municipalities),
        _figure(f"{prefix}mediaan", lambda item: figures_of(item).median),
        _figure(f"{prefix}onderste_kwartiel", lambda item: figures_of(item).lower_quartile),
        _figure(f"{prefix}bovenste_kwartiel", lambda item: figures_of(item).upper_quartile),
        Column(
            f"{prefix}aandeel_binnen_bandbreedte",
            lambda report, item: export_share(figures_of(item).within_band),
            percentage,
        ),
    ]


def indicator_columns(report: IndicatorReport) -> list[Column]:
    """The export's columns: one row per period with its figures, then per linked initiative
    the figures of its adopters and of the others in that period."""
    columns = [
        Column("indicator", lambda report, line: report.indicator.slug),
        Column("periode", lambda report, line: line.period.label),
        *_figures_columns("", lambda line: line.figures),
    ]
    for comparison in report.comparisons:
        by_period = {line.period: line for line in comparison.periods}
        slug = comparison.initiative.slug
        columns += _figures_columns(
            f"{slug}_ingevoerd_", lambda line, by_period=by_period: by_period[line.period].adopters
        )
        columns += _figures_columns(
            f"{slug}_niet_ingevoerd_",
            lambda line, by_period=by_period: by_period[line.period].others,
        )
    return columns
