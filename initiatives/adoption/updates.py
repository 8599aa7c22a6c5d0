"""What an update of an adoption record says, and what makes one impossible."""

import datetime
import enum
import functools
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from website.fetching import FetchRefused, check_url
from website.links import is_web_url

from ..constants import MAX_TEXT_CHARACTERS, MAX_URL_CHARACTERS, AdoptionStatus, EvidenceLevel
from ..errors import AdoptionError
from ..models import (
    Adoption,
    AdoptionChange,
    InitiativePage,
    Municipality,
    Partnership,
)
from .history import describe_change


class _Keep:
    """Marks a field that an update leaves as it is (an import has no internal-note column)."""

    def __repr__(self):
        return "KEEP"


KEEP = _Keep()

# Fields an update may carry besides the status; KEEP leaves the stored value alone.
DETAIL_FIELDS = (
    "evidence_level",
    "evidence_url",
    "public_explanation",
    "barrier_category_id",
    "internal_note",
    # None, the municipality speaking for itself, takes a record over from its
    # samenwerkingsverband even when the status stays the same.
    "partnership_id",
)


@dataclass(frozen=True)
class AdoptionUpdate:
    """What someone says about one initiative in one municipality."""

    municipality: Municipality
    initiative: InitiativePage
    status: str
    effective_date: datetime.date
    evidence_level: str | _Keep = KEEP
    evidence_url: str | _Keep = KEEP
    public_explanation: str | _Keep = KEEP
    barrier_category_id: int | None | _Keep = KEEP
    internal_note: str | _Keep = KEEP
    # The version the editor's form was based on; None skips the optimistic-lock check.
    expected_version: int | None = None
    # When the municipality confirmed this state; today unless the source says otherwise.
    confirmed_on: datetime.date | None = None
    # The samenwerkingsverband that reports this for its member ("via Dimpact").
    partnership: Partnership | None = None
    # The public file a harvested status was read from.
    source_url: str = ""
    # `effective_date` is only the day a claim was first seen: "uiterlijk sinds".
    since_is_upper_bound: bool = False

    @property
    def partnership_id(self) -> int | None:
        return self.partnership.pk if self.partnership else None

    @functools.cached_property
    def key(self) -> tuple[int, int]:
        """(municipality id, initiative id), the record the update is for."""
        return (self.municipality.pk, self.initiative.pk)


class Outcome(enum.StrEnum):
    CREATED = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        return {
            Outcome.CREATED: _("nieuw"),
            Outcome.CHANGED: _("gewijzigd"),
            Outcome.UNCHANGED: _("ongewijzigd"),
        }[self]


class RejectedUpdates(AdoptionError):
    """Several updates of one batch cannot be recorded; nothing was written."""

    def __init__(self, errors: list[AdoptionError]):
        super().__init__([message for error in errors for message in error.messages])
        self.errors = errors


class StaleAdoptionError(AdoptionError):
    """Someone else saved the record after the editor's form was loaded."""

    def __init__(self, current: Adoption, expected_version: int):
        self.current = current
        self.changes_since = list(
            AdoptionChange.objects.filter(
                municipality=current.municipality_id,
                initiative=current.initiative_id,
                version__gt=expected_version,
            )
            .select_related("recorded_by")
            .order_by("version")
        )
        lines = [describe_change(change) for change in self.changes_since]
        super().__init__(
            _(
                "Iemand anders heeft dit record gewijzigd nadat u het opende; uw wijziging is "
                "niet opgeslagen. Hun wijziging: %(changes)s"
            )
            % {"changes": " ".join(lines)}
        )


# Read once: an import validates every row, and the enums build these lists on each access.
STATUS_VALUES = frozenset(AdoptionStatus.values)
EVIDENCE_LEVEL_VALUES = frozenset([KEEP, "", *EvidenceLevel.values])


def validate_update(update: AdoptionUpdate, today: datetime.date) -> None:
    """Raise AdoptionError, keyed by field, if the update states something that cannot be true."""
    municipality = update.municipality
    if update.status not in STATUS_VALUES:
        raise AdoptionError(
            {"status": _("Status ‘%(status)s’ bestaat niet.") % {"status": update.status}}
        )
    if update.evidence_level not in EVIDENCE_LEVEL_VALUES:
        raise AdoptionError(
            {
                "evidence_level": _("Bewijsniveau ‘%(level)s’ bestaat niet.")
                % {"level": update.evidence_level}
            }
        )
    _validate_texts(update)
    if update.effective_date > today:
        raise AdoptionError(
            {
                "effective_date": _("De datum %(date)s ligt in de toekomst.")
                % {"date": date_format(update.effective_date, "j F Y")}
            }
        )
    if not municipality.exists_on(update.effective_date):
        raise AdoptionError(
            {
                "effective_date": _("Gemeente %(name)s (%(code)s) bestond niet op %(date)s.")
                % {
                    "name": municipality.name,
                    "code": municipality.code,
                    "date": date_format(update.effective_date, "j F Y"),
                }
            }
        )


def _validate_texts(update: AdoptionUpdate) -> None:
    """Links are http(s) addresses, texts fit, and no text holds a NUL (PostgreSQL refuses it,
    SQLite would store it): the same rule for form, import, API and harvest."""
    url = update.evidence_url
    if url not in (KEEP, ""):
        if len(url) > MAX_URL_CHARACTERS:
            raise AdoptionError(
                {
                    "evidence_url": _("De link is %(length)s tekens; het maximum is %(limit)s.")
                    % {"length": len(url), "limit": MAX_URL_CHARACTERS}
                }
            )
        if not is_web_url(url):
            raise AdoptionError(
                {
                    "evidence_url": _(
                        "‘%(url)s’ is geen webadres; een link begint met https:// of http://."
                    )
                    % {"url": url[:80]}
                }
            )
        try:
            check_url(url)
        except FetchRefused:
            raise AdoptionError(
                {
                    "evidence_url": _(
                        "‘%(url)s’ is geen openbaar webadres; bewijs moet voor iedereen te "
                        "openen zijn."
                    )
                    % {"url": url[:80]}
                }
            ) from None
    for name in ("evidence_url", "public_explanation", "internal_note"):
        text = getattr(update, name)
        if text is KEEP:
            continue
        if "\x00" in text:
            raise AdoptionError({name: _("De tekst bevat een NUL-teken.")})
        if len(text) > MAX_TEXT_CHARACTERS:
            raise AdoptionError(
                {
                    name: _("De tekst is %(length)s tekens; het maximum is %(limit)s.")
                    % {"length": len(text), "limit": MAX_TEXT_CHARACTERS}
                }
            )
