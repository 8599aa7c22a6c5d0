"""The API's answer to a peildatum the rules refuse."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja.errors import HttpError

from ..rules import check_peildatum


def report_day(day: datetime.date | None) -> datetime.date:
    """The day a report answers for: the request's peildatum, or today; resolved here once."""
    return past_day(day) or timezone.localdate()


def past_day(day: datetime.date | None) -> datetime.date | None:
    """The peildatum of a request; 400 with the rule's Dutch message for a future day."""
    try:
        return check_peildatum(day)
    except ValidationError as error:
        raise HttpError(400, error.messages[0]) from error
