"""An initiative's adoption rate at the start of every quarter."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from website.formats import percentage
from website.table_report import Column

from ..constants import UNKNOWN
from ..models import AdoptionChange, InitiativePage, Municipality
from .adoption_forecasts import DatedForecast
from .rates import IMPLEMENTED, Rate, export_share
from .targets import TargetProgress, forecast_with_target

# One row per quarter: (first day, Rate); the report holds the initiative.
OVER_TIME_COLUMNS = (
    Column("initiatief", lambda report, point: report.initiative.slug),
    Column("kwartaal", lambda report, point: point[0]),
    Column("geimplementeerd", lambda report, point: point[1].implemented),
    Column("waarvan_uiterlijk_sinds", lambda report, point: point[1].implemented_by_upper_bound),
    Column("noemer", lambda report, point: point[1].denominator),
    Column("adoptiegraad", lambda report, point: export_share(point[1].share), percentage),
)


def quarter_starts(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first day of every quarter from the one containing `first` up to `last`."""
    day = datetime.date(first.year, 3 * ((first.month - 1) // 3) + 1, 1)
    starts = []
    while day <= last:
        starts.append(day)
        month = day.month + 3
        day = datetime.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)
    return starts


def adoption_over_time(
    initiative: InitiativePage, until: datetime.date, scope: Q | None = None
) -> list[tuple[datetime.date, Rate]]:
    """The adoption rate at the start of each quarter since the initiative started, among the
    municipalities `scope` selects (all when None; 2 queries).

    Each quarter counts the municipalities that existed on its first day, so a merger moves a
    municipality into its successor instead of adding or losing one. A status known only
    "uiterlijk sinds" a day counts from that day, and the rate says how many such it holds.
    """
    municipalities = (
        Municipality.objects.all() if scope is None else Municipality.objects.filter(scope)
    )
    validity = municipalities.values_list("pk", "valid_from", "valid_until")
    changes = list(
        AdoptionChange.objects.filter(initiative=initiative, effective_date__lte=until)
        .order_by("effective_date", "pk")
        .values_list("municipality_id", "effective_date", "new_status", "since_is_upper_bound")
    )
    first = initiative.started_on or (changes[0][1] if changes else until)
    # Who begins and who ends existing, by day: each quarter counts those existing on its
    # first day, kept as running counts instead of a walk over every municipality.
    events = sorted(
        [(valid_from, 1, pk) for pk, valid_from, _until in validity]
        + [(valid_until, -1, pk) for pk, _from, valid_until in validity if valid_until]
    )
    state: dict[int, tuple[str, bool]] = {}
    existing: set[int] = set()
    counts: Counter = Counter()
    position = event = 0
    series = []
    for quarter in quarter_starts(first, until):
        while position < len(changes) and changes[position][1] <= quarter:
            municipality_id, _day, status, bound = changes[position]
            previous = state.get(municipality_id, (UNKNOWN, False))
            # A change of details keeps the status's own date and how well it is known.
            if previous[0] == status:
                bound = previous[1]
            state[municipality_id] = (status, bound)
            if municipality_id in existing:
                counts[previous] -= 1
                counts[status, bound] += 1
            position += 1
        while event < len(events) and events[event][0] <= quarter:
            _day, step, pk = events[event]
            (existing.add if step > 0 else existing.discard)(pk)
            counts[state.get(pk, (UNKNOWN, False))] += step
            event += 1
        series.append((quarter, _rate_of(counts)))
    return series


def _rate_of(counts: Counter) -> Rate:
    """The rate of running counts of (status, date only an upper bound?)."""
    rate = Rate(municipalities=sum(counts.values()))
    for (status, bound), number in counts.items():
        rate.add(status, number)
        rate.implemented_by_upper_bound += number * (status == IMPLEMENTED and bound)
    return rate


@dataclass(frozen=True)
class OverTimeReport:
    """The rate per quarter, and the forecast from the peildatum on with the target, among
    the municipalities `scope` selects (all when None)."""

    initiative: InitiativePage
    day: datetime.date
    series: list[tuple[datetime.date, Rate]]
    forecast: DatedForecast
    target: TargetProgress | None


def over_time_report(
    initiative: InitiativePage, day: datetime.date, scope: Q | None = None
) -> OverTimeReport:
    """The over-time report on `day`; the target is measured as the forecast counts."""
    target, dated = forecast_with_target(initiative, day, scope)
    series = adoption_over_time(initiative, day, scope)
    return OverTimeReport(initiative, day, series, dated, target)
