"""API resource of published lab results."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from initiatives.models import InitiativePage
from website.api_errors import READ_ERRORS

from ..constants import Recommendation
from ..models import LabResultPage, LivingLabPage

router = Router()


class LabResultOut(Schema):
    slug: str
    title: str
    lab: str
    question: str
    recommendation: Recommendation
    published_at: datetime.datetime | None
    related_initiatives: list[str]
    follow_up_decision: str
    led_to: str | None
    url: str


def _results():
    """Published results, naming only published initiatives."""
    public = InitiativePage.objects.published()
    return (
        LabResultPage.objects.published()
        .select_related("led_to")
        .annotate(led_to_public=Exists(public.filter(pk=OuterRef("led_to_id"))))
        .prefetch_related(Prefetch("related_initiatives", queryset=public.order_by("slug")))
        .order_by("-first_published_at", "pk")
    )


def _out(result: LabResultPage, labs: dict[str, str]) -> dict:
    return {
        "slug": result.slug,
        "title": result.title,
        "lab": labs.get(result.path[: -LabResultPage.steplen], ""),
        "question": result.question,
        "recommendation": result.recommendation,
        "published_at": result.first_published_at,
        "related_initiatives": [i.slug for i in result.related_initiatives.all()],
        "follow_up_decision": result.follow_up_decision,
        "led_to": result.led_to.slug if result.led_to_public else None,
        "url": result.url,
    }


def _lab_slugs(results) -> dict[str, str]:
    paths = {r.path[: -LabResultPage.steplen] for r in results}
    return dict(LivingLabPage.objects.filter(path__in=paths).values_list("path", "slug"))


@router.get("/lab-results", response={200: list[LabResultOut], **READ_ERRORS}, tags=["labs"])
def list_lab_results(request):
    """Published lab results only, newest first."""
    results = list(_results())
    labs = _lab_slugs(results)
    return [_out(result, labs) for result in results]


@router.get("/lab-results/{slug}", response={200: LabResultOut, **READ_ERRORS}, tags=["labs"])
def get_lab_result(request, slug: str):
    """One published lab result."""
    result = get_object_or_404(_results(), slug=slug)
    return _out(result, _lab_slugs([result]))
