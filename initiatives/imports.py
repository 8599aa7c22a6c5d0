"""Bulk import of adoption statuses from CSV or XLSX: preview first, then all or nothing."""

import csv
import datetime
import hashlib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .constants import AdoptionStatus, ChangeSource, EvidenceLevel, ImportState
from .models import AdoptionImport, InitiativePage, Municipality
from .services import AdoptionError, AdoptionUpdate, Outcome, record_adoptions, validate_update

COLUMNS = (
    "gemeentecode",
    "initiatief",
    "status",
    "datum",
    "bewijsniveau",
    "bewijs_url",
    "toelichting",
)
# Which file column an AdoptionError about a service field points at.
FIELD_COLUMNS = {
    "municipality": "gemeentecode",
    "status": "status",
    "effective_date": "datum",
    "evidence_level": "bewijsniveau",
}
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_KEPT_ERRORS = 200
PREVIEW_ROWS = 500
XLSX_MAGIC = b"PK\x03\x04"
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the Dutch message says why."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        return _("Rij %(row)s, kolom ‘%(column)s’: %(message)s") % asdict(self)


class _RowFailure(Exception):
    def __init__(self, error: RowError):
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True)
class PreviewRow:
    row: int
    municipality: str
    initiative: str
    status: str
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
    rows = _xlsx_rows(content) if content.startswith(XLSX_MAGIC) else _csv_rows(content)
    header_number, header = next(rows, (1, []))
    columns = [str(name or "").strip().lower() for name in header]
    for column in COLUMNS:
        if column not in columns:
            raise ImportFileError(
                _("Kolom ‘%(column)s’ ontbreekt in de kopregel (rij %(row)s). Verwacht: %(all)s.")
                % {"column": column, "row": header_number, "all": ", ".join(COLUMNS)}
            )
    unknown = [c for c in columns if c and c not in COLUMNS]
    if unknown:
        raise ImportFileError(
            _("Kolom ‘%(column)s’ is onbekend. Verwacht: %(all)s.")
            % {"column": unknown[0], "all": ", ".join(COLUMNS)}
        )
    for number, values in rows:
        cells = ["" if value is None else value for value in values]
        if any(str(cell).strip() for cell in cells):
            yield number, dict(zip(columns, cells, strict=False))


def _csv_rows(content: bytes):
    if content.startswith(b"\xef\xbb\xbf"):
        text = content[3:].decode("utf-8", errors="strict")
    else:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            # What Dutch Excel writes when it saves "CSV (gescheiden door lijstscheidingsteken)".
            text = content.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for values in reader:
        yield reader.line_num, values


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise ImportFileError(_("Het bestand is geen leesbaar Excel-bestand (.xlsx).")) from error
    try:
        yield from enumerate(workbook.active.iter_rows(values_only=True), start=1)
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

        code = str(values["gemeentecode"]).strip().upper()
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
        name = str(values["initiatief"]).strip()
        initiative = self.initiatives.get(name.lower())
        if initiative is None:
            fail("initiatief", _("initiatief ‘%(name)s’ bestaat niet.") % {"name": name})
        status = self._choice(values, "status", self.statuses, AdoptionStatus, fail)
        if not status:
            fail("status", _("status ontbreekt."))
        evidence = self._choice(values, "bewijsniveau", self.evidence_levels, EvidenceLevel, fail)
        url = str(values["bewijs_url"]).strip()
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                fail("bewijs_url", _("‘%(url)s’ is geen geldige link.") % {"url": url})
        update = AdoptionUpdate(
            municipality=municipality,
            initiative=initiative,
            status=status,
            effective_date=self._date(values["datum"], fail),
            evidence_level=evidence,
            evidence_url=url,
            public_explanation=str(values["toelichting"]).strip(),
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

    @staticmethod
    def _choice(values, column, lookup, choices, fail) -> str:
        """A code value given as code or Dutch label; "" for an empty cell."""
        raw = str(values[column]).strip()
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


def start_import(content: bytes, file_name: str, user) -> ImportResult:
    """Check a file and show what it would change (dry run); nothing is written but the log."""
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
            file_errors.append(RowError(0, "", " ".join(error.messages)))
        failed = bool(file_errors or parser.error_count)
        if failed or not apply:
            transaction.set_rollback(True)

    counts = Counter(outcomes)
    batch.rows_total = parser.row_count
    batch.rows_new = counts[Outcome.CREATED]
    batch.rows_changed = counts[Outcome.CHANGED]
    batch.rows_unchanged = counts[Outcome.UNCHANGED]
    batch.rows_error = parser.error_count + len(file_errors)
    errors = file_errors + parser.errors
    batch.errors = [asdict(error) for error in errors]
    if failed:
        batch.state, batch.content = ImportState.REJECTED, b""
    elif apply:
        batch.state, batch.content, batch.applied_at = ImportState.APPLIED, b"", timezone.now()
    batch.save()
    preview = [
        PreviewRow(number, u.municipality.code, u.initiative.title, u.status, outcome)
        for (number, u), outcome in zip(parser.first_rows, outcomes, strict=False)
    ]
    return ImportResult(batch, errors, preview)
