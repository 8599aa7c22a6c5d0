"""/rapportages/kraamkamer/ and /rapportages/belemmeringen/: the labs' reports, as HTML and
as exports."""

from website.table_report import TableReportView

from ..models import LabSettings
from ..reporting.barriers import BARRIER_COLUMNS, barrier_summary
from ..reporting.kraamkamer import KRAAMKAMER_COLUMNS, kraamkamer, waiting


class KraamkamerReportView(TableReportView):
    """What waits for a decision or is stuck in pilot."""

    template_name = "labs/kraamkamer.html"
    columns = KRAAMKAMER_COLUMNS

    def compute(self, parameters):
        return kraamkamer(LabSettings.for_request(self.request))

    def items(self, report):
        return waiting(report, self.request.build_absolute_uri)

    def file_name(self, report):
        return "kraamkamer"


class BarrierReportView(TableReportView):
    """Barriers across labs, per initiative and category."""

    template_name = "labs/barriers.html"
    columns = BARRIER_COLUMNS

    def compute(self, parameters):
        return barrier_summary()

    def items(self, report):
        return report

    def file_name(self, report):
        return "belemmeringen"

    def context(self, report, parameters):
        return {"lines": report}
