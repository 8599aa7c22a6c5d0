"""Demo indicators with values made up around a known truth: one where adopting the initiative
shortens the payment term by 5 days, one where adopting changes nothing. A fresh site then
shows both kinds of answer; indicators that already have values are left alone."""

import datetime
import random
from decimal import Decimal

from ..constants import AdoptionStatus, ChangeSource, IndicatorDirection, MoneyKind, PeriodKind
from ..indicators.values import IndicatorValueUpdate, record_indicator_values
from ..models import Adoption, Indicator, InitiativePage, Municipality

YEARS = range(2018, 2026)
DEMO_INDICATORS = (
    {
        "slug": "betaaltermijn-jeugdzorg-wmo",
        "initiative": "istandaarden",
        "effect": -5.0,
        "level": 30.0,
        "spread": 6.0,
        "values": {
            "name": "Betaaltermijn facturen jeugdzorg en Wmo",
            "description": "Zorgaanbieders krijgen sneller betaald, zodat zij hun tijd aan "
            "cliënten kunnen geven in plaats van aan het nabellen van facturen.",
            "unit": "dagen",
            "direction": IndicatorDirection.LOWER,
            "upper_limit": Decimal(20),
            "smallest_possible": Decimal(0),
            "largest_possible": Decimal(365),
            "period_kind": PeriodKind.YEAR,
            "source": "Demodata (verzonnen, met een bekend effect van −5 dagen)",
        },
    },
    {
        "slug": "kosten-mobiele-telefonie",
        "initiative": "aanbesteding-mobiele-telefonie",
        "effect": 0.0,
        "level": 4.0,
        "spread": 0.8,
        "values": {
            "name": "Kosten mobiele telefonie per inwoner",
            "description": "Minder geld voor abonnementen laat meer over voor dienstverlening.",
            "unit": "euro per inwoner",
            "money": MoneyKind.PER_RESIDENT,
            "direction": IndicatorDirection.LOWER,
            "upper_limit": Decimal("3.50"),
            "smallest_possible": Decimal(0),
            "period_kind": PeriodKind.YEAR,
            "source": "Demodata (verzonnen, zonder effect)",
        },
    },
)


def load_demo_indicators(seed: int) -> int:
    """Create the demo indicators and, where one has no values yet, its values; returns how
    many values were recorded."""
    recorded = 0
    for demo in DEMO_INDICATORS:
        initiative = InitiativePage.objects.filter(slug=demo["initiative"]).first()
        indicator, _created = Indicator.objects.get_or_create(
            slug=demo["slug"], defaults=demo["values"]
        )
        if initiative is not None:
            indicator.initiatives.add(initiative)
        if indicator.values.exists():
            continue
        rng = random.Random(f"{seed}:{indicator.slug}")
        updates = list(_demo_values(indicator, initiative, demo, rng))
        recorded += record_indicator_values(updates, user=None)
    return recorded


def _demo_values(indicator, initiative, demo, rng: random.Random):
    adopted = _adoption_years(initiative)
    for municipality in Municipality.objects.current().order_by("code"):
        level = rng.gauss(demo["level"], demo["spread"])
        for year in YEARS:
            if not municipality.exists_on(datetime.date(year, 1, 1)):
                continue
            after = municipality.pk in adopted and year > adopted[municipality.pk]
            # A national trend every municipality shares: a little better each year.
            trend = -0.015 * demo["level"] * (year - YEARS[0])
            value = level + trend + rng.gauss(0, demo["spread"] / 5)
            value += demo["effect"] if after else 0.0
            yield IndicatorValueUpdate(
                indicator, municipality, str(year), round(max(value, 0), 2), ChangeSource.DEMO
            )


def _adoption_years(initiative) -> dict[int, int]:
    """{municipality id: year} of the records implemented since a stated day."""
    if initiative is None:
        return {}
    return dict(
        Adoption.objects.filter(
            initiative=initiative,
            status=AdoptionStatus.IMPLEMENTED,
            since_is_upper_bound=False,
        ).values_list("municipality_id", "status_since__year")
    )
