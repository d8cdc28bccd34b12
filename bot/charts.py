"""PNG charts of recorded figures (/figures): a pure function from a small frozen value to PNG bytes.

matplotlib is imported inside `draw_figures`: its import costs a good part of a second, which neither the
bot's start nor a command that draws nothing should pay. Only its object API on the Agg canvas is used, no
pyplot: pyplot keeps global state, and the bot draws on a worker thread.

Every word on a chart comes in the value (bot/replies.py writes them); this module only lays them out, for
a phone: 1100 px wide, large type, one row per figure so that long labels never collide.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.ticker import FuncFormatter

WIDTH_IN = 11.0  # at DPI: 1100 px, what a phone shows full width without blurring
DPI = 100
ROW_IN = 0.8  # one figure's row in the by-source panel
TIMELINE_IN = 5.5
MAX_LABEL = 30  # characters of a row label's line
MAX_TITLE = 44  # characters of the title, in its larger type
TITLE_PT = 24
LABEL_PT = 19
TICK_PT = 17
VALUE_PT = 16
# One colour per outlet on both panels; outlets past these are grey.
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
OTHER_COLOUR = "#7f7f7f"
OPEN_REACH = 1.5  # an interval open above ("at least 31") is drawn to 1.5× its figure, as an arrow
MAX_DAY_TICKS = 6  # dates written under the timeline, at most
SAME_DAY_SPREAD = 0.12
EPOCH = date(1970, 1, 1)  # days between points of one day, so that they do not hide each other


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One recorded figure: its row label (who says it), its outlet (the colour), the value drawn and the
    text written beside it, its interval (None: open on that side) and its day (None: not on the timeline)."""

    label: str
    source: str
    value: float
    value_text: str
    low: float | None
    high: float | None
    day: date | None


@dataclass(frozen=True, slots=True)
class FiguresChart:
    """What to draw: the chart's title, what the values count (the value axis), the two panels' titles and
    the points, in the order of the by-source rows (top first). The timeline is drawn when the points span
    two days or more."""

    title: str
    axis: str
    by_source: str
    over_time: str
    points: tuple[ChartPoint, ...]
    # The months' short names on the timeline, in the reader's language (matplotlib's %b is the C locale's).
    months: tuple[str, ...] = (
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    )

    @property
    def days(self) -> set[date]:
        return {p.day for p in self.points if p.day is not None}


