"""API resources of the register: initiatives and municipalities."""

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from website.api_errors import READ_ERRORS

from ..models import InitiativePage, Municipality
from .caching import cached_read
from .filters import InitiativeFilters, MunicipalityFilters
from .schemas import InitiativeOut, MunicipalityOut

router = Router()


def published_initiatives():
    """Published initiatives, naming only published ones as predecessor or successor."""
    public = InitiativePage.objects.published()
    return (
        public.select_related("owner_organisation", "succeeds")
        .annotate(succeeds_public=Exists(public.filter(pk=OuterRef("succeeds_id"))))
        .prefetch_related("domains", Prefetch("succeeded_by", queryset=public.order_by("slug")))
        .order_by("slug")
    )


@router.get(
    "/initiatives", response={200: list[InitiativeOut], **READ_ERRORS}, tags=["initiatives"]
)
@cached_read
def list_initiatives(request, filters: Query[InitiativeFilters]):
    """Published initiatives by slug, filtered by domain, kind and phase."""
    return filters.filter(published_initiatives())


@router.get(
    "/initiatives/{slug}", response={200: InitiativeOut, **READ_ERRORS}, tags=["initiatives"]
)
@cached_read
def get_initiative(request, slug: str):
    """One published initiative."""
    return get_object_or_404(published_initiatives(), slug=slug)


@router.get(
    "/municipalities", response={200: list[MunicipalityOut], **READ_ERRORS}, tags=["municipalities"]
)
@cached_read
def list_municipalities(request, filters: Query[MunicipalityFilters]):
    """Today's municipalities by CBS code (with `include_ended`, merged ones too)."""
    municipalities = Municipality.objects.select_related("successor").order_by("code")
    if not filters.include_ended:
        municipalities = municipalities.current()
    return filters.filter(municipalities)


@router.get(
    "/municipalities/{code}",
    response={200: MunicipalityOut, **READ_ERRORS},
    tags=["municipalities"],
)
@cached_read
def get_municipality(request, code: str):
    """One municipality, merged or not, with its successor."""
    return get_object_or_404(Municipality.objects.select_related("successor"), code=code)
