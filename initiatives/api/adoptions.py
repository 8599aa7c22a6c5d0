"""API resources of adoption records: read (with their history) and write (with a token)."""

from typing import NamedTuple

from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import http_date
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.responses import Status

from website.api_errors import READ_ERRORS, TOKEN_ERRORS, WRITE_ERRORS

from ..adoption.service import record_adoption
from ..adoption.updates import AdoptionUpdate, Outcome, StaleAdoptionError
from ..constants import ChangeSource
from ..errors import AdoptionError
from ..models import Adoption, AdoptionChange, AdoptionTally, InitiativePage, Municipality
from ..reporting.states import adoption_states
from .auth import TokenAuth, check_token_speaks_for, token_for
from .caching import cached_read
from .dates import past_day
from .filters import AdoptionFilters
from .pagination import page_of
from .schemas import AdoptionIn, AdoptionOut, AdoptionPage, ChangeOut

router = Router()


def _public_records():
    """Records of initiatives the public may see (the one visibility rule)."""
    return Adoption.objects.filter(initiative__in=InitiativePage.objects.published())


def _records(records=None):
    return (_public_records() if records is None else records).annotate(
        municipality_code=F("municipality__code"),
        initiative_slug=F("initiative__slug"),
        partnership_name=F("partnership__name"),
    )


class HistoricalState(NamedTuple):
    """A record's status and evidence level on a past day, read from the history."""

    municipality_code: str
    initiative_slug: str
    status: str
    evidence_level: str
    municipality_id: int


@router.get(
    "/adoptions",
    response={200: AdoptionPage, **READ_ERRORS, **TOKEN_ERRORS},
    exclude_none=True,
    tags=["adoptions"],
)
@cached_read
def list_adoptions(request, response: HttpResponse, filters: Query[AdoptionFilters]):
    """Adoption records, ordered by id (stable across pages; `after` pages by id). With
    `as_of`, the state on that day from the history (status and evidence level only)."""
    request.auth = token_for(request)
    day = past_day(filters.as_of)
    if day is not None:
        if filters.after is not None:
            raise HttpError(400, "after kan niet samen met as_of: gebruik page.")
        return page_of(_states_on(day, filters), filters.page, filters.page_size)
    selected = filters.filter(_public_records())
    page = page_of(
        _records(selected).order_by("pk"),
        filters.page,
        filters.page_size,
        count=_count(filters),
    )
    if page["results"]:
        last_change = max(adoption.updated_at for adoption in page["results"])
        response["Last-Modified"] = http_date(last_change.timestamp())
    return page


def _count(filters: AdoptionFilters) -> int:
    """How many records match the filters (whatever `after` says): from the tallies where
    they can tell (at 3 million records a count takes a quarter of a second), otherwise
    counted without the joins of the answer's fields."""
    if filters.municipality is None and filters.evidence_level is None:
        initiatives = InitiativePage.objects.published()
        if filters.initiative is not None:
            initiatives = initiatives.filter(slug=filters.initiative)
        return AdoptionTally.objects.record_count(initiatives.values("pk"), filters.status)
    return filters.model_copy(update={"after": None}).filter(_public_records()).count()


def _states_on(day, filters) -> list[HistoricalState]:
    """The states on `day` of existing municipalities and published initiatives, filtered."""
    municipalities = Municipality.objects.existing_on(day)
    if filters.municipality:
        municipalities = municipalities.filter(code=filters.municipality)
    initiatives = InitiativePage.objects.published()
    if filters.initiative:
        initiatives = initiatives.filter(slug=filters.initiative)
    codes = dict(municipalities.values_list("pk", "code"))
    slugs = dict(initiatives.values_list("pk", "slug"))
    return sorted(
        HistoricalState(codes[m], slugs[i], status, evidence, m)
        for m, i, status, evidence in adoption_states(
            day, initiative_ids=slugs, municipality_ids=codes
        )
        if (not filters.status or status == filters.status)
        and (not filters.evidence_level or evidence == filters.evidence_level)
    )


def _record(municipality: str, initiative: str) -> Adoption:
    return get_object_or_404(
        _records(), municipality__code=municipality, initiative__slug=initiative
    )


@router.get(
    "/adoptions/{municipality}/{initiative}",
    response={200: AdoptionOut, **READ_ERRORS, **TOKEN_ERRORS},
    exclude_none=True,
    tags=["adoptions"],
)
def get_adoption(request, response: HttpResponse, municipality: str, initiative: str):
    """One record, with its version as ETag (send it back as If-Match when you write)."""
    request.auth = token_for(request)
    adoption = _record(municipality, initiative)
    response["ETag"] = f'"{adoption.version}"'
    response["Last-Modified"] = http_date(adoption.updated_at.timestamp())
    return adoption


@router.get(
    "/adoptions/{municipality}/{initiative}/history",
    response={200: list[ChangeOut], **READ_ERRORS},
    tags=["adoptions"],
)
@cached_read
def adoption_history(request, municipality: str, initiative: str):
    """Every recorded change of the record, oldest first."""
    adoption = _record(municipality, initiative)
    return AdoptionChange.objects.filter(
        municipality=adoption.municipality_id, initiative=adoption.initiative_id
    ).order_by("version", "pk")


@router.put(
    "/adoptions/{municipality}/{initiative}",
    response={200: AdoptionOut, 201: AdoptionOut, **WRITE_ERRORS},
    auth=TokenAuth(),
    exclude_none=True,
    tags=["adoptions"],
)
def put_adoption(
    request, response: HttpResponse, municipality: str, initiative: str, body: AdoptionIn
):
    """Record this municipality's status (history source "api"). Send `If-Match` with the
    ETag of the record you read; a stale one is refused with 412 and nothing is written."""
    token = request.auth
    target = get_object_or_404(Municipality, code=municipality)
    check_token_speaks_for(token, target)
    page = get_object_or_404(InitiativePage.objects.published(), slug=initiative)
    update = AdoptionUpdate(
        municipality=target,
        initiative=page,
        status=body.status,
        effective_date=body.effective_date,
        evidence_level=body.evidence_level or "",
        evidence_url=body.evidence_url,
        public_explanation=body.public_explanation,
        **({"internal_note": body.internal_note} if body.internal_note is not None else {}),
        expected_version=_if_match(request),
    )
    try:
        outcome = record_adoption(update, user=token.membership.user, source=ChangeSource.API)
    except StaleAdoptionError as error:
        raise HttpError(412, error.messages[0]) from error
    except AdoptionError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    adoption = _record(municipality, initiative)
    response["ETag"] = f'"{adoption.version}"'
    return Status(201 if outcome == Outcome.CREATED else 200, adoption)


def _if_match(request) -> int | None:
    value = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    if not value or value == "*":
        return None
    if not value.isdigit():
        raise HttpError(412, "If-Match moet de ETag (versie) van het record zijn.")
    return int(value)
