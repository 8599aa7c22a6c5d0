"""API resources of the reports: the same computations as the HTML reports."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router

from website.api_errors import READ_ERRORS

from ..models import InitiativePage, Municipality
from ..reporting.changes import status_changes
from ..reporting.gap import initiative_gap
from ..reporting.municipality import municipality_report
from ..reporting.targets import forecast_document, forecast_with_target
from .caching import cached_read
from .dates import past_day, report_day
from .filters import AsOf, ChangesSince, ForecastScope
from .schemas import ForecastOut, GapReportOut, ScorecardOut, StatusChangeOut

router = Router()


@router.get(
    "/reports/initiatives/{slug}", response={200: GapReportOut, **READ_ERRORS}, tags=["reports"]
)
@cached_read
def initiative_report(request, slug: str, params: Query[AsOf]):
    """The numbers of /rapportages/initiatieven/<slug>/ (same computation)."""
    page = get_object_or_404(InitiativePage.objects.published(), slug=slug)
    return initiative_gap(page, report_day(params.as_of))


@router.get(
    "/reports/initiatives/{slug}/forecast",
    response={200: ForecastOut, **READ_ERRORS},
    tags=["reports"],
)
@cached_read
def initiative_forecast(request, slug: str, params: Query[AsOf], scope: Query[ForecastScope]):
    """When the target is expected, nationally or among the municipalities of a province
    and/or size class (the forecast of /rapportages/initiatieven/<slug>/verloop/)."""
    page = get_object_or_404(InitiativePage.objects.published(), slug=slug)
    target, dated = forecast_with_target(
        page, report_day(params.as_of), scope.custom_expression() or None
    )
    return forecast_document(target, dated)


@router.get(
    "/reports/municipalities/{code}", response={200: ScorecardOut, **READ_ERRORS}, tags=["reports"]
)
@cached_read
def municipality_scorecard(request, code: str, params: Query[AsOf]):
    """The numbers of /rapportages/gemeenten/<code>/ (same computation)."""
    municipality = get_object_or_404(Municipality, code=code)
    return municipality_report(municipality, report_day(params.as_of))


@router.get("/changes", response={200: list[StatusChangeOut], **READ_ERRORS}, tags=["reports"])
@cached_read
def list_changes(request, params: Query[ChangesSince]):
    """Status changes recorded since a day, newest first (at most 500), as in the feeds."""
    since = past_day(params.since)
    municipality = (
        get_object_or_404(Municipality, code=params.municipality) if params.municipality else None
    )
    initiative = (
        get_object_or_404(InitiativePage.objects.published(), slug=params.initiative)
        if params.initiative
        else None
    )
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    return status_changes(start, municipality=municipality, initiative=initiative)
