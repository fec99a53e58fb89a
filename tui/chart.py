"""The Overview's chart: each year's bids against its envelope, as lines of Rich Text.

One bar per financial year, stacked by bid in priority order. The bids take four shades in turn
(█ ▓ ▒ ░, by place in the priority order, as the legend shows), so the stack reads without colour
(NO_COLOR, a grey projector): bids next to each other in the order never share a shade (two can
meet in a year's bar only if three between them ask nothing that year). The envelope is a ┃ at
its amount and the figures follow in words. Fits 80 columns: a 16-column label,
a 34-column bar and about 26 columns of figures. No textual import: `board show` could use it.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.text import Text

from store import YEAR_LABELS, YEARS, BoardState, money, over_under, visible

BAR_WIDTH = 34
SHADES = ("█", "▓", "▒", "░")
COLOURS = ("blue", "cyan", "magenta", "yellow")
MARK = "┃"
LEGEND_BIDS = 8  # the first bids in priority order are named; the rest are counted


def _scale(state: BoardState) -> float:
    top = max([*state.year_totals().values(), *state.envelope.values(), 1])
    return BAR_WIDTH / top


def _owners(state: BoardState, year: str, scale: float) -> list[int]:
    """For each bar column that is filled, the priority position (0-based) of the bid drawn there:
    the bid whose share covers the column's middle (a binary search in the running totals)."""
    running = state.running[year]
    filled = min(BAR_WIDTH, int(running[-1] * scale + 0.5)) if running else 0
    return [bisect_right(running, (column + 0.5) / scale) for column in range(filled)]


def _bar(state: BoardState, year: str, scale: float) -> Text:
    owners = _owners(state, year, scale)
    cap = state.envelope.get(year)
    mark = min(BAR_WIDTH - 1, round(cap * scale)) if cap is not None else None
    bar = Text()
    for column in range(BAR_WIDTH):
        if column == mark:
            bar.append(MARK, style="bold red")
        elif column < len(owners):
            n = owners[column] % len(SHADES)
            bar.append(SHADES[n], style=COLOURS[n])
        else:
            bar.append("·" if mark is not None and column < mark else " ", style="dim")
    return bar


def _figures(state: BoardState, year: str) -> str:
    total = state.year_totals()[year]
    cap = state.envelope.get(year)
    if cap is None:
        return f" {money(total)}"
    return f" {money(total)} of {money(cap)}, {over_under(total - cap)}"


def _legend(state: BoardState) -> Text:
    """Two bids a line (shade, place, title), then how many more and what the mark means."""
    legend = Text()
    shown = state.by_priority[:LEGEND_BIDS]
    for n, bid in enumerate(shown):
        title = visible(bid.title)
        short = title if len(title) <= 22 else title[:21] + "…"
        legend.append("  " if n % 2 == 0 else "   ")
        legend.append(SHADES[n % len(SHADES)], style=COLOURS[n % len(COLOURS)])
        legend.append(f" {n + 1}. {short:<22}" + ("\n" if n % 2 or n == len(shown) - 1 else ""))
    hidden = len(state.bids) - len(shown)
    if hidden:
        legend.append(f"  … and {hidden:,} more bids, shaded in turn in priority order\n")
    legend.append(f"  {MARK} = funding envelope" if state.envelope else "  no envelope set")
    legend.append(" (set on the Bids tab, Envelope row)\n", style="dim")
    return legend


def funding_chart(state: BoardState) -> Text:
    """The chart with its heading, bars and legend (£'000)."""
    scale = _scale(state)
    out = Text("\nBids against the envelope (£'000, stacked in priority order)\n", style="bold")
    for year in YEARS:
        out.append(f"  {YEAR_LABELS[year]:<14}")
        out.append_text(_bar(state, year, scale))
        out.append(_figures(state, year) + "\n")
    out.append_text(_legend(state))
    return out
