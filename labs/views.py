"""The kraamkamer (stalled scale-ups and pilots) and the barriers across labs."""

from django.shortcuts import render
from django.utils import timezone

from initiatives.report_forms import ReportParameters
from website.exports import table_export

from .services import barrier_summary, kraamkamer


def _format(request):
    form = ReportParameters(request.GET)
    if form.is_valid():
        return form.cleaned_data["format"], None
    response = render(
        request, "reports/bad_request.html", {"errors": form.errors.values()}, status=400
    )
    return None, response


def _meta():
    now = timezone.localtime()
    return {
        "peildatum": now.date().isoformat(),
        "gegenereerd_op": now.isoformat(timespec="seconds"),
    }


def kraamkamer_report(request):
    export_format, error = _format(request)
    if error:
        return error
    report = kraamkamer(request)
    if export_format != "html":
        rows = [
            [
                "labresultaat",
                result.slug,
                result.title,
                result.first_published_at.date().isoformat(),
                request.build_absolute_uri(result.get_url()),
            ]
            for result in report.results
        ] + [
            [
                "initiatief_in_pilot",
                initiative.slug,
                initiative.title,
                initiative.started_on.isoformat(),
                request.build_absolute_uri(initiative.get_url()),
            ]
            for initiative in report.pilots
        ]
        header = ["soort", "slug", "titel", "sinds", "adres"]
        return table_export(export_format, header, rows, "kraamkamer", _meta())
    return render(request, "labs/kraamkamer.html", {"report": report})


def barrier_report(request):
    export_format, error = _format(request)
    if error:
        return error
    lines = barrier_summary()
    if export_format != "html":
        rows = (
            [
                line.initiative.slug if line.initiative else "",
                line.category,
                line.count,
                ", ".join(sorted(line.labs)),
            ]
            for line in lines
        )
        header = ["initiatief", "categorie", "aantal", "labs"]
        return table_export(export_format, header, rows, "belemmeringen", _meta())
    return render(request, "labs/barriers.html", {"lines": lines})
