"""`board envelope`, `board reprofile`, `board import bids` and `board set bids N priority` as a
user runs them: one line per change, and bad input is one line, exit 2, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import Repository

from .conftest import Files, seeded

HEADER = "id,title,2005/06,2006/07,2007/08,After 2007/08,total,status,funding,note\n"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return seeded(tmp_path / "board.json")


def test_envelope_prints_bids_envelope_and_over_under_per_year(board, store: Path) -> None:  # type: ignore[no-untyped-def]
    done = board("--store", str(store), "envelope", "2005/06", "700")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0] == "envelope 2005/06 amount: — → 700"
    [row] = [line for line in lines if "2005/06" in line and "|" in line]
    assert row.split("|")[1:5] == [" 2005/06       ", "  770 ", "      700 ", "    70 over "]
    assert Repository.open(store).state().envelope == {"2005/06": 700}
    cleared = board("--store", str(store), "envelope", "2005/06", "none")
    assert cleared.out.splitlines()[0] == "envelope 2005/06 amount: 700 → —"
    assert Repository.open(store).state().envelope == {}


def test_set_priority_prints_every_bid_it_renumbered(board, store: Path) -> None:  # type: ignore[no-untyped-def]
    done = board("--store", str(store), "set", "bids", "4", "priority", "1")
    assert done.code == 0, done.err
    assert done.out.splitlines() == [
        "bids 4 priority: 4 → 1",
        "bids 1 priority: 1 → 2",
        "bids 2 priority: 2 → 3",
        "bids 3 priority: 3 → 4",
    ]


def test_reprofile_moves_money_between_years(board, store: Path) -> None:  # type: ignore[no-untyped-def]
    done = board("--store", str(store), "reprofile", "1", "2005/06", "2006/07", "100")
    assert done.out.splitlines() == ["bids 1 2005/06: 350 → 250", "bids 1 2006/07: 250 → 350"]
    assert Repository.open(store).state().bids[0].total == 600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("envelope", "2005/06", "-5"), "envelope: '-5' is not a whole non-negative number"),
        (("envelope", "2005/06", "1.5"), "envelope: '1.5' is not a whole"),
        (("envelope", "2009/10", "5"), "unknown year '2009/10'"),
        (("envelope", "2005/06"), "give the year and the amount"),
        (("set", "bids", "4", "priority", "0"), "a whole number from 1"),
        (("set", "bids", "4", "priority", "6"), "priority 6 is outside 1 to 5"),
        (("reprofile", "1", "2005/06", "2005/06", "10"), "not 2005/06 to itself"),
        (("reprofile", "1", "2005/06", "after", "351"), "holds 350 in 2005/06"),
        (("reprofile", "1", "2005/06", "2010/11", "1"), "unknown year"),
        (("reprofile", "1", "2005/06", "after", "2.5"), "not a whole non-negative"),
        (("import", "bids", "missing.csv"), "missing.csv: No such file"),
        (("import", "components", "x.csv"), "invalid choice"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_changed(  # type: ignore[no-untyped-def]
    board, store: Path, args: tuple[str, ...], message: str
) -> None:
    before = Files.of(store)
    done = board("--store", str(store), *args)
    assert (done.code, done.out) == (2, "")
    assert done.err.startswith("board: ") and done.err.count("\n") == 1
    assert message in done.err
    assert Files.of(store) == before


def test_import_reads_a_spreadsheet_with_a_byte_order_mark(  # type: ignore[no-untyped-def]
    board, store: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "finance.csv"
    sheet.write_bytes("\ufeffid,2005/06,status\n2,120,approved\n".encode())  # only some columns
    done = board("--store", str(store), "import", "bids", str(sheet))
    assert done.code == 0, done.err
    assert done.out.splitlines() == [
        "bids 2 2005/06: 100 → 120",
        "bids 2 status: proposed → approved",
        "imported finance.csv: 2 change(s)",
    ]


def test_a_refused_import_names_line_and_column_and_changes_nothing(  # type: ignore[no-untyped-def]
    board, store: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "finance.csv"
    sheet.write_text(HEADER + "2,LAN,120,100,100,0,,,,\n3,Phones,0,0,ten,0,,,,\n", "utf-8")
    before = Files.of(store)
    done = board("--store", str(store), "import", "bids", str(sheet))
    assert done.code == 2
    assert done.err.startswith("board: line 3, column 2007/08: 'ten' is not a whole")
    assert Files.of(store) == before


def test_a_file_in_another_encoding_is_refused(board, store: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "latin.csv"
    sheet.write_bytes((HEADER + "2,Café,1,0,0,0,,,,\n").encode("cp1252"))
    before = Files.of(store)
    done = board("--store", str(store), "import", "bids", str(sheet))
    assert done.code == 2 and "not UTF-8 text" in done.err
    assert Files.of(store) == before


def test_show_has_the_funding_and_priority_columns_and_the_envelope(board, store: Path) -> None:  # type: ignore[no-untyped-def]
    board("--store", str(store), "set", "bids", "2", "funding", "Prudential Borrowing")
    board("--store", str(store), "envelope", "2005/06", "700")
    shown = board("--store", str(store), "show", "bids").out
    header = next(line for line in shown.splitlines() if "| Bid" in line)
    assert [c.strip() for c in header.split("|")][8:11] == ["Status", "Funding", "Priority"]
    row = next(line for line in shown.splitlines() if line.startswith("| 2 "))
    assert "prudential borrowing" in row and "2 · within" in row
    assert shown.rstrip().endswith("Envelope 2005/06: 700 (bids 770, 70 over)")
