"""Reading an import file: CSV (UTF-8 or cp1252, comma or semicolon) or XLSX, with the
import's columns, refused as a whole with a Dutch reason when it cannot be read."""

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from ..constants import MAX_TEXT_CHARACTERS

COLUMNS = (
    "gemeentecode",
    "tooi",
    "gemeentenaam",
    "initiatief",
    "status",
    "datum",
    "bewijsniveau",
    "bewijs_url",
    "toelichting",
)
# A file names municipalities by code (or TOOI URI) or by name: one of these is required.
MUNICIPALITY_COLUMNS = ("gemeentecode", "tooi", "gemeentenaam")
# Every row needs these; the others may be left out of the file (the stored value stays).
REQUIRED_COLUMNS = ("initiatief", "status", "datum")
OPTIONAL_COLUMNS = tuple(
    column for column in COLUMNS if column not in (*REQUIRED_COLUMNS, *MUNICIPALITY_COLUMNS)
)


@dataclass(frozen=True)
class FileLayout:
    """The columns a kind of import file has: besides a municipality column, those every
    file needs and those it may leave out."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return (*MUNICIPALITY_COLUMNS, *self.required, *self.optional)


STATUS_FILE = FileLayout(REQUIRED_COLUMNS, OPTIONAL_COLUMNS)

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
MAX_CELL_CHARACTERS = MAX_TEXT_CHARACTERS
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


class RowFailure(Exception):
    """A row that cannot be imported, with its RowError."""

    def __init__(self, error: RowError):
        super().__init__(str(error))
        self.error = error


def read_rows(content: bytes, layout: FileLayout = STATUS_FILE) -> Iterator[tuple[int, dict]]:
    """Yield (row number, {column: text}) from CSV (UTF-8/cp1252, , or ;) or XLSX bytes whose
    header has the `layout`'s columns."""
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("Het bestand is %(size)s MB; de grens is %(limit)s MB. Splits het bestand op.")
            % {"size": round(len(content) / 1024 / 1024, 1), "limit": MAX_FILE_BYTES // 2**20}
        )
    if BLANK_FILE.fullmatch(content):
        raise ImportFileError(_("Het bestand is leeg."))
    is_xlsx = content.startswith(XLSX_MAGIC)
    rows = _xlsx_rows(content) if is_xlsx else _csv_rows(content)
    header_number, header = next(rows, (1, []))
    columns = [str(name or "").strip().lower() for name in header]
    _check_header(columns, header_number, layout)
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


def _check_header(columns: list[str], row: int, layout: FileLayout) -> None:
    if not set(MUNICIPALITY_COLUMNS) & set(columns):
        raise ImportFileError(
            _(
                "Kolom ‘gemeentecode’, ‘tooi’ of ‘gemeentenaam’ ontbreekt in de kopregel "
                "(rij %(row)s); een ervan is verplicht."
            )
            % {"row": row}
        )
    for column in layout.required:
        if column not in columns:
            raise ImportFileError(
                _(
                    "Kolom ‘%(column)s’ ontbreekt in de kopregel (rij %(row)s). Verplicht: "
                    "%(required)s; mogen ontbreken: %(optional)s."
                )
                % {
                    "column": column,
                    "row": row,
                    "required": ", ".join(
                        [_("gemeentecode, tooi of gemeentenaam"), *layout.required]
                    ),
                    "optional": ", ".join(layout.optional),
                }
            )
    unknown = [c for c in columns if c and c not in layout.columns]
    if unknown:
        raise ImportFileError(
            _("Kolom ‘%(column)s’ is onbekend. Toegestaan: %(all)s.")
            % {"column": unknown[0], "all": ", ".join(layout.columns)}
        )
    doubled = [c for c, n in Counter(c for c in columns if c).items() if n > 1]
    if doubled:
        raise ImportFileError(
            _("Kolom ‘%(column)s’ staat twee keer in de kopregel.") % {"column": doubled[0]}
        )


# Only white space and a BOM (matched, not stripped: stripping copies the file).
BLANK_FILE = re.compile(rb"[ \t\r\n\xef\xbb\xbf]*")
# UTF-8 read as Windows-1252: "Ã©" for "é".
MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf\u2018-\u203a]")
# Bytes checked at a time: the file is read as a stream, never decoded whole.
BLOCK_BYTES = 64 * 1024


def _encoding(content: bytes) -> str:
    """UTF-8 (with or without BOM) or, as Dutch Excel saves CSV, Windows-1252; a file that
    mixes the two is refused rather than read as "cafÃ©"."""
    has_bom = content.startswith(b"\xef\xbb\xbf")
    decoder = codecs.getincrementaldecoder("utf-8")()
    blocks = range(0, len(content), BLOCK_BYTES)
    try:
        for start in blocks:
            decoder.decode(
                content[start : start + BLOCK_BYTES], start + BLOCK_BYTES >= len(content)
            )
        return "utf-8-sig"
    except UnicodeDecodeError as error:
        if has_bom:
            raise ImportFileError(
                _(
                    "Het bestand begint als UTF-8 maar bevat ongeldige tekens (byte %(position)s). "
                    "Sla het op als ‘CSV UTF-8’."
                )
                % {"position": start + error.start}
            ) from error
    previous = ""
    for start in blocks:
        # The block's text with the last character before it: a pair may span two blocks.
        text = previous + content[start : start + BLOCK_BYTES].decode("cp1252", errors="replace")
        if MOJIBAKE.search(text):
            raise ImportFileError(
                _(
                    "Het bestand mengt UTF-8 en Windows-1252 (tekens zoals ‘Ã©’). Sla het opnieuw "
                    "op als ‘CSV UTF-8’."
                )
            )
        previous = text[-1:]
    return "cp1252"


def _csv_rows(content: bytes):
    line_end = content.find(b"\n")
    # Sliced, not split: splitting copies the rest of the file.
    first_line = content if line_end < 0 else content[:line_end]
    delimiter = ";" if first_line.count(b";") > first_line.count(b",") else ","
    stream = io.TextIOWrapper(
        io.BytesIO(content), encoding=_encoding(content), errors="replace", newline=""
    )
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
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
    # openpyxl fails with AttributeError or TypeError on some unusual files (an empty chart).
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
        ParseError,
        AttributeError,
        TypeError,
    ) as error:
        raise ImportFileError(unreadable) from error
    # The active sheet may be a chart; the rows are on the first worksheet then.
    sheet = workbook.active if hasattr(workbook.active, "iter_rows") else None
    sheet = sheet or next(iter(workbook.worksheets), None)
    if sheet is None:
        workbook.close()
        raise ImportFileError(
            _("Het Excel-bestand heeft geen werkblad met rijen, alleen grafieken.")
        )
    try:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
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
