"""The adoption forecast of an initiative read from the register: who it applies to on the
peildatum (nationally, or in a province or size class), and in which quarter each adopter
began by a dated statement; a claim's "uiterlijk sinds" dates nothing (it counts as adopted,
but not when). Kept per initiative, scope and day until the initiative's records change."""

import datetime
from dataclasses import dataclass

import numpy as np
from django.db.models import Q

from ..constants import AdoptionStatus, PeriodKind
from ..models import AdoptionChange, InitiativePage, Municipality
from ..models.tallies import version_scopes
from ..periods import Period, period_at, period_of
from .forecast import AdoptionHistory, Forecast, forecast
from .freshness import data_version, kept_for

IMPLEMENTED = AdoptionStatus.IMPLEMENTED.value
NOT_APPLICABLE = AdoptionStatus.NOT_APPLICABLE.value


@dataclass(frozen=True)
class DatedForecast:
    """A forecast with its quarters: `first` is the running quarter on the peildatum, the one
    the expected course starts in."""

    forecast: Forecast
    first: Period

    def quarter(self, offset: int | None) -> Period | None:
        """The quarter `offset` quarters after the running one (None stays None)."""
        return None if offset is None else period_at(self.first.index + offset, PeriodKind.QUARTER)

    @property
    def horizon(self) -> Period | None:
        """The last quarter the forecast looks at."""
        return self.quarter(len(self.forecast.expected) - 1) if self.forecast.enough_data else None

    def course(self) -> list[tuple[Period, float, float, float]]:
        """(quarter, expected share, band's low, band's high) at the start of each quarter."""
        if not self.forecast.enough_data:
            return []
        f = self.forecast
        return [
            (self.quarter(offset), float(expected), float(low), float(high))
            for offset, (expected, low, high) in enumerate(
                zip(f.expected, f.low, f.high, strict=True)
            )
        ]


def adoption_forecast(
    initiative: InitiativePage, day: datetime.date, scope: Q | None = None
) -> DatedForecast:
    """The forecast of `initiative` on `day` among the municipalities `scope` selects (all
    when None), kept until the initiative's records change."""
    name = f"forecast-{initiative.pk}-{day.isoformat()}-{scope!r}"
    version = data_version(version_scopes(initiative_slugs=[initiative.slug]))
    return kept_for(version, name, lambda: _computed(initiative, day, scope))


def _computed(initiative, day, scope) -> DatedForecast:
    history, running = adoption_history(initiative, day, scope)
    return DatedForecast(forecast(history, seed=initiative.pk), running)


def adoption_history(
    initiative: InitiativePage, day: datetime.date, scope: Q | None = None
) -> tuple[AdoptionHistory, Period]:
    """The history the forecast rests on, and the running quarter on `day`."""
    municipalities = Municipality.objects.existing_on(day)
    if scope is not None:
        municipalities = municipalities.filter(scope)
    states = _states(initiative, day, set(municipalities.values_list("pk", flat=True)))
    running = period_of(day, PeriodKind.QUARTER)
    start_day = initiative.started_on or min(
        (began for _status, began, _bound in states.values() if began), default=day
    )
    first = period_of(min(start_day, day), PeriodKind.QUARTER).index
    applies = [state for state in states.values() if state[0] != NOT_APPLICABLE]
    dated = [
        max(period_of(began, PeriodKind.QUARTER).index - first, 0)
        for status, began, bound in applies
        if status == IMPLEMENTED and not bound
    ]
    undated = sum(status == IMPLEMENTED and bound for status, _began, bound in applies)
    history = AdoptionHistory(
        np.array(dated, dtype=int), undated, len(applies), running.index - first + 1
    )
    return history, running


def _states(initiative, day, municipality_ids: set[int]) -> dict[int, tuple]:
    """{municipality id: (status on `day`, day its current status began, only an upper
    bound?)} of every municipality in `municipality_ids` (unknown when it has no record)."""
    states = {pk: ("", None, False) for pk in municipality_ids}
    changes = (
        AdoptionChange.objects.filter(initiative=initiative, effective_date__lte=day)
        .order_by("effective_date", "pk")
        .values_list("municipality_id", "effective_date", "new_status", "since_is_upper_bound")
    )
    for municipality_id, effective, status, bound in changes:
        if municipality_id not in states:
            continue
        previous = states[municipality_id]
        # A change of details keeps the status's own date and how well it is known.
        states[municipality_id] = previous if previous[0] == status else (status, effective, bound)
    return states
