"""The one way adoption records change: permission, validation, current state and history."""

import calendar
import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from website.links import is_web_url

from .constants import AdoptionStatus, ChangeSource, EvidenceLevel
from .models import (
    Adoption,
    AdoptionChange,
    AdoptionImport,
    AdoptionSettings,
    InitiativePage,
    Municipality,
)
from .signals import adoptions_recorded


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

    @property
    def key(self) -> tuple[int, int]:
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


class AdoptionError(ValidationError):
    """An update that cannot be recorded; its Dutch message is keyed by the field at fault.

    `key` is the (municipality id, initiative id) of the update, so an import can name its row.
    """

    def __init__(self, message, *, key: tuple[int, int] | None = None):
        super().__init__(message)
        self.key = key


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


def describe_change(change: AdoptionChange) -> str:
    """One history entry in words: who, when, and old → new for every field."""
    labels = {
        field.attname: field.verbose_name for field in Adoption._meta.get_fields() if field.concrete
    }
    parts = [
        f"{labels.get(name, name)}: {_display(name, old)} → {_display(name, new)}"
        for name, (old, new) in change.changes.items()
    ]
    who = change.recorded_by.get_username() if change.recorded_by else _("systeem")
    when = date_format(timezone.localtime(change.recorded_at), "j F Y H:i")
    return _("%(who)s op %(when)s: %(parts)s.") % {
        "who": who,
        "when": when,
        "parts": "; ".join(parts),
    }


def _display(name: str, value) -> str:
    choices = {"status": AdoptionStatus, "evidence_level": EvidenceLevel}.get(name)
    if choices and value in choices.values:
        return str(choices(value).label)
    return str(value) if value not in (None, "") else "—"


def _chunks(items: Iterable, size: int):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def validate_update(update: AdoptionUpdate, today: datetime.date) -> None:
    """Raise AdoptionError, keyed by field, if the update states something that cannot be true."""
    municipality = update.municipality
    if update.status not in AdoptionStatus.values:
        raise AdoptionError(
            {"status": _("Status ‘%(status)s’ bestaat niet.") % {"status": update.status}}
        )
    if update.evidence_level not in (KEEP, "", *EvidenceLevel.values):
        raise AdoptionError(
            {
                "evidence_level": _("Bewijsniveau ‘%(level)s’ bestaat niet.")
                % {"level": update.evidence_level}
            }
        )
    _validate_texts(update)
    when = date_format(update.effective_date, "j F Y")
    if update.effective_date > today:
        raise AdoptionError(
            {"effective_date": _("De datum %(date)s ligt in de toekomst.") % {"date": when}}
        )
    if not municipality.exists_on(update.effective_date):
        raise AdoptionError(
            {
                "effective_date": _("Gemeente %(name)s (%(code)s) bestond niet op %(date)s.")
                % {"name": municipality.name, "code": municipality.code, "date": when}
            }
        )


# Longest explanation or note a person writes; the evidence link fits the model's field.
MAX_TEXT_CHARACTERS = 10_000
MAX_URL_CHARACTERS = Adoption._meta.get_field("evidence_url").max_length


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


