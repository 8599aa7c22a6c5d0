"""Rules every path applies the same way: the peildatum, staleness and the gap groups."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .constants import IN_PROGRESS_STATUSES, UNKNOWN, UNKNOWN_LABEL, AdoptionStatus

# ------------------------------------------------------------------------- peildatum


def check_peildatum(day: datetime.date | None) -> datetime.date | None:
    """The day a report answers for; a day in the future raises a Dutch ValidationError."""
    if day and day > timezone.localdate():
        raise ValidationError(
            _("De peildatum %(date)s ligt in de toekomst.") % {"date": date_format(day)}
        )
    return day


# ------------------------------------------------------------------------- staleness


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier, clamped to the end of a shorter month."""
    year, month_index = divmod(day.year * 12 + day.month - 1 - months, 12)
    month = month_index + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def stale_cutoff(settings) -> datetime.date:
    """Records last confirmed before this day are stale ("verouderd") under a site's
    AdoptionSettings."""
    return months_before(timezone.localdate(), settings.stale_after_months)


def is_stale(last_confirmed_on: datetime.date | None, cutoff: datetime.date) -> bool:
    """Whether a record confirmed on `last_confirmed_on` is stale; the SQL twin is
    `AdoptionQuerySet.stale`."""
    return last_confirmed_on is not None and last_confirmed_on < cutoff


def has_started(started_on: datetime.date | None, day: datetime.date) -> bool:
    """Whether an initiative that started on `started_on` existed on `day` (one without a
    start date always did); the SQL twin is `InitiativePageQuerySet.started_by`."""
    return started_on is None or started_on <= day


# ------------------------------------------------------------------------ gap groups

# The gap of an initiative: everyone who has not implemented it, by how far they are.
GAP_GROUPS = {
    "in_progress": gettext_lazy("Bezig"),
    "not_started": gettext_lazy("Niet gestart"),
    "stopped": gettext_lazy("Gestopt"),
    UNKNOWN: UNKNOWN_LABEL,
}


def gap_group(status: str) -> str | None:
    """The gap group of a status; None for implemented and not applicable (no gap)."""
    if status in IN_PROGRESS_STATUSES:
        return "in_progress"
    if status in (AdoptionStatus.NOT_STARTED, AdoptionStatus.STOPPED):
        return status
    if status == UNKNOWN:
        return UNKNOWN
    return None


GAP_GROUP_OF = {
    status: group
    for status in [*AdoptionStatus.values, UNKNOWN]
    if (group := gap_group(status)) is not None
}
