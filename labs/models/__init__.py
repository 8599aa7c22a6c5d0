"""Living labs, their results, and who may contribute to which lab."""

from .access import LabContributorGroup, LabMembership
from .labs import LabIndexPage, LivingLabPage
from .results import (
    FOLLOW_UP_FIELDS,
    FOLLOW_UP_PERMISSION,
    LabAttachment,
    LabBandwidth,
    LabBarrier,
    LabResultPage,
    LabResultQuerySet,
)
from .settings import LabSettings

__all__ = [
    "FOLLOW_UP_FIELDS",
    "FOLLOW_UP_PERMISSION",
    "LabAttachment",
    "LabBandwidth",
    "LabBarrier",
    "LabContributorGroup",
    "LabIndexPage",
    "LabMembership",
    "LabResultPage",
    "LabResultQuerySet",
    "LabSettings",
    "LivingLabPage",
]
