"""Spreadsheet downloads (CSV and XLSX) that are safe to open in Excel."""

import csv
import datetime
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# What `neutralise` wrote before a text that Excel would read as a formula; read back by the
# import, which takes the text as it was.
NEUTRALISED = re.compile("^'(?=[" + re.escape("".join(FORMULA_PREFIXES)) + "])")
# How Excel shows a share and a day: "58,6%" and "24 november 2026" in a Dutch Excel.
XLSX_SHARE_FORMAT = "0.0%"
XLSX_DATE_FORMAT = "d mmmm yyyy"


class Share(float):
    """A share (0–1) in an export: a number in CSV and JSON, a percentage cell in Excel."""


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_cell(value):
    """A fraction as Dutch Excel reads it: 0,808 (a point would make it text or a date); a
    yes/no as the JSON export writes it, true/false (its text column says ja/nee)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    return value


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    """Rows as CSV text the way Dutch Excel reads it: a BOM (UTF-8), then a line a row,
    semicolons, decimal commas, formulas neutralised."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([neutralise(_csv_cell(value)) for value in row])


def _csv_response(rows: Iterable[list], file_name: str) -> StreamingHttpResponse:
    """Stream rows as CSV for Dutch Excel."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}.csv"'
    return response


def spreadsheet(export_format: str, rows: Iterable[list], file_name: str) -> HttpResponse:
    """Rows as a download, CSV or XLSX: the one way reports and the admin write a file."""
    if export_format == "xlsx":
        return _xlsx_response(rows, file_name, file_name)
    return _csv_response(rows, file_name)


def _xlsx_response(rows: Iterable[list], file_name: str, sheet_title: str) -> HttpResponse:
    """Rows as an Excel workbook, written in openpyxl's streaming write-only mode."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name}.xlsx"'
    workbook.save(response)
    return response


def _xlsx_cell(sheet, value):
    """A value as Excel should hold it: shares and days as formatted numbers, text guarded."""
    if isinstance(value, Share):
        cell = WriteOnlyCell(sheet, float(value))
        cell.number_format = XLSX_SHARE_FORMAT
        return cell
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = XLSX_DATE_FORMAT
        return cell
    return neutralise(value)


def export_meta(day: datetime.date | None) -> dict:
    """What every report export carries: the day it answers for and when it was made."""
    now = timezone.localtime()
    return {"peildatum": day or now.date(), "gegenereerd_op": now.isoformat(timespec="seconds")}


def table_export(
    export_format: str,
    header: list[str],
    rows: Iterable[list],
    file_name: str,
    meta: dict,
    document: dict | None = None,
):
    """A report table as CSV, XLSX or JSON; every format carries `meta` (peildatum, time).
    JSON also carries `document`: what a report says besides its rows (a forecast)."""
    if export_format == "json":
        return JsonResponse(
            {
                **meta,
                **(document or {}),
                "rows": [dict(zip(header, row, strict=True)) for row in rows],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    meta_values = list(meta.values())
    return spreadsheet(
        export_format, ([*meta, *header], *([*meta_values, *row] for row in rows)), file_name
    )
