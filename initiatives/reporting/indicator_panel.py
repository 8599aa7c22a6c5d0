"""An indicator's values as a panel (municipalities × consecutive periods) and the
implementation history of an initiative in the same shape: what the indicator report, its
comparisons and its estimate of what adoption changed are all computed from."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.db import connection
from django.db.models import FloatField
from django.db.models.functions import Cast

from website import sql

from ..constants import AdoptionStatus
from ..models import AdoptionChange, Indicator, IndicatorValue, InitiativePage
from ..periods import Period, parse_period, period_at, period_of

IMPLEMENTED = AdoptionStatus.IMPLEMENTED.value


@dataclass(frozen=True)
class Panel:
    """`values[row, column]`: the value of municipality `municipality_ids[row]` in
    `periods[column]` (NaN: none). The periods run consecutively from the first with a value
    to the last, so that a column's neighbours are the periods before and after it."""

    municipality_ids: list[int]
    periods: list[Period]
    values: np.ndarray

    @property
    def measured_columns(self) -> list[int]:
        """The columns that hold at least one value."""
        return [int(column) for column in np.flatnonzero(~np.isnan(self.values).all(axis=0))]


def indicator_panel(indicator: Indicator, day: datetime.date) -> Panel:
    """The values of the periods begun by `day`."""
    rows = _value_rows(indicator, day)
    if not rows:
        return Panel([], [], np.zeros((0, 0)))
    index_of = {
        label: parse_period(label, indicator.period_kind, day).index
        for label in {row[0] for row in rows}
    }
    first, last = min(index_of.values()), max(index_of.values())
    columns = [index_of[row[0]] - first for row in rows]
    distinct_ids, rows_of = np.unique([row[1] for row in rows], return_inverse=True)
    values = np.full((len(distinct_ids), last - first + 1), np.nan)
    values[rows_of, columns] = [row[2] for row in rows]
    periods = [period_at(index, indicator.period_kind) for index in range(first, last + 1)]
    return Panel([int(pk) for pk in distinct_ids], periods, values)


def _value_rows(indicator: Indicator, day: datetime.date) -> list[tuple]:
    """(period, municipality id, value as a float) of every value: read straight from the
    cursor, as the tens of thousands of rows of a national quarterly indicator would
    otherwise spend most of the report's time in the ORM's per-row conversions."""
    queryset = (
        IndicatorValue.objects.filter(indicator=indicator, period_start__lte=day)
        .annotate(number=Cast("value", FloatField()))
        .values_list("period", "municipality_id", "number")
    )
    statement, parameters = sql.query_of(queryset)
    with connection.cursor() as cursor:
        cursor.execute(statement, parameters)
        return cursor.fetchall()


@dataclass(frozen=True)
class Implementation:
    """How the panel's municipalities stood towards one initiative."""

    # rows × columns: had implemented it by the column's period's last day.
    implemented: np.ndarray
    # Per row, the column of the period it began to implement in (a statement's date), −1 when
    # it never did, −2 when before/after cannot be told: its date is only "uiterlijk sinds",
    # it stopped again, or it began before the panel's first period.
    adopted_in: np.ndarray


NEVER, UNTOLD = -1, -2


def implementation_in_panel(
    initiative: InitiativePage, panel: Panel, day: datetime.date
) -> Implementation:
    """The initiative's implementation history as on `day`, in the panel's shape."""
    ends = [period.last_day for period in panel.periods]
    implemented = np.zeros(panel.values.shape, dtype=bool)
    adopted_in = np.full(len(panel.municipality_ids), NEVER)
    histories = _implementation_histories(initiative, day)
    for row, municipality_id in enumerate(panel.municipality_ids):
        history = histories.get(municipality_id)
        if history:
            implemented[row] = _implemented_at(history, ends)
            adopted_in[row] = _adoption_column(history, panel)
    return Implementation(implemented, adopted_in)


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


def _implemented_at(history: list, days: list[datetime.date]) -> list[bool]:
    """Whether the municipality had implemented it on each of `days` (ascending)."""
    implemented, position, flags = False, 0, []
    for day in days:
        while position < len(history) and history[position][0] <= day:
            implemented = history[position][1]
            position += 1
        flags.append(implemented)
    return flags


def _adoption_column(history: list, panel: Panel) -> int:
    """The column of the period the municipality began to implement in; see `adopted_in`."""
    began = None
    for effective, is_implemented, bound in history:
        if is_implemented and began is None:
            if bound:
                return UNTOLD
            began = effective
        elif not is_implemented and began is not None:
            return UNTOLD
    if began is None:
        return NEVER
    first = panel.periods[0]
    column = period_of(began, first.kind).index - first.index
    return UNTOLD if column < 0 else column
