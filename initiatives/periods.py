"""The periods indicators are measured over: a year ("2025") or a quarter ("2025-K3"), as
written in forms, imports, the API and addresses."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .constants import PeriodKind

PERIOD_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-K(?P<quarter>[1-4]))?$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int | None = None

    @property
    def kind(self) -> PeriodKind:
        return PeriodKind.YEAR if self.quarter is None else PeriodKind.QUARTER

    @property
    def label(self) -> str:
        """As people write it: 2025, 2025-K3."""
        return str(self.year) if self.quarter is None else f"{self.year}-K{self.quarter}"

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def last_day(self) -> datetime.date:
        if self.quarter is None:
            return datetime.date(self.year, 12, 31)
        following = Period(self.year + self.quarter // 4, self.quarter % 4 + 1)
        return following.first_day - datetime.timedelta(days=1)

    @property
    def index(self) -> int:
        """Consecutive periods of one kind have consecutive indexes."""
        return self.year if self.quarter is None else self.year * 4 + self.quarter - 1

    def __str__(self):
        return self.label


def period_of(day: datetime.date, kind: PeriodKind) -> Period:
    """The period of this kind that `day` falls in."""
    return Period(day.year, None if kind == PeriodKind.YEAR else (day.month - 1) // 3 + 1)


def period_at(index: int, kind: PeriodKind) -> Period:
    """The period of this kind with this `Period.index`."""
    return Period(index) if kind == PeriodKind.YEAR else Period(index // 4, index % 4 + 1)


def parse_period(text: str, kind: PeriodKind, today: datetime.date) -> Period:
    """The period `text` names, of the indicator's kind and begun by `today`; a Dutch
    ValidationError says what is wrong otherwise."""
    kind = PeriodKind(kind)
    match = PERIOD_PATTERN.match((text or "").strip())
    if match is None:
        raise ValidationError(
            _("Schrijf de periode als jaar (2025) of kwartaal (2025-K3), niet ‘%(text)s’.")
            % {"text": text}
        )
    quarter = match["quarter"]
    period = Period(int(match["year"]), int(quarter) if quarter else None)
    if period.kind != kind:
        raise ValidationError(
            _("Deze indicator wordt per %(kind)s gemeten; ‘%(text)s’ is geen %(kind)s.")
            % {"kind": kind.label.lower(), "text": text}
        )
    if period.first_day > today:
        raise ValidationError(
            _("De periode %(period)s is nog niet begonnen.") % {"period": period.label}
        )
    return period
