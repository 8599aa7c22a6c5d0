"""The query parameters of the API's lists: filters as django-ninja FilterSchemas."""

from typing import Annotated, ClassVar

from django.db.models import Q
from ninja import Field, FilterLookup, FilterSchema, Schema
from pydantic import create_model

from website.api_errors import IsoDate

from ..constants import AdoptionStatus, EvidenceLevel, SizeClass
from ..reporting.filters import INITIATIVE_FILTERS, MUNICIPALITY_FILTERS, ListFilter, where
from .schemas import MAX_PAGE, MAX_PAGE_SIZE


class DeclaredFilters(FilterSchema):
    """Query parameters named and applied as `reporting.filters` declares them for the pages."""

    declared: ClassVar[tuple[ListFilter, ...]] = ()

    def chosen(self) -> dict:
        return self.model_dump()

    def custom_expression(self) -> Q:
        return where(self.declared, self.chosen())


def declared_filters(name: str, filters: tuple[ListFilter, ...]) -> type[DeclaredFilters]:
    """A FilterSchema with one optional parameter per declared filter, checked against its
    fixed values where it has them."""
    fields = {f.name: ((f.values or str) | None, None) for f in filters}
    schema = create_model(name, __base__=DeclaredFilters, **fields)
    schema.declared = filters
    return schema


InitiativeFilters = declared_filters("InitiativeFilters", INITIATIVE_FILTERS)


ForecastScope = declared_filters("ForecastScope", MUNICIPALITY_FILTERS)


class MunicipalityFilters(declared_filters("MunicipalityFilterFields", MUNICIPALITY_FILTERS)):
    include_ended: bool = False
    # API v1 named the size filter after the field it reads; v1 keeps accepting that name.
    size_class: SizeClass | None = Field(
        None, deprecated=True, description="Former name of `size`, accepted until API v2."
    )

    def chosen(self) -> dict:
        chosen = super().chosen()
        return chosen | {"size": chosen["size"] or chosen["size_class"]}


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
