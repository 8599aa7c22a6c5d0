"""Where an initiative stands towards its adoption target (the share of municipalities by a
date, its "bandbreedte"): how many are still needed, and from the forecast whether it will get
there in time ("op koers"), later ("achter"), or not at this pace ("niet haalbaar bij dit
tempo"); a stalled initiative says so, whatever the curve says."""

import datetime
import math
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..models import InitiativePage
from ..periods import Period
from .adoption_forecasts import DatedForecast, adoption_forecast
from .forecast import BAND
from .rates import Rate

TARGET_LABELS = {
    "reached": _("Doel bereikt"),
    "on_track": _("Op koers"),
    "behind": _("Achter"),
    "not_feasible": _("Niet haalbaar bij dit tempo"),
    "too_few": _("Te weinig gegevens"),
}


@dataclass
class TargetProgress:
    share: float
    date: datetime.date
    needed: int
    distance: int
    status: str
    label: str | Promise
    forecast: DatedForecast | None = None
    # The quarter the target share is expected to be reached in, and the band's earliest and
    # latest; None when not within the forecast's horizon.
    expected_in: Period | None = None
    earliest: Period | None = None
    latest: Period | None = None

    @property
    def stalled(self) -> bool:
        return bool(self.forecast and self.forecast.forecast.stalled)


def target_progress(initiative: InitiativePage, rate: Rate, on: datetime.date, scope=None):
    """Distance to the adoption target in municipalities (of `rate`), and what the forecast
    among the same municipalities (`scope`, a condition on them; all when None) says of it;
    None without a target."""
    if initiative.adoption_target_share is None or initiative.adoption_target_date is None:
        return None
    share = float(initiative.adoption_target_share) / 100
    needed = math.ceil(share * rate.denominator)
    distance = max(needed - rate.implemented, 0)
    dated = adoption_forecast(initiative, on, scope)
    progress = TargetProgress(
        share, initiative.adoption_target_date, needed, distance, "", "", dated
    )
    if distance == 0:
        return _with_status(progress, "reached")
    if not dated.forecast.enough_data:
        return _with_status(progress, "too_few")
    expected, early, late = (_reached_in(dated, offset) for offset in dated.forecast.reached(share))
    progress.expected_in, progress.earliest, progress.latest = expected, early, late
    if dated.forecast.stalled or expected is None:
        return _with_status(progress, "not_feasible")
    return _with_status(progress, "on_track" if expected.last_day <= progress.date else "behind")


def _reached_in(dated: DatedForecast, offset: int | None) -> Period | None:
    """The quarter in which the course reaches a share it has at the start of quarter
    `offset` (the one before; the running quarter when it has it already)."""
    return None if offset is None else dated.quarter(max(offset - 1, 0))


def _with_status(progress: TargetProgress, status: str) -> TargetProgress:
    progress.status, progress.label = status, TARGET_LABELS[status]
    return progress


def forecast_document(progress: TargetProgress | None, dated: DatedForecast) -> dict:
    """The forecast as the JSON export and the API give it: when the target share is expected
    (quarters as 2028-K3; null when not within the horizon or without a target), the method,
    what it rests on, and the expected course with its band."""
    forecast = dated.forecast

    def label(period):
        return period.label if period else None

    return {
        "expected_on": label(progress.expected_in) if progress else None,
        "low": label(progress.earliest) if progress else None,
        "high": label(progress.latest) if progress else None,
        "status": progress.status if progress else None,
        "stalled": forecast.stalled,
        "enough_data": forecast.enough_data,
        "method": forecast.method,
        "band": BAND,
        "basis": {
            "quarters": forecast.basis_quarters,
            "municipalities": forecast.basis_municipalities,
            "adopters": forecast.adopters,
        },
        "horizon": label(dated.horizon),
        "course": [
            {"quarter": period.label, "expected": expected, "low": low, "high": high}
            for period, expected, low, high in dated.course()
        ],
    }


def forecast_with_target(
    initiative: InitiativePage, day: datetime.date, scope=None
) -> tuple[TargetProgress | None, DatedForecast]:
    """The forecast among the municipalities `scope` selects (all when None), and the target
    progress counted as the forecast counts (its municipalities and adopters)."""
    dated = adoption_forecast(initiative, day, scope)
    counted = Rate(
        implemented=dated.forecast.adopters, municipalities=dated.forecast.basis_municipalities
    )
    return target_progress(initiative, counted, day, scope), dated


def initiative_forecast_document(gap) -> dict:
    """The forecast document of a gap report (`gap.target` and its day)."""
    dated = gap.target.forecast if gap.target else adoption_forecast(gap.initiative, gap.day)
    return forecast_document(gap.target, dated)
