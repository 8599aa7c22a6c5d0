"""Recording indicator values: every path (form, import, API, harvest) checks and writes here,
all or nothing, with the history of each value."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..constants import OWN_SOURCES, ChangeSource
from ..errors import AdoptionError
from ..models import Indicator, IndicatorValue, IndicatorValueChange, Municipality
from ..periods import Period, parse_period
from ..permissions import check_may_change

# 1.234,5 (Dutch), 1234,5 or 1234.5; a thousands separator only in the Dutch way.
DUTCH_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
PLAIN_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


@dataclass(frozen=True)
class IndicatorValueUpdate:
    """What a path says: this municipality's value of the indicator in a period."""

    indicator: Indicator
    municipality: Municipality
    period: str
    value: object
    source: ChangeSource
    source_url: str = ""


def parse_value(given) -> Decimal:
    """A number as written in a form or a file (12,5 or 1.234,5 or 12.5), or as sent."""
    number = None
    if isinstance(given, int | Decimal) and not isinstance(given, bool):
        number = Decimal(given)
    elif isinstance(given, float):
        number = Decimal(str(given))
    elif isinstance(given, str):
        text = given.strip()
        if DUTCH_NUMBER.match(text):
            number = Decimal(text.replace(".", "").replace(",", "."))
        elif PLAIN_NUMBER.match(text):
            number = Decimal(text.replace(",", "."))
    if number is None or not number.is_finite():
        raise AdoptionError(
            {"value": _("‘%(text)s’ is geen getal; schrijf bijvoorbeeld 12,5.") % {"text": given}}
        )
    return number


def check_possible(indicator: Indicator, value: Decimal) -> None:
    """Refuse a value the indicator declares impossible (a typing error, never a finding)."""
    low, high = indicator.smallest_possible, indicator.largest_possible
    if (low is not None and value < low) or (high is not None and value > high):
        raise AdoptionError(
            {
                "value": _(
                    "De waarde %(value)s kan niet bij ‘%(indicator)s’: die ligt tussen "
                    "%(low)s en %(high)s %(unit)s."
                )
                % {
                    "value": _written(value),
                    "indicator": indicator.name,
                    "low": "…" if low is None else _written(low),
                    "high": "…" if high is None else _written(high),
                    "unit": indicator.unit,
                }
            }
        )


def _written(number: Decimal) -> str:
    """A number as people write it: no trailing zeros, a decimal comma in Dutch."""
    return number_format(Decimal(f"{number.normalize():f}"))


def checked(update: IndicatorValueUpdate, today: datetime.date) -> tuple[Period, Decimal]:
    """The update's period and value, or an AdoptionError keyed by the field at fault."""
    try:
        period = parse_period(update.period, update.indicator.period_kind, today)
    except ValidationError as error:
        raise AdoptionError({"period": error.messages[0]}) from None
    _check_existed(update.municipality, period)
    value = parse_value(update.value)
    check_possible(update.indicator, value)
    return period, value


def _check_existed(municipality: Municipality, period: Period) -> None:
    """A municipality has values only of periods it existed in: a merged one's values before
    its merger, its successor's after (as with statuses)."""
    began = municipality.valid_from <= period.last_day
    ended = municipality.valid_until is not None and municipality.valid_until <= period.first_day
    if not began or ended:
        raise AdoptionError(
            {
                "period": _("Gemeente %(name)s (%(code)s) bestond niet in %(period)s.")
                % {"name": municipality.name, "code": municipality.code, "period": period.label}
            }
        )


def record_indicator_values(
    updates: list[IndicatorValueUpdate], *, user, keep_own: bool = False
) -> int:
    """Check every update, then write them all in one transaction with their history, or
    none; returns how many values changed. `user=None` is the system (demo, harvest);
    `keep_own` leaves every value a municipality gave itself as it is (a harvest)."""
    today = timezone.localdate()
    check_may_change(user, {update.municipality.pk for update in updates})
    planned = [(update, *checked(update, today)) for update in updates]
    with transaction.atomic():
        return _write(planned, user, keep_own)


def _write(planned: list[tuple], user, keep_own: bool) -> int:
    """Write the planned values in a few statements: new ones created, changed ones updated,
    each with its history row; a later update of the same value in the batch wins."""
    latest = {(u.indicator.pk, u.municipality.pk, p.label): (u, p, v) for u, p, v in planned}
    stored = _stored(latest)
    now = timezone.now()
    created, changed, history = [], [], []
    for key, (update, period, value) in latest.items():
        current = stored.get(key)
        if current is not None and (
            current.value == value or keep_own and current.source in OWN_SOURCES
        ):
            continue
        old_value = None if current is None else current.value
        if current is None:
            current = IndicatorValue(
                indicator=update.indicator, municipality=update.municipality, period=period.label
            )
            created.append(current)
        else:
            changed.append(current)
        for field, written in zip(
            WRITTEN_FIELDS,
            (period.first_day, value, now, update.source, update.source_url, user),
            strict=True,
        ):
            setattr(current, field, written)
        history.append(_history_row(update, period, old_value, value, user))
    IndicatorValue.objects.bulk_create(created, batch_size=1000)
    IndicatorValue.objects.bulk_update(changed, WRITTEN_FIELDS, batch_size=1000)
    IndicatorValueChange.objects.bulk_create(history, batch_size=1000)
    return len(history)


WRITTEN_FIELDS = ["period_start", "value", "recorded_at", "source", "source_url", "recorded_by"]


def _stored(keys) -> dict:
    """The stored values of these (indicator, municipality, period) keys, locked."""
    indicators = {indicator for indicator, _m, _p in keys}
    municipalities = {municipality for _i, municipality, _p in keys}
    rows = IndicatorValue.objects.select_for_update().filter(
        indicator__in=indicators, municipality__in=municipalities
    )
    stored = {(v.indicator_id, v.municipality_id, v.period): v for v in rows.iterator()}
    return {key: stored[key] for key in keys if key in stored}


def _history_row(update, period: Period, old_value, value, user) -> IndicatorValueChange:
    return IndicatorValueChange(
        indicator=update.indicator,
        municipality=update.municipality,
        period=period.label,
        old_value=old_value,
        new_value=value,
        source=update.source,
        source_url=update.source_url,
        recorded_by=user,
    )
