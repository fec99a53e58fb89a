"""The Bids tab's rows: the bids (in the report's or the priority order, with the funding line and
running totals), their totals, the envelope and the over/under; and its columns.

No textual import here (`board show` uses them).
"""

from __future__ import annotations

from functools import lru_cache, partial
from operator import itemgetter

from rich.text import Text

from store import (
    YEAR_LABELS,
    YEARS,
    Bid,
    BidStatus,
    BoardState,
    FundingRoute,
    money,
    over_under,
    priority_label,
    status_label,
    visible,
)

from .cells import STATUS_STYLES, Column, Row, styled

BID_COLUMNS: tuple[Column, ...] = (
    Column("#", kind="key"),
    Column("Bid", "title"),
    *(Column(YEAR_LABELS[y], y, numeric=True) for y in YEARS),
    Column("Total", numeric=True),
    Column("Status", "status", kind="status"),
    Column("Funding", "funding", kind="status"),
    Column("Priority", "priority", kind="key"),
    Column("Note", "note"),
)


def priority_columns(state: BoardState) -> tuple[Column, ...]:
    """The Bids columns in priority order: each year's cell also shows the running total, wide
    enough for the year's total twice (no bid asks more than all of them)."""
    totals = state.year_totals()
    return tuple(
        Column(f"{c.label} (Σ)", c.field, c.numeric, _running_width(c.label, totals[c.field]))
        if c.field in YEARS
        else c
        for c in BID_COLUMNS
    )


def _running_width(label: str, total: int) -> int:
    return max(len(label) + 4, 2 * len(money(total)) + 3)


_BID_STYLES = ("", "", "", "", "", "", "bold")
_MONEY_CELLS = len(YEARS) + 1  # the years and the total, right-aligned
# Rows that are not a bid: worked out from the bids, or the envelope (enter on a year sets it).
TOTAL, ENVELOPE, OVER, LINE = "total", "envelope", "over", "line"
LINE_TEXT = "━━━━━ funding line: bids above fit ━━━━━"  # fits the Bid column (44)


# Amounts repeat across bids: format each once (lru_cache is C code, ~4x cheaper than the f-string).
_money = lru_cache(maxsize=65_536)(money)
# Per status: its label and the row's styles, instead of enum `.value` and two lookups per row.
_BID_STATUS = {
    s: (status_label(s.value), (*_BID_STYLES, STATUS_STYLES.get(s.value, ""), "", "", ""))
    for s in BidStatus
}
_FUNDING = {f: f.value for f in FundingRoute}  # an enum's `.value` is a property: ~2 ms a tab
_AMOUNTS = itemgetter(*YEARS)  # a bid's amounts in year order, in one C call


def _bid_row(b: Bid, place: str, running: tuple[int, ...] | None = None) -> Row:
    label, styles = _BID_STATUS[b.status]
    amounts = _AMOUNTS(b.amounts)
    key = str(b.id)
    texts = (
        key,
        visible(b.title),
        *map(_money, amounts),
        _money(sum(amounts)),  # = b.total
        label,
        _FUNDING[b.funding],
        place,
        visible(b.note),
    )
    if running is not None:
        return Row(key, key, texts, partial(_running_cells, texts, styles, running))
    return Row(key, key, texts, partial(styled, texts, styles, _MONEY_CELLS))


# The last bid rows by (Bid object, place): the store reuses the objects of bids stored unchanged,
# so a live refresh builds rows for the changed bids only. Holding each Bid keeps its id() unique.
_LAST_BID_ROWS: dict[int, tuple[Bid, str, Row]] = {}


def clear_row_cache() -> None:
    """Forget the rows kept for reuse (the benchmarks time a cold tab)."""
    _LAST_BID_ROWS.clear()


def bid_rows(state: BoardState, by_priority: bool = False) -> list[Row]:
    """The bids (in id order, or in priority order with running totals and the funding line),
    then the totals, the envelope and, where one is set, the over/under per year."""
    rows = _priority_rows(state) if by_priority else _id_order_rows(state)
    return [*rows, *money_rows(state)]


def _id_order_rows(state: BoardState) -> list[Row]:
    global _LAST_BID_ROWS
    last, now = _LAST_BID_ROWS, {}
    rank, within = state.priority, state.within_envelope
    for b in state.bids:
        place = priority_label(rank(b.id), within(b.id))
        hit = last.get(id(b))
        fresh = hit is not None and hit[0] is b and hit[1] == place
        now[id(b)] = hit if fresh and hit is not None else (b, place, _bid_row(b, place))
    _LAST_BID_ROWS = now
    return [row for _, _, row in now.values()]


def _priority_rows(state: BoardState) -> list[Row]:
    """Priority order: each year's amount with the running total down to that bid, and the
    funding line above the first bid below it."""
    ordered, within = state.by_priority, state.within_count
    running = zip(*(state.running[y] for y in YEARS), strict=True)
    rows = []
    for n, (b, totals) in enumerate(zip(ordered, running, strict=True)):
        if n == within:
            rows.append(_line_row())
        place = priority_label(n + 1, None if within is None else n < within)
        rows.append(_bid_row(b, place, totals))
    return rows


def _running_cells(
    texts: tuple[str, ...], styles: tuple[str, ...], running: tuple[int, ...]
) -> tuple[Text, ...]:
    """A priority-order row's cells: `350 (700)`, the amount and the running total, per year.

    Only drawn rows build them: the row's `texts` keep the amounts alone (40,000 such cells at
    10,000 bids took ~60 ms), so the Bids table gives these columns a width of their own
    (`priority_columns`) and redraws its cells on every refresh in this view.
    """
    years = [f"{t} ({_money(r)})" for t, r in zip(texts[2:], running, strict=False)]
    return styled((*texts[:2], *years, *texts[2 + len(running) :]), styles, _MONEY_CELLS)


def _line_row() -> Row:
    texts = ("", LINE_TEXT, *[""] * (len(BID_COLUMNS) - 2))
    styles = ("", "bold red", *[""] * (len(texts) - 2))
    return Row(LINE, "", texts, partial(styled, texts, styles))


def money_rows(state: BoardState) -> list[Row]:
    """Totals; the envelope (— where a year has none); over/under (bids minus envelope)."""
    totals = state.year_totals()
    grand = sum(totals.values())  # = state.grand_total, without summing every bid again
    rows = [_summary_row(TOTAL, "Total", [money(totals[y]) for y in YEARS], money(grand), "bold")]
    env = state.envelope
    caps = [money(env[y]) if y in env else "—" for y in YEARS]
    rows.append(_summary_row(ENVELOPE, "Envelope", caps, money(sum(env.values())) if env else ""))
    if env:
        over = state.oversubscription()
        rows.append(_summary_row(OVER, "Over/under", [over_under(over.get(y)) for y in YEARS], ""))
    return rows


def _summary_row(key: str, label: str, years: list[str], total: str, style: str = "") -> Row:
    blank = [""] * (len(BID_COLUMNS) - 3 - len(years))
    texts = ("", label, *years, total, *blank)
    styles = ("", *[style] * (len(YEARS) + 2), *[""] * len(blank))
    return Row(key, "", texts, partial(styled, texts, styles, _MONEY_CELLS))
