"""The indicator report at national scale: 1,000 municipalities × 40 quarters × 20 indicators
(800,000 values), each indicator measuring an initiative that 600 municipalities adopted in
staggered quarters. Prints the report page's median and p95 (target: p95 under 200 ms)."""

import datetime
import random
from decimal import Decimal

import pytest

from initiatives.constants import ChangeSource
from initiatives.models import AdoptionChange, Indicator, IndicatorValue, Municipality
from tests.factories import IndicatorFactory, MunicipalityFactory

from .conftest import fetcher, percentiles, report, timed

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

MUNICIPALITIES, QUARTERS, INDICATORS = 1000, 40, 20
FIRST_YEAR = 2016


def _quarters():
    return [(FIRST_YEAR + q // 4, q % 4 + 1) for q in range(QUARTERS)]


def _national_values(initiative) -> int:
    rng = random.Random(1)
    municipalities = MunicipalityFactory.create_batch(MUNICIPALITIES)
    adopted = {}
    changes = []
    for municipality in municipalities[:600]:
        year, quarter = _quarters()[rng.randrange(4, QUARTERS - 4)]
        adopted[municipality.pk] = (year, quarter)
        day = datetime.date(year, 3 * quarter - 2, 15)
        changes.append(
            AdoptionChange(
                municipality=municipality,
                initiative=initiative,
                old_status="",
                new_status="implemented",
                effective_date=day,
                source=ChangeSource.IMPORT,
                version=1,
            )
        )
    AdoptionChange.objects.bulk_create(changes)
    for number in range(INDICATORS):
        indicator = IndicatorFactory(slug=f"indicator-{number:02d}", quarterly=True)
        indicator.initiatives.add(initiative)
        rows = []
        for municipality in municipalities:
            level = rng.gauss(30, 5)
            for index, (year, quarter) in enumerate(_quarters()):
                after = adopted.get(municipality.pk, (9999, 1)) < (year, quarter)
                rows.append(
                    IndicatorValue(
                        indicator=indicator,
                        municipality=municipality,
                        period=f"{year}-K{quarter}",
                        period_start=datetime.date(year, 3 * quarter - 2, 1),
                        value=Decimal(f"{level - 0.1 * index - 5 * after + rng.gauss(0, 1):.2f}"),
                        source=ChangeSource.IMPORT,
                    )
                )
        IndicatorValue.objects.bulk_create(rows, batch_size=5000)
    return IndicatorValue.objects.count()


def test_indicator_report_at_national_scale(client, make_initiative):
    initiative = make_initiative(title="E-facturatie", slug="e-facturatie")
    values, seconds = timed(_national_values, initiative)
    report(
        "indicator data",
        municipalities=Municipality.objects.count(),
        indicators=Indicator.objects.count(),
        values=values,
        seconds=round(seconds),
    )
    fetch = fetcher(client, "/rapportages/indicatoren/indicator-07/")
    fetch()
    samples = [timed(fetch)[1] for _ in range(20)]
    report("indicator report (page), 1,000 × 40 quarters", **percentiles(samples))
    fresh = [
        timed(fetcher(client, f"/rapportages/indicatoren/indicator-{n:02d}/"))[1]
        for n in range(10, 20)
    ]
    report("indicator report (page), each indicator's first view", **percentiles(fresh))
