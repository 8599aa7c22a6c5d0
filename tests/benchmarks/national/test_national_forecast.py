"""The forecast on the national data set: 100 benchmark initiatives forecast from their
history up to two years ago and compared with where they stand now (how often the 80 % band
holds it, the mean absolute error), and the over-time page with its forecast."""

import datetime

import numpy as np
import pytest
from django.utils import timezone

from initiatives.models import InitiativePage
from initiatives.reporting.adoption_forecasts import adoption_forecast, adoption_history

from ..conftest import fetcher, percentiles, report, timed
from .test_national_benchmark import rendered_as_a_server_renders  # noqa: F401

pytestmark = [pytest.mark.benchmark, pytest.mark.national, pytest.mark.django_db]

INITIATIVES = 100
AHEAD = 8


def test_the_forecast_against_what_happened_nationally():
    today = timezone.localdate()
    then = datetime.date(today.year - 2, today.month, 1)
    initiatives = list(InitiativePage.objects.filter(slug__startswith="bench-").order_by("slug"))
    held, errors, too_few, seconds = 0, [], 0, []
    for initiative in initiatives[:INITIATIVES]:
        dated, spent = timed(adoption_forecast, initiative, then)
        seconds.append(spent)
        if not dated.forecast.enough_data:
            too_few += 1
            continue
        now, _running = adoption_history(initiative, today)
        truth = (now.counts()[-1] + now.undated) / now.municipalities
        course = dated.forecast
        held += course.low[AHEAD] - 1e-9 <= truth <= course.high[AHEAD] + 1e-9
        errors.append(abs(course.expected[AHEAD] - truth))
    report(
        "national forecast backtest, two years back",
        forecast=len(errors),
        too_few=too_few,
        band_holds_truth=f"{held / max(len(errors), 1):.1%}",
        mean_absolute_error_points=round(100 * float(np.mean(errors)), 2) if errors else None,
        **{f"fit_{key}": value for key, value in percentiles(seconds).items()},
    )


def test_the_over_time_page_with_its_forecast(client):
    fetch = fetcher(client, "/rapportages/initiatieven/bench-000/verloop/")
    _size, first = timed(fetch)
    samples = [timed(fetch)[1] for _ in range(20)]
    report(
        "adoption over time with forecast (kept per initiative and data version)",
        first_view_ms=round(first * 1000, 1),
        **percentiles(samples),
        target_ms=100,
    )
