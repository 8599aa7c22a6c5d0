"""Review, follow-up and barrier figures of lab results; views and feeds compose these."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from wagtail.models import TaskState

from initiatives.constants import Phase
from initiatives.models import InitiativePage
from initiatives.rules import months_before

from .constants import REVIEW_TASK
from .models import LabBarrier, LabResultPage, LabSettings, LivingLabPage


@dataclass(frozen=True)
class Review:
    reviewed_at: datetime.datetime
    role: str
    comment: str


def review_of(result: LabResultPage) -> Review | None:
    """The approval that published the result, if it went through the review workflow."""
    approval = (
        TaskState.objects.filter(
            workflow_state__in=result.workflow_states,
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("task")
        .order_by("-finished_at")
        .first()
    )
    if approval is None:
        return None
    role = "VNG-redactie" if approval.task.name == REVIEW_TASK else approval.task.name
    return Review(approval.finished_at, role, approval.comment)


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


@dataclass
class BarrierLine:
    initiative: InitiativePage | None
    category: str
    count: int = 0
    labs: set[str] = field(default_factory=set)


def barrier_summary(initiative: InitiativePage | None = None) -> list[BarrierLine]:
    """How often each barrier category was reported per initiative, and by which labs.

    Four queries whatever the number of results and barriers. A result counts for every
    initiative it is related to.
    """
    results = LabResultPage.objects.published()
    public = InitiativePage.objects.published()
    barriers = LabBarrier.objects.filter(result__in=results).select_related("category")
    through = LabResultPage.related_initiatives.through.objects.filter(
        labresultpage__in=results, initiativepage__in=public
    )
    if initiative is not None:
        through = through.filter(initiativepage=initiative)
        barriers = barriers.filter(result__related_initiatives=initiative)
    initiatives_of = defaultdict(list)
    for result_id, initiative_id in through.values_list("labresultpage_id", "initiativepage_id"):
        initiatives_of[result_id].append(initiative_id)
    initiatives = {
        i.pk: i
        for i in public.filter(pk__in=set(i for ids in initiatives_of.values() for i in ids))
    }
    result_paths = dict(
        LabResultPage.objects.filter(pk__in=barriers.values("result_id")).values_list("pk", "path")
    )
    lab_titles = dict(
        LivingLabPage.objects.filter(
            path__in={path[: -LabResultPage.steplen] for path in result_paths.values()}
        ).values_list("path", "title")
    )
    lines: dict[tuple, BarrierLine] = {}
    for barrier in barriers:
        lab = lab_titles.get(result_paths[barrier.result_id][: -LabResultPage.steplen], "")
        for initiative_id in initiatives_of.get(barrier.result_id) or [None]:
            key = (initiative_id, barrier.category.label)
            line = lines.setdefault(key, BarrierLine(initiatives.get(initiative_id), key[1]))
            line.count += 1
            line.labs.add(lab)
    return sorted(
        lines.values(),
        key=lambda line: (line.initiative.title if line.initiative else "", -line.count),
    )
