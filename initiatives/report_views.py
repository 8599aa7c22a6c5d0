"""Gap reports under /rapportages/: HTML pages and the same numbers as CSV, XLSX and JSON."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from website.charts import bar_chart, share_line_chart
from website.exports import export_meta, table_export

from .models import InitiativePage, Municipality
from .report_forms import MatrixParameters, read_parameters
from .reports import (
    adoption_matrix,
    adoption_over_time,
    existing_municipalities,
    gap_group,
    initiative_gap,
    municipality_report,
)
from .services import stale_cutoff_for

MATRIX_PAGE_SIZE = 50


def _export(params, header, rows, file_name):
    meta = export_meta(params.cleaned_data["peildatum"])
    return table_export(params.cleaned_data["format"], header, rows, file_name, meta)


def index(request):
    return render(
        request,
        "reports/index.html",
        {"initiatives": InitiativePage.objects.published().order_by("title")},
    )


def initiative_report(request, slug):
    initiative = get_object_or_404(InitiativePage.objects.published(), slug=slug)
    params, error = read_parameters(request)
    if error:
        return error
    day = params.cleaned_data["peildatum"]
    report = initiative_gap(initiative, day)
    if params.cleaned_data["format"] != "html":
        rows = (
            [
                initiative.slug,
                m.code,
                m.name,
                m.province,
                m.size_class_code,
                status,
                gap_group(status) or "",
                *report.explanations.get(m.pk, ("", "")),
            ]
            for m, status in report.entries
        )
        header = [
            "initiatief",
            "gemeentecode",
            "gemeente",
            "provincie",
            "grootteklasse",
            "status",
            "achterstandsgroep",
            "toelichting",
            "bewijs_url",
        ]
        return _export(params, header, rows, f"adoptie-{initiative.slug}")
    return render(
        request,
        "reports/initiative.html",
        {
            "initiative": initiative,
            "gap": report,
            "params": params,
            "status_bars": bar_chart([(c.label, c.count) for c in report.counts]),
        },
    )


def over_time_report(request, slug):
    initiative = get_object_or_404(InitiativePage.objects.published(), slug=slug)
    params, error = read_parameters(request)
    if error:
        return error
    series = adoption_over_time(initiative, params.cleaned_data["peildatum"])
    if params.cleaned_data["format"] != "html":
        rows = (
            [
                initiative.slug,
                quarter.isoformat(),
                rate.implemented,
                rate.denominator,
                round(rate.share, 4) if rate.share is not None else "",
            ]
            for quarter, rate in series
        )
        header = ["initiatief", "kwartaal", "geimplementeerd", "noemer", "adoptiegraad"]
        return _export(params, header, rows, f"verloop-{initiative.slug}")
    return render(
        request,
        "reports/over_time.html",
        {
            "initiative": initiative,
            "series": series,
            "params": params,
            "chart": share_line_chart([(q.isoformat(), r.share) for q, r in series]),
        },
    )


def municipality_report_view(request, code):
    municipality = get_object_or_404(Municipality.objects.select_related("successor"), code=code)
    params, error = read_parameters(request)
    if error:
        return error
    report = municipality_report(municipality, params.cleaned_data["peildatum"])
    stale_before = stale_cutoff_for(request)
    if params.cleaned_data["format"] != "html":
        rows = (
            [
                municipality.code,
                line.initiative.slug,
                line.status,
                line.evidence_level,
                line.status_since.isoformat() if line.status_since else "",
                line.last_confirmed_on.isoformat() if line.last_confirmed_on else "",
                bool(line.last_confirmed_on and line.last_confirmed_on < stale_before),
                _share(line.size_class_peers.share),
                _share(line.province_peers.share),
                line.public_explanation,
                line.evidence_url,
            ]
            for line in report.lines
        )
        header = [
            "gemeentecode",
            "initiatief",
            "status",
            "bewijsniveau",
            "status_sinds",
            "laatst_bevestigd",
            "verouderd",
            "aandeel_grootteklasse",
            "aandeel_provincie",
            "toelichting",
            "bewijs_url",
        ]
        return _export(params, header, rows, f"scorekaart-{municipality.code}")
    return render(
        request,
        "initiatives/municipality_detail.html",
        {
            "municipality": municipality,
            "report": report,
            "params": params,
            "stale_before": stale_before,
        },
    )


def _share(share):
    return round(share, 4) if share is not None else ""


def matrix_report(request):
    params, error = read_parameters(request, MatrixParameters)
    if error:
        return error
    data = params.cleaned_data
    day = data["peildatum"]
    municipalities = existing_municipalities(day or timezone.localdate())
    if data["province"]:
        municipalities = municipalities.filter(province=data["province"])
    if data["size"]:
        municipalities = municipalities.filter(size_class_code=data["size"])
    initiatives = InitiativePage.objects.published().order_by("title")
    if data["domain"]:
        initiatives = initiatives.filter(domains=data["domain"])
    if data["kind"]:
        initiatives = initiatives.filter(kind=data["kind"])
    if data["format"] != "html":
        matrix = adoption_matrix(municipalities, initiatives, day)
        rows = ([m.code, m.name, *statuses] for m, statuses in matrix.rows)
        header = ["gemeentecode", "gemeente", *(i.slug for i in matrix.initiatives)]
        return _export(params, header, rows, "matrix")
    page = Paginator(municipalities, MATRIX_PAGE_SIZE).get_page(data["page"])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/matrix.html",
        {
            "matrix": adoption_matrix(page.object_list, initiatives, day),
            "page": page,
            "params": params,
            "query": query.urlencode(),
            "title": _("Adoptiematrix"),
        },
    )
