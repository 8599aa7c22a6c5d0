"""The JSON shapes of indicators, their values and the indicator report."""

import datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from ..constants import ChangeSource, IndicatorDirection, MoneyKind, PeriodKind


class IndicatorOut(Schema):
    slug: str
    name: str
    description: str
    unit: str
    money: MoneyKind
    direction: IndicatorDirection
    lower_limit: float | None = Field(description="The bandbreedte's lower limit, if any.")
    upper_limit: float | None = Field(description="The bandbreedte's upper limit, if any.")
    period_kind: PeriodKind
    initiatives: list[str] = Field(description="Slugs of the published initiatives it measures.")

    @staticmethod
    def resolve_initiatives(indicator):
        return [initiative.slug for initiative in indicator.initiatives.published()]


class IndicatorValueIn(Schema):
    model_config = ConfigDict(extra="forbid")

    value: float = Field(allow_inf_nan=False, description="In the indicator's unit.")


class IndicatorValueOut(Schema):
    indicator: str = Field(alias="indicator.slug")
    municipality: str = Field(alias="municipality.code")
    period: str = Field(description="2025 for a year, 2025-K3 for a quarter.")
    value: float
    source: ChangeSource
    recorded_at: datetime.datetime


class FiguresOut(Schema):
    municipalities: int
    median: float | None = Field(description="null below 5 municipalities.")
    lower_quartile: float | None
    upper_quartile: float | None
    within_band: float | None = Field(description="Share within the bandbreedte, 0 to 1.")


class PeriodFiguresOut(Schema):
    period: str = Field(alias="period.label")
    figures: FiguresOut


class ComparisonOut(Schema):
    period: str = Field(alias="period.label")
    adopters: FiguresOut = Field(description="Had implemented the initiative by its end.")
    others: FiguresOut


class InitiativeComparisonOut(Schema):
    initiative: str = Field(alias="initiative.slug")
    periods: list[ComparisonOut]


class GainOut(Schema):
    initiative: str = Field(alias="initiative.slug")
    estimate: float | None = Field(
        alias="effect.estimate",
        description="Change after adoption against the not-yet-adopters; null below 5.",
    )
    low: float | None = Field(alias="effect.low", description="90 % interval, lower end.")
    high: float | None = Field(alias="effect.high", description="90 % interval, upper end.")
    adopters: int = Field(alias="effect.adopters")
    controls: int = Field(alias="effect.controls")
    on_the_table: list[float] | None = Field(
        description="For money: what the non-adopters would gain (estimate, low, high); null "
        "when not money, too few compare, or the interval reaches no change."
    )


class IndicatorReportOut(Schema):
    indicator: str = Field(alias="indicator.slug")
    as_of: datetime.date = Field(alias="day")
    periods: list[PeriodFiguresOut]
    comparisons: list[InitiativeComparisonOut]
    gains: list[GainOut]