def check_may_change(user, municipality_ids: Iterable[int]) -> None:
    """Raise AdoptionError unless `user` may change every one of these municipalities.

    `user=None` is the system itself (demo loader, mergers); every person goes through
    `Municipality.objects.editable_by`, so the admin, the import and the API share one rule.
    """
    if user is None:
        return
    wanted = set(municipality_ids)
    allowed = set(
        Municipality.objects.editable_by(user).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    refused = wanted - allowed
    if refused:
        names = ", ".join(str(m) for m in Municipality.objects.filter(pk__in=refused))
        raise AdoptionError(
            {"municipality": _("U mag de gegevens van %(names)s niet wijzigen.") % {"names": names}}
        )


def record_adoption(update: AdoptionUpdate, *, user, source: ChangeSource) -> Outcome:
    """Record one update; see `record_adoptions`."""
    return record_adoptions([update], user=user, source=source)[0]


@transaction.atomic
def record_adoptions(
    updates: Iterable[AdoptionUpdate],
    *,
    user,
    source: ChangeSource,
    import_batch: AdoptionImport | None = None,
    chunk_size: int = 1000,
) -> list[Outcome]:
    """Apply updates in one transaction: each changed record gets exactly one history row.

    Updates are consumed in chunks, so a large import never holds every record in memory.
    Any refused, invalid or stale update raises AdoptionError and nothing at all is written.
    """
    today = timezone.localdate()
    seen: set[tuple[int, int]] = set()
    outcomes: list[Outcome] = []
    # Updates that conflict with a stored record; all are reported, not only the first.
    conflicts: list[AdoptionError] = []
    for chunk in _chunks(updates, chunk_size):
        check_may_change(user, {update.municipality.pk for update in chunk})
        _lock_municipalities({update.municipality.pk for update in chunk})
        for update in chunk:
            validate_update(update, today)
            if update.key in seen:
                raise AdoptionError(
                    _("%(initiative)s in %(municipality)s komt meer dan één keer voor.")
                    % {"initiative": update.initiative.title, "municipality": update.municipality}
                )
            seen.add(update.key)
        outcomes += _record_chunk(chunk, user, source, import_batch, today, conflicts)
    if len(conflicts) == 1:
        raise conflicts[0]
    if conflicts:
        raise RejectedUpdates(conflicts)
    touched = {municipality_id for municipality_id, _initiative_id in seen}
    transaction.on_commit(
        lambda: adoptions_recorded.send(sender=Adoption, municipality_ids=touched)
    )
    return outcomes


def _lock_municipalities(municipality_ids: set[int]) -> None:
    """Writers to the same municipality take turns until commit (PostgreSQL row locks, in id
    order so two batches cannot deadlock): a record two people create at once is created
    once and then changed, never refused by the unique constraint."""
    list(
        Municipality.objects.select_for_update()
        .filter(pk__in=municipality_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _record_chunk(chunk, user, source, import_batch, today, conflicts) -> list[Outcome]:
    keys = {update.key for update in chunk}
    existing = {
        (adoption.municipality_id, adoption.initiative_id): adoption
        for adoption in Adoption.objects.select_for_update().filter(
            municipality_id__in={m for m, _i in keys}, initiative_id__in={i for _m, i in keys}
        )
    }
    now = timezone.now()
    created, changed, history, outcomes = [], [], [], []
    for update in chunk:
        adoption = existing.get(update.key)
        if adoption is None:
            adoption = Adoption(
                municipality=update.municipality,
                initiative=update.initiative,
                status=update.status,
                status_since=update.effective_date,
                last_confirmed_on=update.confirmed_on or today,
                updated_by=user,
            )
            changes = {"status": [None, update.status], **_apply_details(adoption, update)}
            created.append(adoption)
            outcomes.append(Outcome.CREATED)
        else:
            if update.expected_version is not None and update.expected_version != adoption.version:
                raise StaleAdoptionError(adoption, update.expected_version)
            if adoption.status != update.status and update.effective_date < adoption.status_since:
                conflicts.append(
                    AdoptionError(
                        {
                            "effective_date": _(
                                "%(record)s: een nieuwe status kan niet ingaan vóór de huidige "
                                "(%(status)s sinds %(since)s)."
                            )
                            % {
                                "record": f"{update.initiative.title} – {update.municipality}",
                                "status": adoption.get_status_display(),
                                "since": date_format(adoption.status_since, "j F Y"),
                            }
                        },
                        key=update.key,
                    )
                )
                outcomes.append(Outcome.UNCHANGED)
                continue
            changes = _apply_details(adoption, update)
            if adoption.status != update.status:
                changes["status"] = [adoption.status, update.status]
                adoption.status = update.status
                adoption.status_since = update.effective_date
            if not changes:
                outcomes.append(Outcome.UNCHANGED)
                continue
            adoption.last_confirmed_on = update.confirmed_on or today
            adoption.updated_by = user
            adoption.updated_at = now
            adoption.version += 1
            changed.append(adoption)
            outcomes.append(Outcome.CHANGED)
        history.append(
            _history_entry(adoption, changes, update.effective_date, user, source, import_batch)
        )
    Adoption.objects.bulk_create(created)
    _save_changed(changed)
    AdoptionChange.objects.bulk_create(history)
    return outcomes


# Columns a recorded change may touch on an existing record.
UPDATED_FIELDS = (
    "status",
    "status_since",
    "last_confirmed_on",
    "updated_by",
    "updated_at",
    "version",
    *DETAIL_FIELDS,
)


def _save_changed(adoptions: list[Adoption]) -> None:
    """UPDATE the records with executemany: Django's bulk_update builds a CASE per row and
    field, which made a 100,000-row import spend most of its time compiling SQL."""
    if not adoptions:
        return
    fields = [Adoption._meta.get_field(name) for name in UPDATED_FIELDS]
    assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    sql = f"UPDATE {Adoption._meta.db_table} SET {assignments} WHERE id = %s"  # noqa: S608
    rows = [
        [f.get_db_prep_save(getattr(a, f.attname), connection) for f in fields] + [a.pk]
        for a in adoptions
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _apply_details(adoption: Adoption, update: AdoptionUpdate) -> dict:
    """Copy the detail fields the update carries; return {field: [old, new]} of those changed."""
    changes = {}
    for name in DETAIL_FIELDS:
        value = getattr(update, name)
        if value is KEEP or getattr(adoption, name) == value:
            continue
        changes[name] = [getattr(adoption, name), value]
        setattr(adoption, name, value)
    return changes


def _history_entry(adoption, changes, effective_date, user, source, import_batch=None):
    old_status = changes["status"][0] if "status" in changes else adoption.status
    return AdoptionChange(
        municipality_id=adoption.municipality_id,
        initiative_id=adoption.initiative_id,
        old_status=old_status or "",
        new_status=adoption.status,
        evidence_level=adoption.evidence_level,
        effective_date=effective_date,
        recorded_by=user,
        source=source,
        version=adoption.version,
        changes=changes,
        import_batch=import_batch,
    )


@transaction.atomic
def reconfirm_adoption(
    municipality: Municipality,
    initiative: InitiativePage,
    *,
    user,
    expected_version: int,
    source: ChangeSource = ChangeSource.FORM,
) -> Adoption:
    """Record that the current status is still right ("nog steeds juist") without changing it."""
    check_may_change(user, [municipality.pk])
    adoption = Adoption.objects.select_for_update().get(
        municipality=municipality, initiative=initiative
    )
    if adoption.version != expected_version:
        raise StaleAdoptionError(adoption, expected_version)
    today = timezone.localdate()
    changes = {"last_confirmed_on": [adoption.last_confirmed_on.isoformat(), today.isoformat()]}
    adoption.last_confirmed_on = today
    adoption.updated_by = user
    adoption.version += 1
    adoption.save(update_fields=["last_confirmed_on", "updated_by", "updated_at", "version"])
    _history_entry(adoption, changes, today, user, source).save()
    return adoption


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier, clamped to the end of a shorter month."""
    year, month_index = divmod(day.year * 12 + day.month - 1 - months, 12)
    month = month_index + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def stale_cutoff_for(request) -> datetime.date:
    """Records last confirmed before this day are stale ("verouderd") on the request's site."""
    months = AdoptionSettings.for_request(request).stale_after_months
    return months_before(timezone.localdate(), months)
