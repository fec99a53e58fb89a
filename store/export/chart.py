"""Each year's bids against its envelope as an SVG bar chart inline in HTML (no script, no network;
no xmlns either: HTML puts <svg> in its namespace itself, and the page names no URL).

One horizontal bar per financial year, stacked by bid in priority order (each segment numbered
with its bid and titled for a hover), the envelope as a dashed rule with its amount, and the
year's total with its over/under at the end. Every text is escaped, its control and bidi
characters made visible (display.visible) as in every other format; colours come with numbers and
a legend, so the chart reads in grey print too.
"""

from __future__ import annotations

from html import escape

from ..display import money, visible
from ..model import YEAR_LABELS, YEARS, BoardState

WIDTH, LEFT, BAR, ROW = 760, 104, 470, 34
# Distinct in colour and in lightness (grey print): cycled by priority.
FILLS = ("#1f4e79", "#9dc3e6", "#c55a11", "#f4b183", "#548235", "#a9d18e", "#7f6000", "#ffd966")
DARK = {"#1f4e79", "#c55a11", "#548235", "#7f6000"}
MAX_SEGMENTS = 40  # beyond this a year's smaller bids are drawn as one "others" segment


def _scale(state: BoardState) -> float:
    top = max([*state.year_totals().values(), *state.envelope.values(), 1])
    return BAR / top


def _segments(state: BoardState, year: str) -> list[tuple[int | None, int]]:
    """(bid id or None for "others", amount) in priority order, zero amounts left out."""
    asks = [(b.id, b.amounts[year]) for b in state.by_priority if b.amounts[year]]
    if len(asks) <= MAX_SEGMENTS:
        return list(asks)
    head = asks[: MAX_SEGMENTS - 1]
    return [*head, (None, sum(a for _, a in asks[MAX_SEGMENTS - 1 :]))]


def _bar(state: BoardState, year: str, y: int, scale: float) -> list[str]:
    out, x = [], float(LEFT)
    titles = {b.id: visible(b.title) for b in state.bids}
    for bid, amount in _segments(state, year):
        w = amount * scale
        fill = FILLS[(state.priority(bid) - 1) % len(FILLS)] if bid else "#bfbfbf"
        name = f"bid {bid}: {titles[bid]}" if bid else "other bids"
        out.append(
            f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="20" fill="{fill}" '
            f'stroke="#fff" stroke-width="0.5"><title>{escape(name)} — {money(amount)}</title></rect>'
        )
        if bid and w >= 18:
            ink = "#fff" if fill in DARK else "#000"
            out.append(
                f'<text x="{x + w / 2:.1f}" y="{y + 14}" fill="{ink}" text-anchor="middle">{bid}</text>'
            )
        x += w
    return out


def _envelope(state: BoardState, year: str, y: int, scale: float) -> list[str]:
    if year not in state.envelope:
        return []
    x = LEFT + state.envelope[year] * scale
    return [
        f'<line x1="{x:.1f}" y1="{y - 4}" x2="{x:.1f}" y2="{y + 24}" stroke="#c00000" '
        'stroke-width="2" stroke-dasharray="4 2"/>'
    ]


def _label(state: BoardState, year: str, y: int) -> list[str]:
    total = state.year_totals()[year]
    text = money(total)
    if year in state.envelope:
        over = total - state.envelope[year]
        text += f" of {money(state.envelope[year])} ({money(abs(over))} {'over' if over > 0 else 'under'})"
    return [
        f'<text x="0" y="{y + 14}">{escape(YEAR_LABELS[year])}</text>',
        f'<text x="{LEFT + BAR + 8}" y="{y + 14}">{escape(text)}</text>',
    ]


def _legend(state: BoardState, y: int) -> list[str]:
    out = []
    for n, bid in enumerate(state.by_priority[:MAX_SEGMENTS]):
        row_y = y + n * 18
        fill = FILLS[n % len(FILLS)]
        out.append(f'<rect x="0" y="{row_y}" width="12" height="12" fill="{fill}"/>')
        out.append(f'<text x="18" y="{row_y + 10}">{bid.id}  {escape(visible(bid.title))}</text>')
    return out


def bars_svg(state: BoardState) -> str:
    """The chart as one `<svg>` element (£'000), every text escaped."""
    scale = _scale(state)
    body: list[str] = []
    for n, year in enumerate(YEARS):
        y = 10 + n * ROW
        body += [*_bar(state, year, y, scale), *_envelope(state, year, y, scale)]
        body += _label(state, year, y)
    legend_y = 20 + len(YEARS) * ROW
    body += _legend(state, legend_y)
    shown = min(len(state.bids), MAX_SEGMENTS)
    height = legend_y + shown * 18 + 10
    key = "dashed red rule = funding envelope" if state.envelope else "no envelope set"
    head = (
        f'<svg width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" font-family="Arial, sans-serif" '
        f'font-size="11"><title>{escape(f"Bids against the envelope per year (£000; {key})")}'
        "</title>"
    )
    return "\n".join([head, *body, "</svg>"])
