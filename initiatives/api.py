"""API resources of the register: initiatives, municipalities, adoption records, reports.

Everything goes through the QuerySet methods, reports and services the HTML pages use.
"""

import datetime
import logging

from django.core.cache import caches
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import http_date
from ninja import Field, Query, Router, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.responses import Status
from ninja.security import HttpBearer
from pydantic import ConfigDict

from website.api_errors import READ_ERRORS, TOKEN_ERRORS, WRITE_ERRORS, IsoDate
from website.clients import client_address

from .constants import AdoptionStatus, ChangeSource, EvidenceLevel, Kind, Phase, SizeClass
from .models import Adoption, AdoptionChange, InitiativePage, Municipality
from .reports import adoption_states, initiative_gap, municipality_report
from .services import AdoptionError, AdoptionUpdate, StaleAdoptionError, record_adoption
from .tokens import active_token

logger = logging.getLogger("labregister.api")
router = Router()

MAX_PAGE_SIZE = 500
# Far beyond the last page of the largest register; bounds the offset the database computes.
MAX_PAGE = 100_000
BAD_TOKEN_LIMIT = 10  # failed attempts per client address per minute


# ------------------------------------------------------------------- authentication


def _bearer_token(request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _token_for(request):
    """The request's valid token, None without one; a bad token is counted and refused.

    A valid token always passes: the limit slows down guessing from one address without
    locking out the people who share it (everyone, behind a reverse proxy).
    """
    raw = _bearer_token(request)
    if raw is None:
        return None
    token = active_token(raw)
    if token is not None:
        return token
    address = client_address(request)
    key = f"api-bad-token:{address}"
    shared = caches["shared"]
    shared.add(key, 0, timeout=60)
    failures = shared.incr(key)
    logger.warning("API token refused for %s (%s in the last minute)", address, failures)
    if failures > BAD_TOKEN_LIMIT:
        raise HttpError(429, "Te veel pogingen met een ongeldige API-sleutel; wacht een minuut.")
    raise AuthenticationError()


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        return _token_for(request)


# --------------------------------------------------------------------------- schemas


class Target(Schema):
    share: float
    date: datetime.date


class InitiativeOut(Schema):
    slug: str
    title: str
    full_name: str
    summary: str
    kind: Kind
    phase: Phase
    mandatory_basis: str
    domains: list[str]
    owner: str | None
    started_on: datetime.date | None
    target: Target | None
    succeeds: str | None
    succeeded_by: list[str]
    url: str


class MunicipalityOut(Schema):
    code: str
    name: str
    province: str
    population: int | None
    size_class: SizeClass | None
    valid_from: datetime.date
    valid_until: datetime.date | None
    successor: str | None


class AdoptionOut(Schema):
    municipality: str
    initiative: str
    status: AdoptionStatus
    evidence_level: str
    evidence_url: str | None = None
    public_explanation: str | None = None
    status_since: datetime.date | None = None
    last_confirmed_on: datetime.date | None = None
    version: int | None = None
    internal_note: str | None = Field(
        None, description="Only for a token of this municipality's membership."
    )


class AdoptionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[AdoptionOut]


class ChangeOut(Schema):
    old_status: str
    new_status: AdoptionStatus
    evidence_level: str
    effective_date: IsoDate
    recorded_at: datetime.datetime
    source: ChangeSource
    version: int


class AdoptionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: AdoptionStatus
    effective_date: IsoDate
    evidence_level: EvidenceLevel | None = None
    evidence_url: str = Field("", max_length=500)
    public_explanation: str = Field("", max_length=5000)
    internal_note: str | None = Field(None, max_length=5000)


class AdoptionFilters(Schema):
    municipality: str | None = Field(None, description="CBS code, e.g. GM0153")
    initiative: str | None = Field(None, description="Initiative slug")
    status: AdoptionStatus | None = None
    evidence_level: EvidenceLevel | None = None
    as_of: IsoDate | None = Field(None, description="Answer from the history on this day")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE)


class StatusCountOut(Schema):
    status: str
    count: int


class GapReportOut(Schema):
    initiative: str
    as_of: datetime.date
    adoption_rate: float | None
    implemented: int
    denominator: int
    counts: list[StatusCountOut]
    gap: dict[str, list[str]]
    target_status: str | None
    target_distance: int | None


class ScorecardLineOut(Schema):
    initiative: str
    status: str
    evidence_level: str
    size_class_peer_share: float | None
    province_peer_share: float | None


class ScorecardOut(Schema):
    municipality: str
    as_of: datetime.date
    lines: list[ScorecardLineOut]


class InitiativeFilters(Schema):
    domain: str | None = None
    kind: Kind | None = None
    phase: Phase | None = None


class MunicipalityFilters(Schema):
    province: str | None = None
    size_class: SizeClass | None = None
    include_ended: bool = False


