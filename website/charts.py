"""Geometry for small server-rendered SVG charts; templates draw them, tables explain them.

Hand-written rather than a plotting library: two chart types, drawn in microseconds, a few KB
of SVG that inherits the page's font and colours and works without JavaScript.
"""

import datetime
from dataclasses import dataclass, field

WIDTH, HEIGHT = 640, 260
# Room for the axis labels: left for percentages ("100 %" at the phone's 22 units), bottom
# for years.
LEFT, RIGHT, TOP, BOTTOM = 84, 16, 16, 36
# A character of a label is at most this wide at the phone's 22 units (site.css); a bar's
# label gets room for its longest one, so that no label is cut off on either screen.
LABEL_CHARACTER = 12.5
LONGEST_BAR = 250


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: float
    width: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    height: int
    label_width: int
    width: int
    bar_height: int = 22


@dataclass(frozen=True)
class Tick:
    position: float
    label: object


@dataclass(frozen=True)
class Mark:
    """A dated point of the chart, e.g. the target or the peildatum."""

    x: float
    y: float
    day: datetime.date
    share: float | None = None


@dataclass
class LineChart:
    points: str
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    # The target share on the target date (a dot), drawn as a line across the chart.
    target: Mark | None = None
    # The expected course (a dashed line) and its band (a shaded area), from the peildatum on.
    expected: str = ""
    band: str = ""
    peildatum: Mark | None = None
    dots: list[Mark] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def bar_chart(items: list[tuple[str, int]]) -> BarChart:
    """Horizontal bars, labels left, the longest bar 250 units wide, its number after it."""
    largest = max((value for _label, value in items), default=0) or 1
    row = 28
    bars = [
        Bar(str(label), value, index * row, round(LONGEST_BAR * value / largest, 1))
        for index, (label, value) in enumerate(items)
    ]
    longest_label = max((len(bar.label) for bar in bars), default=0)
    label_width = round(16 + LABEL_CHARACTER * longest_label)
    number_width = round(16 + LABEL_CHARACTER * len(str(largest)))
    return BarChart(bars, len(bars) * row, label_width, label_width + LONGEST_BAR + number_width)


def share_line_chart(
    series: list[tuple[datetime.date, float | None]],
    *,
    target: tuple[datetime.date, float] | None = None,
    peildatum: datetime.date | None = None,
    course: list[tuple[datetime.date, float, float, float]] = (),
) -> LineChart:
    """Shares (0–1) over time, with year ticks, an optional target (date, share), a marker
    for the peildatum and an expected course (day, expected, low, high) with its band; missing
    shares are skipped."""
    days = [day for day, _share in series] + [day for day, *_shares in course]
    if target:
        days.append(target[0])
    if peildatum:
        days.append(peildatum)
    first, last = (min(days), max(days)) if days else (datetime.date.today(),) * 2
    span = max((last - first).days, 1)

    def x(day):
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span, 1)

    def y(share):
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - share), 1)

    def line(points):
        return " ".join(f"{x(day)},{y(share)}" for day, share in points)

    dots = [Mark(x(day), y(share), day, share) for day, share in series if share is not None]
    chart = LineChart(
        points=" ".join(f"{dot.x},{dot.y}" for dot in dots),
        x_ticks=[Tick(x(datetime.date(year, 1, 1)), year) for year in _years(first, last)],
        y_ticks=[Tick(y(tick / 100), tick) for tick in (0, 25, 50, 75, 100)],
        dots=dots,
        expected=line((day, expected) for day, expected, _low, _high in course),
        band=line(
            [(day, high) for day, _expected, _low, high in course]
            + [(day, low) for day, _expected, low, _high in reversed(course)]
        ),
    )
    if target:
        day, share = target
        chart.target = Mark(x(day), y(share), day, share)
    if peildatum:
        chart.peildatum = Mark(x(peildatum), TOP, peildatum)
    return chart


def _years(first: datetime.date, last: datetime.date) -> list[int]:
    """The years whose 1 January falls in the range, thinned to at most about six labels: on
    a phone a label is 22 units high and four digits wide (site.css), and more would touch."""
    years = list(range(first.year + (first > datetime.date(first.year, 1, 1)), last.year + 1))
    step = 1 if len(years) <= 6 else 2 if len(years) <= 12 else 5
    return [year for year in years if year % step == 0]
