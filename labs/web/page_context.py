"""What the lab pages and the home page show besides their fields: published labs and
results, a result's review and what it led to, the kraamkamer."""

from django.utils import timezone

from initiatives.models import InitiativePage
from initiatives.reporting.gap import initiative_gap
from website.collation import dutch
from website.pages import page_context

from ..models import LabResultPage, LabSettings, LivingLabPage
from ..reporting.kraamkamer import kraamkamer
from ..reporting.review import review_of


@page_context("labs.LabIndexPage")
def published_labs(page, request) -> dict:
    """The published labs below the overview, newest first."""
    return {
        "labs": LivingLabPage.objects.child_of(page)
        .published()
        .select_related("host")
        .order_by("-started_on", "title")
    }


@page_context("labs.LivingLabPage")
def lab_participants_and_results(page, request) -> dict:
    """The participating municipalities and the lab's published results, by name."""
    return {
        "participant_list": page.participants.order_by(dutch("name")),
        "results": LabResultPage.objects.child_of(page).published().order_by(dutch("title")),
    }


@page_context("labs.LabResultPage")
def result_follow_up(page, request) -> dict:
    """Barriers and attachments, the review state, the published initiatives it relates to,
    and the one it led to with its rate."""
    # Only initiatives the public may see are named on a public page.
    public = InitiativePage.objects.published()
    led_to = public.filter(pk=page.led_to_id).first()
    return {
        "barrier_list": page.barriers.select_related("category"),
        "attachment_list": page.attachments.select_related("document"),
        "related_initiatives": public.filter(lab_results=page).order_by(dutch("title")),
        "review": review_of(page),
        "led_to": led_to,
        "led_to_rate": initiative_gap(led_to, timezone.localdate()).rate if led_to else None,
    }


@page_context("website.HomePage")
def newest_results_and_kraamkamer(page, request) -> dict:
    """The five newest published results, and how many wait in the kraamkamer."""
    stalled = kraamkamer(LabSettings.for_request(request))
    return {
        "newest_results": LabResultPage.objects.published()
        .defer_streamfields()
        .order_by("-first_published_at")[:5],
        "kraamkamer_count": len(stalled.results) + len(stalled.pilots),
    }
