"""The kraamkamer (stalled scale-ups and pilots) and the barriers across labs."""

import datetime
from typing import NamedTuple

from django.utils import timezone

from website.table_report import Column, TableReportView

from .models import LabSettings
from .services import barrier_summary, kraamkamer


class Waiting(NamedTuple):
    """A lab result or a pilot that waits, as the kraamkamer export lists it."""

    kind: str
    slug: str
    title: str
    since: datetime.date
    url: str


KRAAMKAMER_COLUMNS = tuple(
    Column(name, lambda report, entry, field=field: getattr(entry, field))
    for name, field in (
        ("soort", "kind"),
        ("slug", "slug"),
        ("titel", "title"),
        ("sinds", "since"),
        ("adres", "url"),
    )
)

BARRIER_COLUMNS = (
    Column("initiatief", lambda report, line: line.initiative.slug if line.initiative else ""),
    Column("categorie", lambda report, line: line.category),
    Column("aantal", lambda report, line: line.count),
    Column("labs", lambda report, line: ", ".join(sorted(line.labs))),
)


class KraamkamerReportView(TableReportView):
    """/rapportages/kraamkamer/: what waits for a decision or is stuck in pilot."""

    template_name = "labs/kraamkamer.html"
    columns = KRAAMKAMER_COLUMNS

    def compute(self, parameters):
        return kraamkamer(LabSettings.for_request(self.request))

    def items(self, report):
        url = self.request.build_absolute_uri
        return [
            Waiting(
                "labresultaat",
                result.slug,
                result.title,
                timezone.localdate(result.first_published_at),
                url(result.get_url()),
            )
            for result in report.results
        ] + [
            Waiting(
                "initiatief_in_pilot",
                initiative.slug,
                initiative.title,
                initiative.started_on,
                url(initiative.get_url()),
            )
            for initiative in report.pilots
        ]

    def file_name(self, report):
        return "kraamkamer"


class BarrierReportView(TableReportView):
    """/rapportages/belemmeringen/: barriers across labs, per initiative and category."""

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
