"""What a lab result's page shows besides its fields: its review and what it led to."""

from django.utils import timezone

from initiatives.models import InitiativePage
from initiatives.reporting.gap import initiative_gap
from website.pages import page_context

from .models import LabResultPage
from .services import review_of


@page_context(LabResultPage)
def result_follow_up(page, request) -> dict:
    """The review state, and the published initiative the result led to with its rate."""
    led_to = InitiativePage.objects.published().filter(pk=page.led_to_id).first()
    return {
        "review": review_of(page),
        "led_to": led_to,
        "led_to_rate": initiative_gap(led_to, timezone.localdate()).rate if led_to else None,
    }
