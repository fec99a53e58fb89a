"""bids.xlsx as finance opens it (read back with openpyxl): numeric amounts, live =SUM() totals,
the envelope and an over/under formula, #,##0, a frozen header, priority order, the funding line."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from store import Repository, planning, prepare
from store.export import xlsx

AT = "2004-10-18T18:00:00Z"

TODAY = dt.date(2004, 11, 1)  # as the `today` fixture: a fixed day for the overdue marks


def sheet(repo: Repository):  # type: ignore[no-untyped-def]
    data = xlsx.render_bytes(prepare(repo, today=TODAY, exported_at=AT))
    return openpyxl.load_workbook(io.BytesIO(data))["Bids"]


@pytest.fixture
def board(repo: Repository) -> Repository:
    repo.apply(planning.envelope(repo.state(), "2005/06", "700"))
    repo.set_field("bids", "4", "priority", "1")
    return repo


def test_bids_in_priority_order_with_numbers_and_a_sum_per_bid(board: Repository) -> None:
    ws = sheet(board)
    assert [c.value for c in ws[1]][:8] == [
        "Priority", "#", "Bid", "2005/06", "2006/07", "2007/08", "After 2007/08", "Total"
    ]  # fmt: skip
    assert [ws.cell(r, 2).value for r in range(2, 7)] == [4, 1, 2, 3, 5]
    assert [ws.cell(3, c).value for c in range(4, 8)] == [350, 250, 0, 0]
    assert ws["H3"].value == "=SUM(D3:G3)"
    assert ws["D3"].number_format == "#,##0" and ws["H3"].number_format == "#,##0"
    assert ws.freeze_panes == "A2"


def test_totals_envelope_and_over_under_are_formulas(board: Repository) -> None:
    ws = sheet(board)
    assert [ws.cell(7, c).value for c in range(3, 9)] == [
        "Total", "=SUM(D2:D6)", "=SUM(E2:E6)", "=SUM(F2:F6)", "=SUM(G2:G6)", "=SUM(H2:H6)"
    ]  # fmt: skip
    assert (ws["C8"].value, ws["D8"].value, ws["E8"].value) == ("Funding envelope", 700, None)
    assert ws["D9"].value == '=IF(D8="","",D7-D8)'


def test_the_funding_line_is_marked_above_the_first_bid_below_it(board: Repository) -> None:
    ws = sheet(board)
    assert [ws.cell(r, 11).value for r in range(2, 7)] == ["within"] * 4 + ["below the line"]
    assert ws["C6"].border.top.style == "thick"
    assert ws["C5"].border.top.style is None


def test_formula_like_text_stays_text_and_control_characters_show(repo: Repository) -> None:
    repo.set_field("bids", "1", "title", '=HYPERLINK("http://x","y")')
    repo.set_field("bids", "2", "note", "\x1b[31mred\x07")
    ws = sheet(repo)
    assert ws["C2"].value == '=HYPERLINK("http://x","y")' and ws["C2"].data_type == "s"
    assert ws["L3"].value == "␛[31mred␇"


def test_cached_values_let_a_viewer_that_does_not_recalculate_show_the_totals(
    board: Repository,
) -> None:
    data = xlsx.render_bytes(prepare(board, today=TODAY, exported_at=AT))
    ws = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Bids"]
    assert [ws.cell(7, c).value for c in range(4, 9)] == [770, 350, 110, 490, 1720]
    assert ws["D9"].value == 70
