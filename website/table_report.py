"""One view for every table report: read the parameters, compute, then render or export."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View

from .exports import export_meta, table_export


@dataclass(frozen=True)
class Column:
    """A column of a report's exports: its name in CSV, XLSX and JSON, and how to read it
    from (report, item)."""

    name: str
    value: Callable[[Any, Any], Any]
    # For people (CSV, XLSX): the value in words or figures ("Geïmplementeerd", "80,8 %"),
    # in a column "<name>_tekst" next to the code. JSON keeps the codes only.
    label: Callable[[Any], Any] | None = None


def column_header(columns: Sequence[Column], with_labels: bool) -> list[str]:
    """The export's column names, with "<name>_tekst" after each labelled column."""
    header = []
    for column in columns:
        header.append(column.name)
        if with_labels and column.label:
            header.append(f"{column.name}_tekst")
    return header


def column_rows(
    columns: Sequence[Column], report, items: Iterable, with_labels: bool = False
) -> Iterable[list]:
    """The export rows of `items`: one value per column, and its label after it if asked."""
    for item in items:
        row = []
        for column in columns:
            value = column.value(report, item)
            row.append(value)
            if with_labels and column.label:
                row.append(str(column.label(value)) if value not in ("", None) else "")
        yield row


EXPORT_FORMATS = ["html", "csv", "xlsx", "json"]


class ExportParameters(forms.Form):
    """`?format=`: the HTML page (default) or its rows as CSV, XLSX or JSON."""

    format = forms.ChoiceField(
        required=False,
        choices=[(value, value) for value in EXPORT_FORMATS],
        error_messages={
            "invalid_choice": _("Onbekend formaat ‘%(value)s’; kies html, csv, xlsx of json.")
        },
    )

    def clean_format(self):
        return self.cleaned_data["format"] or "html"


def bad_parameters(request, form: forms.Form):
    """The 400 page that says in Dutch what is wrong with the query parameters."""
    return render(request, "reports/bad_request.html", {"errors": form.errors.values()}, status=400)


class TableReportView(View):
    """Validate the query parameters, compute the report once, and answer with the HTML page
    or the same rows as CSV, XLSX or JSON (`?format=`).

    A subclass names its `parameters_class` (an ExportParameters form; a `peildatum` field, if
    it has one, is the day the export says it answers for), `template_name` and `columns`, and
    implements `compute`; `items` and `file_name` say what to export.
    """

    parameters_class: type[ExportParameters] = ExportParameters
    template_name: str
    columns: Sequence[Column] = ()

    def compute(self, parameters: dict, **kwargs):
        """The report for the validated parameters and the URL's arguments."""
        raise NotImplementedError

    def columns_of(self, report) -> Sequence[Column]:
        """The export's columns; a report whose columns depend on what it holds (one per
        initiative in the matrix) says so here."""
        return self.columns

    def items(self, report) -> Iterable:
        """What the export has one row for."""
        raise NotImplementedError

    def file_name(self, report) -> str:
        """The download's name, without extension."""
        raise NotImplementedError

    def context(self, report, parameters: dict) -> dict:
        """What the HTML template needs besides `report` and `params`."""
        return {}

    def json_document(self, report) -> dict:
        """What the JSON export carries besides its rows (keys beside `rows`)."""
        return {}

    def query_without(self, name: str) -> str:
        """This request's query string without the parameter `name` (for page links)."""
        query = self.request.GET.copy()
        query.pop(name, None)
        return query.urlencode()

    def get(self, request, **kwargs):
        """The report as HTML or as an export; a 400 page for bad parameters."""
        form = self.parameters_class(request.GET)
        if not form.is_valid():
            return bad_parameters(request, form)
        parameters = form.cleaned_data
        report = self.compute(parameters, **kwargs)
        export_format = parameters["format"]
        if export_format != "html":
            for_people = export_format != "json"
            columns = self.columns_of(report)
            return table_export(
                export_format,
                column_header(columns, for_people),
                column_rows(columns, report, self.items(report), for_people),
                self.file_name(report),
                export_meta(parameters.get("peildatum")),
                self.json_document(report),
            )
        context = {"report": report, "params": form, **self.context(report, parameters)}
        return render(request, self.template_name, context)
