"""Turning the rows of an import file into AdoptionUpdates, with a RowError per wrong row."""

import datetime
import re
from collections.abc import Callable, Iterable, Iterator

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from website.exports import NEUTRALISED

from ..constants import AdoptionStatus, EvidenceLevel
from ..errors import AdoptionError
from ..models import InitiativePage
from ..permissions import editable_municipalities
from .import_files import (
    DATE_FORMATS,
    FIELD_COLUMNS,
    MAX_CELL_CHARACTERS,
    MAX_KEPT_ERRORS,
    MUNICIPALITY_COLUMNS,
    PREVIEW_ROWS,
    RowError,
    RowFailure,
)
from .import_municipalities import MunicipalityColumns
from .seen_keys import SeenKeys
from .updates import KEEP, AdoptionUpdate, validate_update

# The format most files use, read without strptime (a tenth of its time).
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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
        self.municipality_columns = MunicipalityColumns()
        self.initiatives = {}
        for page in InitiativePage.objects.live():
            self.initiatives[page.slug.lower()] = page
            self.initiatives[page.title.lower()] = page
        self.statuses = _lookup(AdoptionStatus)
        self.evidence_levels = _lookup(EvidenceLevel)
        self.editable = (
            None
            if user is None
            else set(editable_municipalities(user).values_list("pk", flat=True))
        )
        self.errors: list[RowError] = []
        self.error_count = 0
        self.row_count = 0
        self.first_rows: list[tuple[int, AdoptionUpdate]] = []
        self._seen = SeenKeys()
        # {key: its first row}, kept only once a key turns up twice.
        self._first_rows_of_keys: dict[tuple[int, int], int] | None = None
        # What `updates` reads, kept to read the file again for those first rows.
        self._read_rows: Callable[[], Iterable[tuple[int, dict]]] = tuple

    def updates(
        self, read_rows: Callable[[], Iterable[tuple[int, dict]]]
    ) -> Iterator[AdoptionUpdate]:
        """The update of every correct row of `read_rows()`; it is called again to name the
        earlier row of a record that a row repeats."""
        self._read_rows = read_rows
        for number, values in read_rows():
            self.row_count += 1
            try:
                update = self._parse(number, values)
                self._check_not_repeated(number, update)
            except RowFailure as failure:
                self.error_count += 1
                if len(self.errors) < MAX_KEPT_ERRORS:
                    self.errors.append(failure.error)
                continue
            if len(self.first_rows) < PREVIEW_ROWS:
                self.first_rows.append((number, update))
            yield update

    def _check_not_repeated(self, number: int, update: AdoptionUpdate) -> None:
        if self._first_rows_of_keys is None:
            if self._seen.add(update.key):
                return
            self._first_rows_of_keys = self._first_rows(stop=number)
        earlier = self._first_rows_of_keys.setdefault(update.key, number)
        if earlier != number:
            raise RowFailure(
                RowError(
                    number,
                    "initiatief",
                    _("%(initiative)s voor %(municipality)s staat ook al in rij %(row)s.")
                    % {
                        "initiative": update.initiative.title,
                        "municipality": update.municipality,
                        "row": earlier,
                    },
                )
            )

    def _first_rows(self, *, stop=None, keys=None) -> dict[tuple[int, int], int]:
        """{key: first row} of the correct rows (before row `stop`, of `keys`), the file read
        again: only a file with errors needs them, so a correct one is not held in memory."""
        first_rows: dict[tuple[int, int], int] = {}
        for number, values in self._read_rows():
            if stop is not None and number >= stop:
                break
            try:
                key = self._parse(number, values).key
            except RowFailure:
                continue
            if keys is None or key in keys:
                first_rows.setdefault(key, number)
        return first_rows

    def _parse(self, number: int, values: dict) -> AdoptionUpdate:
        def fail(column, message):
            raise RowFailure(RowError(number, column, message))

        cells = {column: self._cell(values, column, fail) for column in values}
        effective_date = self._date(values["datum"], fail)
        municipality = self.municipality_columns.municipality(number, cells, effective_date, fail)
        if self.editable is not None and municipality.pk not in self.editable:
            fail(
                next((c for c in MUNICIPALITY_COLUMNS if cells.get(c)), "gemeentenaam"),
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
            effective_date=effective_date,
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
        return update

    def row_errors(self, errors: list[AdoptionError]) -> list[RowError]:
        """Errors the service raised, each placed at the row and column of its update."""
        rows = self._first_rows(keys={error.key for error in errors if error.key})
        found = []
        for error in errors:
            field, messages = next(
                iter(getattr(error, "message_dict", {"": error.messages}).items())
            )
            row = rows.get(error.key, 0)
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
        if ISO_DATE.fullmatch(text):
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                pass  # such as 2024-02-30: refused below with the other formats
        if not re.fullmatch(r"[\d./-]+", text):
            fail("datum", _("‘%(value)s’ is geen datum; gebruik JJJJ-MM-DD.") % {"value": text})
        for date_format in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        fail("datum", _("‘%(value)s’ is geen geldige datum; gebruik JJJJ-MM-DD.") % {"value": text})
