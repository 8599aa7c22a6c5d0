"""Geometry for small server-rendered SVG charts; templates draw them, tables explain them."""

from dataclasses import dataclass

WIDTH, HEIGHT, MARGIN = 640, 240, 40


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
    label_width: int = 150
    bar_height: int = 20
    width: int = 460


@dataclass(frozen=True)
class LineChart:
    points: str
    dots: list[tuple[float, float, str, float]]
    gridlines: list[tuple[float, str]]
    width: int = WIDTH
    height: int = HEIGHT


def bar_chart(items: list[tuple[str, int]]) -> BarChart:
    """Horizontal bars, labels left, the longest bar 250 units wide."""
    largest = max((value for _label, value in items), default=0) or 1
    row = 26
    bars = [
        Bar(str(label), value, index * row, round(250 * value / largest, 1))
        for index, (label, value) in enumerate(items)
    ]
    return BarChart(bars, len(bars) * row)


def share_line_chart(points: list[tuple[str, float | None]]) -> LineChart:
    """A line of shares (0–1) over equally spaced labels; missing shares are skipped."""
    plot_width, plot_height = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    step = plot_width / max(len(points) - 1, 1)
    dots = [
        (MARGIN + index * step, MARGIN + plot_height * (1 - share), label, share)
        for index, (label, share) in enumerate(points)
        if share is not None
    ]
    gridlines = [(MARGIN + plot_height * (1 - tick / 100), f"{tick}%") for tick in (0, 50, 100)]
    return LineChart(" ".join(f"{x:.1f},{y:.1f}" for x, y, _l, _s in dots), dots, gridlines)
