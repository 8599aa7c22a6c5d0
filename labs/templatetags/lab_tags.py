"""What labs found about an initiative, for the initiative page."""

from django import template
from django.db.models import Q

from ..models import LabResultPage
from ..reporting.barriers import barrier_summary

register = template.Library()


@register.simple_tag
def lab_results_for(initiative):
    """Published results related to the initiative or that led to it."""
    return (
        LabResultPage.objects.published()
        .filter(Q(related_initiatives=initiative) | Q(led_to=initiative))
        .distinct()
        .order_by("-first_published_at")
    )


@register.simple_tag
def barriers_for(initiative):
    """The barriers labs reported about the initiative."""
    return barrier_summary(initiative)
