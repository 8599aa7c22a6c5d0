"""Bulk import of adoption statuses from CSV or XLSX: preview first, then all or nothing."""

import csv
import datetime
import hashlib
import io
import logging
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from xml.etree.ElementTree import ParseError

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .constants import (
    UNKNOWN,
    AdoptionStatus,
    ChangeSource,
    EvidenceLevel,
    ImportState,
    status_label,
)
from .models import Adoption, AdoptionChange, AdoptionImport, InitiativePage, Municipality
from .services import (
    KEEP,
    AdoptionError,
    AdoptionUpdate,
    Outcome,
    record_adoptions,
    validate_update,
)

logger = logging.getLogger("labregister.imports")

COLUMNS = (
    "gemeentecode",
    "initiatief",
    "status",
    "datum",
    "bewijsniveau",
    "bewijs_url",
    "toelichting",
)
# Every row needs these; the others may be left out of the file (the stored value stays).
REQUIRED_COLUMNS = ("gemeentecode", "initiatief", "status", "datum")
OPTIONAL_COLUMNS = tuple(column for column in COLUMNS if column not in REQUIRED_COLUMNS)
# Which file column an AdoptionError about a service field points at.
FIELD_COLUMNS = {
    "municipality": "gemeentecode",
    "status": "status",
    "effective_date": "datum",
    "evidence_level": "bewijsniveau",
    "evidence_url": "bewijs_url",
    "public_explanation": "toelichting",
}
MAX_FILE_BYTES = 10 * 1024 * 1024
# How long an unconfirmed dry run keeps its file (up to MAX_FILE_BYTES) for confirmation.
DRY_RUN_KEPT_FOR = datetime.timedelta(days=1)
# Longest cell the import reads; the explanation is the only long text.
MAX_CELL_CHARACTERS = 10_000
MAX_URL_CHARACTERS = 500
# What export_meta neutralises spreadsheet formulas with; stripped again on import.
NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")
MAX_KEPT_ERRORS = 200
PREVIEW_ROWS = 500
XLSX_MAGIC = b"PK\x03\x04"
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the Dutch message says why."""


@dataclass(frozen=True)
class RowError:
    """What is wrong, and where: a row and column, a row, or (row 0) the file as a whole."""

    row: int
    column: str
    message: str

    def __str__(self):
        if not self.row:
            return self.message
        if not self.column:
            return _("Rij %(row)s: %(message)s") % asdict(self)
        return _("Rij %(row)s, kolom ‘%(column)s’: %(message)s") % asdict(self)


class _RowFailure(Exception):
    def __init__(self, error: RowError):
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True)
class PreviewRow:
    """One row of the dry run: which record, and its status before and after."""

    row: int
    municipality: str
    initiative: str
    old_status: str
    new_status: str
    outcome: str


def read_rows(content: bytes) -> Iterator[tuple[int, dict]]:
    """Yield (row number, {column: text}) from CSV (UTF-8/cp1252, , or ;) or XLSX bytes."""
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("Het bestand is %(size)s MB; de grens is %(limit)s MB. Splits het bestand op.")
            % {"size": round(len(content) / 1024 / 1024, 1), "limit": MAX_FILE_BYTES // 2**20}
        )
    if not content.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ImportFileError(_("Het bestand is leeg."))
    is_xlsx = content.startswith(XLSX_MAGIC)
    rows = _xlsx_rows(content) if is_xlsx else _csv_rows(content)
    header_number, header = next(rows, (1, []))
    columns = [str(name or "").strip().lower() for name in header]
    _check_header(columns, header_number)
    for number, values in rows:
        cells = ["" if value is None else value for value in values]
        if not any(str(cell).strip() for cell in cells):
            continue
        # XLSX rows are as wide as the sheet; a short CSV row lost cells or a separator.
        if not is_xlsx and len(cells) != len(columns):
            raise ImportFileError(
                _(
                    "Rij %(row)s heeft %(cells)s kolommen, de kopregel %(columns)s. Controleer "
                    "scheidingstekens en aanhalingstekens in en boven deze rij."
                )
                % {"row": number, "cells": len(cells), "columns": len(columns)}
            )
        yield number, dict(zip(columns, cells, strict=False))


def _check_header(columns: list[str], row: int) -> None:
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            raise ImportFileError(
                _(
                    "Kolom ‘%(column)s’ ontbreekt in de kopregel (rij %(row)s). Verplicht: "
                    "%(required)s; mogen ontbreken: %(optional)s."
                )
                % {
                    "column": column,
                    "row": row,
                    "required": ", ".join(REQUIRED_COLUMNS),
                    "optional": ", ".join(OPTIONAL_COLUMNS),
                }
            )
    unknown = [c for c in columns if c and c not in COLUMNS]
    if unknown:
        raise ImportFileError(
            _("Kolom ‘%(column)s’ is onbekend. Toegestaan: %(all)s.")
            % {"column": unknown[0], "all": ", ".join(COLUMNS)}
        )
    doubled = [c for c, n in Counter(c for c in columns if c).items() if n > 1]
    if doubled:
        raise ImportFileError(
            _("Kolom ‘%(column)s’ staat twee keer in de kopregel.") % {"column": doubled[0]}
        )


def _decode(content: bytes) -> str:
    """UTF-8 (with or without BOM) or, as Dutch Excel saves CSV, Windows-1252; a file that
    mixes the two is refused rather than read as "cafÃ©"."""
    has_bom = content.startswith(b"\xef\xbb\xbf")
    try:
        return content[3 if has_bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as error:
        if has_bom:
            raise ImportFileError(
                _(
                    "Het bestand begint als UTF-8 maar bevat ongeldige tekens (byte %(position)s). "
                    "Sla het op als ‘CSV UTF-8’."
                )
                % {"position": error.start + 3}
            ) from error
    text = content.decode("cp1252", errors="replace")
    if re.search("[ÃÂ][\u0080-\u00bf\u2018-\u203a]", text):
        raise ImportFileError(
            _(
                "Het bestand mengt UTF-8 en Windows-1252 (tekens zoals ‘Ã©’). Sla het opnieuw op "
                "als ‘CSV UTF-8’."
            )
        )
    return text


def _csv_rows(content: bytes):
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for values in reader:
            yield reader.line_num, values
    except csv.Error as error:
        raise ImportFileError(
            _(
                "Het bestand is na rij %(row)s niet te lezen: een aanhalingsteken staat verkeerd "
                "of een cel is langer dan %(limit)s tekens."
            )
            % {"row": reader.line_num, "limit": f"{csv.field_size_limit():,}".replace(",", ".")}
        ) from error


def _xlsx_rows(content: bytes):
    unreadable = _("Het bestand is geen leesbaar Excel-bestand (.xlsx).")
    try:
        # Formulas are read as written (data_only=False): a cached result may be missing or
        # stale, so a formula cell is refused with its row rather than read as empty.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ParseError) as error:
        raise ImportFileError(unreadable) from error
    try:
        for number, values in enumerate(workbook.active.iter_rows(values_only=True), start=1):
            for value in values:
                if isinstance(value, str) and value.startswith("="):
                    raise ImportFileError(
                        _("Rij %(row)s bevat een formule (%(formula)s); zet er de waarde in.")
                        % {"row": number, "formula": value[:40]}
                    )
            yield number, values
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ParseError, EOFError) as error:
        raise ImportFileError(unreadable) from error
    finally:
        workbook.close()


def _lookup(choices) -> dict[str, str]:
    """Code values and Dutch labels, case-insensitive, both mapping to the code value.

    The labels are read in Dutch whatever the editor's admin language: files are Dutch.
    """
    table = {value.lower(): value for value in choices.values}
    with translation.override("nl"):
        table.update({str(label).lower(): value for value, label in choices.choices})
    return table


class RowParser:
    """Turns rows into AdoptionUpdates, collecting a RowError for every row that is wrong."""

    def __init__(self, user):
        self.today = timezone.localdate()
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.initiatives = {}
        for page in InitiativePage.objects.live():
            self.initiatives[page.slug.lower()] = page
            self.initiatives[page.title.lower()] = page
        self.statuses = _lookup(AdoptionStatus)
        self.evidence_levels = _lookup(EvidenceLevel)
        self.editable = (
            None
            if user is None
            else set(Municipality.objects.editable_by(user).values_list("pk", flat=True))
        )
        self.errors: list[RowError] = []
        self.error_count = 0
        self.row_count = 0
        self.first_rows: list[tuple[int, AdoptionUpdate]] = []
        self._seen: dict[tuple[int, int], int] = {}

    def updates(self, rows) -> Iterator[AdoptionUpdate]:
        for number, values in rows:
            self.row_count += 1
            try:
                update = self._parse(number, values)
            except _RowFailure as failure:
                self.error_count += 1
                if len(self.errors) < MAX_KEPT_ERRORS:
                    self.errors.append(failure.error)
                continue
            if len(self.first_rows) < PREVIEW_ROWS:
                self.first_rows.append((number, update))
            yield update

    def _parse(self, number: int, values: dict) -> AdoptionUpdate:
        def fail(column, message):
            raise _RowFailure(RowError(number, column, message))

        cells = {column: self._cell(values, column, fail) for column in values}
        code = cells["gemeentecode"].upper()
        if code.isdigit():
            code = f"GM{int(code):04d}"  # Excel drops the leading zeros of "0153"
        municipality = self.municipalities.get(code)
        if municipality is None:
            fail("gemeentecode", _("gemeentecode ‘%(code)s’ bestaat niet.") % {"code": code})
        if self.editable is not None and municipality.pk not in self.editable:
            fail(
                "gemeentecode",
                _("u bent geen redacteur van %(municipality)s.") % {"municipality": municipality},
            )
        name = cells["initiatief"]
        initiative = self.initiatives.get(name.lower())
        if initiative is None:
            fail("initiatief", _("initiatief ‘%(name)s’ bestaat niet.") % {"name": name})
        status = self._choice(cells, "status", self.statuses, AdoptionStatus, fail)
        if not status:
            fail("status", _("status ontbreekt."))
        update = AdoptionUpdate(
            municipality=municipality,
            initiative=initiative,
            status=status,
            effective_date=self._date(values["datum"], fail),
            # A column the file leaves out keeps what is stored.
            evidence_level=(
                self._choice(cells, "bewijsniveau", self.evidence_levels, EvidenceLevel, fail)
                if "bewijsniveau" in cells
                else KEEP
            ),
            evidence_url=cells.get("bewijs_url", KEEP),
            public_explanation=cells.get("toelichting", KEEP),
        )
        try:
            validate_update(update, self.today)
        except AdoptionError as error:
            field, messages = next(iter(error.message_dict.items()))
            fail(FIELD_COLUMNS.get(field, field), messages[0])
        earlier = self._seen.setdefault(update.key, number)
        if earlier != number:
            fail(
                "initiatief",
                _("%(initiative)s voor %(municipality)s staat ook al in rij %(row)s.")
                % {"initiative": initiative.title, "municipality": municipality, "row": earlier},
            )
        return update

    def row_errors(self, errors: list[AdoptionError]) -> list[RowError]:
        """Errors the service raised, each placed at the row and column of its update."""
        found = []
        for error in errors:
            field, messages = next(
                iter(getattr(error, "message_dict", {"": error.messages}).items())
            )
            row = self._seen.get(error.key, 0) if error.key else 0
            found.append(RowError(row, FIELD_COLUMNS.get(field, ""), messages[0]))
        return sorted(found, key=lambda error: error.row)

    @staticmethod
    def _cell(values, column, fail) -> str:
        """A cell as text, refused when no database could store it as such."""
        value = values[column]
        text = "" if value is None else str(value)
        if "\x00" in text:
            fail(column, _("de cel bevat een NUL-teken; sla het bestand opnieuw op."))
        if len(text) > MAX_CELL_CHARACTERS:
            fail(
                column,
                _("de cel is %(length)s tekens lang; het maximum is %(limit)s.")
                % {"length": len(text), "limit": MAX_CELL_CHARACTERS},
            )
        # An export put a quote before text that a spreadsheet would run as a formula.
        return NEUTRALISED.sub("", text.strip())

    @staticmethod
    def _choice(cells, column, lookup, choices, fail) -> str:
        """A code value given as code or Dutch label; "" for an empty cell."""
        raw = cells[column]
        if not raw:
            return ""
        if raw.lower() not in lookup:
            fail(
                column,
                _("%(column)s ‘%(value)s’ bestaat niet; kies uit %(choices)s.")
                % {"column": column, "value": raw, "choices": ", ".join(choices.values)},
            )
        return lookup[raw.lower()]

    @staticmethod
    def _date(value, fail) -> datetime.date:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        if not re.fullmatch(r"[\d./-]+", text):
            fail("datum", _("‘%(value)s’ is geen datum; gebruik JJJJ-MM-DD.") % {"value": text})
        for date_format in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        fail("datum", _("‘%(value)s’ is geen geldige datum; gebruik JJJJ-MM-DD.") % {"value": text})


@dataclass
class ImportResult:
    batch: AdoptionImport
    errors: list[RowError]
    preview: list[PreviewRow]


def expire_abandoned_dry_runs() -> int:
    """Forget the files of dry runs nobody confirmed within DRY_RUN_KEPT_FOR; returns how many."""
    cutoff = timezone.now() - DRY_RUN_KEPT_FOR
    return AdoptionImport.objects.filter(
        state=ImportState.PREVIEWED, uploaded_at__lt=cutoff
    ).update(state=ImportState.EXPIRED, content=b"")


def start_import(content: bytes, file_name: str, user) -> ImportResult:
    """Check a file and show what it would change (dry run); nothing is written but the log."""
    expire_abandoned_dry_runs()
    batch = AdoptionImport.objects.create(
        uploaded_by=user,
        file_name=file_name[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        state=ImportState.PREVIEWED,
    )
    return _process(batch, user, apply=False)


def confirm_import(batch: AdoptionImport, user) -> ImportResult:
    """Apply a previewed file in one transaction; the file is checked again first."""
    if batch.state != ImportState.PREVIEWED or batch.uploaded_by_id != user.pk:
        raise ImportFileError(_("Deze import kan niet (meer) worden bevestigd."))
    return _process(batch, user, apply=True)


def _process(batch: AdoptionImport, user, *, apply: bool) -> ImportResult:
    parser = RowParser(user)
    file_errors: list[RowError] = []
    outcomes: list[Outcome] = []
    with transaction.atomic():
        try:
            outcomes = record_adoptions(
                parser.updates(read_rows(bytes(batch.content))),
                user=user,
                source=ChangeSource.IMPORT,
                import_batch=batch,
            )
        except ImportFileError as error:
            file_errors.append(RowError(0, "", str(error)))
        except AdoptionError as error:
            file_errors += parser.row_errors(getattr(error, "errors", [error]))
        errors = file_errors + parser.errors
        failed = bool(errors)
        counts = Counter() if failed else Counter(outcomes)
        _record_outcome(batch, parser, file_errors, counts, apply)
        if failed or not apply:
            transaction.set_rollback(True)
        else:
            # Applied: the batch says so in the same transaction as its data.
            batch.save()
    if failed or not apply:
        batch.save()
    if failed:
        logger.info("Import %s (%s) rejected: %s errors", batch.pk, batch.file_name, len(errors))
    return ImportResult(
        batch, errors, [] if failed else _preview(batch, parser.first_rows, outcomes)
    )


def _record_outcome(batch, parser, file_errors, counts, apply) -> None:
    """Counts, errors and state on the batch; a rejected file counts nothing as changed."""
    errors = file_errors + parser.errors
    batch.rows_total = parser.row_count
    batch.rows_new = counts[Outcome.CREATED]
    batch.rows_changed = counts[Outcome.CHANGED]
    batch.rows_unchanged = counts[Outcome.UNCHANGED]
    batch.rows_error = parser.error_count + len(file_errors)
    batch.errors = [asdict(error) for error in errors]
    if errors:
        batch.state, batch.content = ImportState.REJECTED, b""
    elif apply:
        batch.state, batch.content, batch.applied_at = ImportState.APPLIED, b"", timezone.now()


def _preview(batch, first_rows, outcomes) -> list[PreviewRow]:
    """The first rows as old → new status labels: before a dry run's rollback the records
    still hold the old status; after applying, the batch's history does."""
    keys = [update.key for _number, update in first_rows]
    if batch.state == ImportState.APPLIED:
        stored = {
            (m, i): old or UNKNOWN
            for m, i, old in AdoptionChange.objects.filter(import_batch=batch).values_list(
                "municipality_id", "initiative_id", "old_status"
            )
        }
    else:
        stored = {
            (m, i): status
            for m, i, status in Adoption.objects.filter(
                municipality_id__in={m for m, _i in keys}, initiative_id__in={i for _m, i in keys}
            ).values_list("municipality_id", "initiative_id", "status")
        }
    return [
        PreviewRow(
            number,
            str(update.municipality),
            update.initiative.title,
            status_label(stored.get(update.key, UNKNOWN)),
            status_label(update.status),
            outcome,
        )
        for (number, update), outcome in zip(first_rows, outcomes, strict=False)
    ]
