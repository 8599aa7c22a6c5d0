"""/rapportages/indicatoren/: what the initiatives bring, measured per municipality."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from website.collation import dutch
from website.table_report import TableReportView

from ..models import Indicator, InitiativePage
from ..reporting.indicators import indicator_columns
from ..reporting.kept_indicators import kept_indicator_report
from ..reporting.maps import band_map
from .forms import ReportParameters


def indicator_list(request):
    """Every indicator with its bandbreedte and the initiatives it measures."""
    published = Prefetch("initiatives", queryset=InitiativePage.objects.published())
    indicators = Indicator.objects.prefetch_related(published).order_by(dutch("name"))
    return render(request, "reports/indicators.html", {"indicators": indicators})


class IndicatorReportView(TableReportView):
    """/rapportages/indicatoren/<slug>/: the values per period against the bandbreedte,
    adopters against the others, and before against after adoption."""

    parameters_class = ReportParameters
    template_name = "reports/indicator.html"

    def compute(self, parameters, slug):
        return kept_indicator_report(
            get_object_or_404(Indicator, slug=slug), parameters["peildatum"]
        )

    def columns_of(self, report):
        return indicator_columns(report)

    def items(self, report):
        return report.periods

    def file_name(self, report):
        return f"indicator-{report.indicator.slug}"

    def context(self, report, parameters):
        return {
            "indicator": report.indicator,
            "band_map": band_map(report.indicator, report.day, report.latest_values),
        }
