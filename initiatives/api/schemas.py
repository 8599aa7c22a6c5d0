"""What the API reads and writes; aliases and resolvers read the models and reports directly
(responses are written by field name, so the aliases are not part of the published schema)."""

import datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from website.api_errors import IsoDate

from ..constants import (
    MAX_TEXT_CHARACTERS,
    MAX_URL_CHARACTERS,
    AdoptionStatus,
    ChangeSource,
    EvidenceLevel,
    Kind,
    Phase,
    SizeClass,
)
from ..models import tooi_uri
from ..permissions import token_speaks_for
from ..reporting.targets import initiative_forecast_document

MAX_PAGE_SIZE = 500
# Far beyond the last page of the largest register; bounds the offset the database computes.
MAX_PAGE = 100_000


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

    @staticmethod
    def resolve_domains(page):
        return [domain.slug for domain in page.domains.all()]

    @staticmethod
    def resolve_owner(page):
        return page.owner_organisation.slug if page.owner_organisation else None

    @staticmethod
    def resolve_target(page):
        if page.adoption_target_share is None:
            return None
        return {"share": float(page.adoption_target_share), "date": page.adoption_target_date}

    @staticmethod
    def resolve_succeeds(page):
        # Only a published predecessor is named (see `published_initiatives`).
        return page.succeeds.slug if page.succeeds_public else None

    @staticmethod
    def resolve_succeeded_by(page):
        return [successor.slug for successor in page.succeeded_by.all()]


class MunicipalityOut(Schema):
    code: str
    tooi: str = Field(alias="tooi_uri", description="TOOI identifier, derived from the code.")
    name: str
    province: str
    population: int | None
    size_class: SizeClass | None
    valid_from: datetime.date
    valid_until: datetime.date | None
    successor: str | None

    @staticmethod
    def resolve_successor(municipality):
        return municipality.successor.code if municipality.successor else None


class AdoptionOut(Schema):
    id: int | None = Field(
        None, description="The record's id: pass the last one as `after` for the next page."
    )
    municipality: str
    municipality_tooi: str
    initiative: str
    status: AdoptionStatus
    evidence_level: str
    evidence_url: str | None = None
    public_explanation: str | None = None
    status_since: datetime.date | None = None
    status_since_is_upper_bound: bool | None = Field(
        None,
        description=(
            "True when status_since is only the day the status was first seen in a public "
            'file: it held no later than that day ("uiterlijk sinds"), its start is unknown.'
        ),
    )
    last_confirmed_on: datetime.date | None = None
    version: int | None = None
    internal_note: str | None = Field(
        None, description="Only for a token of this municipality's membership."
    )
    source: ChangeSource | None = Field(None, description="Where the current state came from.")
    via_partnership: str | None = Field(
        None, description="The samenwerkingsverband that reported it for the municipality."
    )

    @staticmethod
    def resolve_municipality(adoption):
        return adoption.municipality_code

    @staticmethod
    def resolve_municipality_tooi(adoption):
        return tooi_uri(adoption.municipality_code)

    @staticmethod
    def resolve_source(adoption):
        return getattr(adoption, "source", None)

    @staticmethod
    def resolve_status_since_is_upper_bound(adoption):
        # A state read from the history on a past day carries no dates.
        return getattr(adoption, "since_is_upper_bound", None)

    @staticmethod
    def resolve_via_partnership(adoption):
        return getattr(adoption, "partnership_name", None)

    @staticmethod
    def resolve_initiative(adoption):
        return adoption.initiative_slug

    @staticmethod
    def resolve_internal_note(adoption, context):
        # A state from the history has no note; a record's note only for its own token.
        note = getattr(adoption, "internal_note", None)
        token = context["request"].auth
        return note if token_speaks_for(token, adoption.municipality_id) else None


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
    effective_date_is_upper_bound: bool = Field(
        description=(
            "True when effective_date is only the day the status was first seen in a public "
            'file ("uiterlijk sinds").'
        ),
    )
    recorded_at: datetime.datetime
    source: ChangeSource
    source_url: str = Field(description="The public file a harvested change was read from.")
    version: int

    @staticmethod
    def resolve_effective_date_is_upper_bound(change):
        return change.since_is_upper_bound


class AdoptionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: AdoptionStatus
    effective_date: IsoDate
    evidence_level: EvidenceLevel | None = None
    evidence_url: str = Field("", max_length=MAX_URL_CHARACTERS)
    public_explanation: str = Field("", max_length=MAX_TEXT_CHARACTERS)
    internal_note: str | None = Field(None, max_length=MAX_TEXT_CHARACTERS)


class StatusCountOut(Schema):
    status: str
    count: int


class ForecastBasisOut(Schema):
    quarters: int = Field(description="Quarters of history the curve is fitted to.")
    municipalities: int = Field(description="Municipalities it applies to (the ceiling).")
    adopters: int


class CoursePointOut(Schema):
    quarter: str = Field(description="The start of this quarter (2028-K3).")
    expected: float = Field(description="Expected share, 0 to 1.")
    low: float
    high: float


class ForecastOut(Schema):
    expected_on: str | None = Field(
        description="Quarter the target share is expected to be reached in (2028-K3); null "
        "without a target, when reached, or when not within the horizon."
    )
    low: str | None = Field(description="The band's earliest quarter for the target.")
    high: str | None = Field(
        description="The band's latest quarter for the target; null when not within the horizon."
    )
    status: str | None = Field(
        description="reached, on_track, behind, not_feasible or too_few; null without a target."
    )
    stalled: bool = Field(description="No new adopter for 6 quarters.")
    enough_data: bool = Field(description="At least 8 quarters and 5 adopters.")
    method: str
    band: float = Field(description="The band's coverage (0.8).")
    basis: ForecastBasisOut
    horizon: str | None
    course: list[CoursePointOut]


class GapReportOut(Schema):
    initiative: str = Field(alias="initiative.slug")
    as_of: datetime.date = Field(alias="day")
    adoption_rate: float | None = Field(alias="rate.share")
    implemented: int = Field(alias="rate.implemented")
    denominator: int = Field(alias="rate.denominator")
    counts: list[StatusCountOut]
    gap: dict[str, list[str]]
    target_status: str | None
    target_distance: int | None
    implemented_via_partnership: int = Field(
        description="Implemented records a samenwerkingsverband reported (current state only)."
    )
    forecast: ForecastOut

    @staticmethod
    def resolve_forecast(report):
        return initiative_forecast_document(report)

    @staticmethod
    def resolve_gap(report):
        return {key: [m.code for m in members] for key, _label, members in report.gap_groups}

    @staticmethod
    def resolve_target_status(report):
        return report.target.status if report.target else None

    @staticmethod
    def resolve_target_distance(report):
        return report.target.distance if report.target else None


class ScorecardLineOut(Schema):
    initiative: str = Field(alias="initiative.slug")
    status: str
    evidence_level: str
    via_partnership: str = Field(alias="partnership")
    size_class_peer_share: float | None = Field(alias="size_class_peers.share")
    province_peer_share: float | None = Field(alias="province_peers.share")


class ScorecardOut(Schema):
    municipality: str = Field(alias="municipality.code")
    municipality_tooi: str = Field(alias="municipality.tooi_uri")
    as_of: datetime.date = Field(alias="day")
    lines: list[ScorecardLineOut]


class StatusChangeOut(Schema):
    """One status change, as the site's list and the Atom feeds show it."""

    recorded_at: datetime.datetime
    effective_date: datetime.date
    municipality: str = Field(alias="municipality.code")
    initiative: str = Field(alias="initiative.slug")
    old_status: AdoptionStatus | None = Field(description="Empty: no status before (unknown)")
    new_status: AdoptionStatus

    model_config = ConfigDict(populate_by_name=True)

    @staticmethod
    def resolve_old_status(change) -> str | None:
        """No status before is null, not an empty string."""
        return change.old_status or None
