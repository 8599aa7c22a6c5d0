"""Barriers across labs: how often each category was reported per initiative, by which labs."""

from collections import defaultdict
from dataclasses import dataclass, field

from initiatives.models import InitiativePage
from website.table_report import Column

from ..models import LabBarrier, LabResultPage, LivingLabPage


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


BARRIER_COLUMNS = (
    Column("initiatief", lambda report, line: line.initiative.slug if line.initiative else ""),
    Column("categorie", lambda report, line: line.category),
    Column("aantal", lambda report, line: line.count),
    Column("labs", lambda report, line: ", ".join(sorted(line.labs))),
)
