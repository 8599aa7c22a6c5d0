"""API resources of indicators: the list, the report, and writing a value with a token."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.responses import Status

from website.api_errors import READ_ERRORS, WRITE_ERRORS

from ..constants import ChangeSource
from ..errors import AdoptionError
from ..indicators.values import IndicatorValueUpdate, record_indicator_values
from ..models import Indicator, IndicatorValue, Municipality
from ..reporting.kept_indicators import kept_indicator_report
from .auth import TokenAuth, check_token_speaks_for
from .caching import cached_read
from .dates import report_day
from .filters import AsOf
from .indicator_schemas import IndicatorOut, IndicatorReportOut, IndicatorValueIn, IndicatorValueOut

router = Router()


@router.get("/indicators", response={200: list[IndicatorOut], **READ_ERRORS}, tags=["indicators"])
@cached_read
def list_indicators(request):
    """Every indicator with its bandbreedte and the published initiatives it measures."""
    return Indicator.objects.prefetch_related("initiatives").order_by("slug")


@router.get(
    "/reports/indicators/{slug}",
    response={200: IndicatorReportOut, **READ_ERRORS},
    tags=["reports"],
)
@cached_read
def indicator_report_resource(request, slug: str, params: Query[AsOf]):
    """The numbers of /rapportages/indicatoren/<slug>/ (same computation)."""
    return kept_indicator_report(get_object_or_404(Indicator, slug=slug), report_day(params.as_of))


@router.put(
    "/indicators/{slug}/values/{municipality}/{period}",
    response={200: IndicatorValueOut, 201: IndicatorValueOut, **WRITE_ERRORS},
    auth=TokenAuth(),
    tags=["indicators"],
)
def put_indicator_value(
    request,
    response: HttpResponse,
    slug: str,
    municipality: str,
    period: str,
    body: IndicatorValueIn,
):
    """Record this municipality's value in a period (2025, or 2025-K3 for a quarterly one)."""
    token = request.auth
    target = get_object_or_404(Municipality, code=municipality)
    check_token_speaks_for(token, target)
    indicator = get_object_or_404(Indicator, slug=slug)
    existed = IndicatorValue.objects.filter(
        indicator=indicator, municipality=target, period=period
    ).exists()
    update = IndicatorValueUpdate(indicator, target, period, body.value, ChangeSource.API)
    try:
        record_indicator_values([update], user=token.membership.user)
    except AdoptionError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    value = IndicatorValue.objects.select_related("indicator", "municipality").get(
        indicator=indicator, municipality=target, period=period
    )
    return Status(200 if existed else 201, value)
