"""Indicators for the national data set: 20 quarterly indicators, each measuring one benchmark
initiative, with a value for every municipality that existed in each of the last 40 quarters
(about 800,000 values), computed inside PostgreSQL like the history (`national.py`).

A value is a level of its own per municipality, a national trend of −0.1 a quarter, noise, and
from the quarter after the one the municipality first implemented the initiative in a change:
−5 for the even-numbered indicators, none for the odd ones. The estimate of what adoption
changed should find about that (with the bias of the history's dates, which are spread within
a step of the ladder)."""

import datetime

from django.db import connection, transaction
from django.utils import timezone

from ..constants import AdoptionStatus, ChangeSource, IndicatorDirection, PeriodKind
from ..models import Indicator, IndicatorValue, InitiativePage
from ..periods import period_at, period_of

INDICATORS = 20
QUARTERS = 40
EFFECT = -5

VALUES_SQL = """
INSERT INTO initiatives_indicatorvalue (
    indicator_id, municipality_id, period, period_start, value, recorded_at, source, source_url)
SELECT %(indicator)s, m.id,
       extract(year FROM q.start)::int || '-K' || extract(quarter FROM q.start)::int,
       q.start,
       round((25
              + ((hashint8extended(m.id::bigint, %(seed)s) & %(positive)s) %% 1000) / 100.0
              - 0.1 * q.n
              + CASE WHEN a.adopted < q.start THEN %(effect)s ELSE 0 END
              + ((hashint8extended(m.id::bigint * 1000003 + q.n, %(seed)s + %(indicator)s)
                  & %(positive)s) %% 200 - 100) / 100.0)::numeric, 2),
       %(now)s, %(source)s, ''
FROM initiatives_municipality m
CROSS JOIN (
    SELECT n, (%(first)s::date + make_interval(months => 3 * n))::date AS start
    FROM generate_series(0, %(quarters)s - 1) AS n
) q
LEFT JOIN (
    SELECT municipality_id, MIN(effective_date) AS adopted
    FROM initiatives_adoptionchange
    WHERE initiative_id = %(initiative)s AND new_status = %(implemented)s
    GROUP BY municipality_id
) a ON a.municipality_id = m.id
WHERE m.valid_from <= q.start AND (m.valid_until IS NULL OR m.valid_until > q.start)
"""


def national_indicator_slug(number: int) -> str:
    """The code of the national data set's indicator `number`."""
    return f"bench-indicator-{number:02d}"


def write_indicators(seed: int, initiatives: list[InitiativePage]) -> int:
    """(Re)write an indicator per initiative (the first INDICATORS) with all its values, one
    transaction per indicator; returns how many values were written."""
    today = timezone.localdate()
    current = period_of(today, PeriodKind.QUARTER)
    first = period_at(current.index - QUARTERS + 1, PeriodKind.QUARTER).first_day
    written = 0
    for number, initiative in enumerate(initiatives[:INDICATORS]):
        with transaction.atomic():
            indicator = _indicator(number, initiative)
            IndicatorValue.objects.filter(indicator=indicator).delete()
            with connection.cursor() as cursor:
                cursor.execute(
                    VALUES_SQL,
                    {
                        "indicator": indicator.pk,
                        "initiative": initiative.pk,
                        "seed": seed,
                        "positive": 2**63 - 1,
                        "effect": EFFECT if number % 2 == 0 else 0,
                        "first": first,
                        "quarters": QUARTERS,
                        "now": timezone.make_aware(
                            datetime.datetime.combine(today, datetime.time())
                        ),
                        "source": str(ChangeSource.IMPORT),
                        "implemented": str(AdoptionStatus.IMPLEMENTED),
                    },
                )
                written += cursor.rowcount
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE initiatives_indicatorvalue")
    return written


def _indicator(number: int, initiative: InitiativePage) -> Indicator:
    indicator, _created = Indicator.objects.update_or_create(
        slug=national_indicator_slug(number),
        defaults={
            "name": f"Benchmarkindicator {number:02d}",
            "unit": "dagen",
            "direction": IndicatorDirection.LOWER,
            "upper_limit": 20,
            "smallest_possible": 0,
            "period_kind": PeriodKind.QUARTER,
        },
    )
    indicator.initiatives.set([initiative])
    return indicator
