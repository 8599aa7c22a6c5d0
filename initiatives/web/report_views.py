"""Gap reports under /rapportages/: HTML pages and the same rows as CSV, XLSX and JSON."""

from dataclasses import dataclass

from django.core.paginator import Page as ListPage
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from wagtail.models import Page

from website.charts import bar_chart, share_line_chart
from website.collation import dutch
from website.http_cache import cached_by
from website.table_report import TableReportView

from ..models import AdoptionSettings, InitiativePage, Municipality
from ..reporting.filters import MUNICIPALITY_FILTERS, chosen_labels, where
from ..reporting.freshness import initiative_version, municipality_version, national_version
from ..reporting.gap import GAP_COLUMNS, initiative_gap
from ..reporting.maps import peer_map, status_map
from ..reporting.matrix import Matrix, adoption_matrix, matrix_columns, matrix_scope
from ..reporting.municipality import MUNICIPALITY_COLUMNS, municipality_report
from ..reporting.over_time import OVER_TIME_COLUMNS, over_time_report
from ..reporting.own_indicators import own_indicators
from ..reporting.targets import forecast_document
from ..rules import stale_cutoff
from .forms import MatrixParameters, OverTimeParameters, ReportParameters, ScorecardParameters

# Public reports answer from the page cache while the data they are made of is unchanged:
# all records, one initiative's, or one municipality's and its peers'.
cached = cached_by(national_version)
cached_for_initiative = cached_by(initiative_version)
cached_for_municipality = cached_by(municipality_version)

MATRIX_PAGE_SIZE = 50
# Lines of the scorecard per page: rendering a line with its page's link costs ~0.3 ms, so
# 50 leave a national scorecard (3,000 initiatives) well under 200 ms; the lines come most
# behind first, and the summary counts every line.
SCORECARD_PAGE_SIZE = 50
# Initiatives (columns) per page of the matrix: 50 × 100 cells stay readable and fast.
MATRIX_COLUMNS = 100


def index(request):
    """The list of reports: one gap report per published initiative, and the matrix."""
    return render(
        request,
        "reports/index.html",
        {"initiatives": InitiativePage.objects.published().order_by(dutch("title"))},
    )


def with_pages(*line_lists) -> list[list[tuple]]:
    """Each list of scorecard lines as (line, its initiative's page), in one query."""
    # Plain pages: a line only links to its initiative's page, by the page's URL path.
    pages = Page.objects.in_bulk({line.initiative.pk for lines in line_lists for line in lines})
    return [[(line, pages[line.initiative.pk]) for line in lines] for lines in line_lists]


def _published_initiative(slug):
    return get_object_or_404(InitiativePage.objects.published(), slug=slug)


class InitiativeReportView(TableReportView):
    """/rapportages/initiatieven/<slug>/: the rate, the gap, breakdowns and the target."""

    parameters_class = ReportParameters
    template_name = "reports/initiative.html"
    columns = GAP_COLUMNS

    def compute(self, parameters, slug):
        return initiative_gap(_published_initiative(slug), parameters["peildatum"])

    def items(self, report):
        return report.entries

    def file_name(self, report):
        return f"adoptie-{report.initiative.slug}"

    def context(self, report, parameters):
        return {
            "initiative": report.initiative,
            "gap": report,
            "status_map": status_map(report),
            "status_bars": bar_chart([(c.label, c.count) for c in report.counts]),
        }


class OverTimeReportView(TableReportView):
    """/rapportages/initiatieven/<slug>/verloop/: the rate at the start of every quarter, and
    the forecast with its band; among the municipalities of a province and/or size class when
    chosen."""

    parameters_class = OverTimeParameters
    template_name = "reports/over_time.html"
    columns = OVER_TIME_COLUMNS

    def compute(self, parameters, slug):
        scope = where(MUNICIPALITY_FILTERS, parameters)
        return over_time_report(_published_initiative(slug), parameters["peildatum"], scope or None)

    def items(self, report):
        return report.series

    def file_name(self, report):
        return f"verloop-{report.initiative.slug}"

    def json_document(self, report):
        return {"forecast": forecast_document(report.target, report.forecast)}

    def context(self, report, parameters):
        points = [(quarter, rate.share) for quarter, rate in report.series]
        target = report.target
        course = report.forecast.course()
        return {
            "initiative": report.initiative,
            "scope_labels": chosen_labels(MUNICIPALITY_FILTERS, parameters),
            "series": report.series,
            "latest": report.series[-1] if report.series else None,
            "day": report.day,
            "target": target,
            "forecast": report.forecast,
            "yearly_course": [line for line in course if line[0].quarter == 1],
            "chart": share_line_chart(
                points,
                target=(target.date, target.share) if target else None,
                peildatum=report.day,
                course=[(quarter.first_day, *shares) for quarter, *shares in course],
            ),
        }


class MunicipalityReportView(TableReportView):
    """/gemeenten/<code>/ (the scorekaart): every initiative, the state here, and the peers."""

    parameters_class = ScorecardParameters
    template_name = "initiatives/municipality_detail.html"
    columns = MUNICIPALITY_COLUMNS

    def compute(self, parameters, code):
        municipality = get_object_or_404(
            Municipality.objects.select_related("successor"), code=code
        )
        return municipality_report(
            municipality,
            parameters["peildatum"],
            stale_before=stale_cutoff(AdoptionSettings.for_request(self.request)),
        )

    def items(self, report):
        return report.lines

    def file_name(self, report):
        return f"scorekaart-{report.municipality.code}"

    def context(self, report, parameters):
        # The summary counts every line; the table shows them a page at a time.
        lines = Paginator(report.lines, SCORECARD_PAGE_SIZE).get_page(parameters["page"])
        shown_lines, furthest_behind = with_pages(lines, report.summary.furthest_behind)
        return {
            "lines": lines,
            "shown_lines": shown_lines,
            "furthest_behind": furthest_behind,
            "lines_query": self.query_without("page"),
            "municipality": report.municipality,
            "stale_before": report.stale_before,
            "peer_map": peer_map(report.municipality, report.day),
            "own_indicators": own_indicators(report.municipality, report.day),
        }


@dataclass
class MatrixShown:
    """The matrix a request asked for: all of it for an export, one page of municipalities
    and of initiatives for the HTML page."""

    matrix: Matrix
    page: ListPage | None = None
    initiative_page: ListPage | None = None


class MatrixReportView(TableReportView):
    """/rapportages/matrix/: statuses of municipalities × initiatives, 50 municipalities a page."""

    parameters_class = MatrixParameters
    template_name = "reports/matrix.html"

    def compute(self, parameters):
        day = parameters["peildatum"]
        municipalities, initiatives = matrix_scope(day, parameters)
        if parameters["format"] != "html":
            return MatrixShown(adoption_matrix(municipalities, initiatives, day))
        page = Paginator(municipalities, MATRIX_PAGE_SIZE).get_page(parameters["page"])
        initiative_page = Paginator(initiatives, MATRIX_COLUMNS).get_page(
            parameters["initiative_page"]
        )
        matrix = adoption_matrix(page.object_list, initiative_page.object_list, day)
        return MatrixShown(matrix, page, initiative_page)

    def columns_of(self, report):
        return matrix_columns(report.matrix)

    def items(self, report):
        return report.matrix.rows

    def file_name(self, report):
        return "matrix"

    def context(self, report, parameters):
        return {
            "matrix": report.matrix,
            "page": report.page,
            "query": self.query_without("page"),
            "initiative_page": report.initiative_page,
            "initiative_query": self.query_without("initiative_page"),
            "title": _("Adoptiematrix"),
        }
