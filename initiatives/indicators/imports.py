"""Importing indicator values from a CSV or XLSX file: columns gemeentecode, tooi or
gemeentenaam, and indicator, periode, waarde. A dry run checks every row; applying writes all
rows or, when one is wrong, none."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from ..adoption.import_files import (
    FileLayout,
    ImportFileError,
    RowError,
    RowFailure,
    read_rows,
)
from ..adoption.import_municipalities import MunicipalityColumns
from ..constants import ChangeSource
from ..errors import AdoptionError
from ..models import Indicator
from ..periods import parse_period
from ..permissions import editable_municipalities
from .values import IndicatorValueUpdate, checked, record_indicator_values

INDICATOR_FILE = FileLayout(required=("indicator", "periode", "waarde"))
FIELD_COLUMNS = {"period": "periode", "value": "waarde", "municipality": "gemeentecode"}


@dataclass(frozen=True)
class IndicatorImportResult:
    rows: int
    errors: list[RowError]
    changed: int = 0
    applied: bool = False


class IndicatorRows:
    """Turns the rows of a file into IndicatorValueUpdates, failing a row with its column."""

    def __init__(self, user, source=ChangeSource.IMPORT, source_url=""):
        self.today = timezone.localdate()
        self.source, self.source_url = source, source_url
        self.indicators = {}
        for indicator in Indicator.objects.all():
            self.indicators[indicator.slug.lower()] = indicator
            self.indicators[indicator.name.lower()] = indicator
        self.municipality_columns = MunicipalityColumns()
        self.editable = (
            None
            if user is None
            else set(editable_municipalities(user).values_list("pk", flat=True))
        )

    def update(self, number: int, values: dict) -> IndicatorValueUpdate:
        def fail(column, message):
            raise RowFailure(RowError(number, column, message))

        cells = {column: str(value).strip() for column, value in values.items()}
        indicator = self.indicators.get(cells["indicator"].lower())
        if indicator is None:
            fail(
                "indicator", _("indicator ‘%(name)s’ bestaat niet.") % {"name": cells["indicator"]}
            )
        try:
            day = parse_period(cells["periode"], indicator.period_kind, self.today).first_day
        except Exception as error:
            fail("periode", error.messages[0])
        municipality = self.municipality_columns.municipality(number, cells, day, fail)
        if self.editable is not None and municipality.pk not in self.editable:
            fail(
                "gemeentecode",
                _("u bent geen redacteur van %(municipality)s.") % {"municipality": municipality},
            )
        update = IndicatorValueUpdate(
            indicator,
            municipality,
            cells["periode"],
            cells["waarde"],
            self.source,
            self.source_url,
        )
        try:
            checked(update, self.today)
        except AdoptionError as error:
            field, messages = next(iter(error.message_dict.items()))
            fail(FIELD_COLUMNS.get(field, field), messages[0])
        return update


def checked_rows(parser: IndicatorRows, numbered_rows) -> tuple[int, list, list[RowError]]:
    """(rows read, updates of the correct rows, errors of the others)."""
    updates, errors, count = [], [], 0
    for number, values in numbered_rows:
        count += 1
        try:
            updates.append(parser.update(number, values))
        except RowFailure as failure:
            errors.append(failure.error)
    return count, updates, errors


def import_indicator_values(content: bytes, user, *, apply: bool) -> IndicatorImportResult:
    """Check every row; with `apply` and no errors, write them all in one transaction."""
    try:
        count, updates, errors = checked_rows(
            IndicatorRows(user), read_rows(content, INDICATOR_FILE)
        )
    except ImportFileError as error:
        return IndicatorImportResult(0, [RowError(0, "", str(error))])
    if errors or not apply:
        return IndicatorImportResult(count, errors)
    changed = record_indicator_values(updates, user=user)
    return IndicatorImportResult(count, [], changed, applied=True)
