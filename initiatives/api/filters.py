"""The query parameters of the API's lists: filters as django-ninja FilterSchemas."""

from typing import Annotated

from django.db.models import Q
from ninja import Field, FilterLookup, FilterSchema, Schema

from website.api_errors import IsoDate

from ..constants import AdoptionStatus, EvidenceLevel, Kind, Phase, SizeClass
from ..models import Municipality
from .schemas import MAX_PAGE, MAX_PAGE_SIZE


class InitiativeFilters(FilterSchema):
    domain: Annotated[str | None, FilterLookup("domains__slug")] = None
    kind: Kind | None = None
    phase: Phase | None = None


class MunicipalityFilters(FilterSchema):
    province: str | None = None
    size_class: SizeClass | None = None
    include_ended: bool = False

    def filter_size_class(self, value):
        # The size class is computed in SQL by a QuerySet method, not stored in a column.
        return Q(pk__in=Municipality.objects.of_size_class(value).values("pk")) if value else Q()

    def filter_include_ended(self, value):
        # Which municipalities exist is `MunicipalityQuerySet.current`, applied by the endpoint.
        return Q()


class AdoptionFilters(FilterSchema):
    municipality: Annotated[str | None, FilterLookup("municipality__code")] = Field(
        None, description="CBS code, e.g. GM0153"
    )
    initiative: Annotated[str | None, FilterLookup("initiative__slug")] = Field(
        None, description="Initiative slug"
    )
    status: AdoptionStatus | None = None
    evidence_level: EvidenceLevel | None = None
    as_of: IsoDate | None = Field(
        None, description="Answer from the history on this day (not in the future; 400)"
    )
    after: int | None = Field(
        None,
        ge=0,
        description=(
            "Only records with a higher id: page through the whole list by passing the id of "
            "the last record received (as fast on the last page as on the first; not with "
            "as_of: 400)"
        ),
    )
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE)

    # The day and the page choose what to read, they filter nothing.
    def filter_as_of(self, value):
        return Q()

    def filter_after(self, value):
        return Q(pk__gt=value) if value is not None else Q()

    def filter_page(self, value):
        return Q()

    def filter_page_size(self, value):
        return Q()


class AsOf(Schema):
    as_of: IsoDate | None = Field(
        None, description="The report as it was on this day (not in the future; 400)"
    )


class ChangesSince(Schema):
    since: IsoDate = Field(
        description="Changes recorded on or after this day (not in the future; 400)"
    )
    municipality: str | None = Field(None, description="CBS code, e.g. GM0153")
    initiative: str | None = Field(None, description="Initiative slug")