class AsOf(Schema):
    as_of: IsoDate | None = None


# -------------------------------------------------------------------------- helpers


def _past_day(day: datetime.date | None) -> datetime.date | None:
    if day and day > timezone.localdate():
        raise HttpError(400, f"De peildatum {day.isoformat()} ligt in de toekomst.")
    return day


def _initiative_out(page: InitiativePage) -> dict:
    return {
        "slug": page.slug,
        "title": page.title,
        "full_name": page.full_name,
        "summary": page.summary,
        "kind": page.kind,
        "phase": page.phase,
        "mandatory_basis": page.mandatory_basis,
        "domains": [d.slug for d in page.domains.all()],
        "owner": page.owner_organisation.slug if page.owner_organisation else None,
        "started_on": page.started_on,
        "target": (
            {"share": float(page.adoption_target_share), "date": page.adoption_target_date}
            if page.adoption_target_share is not None
            else None
        ),
        "succeeds": page.succeeds.slug if page.succeeds_public else None,
        "succeeded_by": [p.slug for p in page.succeeded_by.all()],
        "url": page.url,
    }


def _initiatives():
    """Published initiatives, naming only published ones as predecessor or successor."""
    public = InitiativePage.objects.published()
    return (
        public.select_related("owner_organisation", "succeeds")
        .annotate(succeeds_public=Exists(public.filter(pk=OuterRef("succeeds_id"))))
        .prefetch_related("domains", Prefetch("succeeded_by", queryset=public.order_by("slug")))
        .order_by("slug")
    )


def _municipality_out(m: Municipality) -> dict:
    return {
        "code": m.code,
        "name": m.name,
        "province": m.province,
        "population": m.population,
        "size_class": m.size_class,
        "valid_from": m.valid_from,
        "valid_until": m.valid_until,
        "successor": m.successor.code if m.successor else None,
    }


def _adoption_out(adoption: Adoption, token) -> dict:
    out = {
        "municipality": adoption.municipality.code,
        "initiative": adoption.initiative.slug,
        "status": adoption.status,
        "evidence_level": adoption.evidence_level,
        "evidence_url": adoption.evidence_url,
        "public_explanation": adoption.public_explanation,
        "status_since": adoption.status_since,
        "last_confirmed_on": adoption.last_confirmed_on,
        "version": adoption.version,
    }
    if token and token.membership.municipality_id == adoption.municipality_id:
        out["internal_note"] = adoption.internal_note
    return out


# ------------------------------------------------------------------------ endpoints


@router.get(
    "/initiatives", response={200: list[InitiativeOut], **READ_ERRORS}, tags=["initiatives"]
)
def list_initiatives(request, filters: Query[InitiativeFilters]):
    pages = _initiatives()
    if filters.domain:
        pages = pages.filter(domains__slug=filters.domain)
    if filters.kind:
        pages = pages.filter(kind=filters.kind)
    if filters.phase:
        pages = pages.filter(phase=filters.phase)
    return [_initiative_out(page) for page in pages]


@router.get(
    "/initiatives/{slug}", response={200: InitiativeOut, **READ_ERRORS}, tags=["initiatives"]
)
def get_initiative(request, slug: str):
    return _initiative_out(get_object_or_404(_initiatives(), slug=slug))


@router.get(
    "/municipalities", response={200: list[MunicipalityOut], **READ_ERRORS}, tags=["municipalities"]
)
def list_municipalities(request, filters: Query[MunicipalityFilters]):
    municipalities = Municipality.objects.select_related("successor").order_by("code")
    if not filters.include_ended:
        municipalities = municipalities.current()
    if filters.province:
        municipalities = municipalities.filter(province=filters.province)
    if filters.size_class:
        municipalities = municipalities.of_size_class(filters.size_class)
    return [_municipality_out(m) for m in municipalities]


@router.get(
    "/municipalities/{code}",
    response={200: MunicipalityOut, **READ_ERRORS},
    tags=["municipalities"],
)
def get_municipality(request, code: str):
    municipality = get_object_or_404(Municipality.objects.select_related("successor"), code=code)
    return _municipality_out(municipality)


@router.get(
    "/adoptions",
    response={200: AdoptionPage, **READ_ERRORS, **TOKEN_ERRORS},
    exclude_none=True,
    tags=["adoptions"],
)
def list_adoptions(request, response: HttpResponse, filters: Query[AdoptionFilters]):
    """Adoption records, ordered by id (stable across pages). With `as_of`, the state on that
    day from the history (status and evidence level only)."""
    token = _token_for(request)
    day = _past_day(filters.as_of)
    if day is not None:
        return _adoptions_as_of(day, filters)
    records = Adoption.objects.select_related("municipality", "initiative").order_by("pk")
    if filters.municipality:
        records = records.filter(municipality__code=filters.municipality)
    if filters.initiative:
        records = records.filter(initiative__slug=filters.initiative)
    if filters.status:
        records = records.filter(status=filters.status)
    if filters.evidence_level:
        records = records.filter(evidence_level=filters.evidence_level)
    count = records.count()
    start = (filters.page - 1) * filters.page_size
    page = list(records[start : start + filters.page_size])
    if page:
        response["Last-Modified"] = http_date(max(a.updated_at for a in page).timestamp())
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [_adoption_out(adoption, token) for adoption in page],
    }


