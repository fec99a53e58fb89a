"""bids.xlsx: the spreadsheet finance opens, with live formulas.

The Bids sheet lists the bids in priority order with numeric amounts; each bid's total is
`=SUM()` of its years, and below the bids come the per-year totals (`=SUM()` down each column),
the funding envelope and an over/under formula (bids minus envelope). Money is formatted `#,##0`
(£'000), the header row is frozen, and the funding line is a thick rule above the first bid below
it (with `within`/`below the line` in its own column). Every formula carries its computed value
too, so a viewer that does not recalculate still shows the right figures.

Text from the store is always written as a string cell (`write_string`): a title reading
`=HYPERLINK(...)` is text, never a formula; control characters are shown as visible symbols, as
in the Markdown and HTML. Written with XlsxWriter (write-only, no dependencies).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from ..display import visible
from ..model import YEARS, Bid, BoardState
from .snapshot import Export, year_label

HEADERS = ("Priority", "#", "Bid", *(year_label(y) for y in YEARS), "Total")
HEADERS += ("Status", "Funding", "Within envelope", "Note")
FIRST_YEAR = 3  # column of the first year (0-based: D)
TOTAL = FIRST_YEAR + len(YEARS)  # the Total column (H)
WIDTHS = (8, 5, 48, 10, 10, 10, 13, 10, 14, 20, 16, 48)


def _formats(book: xlsxwriter.Workbook) -> dict[str, Any]:
    money = {"num_format": "#,##0"}
    line = {"top": 5, "top_color": "#C00000"}  # the funding line: a thick red rule
    return {
        "head": book.add_format({"bold": True, "bg_color": "#E8E8E8", "bottom": 1}),
        "money": book.add_format(money),
        "money_bold": book.add_format({**money, "bold": True, "top": 1}),
        "text": book.add_format({}),
        "bold": book.add_format({"bold": True, "top": 1}),
        "line_money": book.add_format({**money, **line}),
        "line_text": book.add_format(line),
    }


def _cell(row: int, col: int) -> str:
    return str(xl_rowcol_to_cell(row, col))


def _sum_across(row: int) -> str:
    return f"=SUM({_cell(row, FIRST_YEAR)}:{_cell(row, TOTAL - 1)})"


def _bid_row(sheet: Worksheet, row: int, bid: Bid, state: BoardState, fmt: dict[str, Any]) -> None:
    below = state.within_envelope(bid.id) is False
    first_below = below and (row == 1 or state.within_envelope(_previous(state, bid)) is True)
    text = fmt["line_text"] if first_below else fmt["text"]
    money = fmt["line_money"] if first_below else fmt["money"]
    sheet.write_number(row, 0, state.priority(bid.id), text)
    sheet.write_number(row, 1, bid.id, text)
    sheet.write_string(row, 2, visible(bid.title), text)
    for n, year in enumerate(YEARS):
        sheet.write_number(row, FIRST_YEAR + n, bid.amounts[year], money)
    sheet.write_formula(row, TOTAL, _sum_across(row), money, bid.total)
    sheet.write_string(row, TOTAL + 1, bid.status.value, text)
    sheet.write_string(row, TOTAL + 2, bid.funding.value, text)
    sheet.write_string(row, TOTAL + 3, _line_word(state.within_envelope(bid.id)), text)
    sheet.write_string(row, TOTAL + 4, visible(bid.note), text)


def _previous(state: BoardState, bid: Bid) -> int:
    return state.by_priority[state.priority(bid.id) - 2].id


def _line_word(within: bool | None) -> str:
    return "" if within is None else "within" if within else "below the line"


def _sums(sheet: Worksheet, row: int, last: int, state: BoardState, fmt: dict[str, Any]) -> None:
    """The totals row: `=SUM()` down each year and the total column."""
    sheet.write_string(row, 2, "Total", fmt["bold"])
    totals = state.year_totals()
    values = [totals[y] for y in YEARS] + [state.grand_total]
    for n, value in enumerate(values):
        col = FIRST_YEAR + n
        formula = f"=SUM({_cell(1, col)}:{_cell(last, col)})" if last >= 1 else "=0"
        sheet.write_formula(row, col, formula, fmt["money_bold"], value)


def _envelope(sheet: Worksheet, row: int, state: BoardState, fmt: dict[str, Any]) -> None:
    """The envelope row (blank where a year has none) and the over/under formula below it.
    Row by row: in constant_memory mode a row is final once a later one is written."""
    sheet.write_string(row, 2, "Funding envelope", fmt["text"])
    columns = [(FIRST_YEAR + n, year) for n, year in enumerate(YEARS)]
    for col, year in columns:
        if year in state.envelope:
            sheet.write_number(row, col, state.envelope[year], fmt["money"])
    sheet.write_string(row + 1, 2, "Over/under (bids minus envelope)", fmt["text"])
    over = state.oversubscription()
    for col, year in columns:
        total, cap = _cell(row - 1, col), _cell(row, col)
        formula = f'=IF({cap}="","",{total}-{cap})'
        sheet.write_formula(row + 1, col, formula, fmt["money"], over.get(year, ""))


def bids_sheet(book: xlsxwriter.Workbook, export: Export) -> None:
    state = export.state
    fmt = _formats(book)
    sheet = book.add_worksheet("Bids")
    for col, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True)):
        sheet.write_string(0, col, header, fmt["head"])
        sheet.set_column(col, col, width)
    for row, bid in enumerate(state.by_priority, start=1):
        _bid_row(sheet, row, bid, state, fmt)
    last = len(state.bids)
    _sums(sheet, last + 1, last, state, fmt)
    _envelope(sheet, last + 2, state, fmt)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(last, 1), len(HEADERS) - 1)
    about = f"£'000 · store revision {state.revision} · exported at {export.exported_at}"
    sheet.write_string(last + 5, 2, about, fmt["text"])


def render_bytes(export: Export) -> bytes:
    """The workbook as bytes: the same store and export time give the same bytes."""
    out = io.BytesIO()
    # constant_memory: each row goes to a temporary file as soon as the next one starts (rows are
    # written top to bottom), instead of every cell and a shared-strings table held to the end:
    # at 100,000 bids with long notes that table alone was about the store's size.
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    book.set_properties(
        {"title": visible(str(export.state.report.get("title", ""))), "created": _at(export)}
    )
    bids_sheet(book, export)
    book.close()
    return out.getvalue()


def _at(export: Export) -> dt.datetime:
    try:
        return dt.datetime.strptime(export.exported_at, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return dt.datetime(2000, 1, 1)