def short(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def draw_figures(chart: FiguresChart) -> bytes:
    """The chart as PNG bytes: a row per figure with its interval as an error bar, by outlet; below it the
    figures by date when they span several days."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    timeline = len(chart.days) > 1
    rows = max(len(chart.points), 1)
    heights = [ROW_IN * rows + 1.6] + ([TIMELINE_IN] if timeline else [])
    figure = Figure(figsize=(WIDTH_IN, sum(heights) + 0.8), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    figure.set_facecolor("white")
    figure.suptitle(short(chart.title, MAX_TITLE), fontsize=TITLE_PT, fontweight="bold")
    # A subfigure each, so that the timeline is not narrowed to the row labels' margin.
    panels = figure.subfigures(len(heights), 1, height_ratios=heights, squeeze=False)[:, 0]
    colours = _colours(chart.points)
    _by_source(panels[0].subplots(), chart, colours)
    if timeline:
        _over_time(panels[1].subplots(), chart, colours)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, facecolor="white")
    return out.getvalue()


def _colours(points: tuple[ChartPoint, ...]) -> dict[str, str]:
    sources = list(dict.fromkeys(p.source for p in points))
    return {s: COLOURS[i] if i < len(COLOURS) else OTHER_COLOUR for i, s in enumerate(sources)}


def _reach(point: ChartPoint) -> tuple[float, float]:
    """Where the point's interval is drawn to: its bounds, an open top at OPEN_REACH× the figure, an open
    bottom at zero."""
    low = point.low if point.low is not None else 0.0
    high = point.high if point.high is not None else max(point.value, low) * OPEN_REACH
    return min(low, point.value), max(high, point.value)


def _by_source(ax: Axes, chart: FiguresChart, colours: dict[str, str]) -> None:
    top = max((_reach(p)[1] for p in chart.points), default=1.0) or 1.0
    for row, point in enumerate(chart.points):
        colour = colours[point.source]
        low, high = _reach(point)
        ax.errorbar(
            [point.value],
            [row],
            xerr=[[point.value - low], [high - point.value]],
            fmt="o",
            color=colour,
            markersize=13,
            elinewidth=4,
            capsize=9,
            capthick=3,
        )
        if point.high is None:  # open above: the bar ends in an arrow, not a cap
            ax.annotate(
                "",
                xy=(high + top * 0.04, row),
                xytext=(high, row),
                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 4, "mutation_scale": 28},
            )
        ax.annotate(
            point.value_text,
            (point.value, row),
            xytext=(0, 12),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=VALUE_PT,
            fontweight="bold",
            color=colour,
        )
    labels = ["\n".join(short(line) for line in p.label.splitlines()[:2]) for p in chart.points]
    ax.set_yticks(range(len(chart.points)), labels, fontsize=TICK_PT)
    for tick, point in zip(ax.get_yticklabels(), chart.points, strict=True):
        tick.set_color(colours[point.source])
    ax.set_ylim(len(chart.points) - 0.4, -0.8)  # first row on top, room above it for its value
    ax.set_xlim(0, top * 1.12)
    ax.xaxis.set_major_formatter(_value_ticks())
    ax.tick_params(axis="x", labelsize=TICK_PT)
    ax.set_xlabel(short(chart.axis, 60), fontsize=LABEL_PT)
    ax.set_title(chart.by_source, fontsize=LABEL_PT, loc="left")
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)


def _value_ticks() -> FuncFormatter:
    """Tick labels as numbers are written ("1,280,000", "6.5"), never matplotlib's "1e6" offsets."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _position: f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}")


def timeline_label(day: date, months: tuple[str, ...]) -> str:
    """A timeline tick: "5 Jan", "5 янв.", the month in the chart's language."""
    return f"{day.day} {months[day.month - 1]}"


def _day_number(day: date) -> float:
    """A day as matplotlib's dates count them (days since its default epoch, 1970-01-01)."""
    return float((day - EPOCH).days)


def _over_time(ax: Axes, chart: FiguresChart, colours: dict[str, str]) -> None:
    from matplotlib.dates import DayLocator, num2date
    from matplotlib.ticker import FuncFormatter

    dated = [p for p in chart.points if p.day is not None]
    seen_on_day: dict[date, int] = {}
    placed: dict[str, list[tuple[float, ChartPoint]]] = {}
    per_day = {day: sum(1 for p in dated if p.day == day) for day in chart.days}
    for point in dated:
        assert point.day is not None
        n = seen_on_day.get(point.day, 0)
        seen_on_day[point.day] = n + 1
        spread = (n - (per_day[point.day] - 1) / 2) * SAME_DAY_SPREAD
        when = _day_number(point.day) + spread
        placed.setdefault(point.source, []).append((when, point))
    for source, points in placed.items():
        points.sort(key=lambda item: item[0])
        colour = colours[source]
        xs = [when for when, _ in points]
        ys = [p.value for _, p in points]
        reach = [_reach(p) for _, p in points]
        ax.errorbar(
            xs,
            ys,
            yerr=[
                [y - lo for y, (lo, _) in zip(ys, reach, strict=True)],
                [hi - y for y, (_, hi) in zip(ys, reach, strict=True)],
            ],
            fmt="o",
            color=colour,
            markersize=12,
            elinewidth=3,
            capsize=7,
            label=short(source, 24),
        )
        tops = [(when, hi) for (when, p), (_, hi) in zip(points, reach, strict=True) if p.high is None]
        if tops:  # open above: the bar ends in an arrowhead, not a cap
            ax.plot([w for w, _ in tops], [h for _, h in tops], "^", color=colour, markersize=14)
    days = sorted(chart.days)
    first, last = _day_number(days[0]), _day_number(days[-1])
    margin = max(0.6, (last - first) * 0.06)
    ax.set_xlim(first - margin, last + margin)
    every = max(1, -(-int(last - first + 1) // MAX_DAY_TICKS))
    ax.xaxis.set_major_locator(DayLocator(interval=every))  # type: ignore[no-untyped-call]

    def day_label(x: float, _position: float) -> str:
        return timeline_label(num2date(x).date(), chart.months)  # type: ignore[no-untyped-call]

    ax.xaxis.set_major_formatter(FuncFormatter(day_label))
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(_value_ticks())
    ax.tick_params(labelsize=TICK_PT)
    ax.set_ylabel(short(chart.axis, 40), fontsize=LABEL_PT)
    ax.set_title(chart.over_time, fontsize=LABEL_PT, loc="left")
    ax.grid(alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    if len(placed) > 1:
        ax.legend(fontsize=VALUE_PT, loc="upper left", bbox_to_anchor=(0, -0.14), ncols=2, frameon=False)
