"""The kraamkamer (stalled scale-ups and pilots) and the barriers across labs."""

from django.shortcuts import render

from initiatives.report_forms import read_parameters
from website.exports import export_meta, table_export

from .services import barrier_summary, kraamkamer


def kraamkamer_report(request):
    params, error = read_parameters(request)
    if error:
        return error
    export_format = params.cleaned_data["format"]
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
        return table_export(export_format, header, rows, "kraamkamer", export_meta(None))
    return render(request, "labs/kraamkamer.html", {"report": report})


def barrier_report(request):
    params, error = read_parameters(request)
    if error:
        return error
    export_format = params.cleaned_data["format"]
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
        return table_export(export_format, header, rows, "belemmeringen", export_meta(None))
    return render(request, "labs/barriers.html", {"lines": lines})
