"""Reading indicator values from open statistics: a public JSON list or CSV file per
indicator, keyed by gemeentecode or TOOI URI, fetched under the fetch policy. A harvested
value fills in or updates what was harvested before; a value a municipality gave itself
stays."""

from django.utils import timezone
from django.utils.translation import gettext as _

from website.structured_files import StructuredFileError, read_json

from ..adoption.harvest_sources import HarvestSourceError, fetch
from ..adoption.import_files import FileLayout, ImportFileError, RowError, read_rows
from ..constants import ChangeSource
from ..models import IndicatorSource
from .imports import IndicatorImportResult, IndicatorRows, checked_rows
from .values import record_indicator_values

# A statistics file names its indicator by being that indicator's source.
STATISTICS_FILE = FileLayout(required=("periode", "waarde"), optional=("indicator",))


def harvest_indicator_source(source: IndicatorSource, *, apply: bool) -> IndicatorImportResult:
    """Read the source's file; a dry run lists what is wrong, applying writes every correct
    value (all or none) and leaves the municipalities' own values alone."""
    try:
        content = fetch(source.url).content
        numbered = list(_rows(content, source.indicator.slug))
    except (HarvestSourceError, ImportFileError, StructuredFileError) as error:
        return IndicatorImportResult(0, [RowError(0, "", str(error))])
    parser = IndicatorRows(None, ChangeSource.HARVEST, source.url)
    count, updates, errors = checked_rows(parser, numbered)
    if errors or not apply:
        return IndicatorImportResult(count, errors)
    changed = record_indicator_values(updates, user=None, keep_own=True)
    source.last_read_at = timezone.now()
    source.save(update_fields=["last_read_at"])
    return IndicatorImportResult(count, [], changed, applied=True)


def _rows(content: bytes, indicator_slug: str):
    """(row number, {column: text}) of a JSON list of objects or of a CSV file."""
    if content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        data = read_json(content)
        for number, item in enumerate(data, start=1):
            if not isinstance(item, dict):
                raise ImportFileError(
                    _("Element %(number)s van de lijst is geen object.") % {"number": number}
                )
            row = {
                str(key).lower(): "" if value is None else str(value) for key, value in item.items()
            }
            yield number, {"indicator": indicator_slug, **row}
        return
    for number, row in read_rows(content, STATISTICS_FILE):
        yield number, {"indicator": indicator_slug, **{k: v for k, v in row.items() if v != ""}}
