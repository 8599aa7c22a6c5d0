"""The kraamkamer: scale-up advice without a decision and initiatives stuck in pilot, past
the site's `kraamkamer_months`; one computation for the page, its exports and the home page."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.utils import timezone

from initiatives.constants import Phase
from initiatives.models import InitiativePage
from initiatives.rules import months_before
from website.table_report import Column

from ..models import LabResultPage, LabSettings


@dataclass
class Kraamkamer:
    cutoff: datetime.date
    results: list[LabResultPage]
    pilots: list[InitiativePage]


def kraamkamer(settings: LabSettings) -> Kraamkamer:
    """Scale-up advice without a decision, and initiatives stuck in pilot, past the site's
    `kraamkamer_months`."""
    cutoff = months_before(timezone.localdate(), settings.kraamkamer_months)
    results = LabResultPage.objects.awaiting_follow_up(cutoff).order_by("first_published_at")
    pilots = (
        InitiativePage.objects.published()
        .filter(phase=Phase.PILOT, started_on__lt=cutoff)
        .order_by("started_on", "title")
    )
    return Kraamkamer(cutoff, list(results), list(pilots))


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


def waiting(report: Kraamkamer, absolute_url: Callable[[str], str]) -> list[Waiting]:
    """The kraamkamer's rows: first the results, then the pilots, with absolute addresses."""
    return [
        Waiting(
            "labresultaat",
            result.slug,
            result.title,
            timezone.localdate(result.first_published_at),
            absolute_url(result.get_url()),
        )
        for result in report.results
    ] + [
        Waiting(
            "initiatief_in_pilot",
            initiative.slug,
            initiative.title,
            initiative.started_on,
            absolute_url(initiative.get_url()),
        )
        for initiative in report.pilots
    ]
