"""Who approved a lab result: the review that published it."""

import datetime
from dataclasses import dataclass

from wagtail.models import TaskState

from ..constants import REVIEW_TASK
from ..models import LabResultPage


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
