"""The timeline chart: daily events and mentions as a PNG (matplotlib, headless)."""

from __future__ import annotations

import io
from datetime import date, timedelta

from briefings.queries.timeline import Timeline


def timeline_png(timeline: Timeline) -> bytes:
    """A bar chart of daily events over a line of daily articles mentioning the actor(s)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import dates as mdates
    from matplotlib import pyplot as plt
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    days, events, mentions, width, unit = _bins(timeline)
    x = mdates.date2num(days)
    figure = Figure(figsize=(8, 3.2), dpi=100)
    axes = figure.subplots()
    axes.bar(x, events, color="#c0392b", label=f"events per {unit}", width=width)
    axes.plot(x, mentions, color="#2c3e50", marker=".", label=f"articles mentioning, per {unit}")
    axes.xaxis_date()
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(" and ".join(timeline.names), fontsize=11)
    axes.legend(loc="upper left", fontsize=8, frameon=False)
    axes.tick_params(labelsize=8)
    figure.autofmt_xdate()
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close("all")
    return buffer.getvalue()


def _bins(timeline: Timeline) -> tuple[list[date], list[int], list[int], float, str]:
    """Every day from the first to the last (zeros included), or weeks when that spans more than 120 days."""
    counts = {date.fromisoformat(d.day): (d.events, d.mentions) for d in timeline.days}
    first, last = min(counts), max(counts)
    step, unit = (timedelta(days=1), "day") if (last - first).days <= 120 else (timedelta(days=7), "week")
    days, events, mentions = [], [], []
    start = first
    while start <= last:
        inside = [v for d, v in counts.items() if start <= d < start + step]
        days.append(start)
        events.append(sum(v[0] for v in inside))
        mentions.append(sum(v[1] for v in inside))
        start += step
    return days, events, mentions, step.days * 0.8, unit
