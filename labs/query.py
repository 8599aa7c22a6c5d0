"""QuerySet methods for lab results."""

import datetime

from wagtail.models import PageManager

from website.pages import PublishedPageQuerySet

from .constants import Recommendation


class _LabResultQuerySet(PublishedPageQuerySet):
    def awaiting_follow_up(self, published_before: datetime.date):
        """Published scale-up advice without a follow-up decision, published before the day."""
        return self.published().filter(
            recommendation=Recommendation.SCALE_UP,
            follow_up_decision="",
            first_published_at__date__lt=published_before,
        )


LabResultQuerySet = PageManager.from_queryset(_LabResultQuerySet)