def _adoptions_as_of(day, filters):
    municipalities = Municipality.objects.existing_on(day)
    if filters.municipality:
        municipalities = municipalities.filter(code=filters.municipality)
    initiatives = InitiativePage.objects.published()
    if filters.initiative:
        initiatives = initiatives.filter(slug=filters.initiative)
    codes = dict(municipalities.values_list("pk", "code"))
    slugs = dict(initiatives.values_list("pk", "slug"))
    rows = sorted(
        (codes[m], slugs[i], status, evidence)
        for m, i, status, evidence in adoption_states(
            day, initiative_ids=slugs, municipality_ids=codes
        )
        if (not filters.status or status == filters.status)
        and (not filters.evidence_level or evidence == filters.evidence_level)
    )
    start = (filters.page - 1) * filters.page_size
    return {
        "count": len(rows),
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [
            {"municipality": m, "initiative": i, "status": s, "evidence_level": e}
            for m, i, s, e in rows[start : start + filters.page_size]
        ],
    }


def _record(municipality: str, initiative: str):
    return get_object_or_404(
        Adoption.objects.select_related("municipality", "initiative"),
        municipality__code=municipality,
        initiative__slug=initiative,
    )


@router.get(
    "/adoptions/{municipality}/{initiative}",
    response={200: AdoptionOut, **READ_ERRORS, **TOKEN_ERRORS},
    exclude_none=True,
    tags=["adoptions"],
)
def get_adoption(request, response: HttpResponse, municipality: str, initiative: str):
    token = _token_for(request)
    adoption = _record(municipality, initiative)
    response["ETag"] = f'"{adoption.version}"'
    response["Last-Modified"] = http_date(adoption.updated_at.timestamp())
    return _adoption_out(adoption, token)


@router.get(
    "/adoptions/{municipality}/{initiative}/history",
    response={200: list[ChangeOut], **READ_ERRORS},
    tags=["adoptions"],
)
def adoption_history(request, municipality: str, initiative: str):
    adoption = _record(municipality, initiative)
    return list(
        AdoptionChange.objects.filter(
            municipality=adoption.municipality_id, initiative=adoption.initiative_id
        ).order_by("version", "pk")
    )


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
    if target.pk != token.membership.municipality_id:
        raise HttpError(
            403, f"Deze sleutel mag alleen gegevens van {token.membership.municipality} wijzigen."
        )
    page = get_object_or_404(InitiativePage.objects.live(), slug=initiative)
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
    return Status(201 if outcome == "new" else 200, _adoption_out(adoption, token))


def _if_match(request) -> int | None:
    value = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    if not value or value == "*":
        return None
    if not value.isdigit():
        raise HttpError(412, "If-Match moet de ETag (versie) van het record zijn.")
    return int(value)


@router.get(
    "/reports/initiatives/{slug}", response={200: GapReportOut, **READ_ERRORS}, tags=["reports"]
)
def initiative_report(request, slug: str, params: Query[AsOf]):
    """The numbers of /rapportages/initiatieven/<slug>/ (same computation)."""
    page = get_object_or_404(InitiativePage.objects.published(), slug=slug)
    report = initiative_gap(page, _past_day(params.as_of))
    return {
        "initiative": page.slug,
        "as_of": report.day,
        "adoption_rate": report.rate.share,
        "implemented": report.rate.implemented,
        "denominator": report.rate.denominator,
        "counts": [{"status": c.status, "count": c.count} for c in report.counts],
        "gap": {key: [m.code for m in members] for key, _label, members in report.gap_groups},
        "target_status": report.target.status if report.target else None,
        "target_distance": report.target.distance if report.target else None,
    }


@router.get(
    "/reports/municipalities/{code}", response={200: ScorecardOut, **READ_ERRORS}, tags=["reports"]
)
def municipality_scorecard(request, code: str, params: Query[AsOf]):
    """The numbers of /rapportages/gemeenten/<code>/ (same computation)."""
    municipality = get_object_or_404(Municipality, code=code)
    report = municipality_report(municipality, _past_day(params.as_of))
    return {
        "municipality": municipality.code,
        "as_of": report.day,
        "lines": [
            {
                "initiative": line.initiative.slug,
                "status": line.status,
                "evidence_level": line.evidence_level,
                "size_class_peer_share": line.size_class_peers.share,
                "province_peer_share": line.province_peers.share,
            }
            for line in report.lines
        ],
    }
