"""`board set TABLE ID FIELD VALUE`: every editable field, one confirmation line, history like
a console edit (user@host), and the done-when check on the bids totals."""

from __future__ import annotations

import getpass
import socket
from pathlib import Path

import pytest

from store import TABLES, Repository, field_names

from .conftest import Files, clean_env, run_board

# (table, id, field as typed, value as typed, the confirmation line `board set` prints)
EDITS = [
    ("components", "2", "title", "Core Systems Strategy v2", "components 2 title: Core Systems Strategy → Core Systems Strategy v2"),
    ("components", "2", "status", "Under Review", "components 2 status: under development → under review"),
    ("components", "2", "target", "mid-dec 2004", "components 2 target: end-Oct 2004 → mid-Dec 2004"),
    ("components", "2", "owner", "Head of ICT", "components 2 owner: — → Head of ICT"),
    ("components", "2", "note", "[bold]x[/]", "components 2 note: — → [bold]x[/]"),
    ("components", "5", "part4.title", "IEG 4 (final)", "components 5 part4.title: IEG 4 → IEG 4 (final)"),
    ("components", "5", "part4.status", "complete", "components 5 part4.status: under development → complete"),
    ("components", "5", "part4.target", "end-Nov 2004", "components 5 part4.target: mid-Nov 2004 → end-Nov 2004"),
    ("bids", "1", "title", "EDRMS", "bids 1 title: Corporate electronic document and records management system → EDRMS"),
    ("bids", "1", "2005/06", "400", "bids 1 2005/06: 350 → 400"),
    ("bids", "1", "2006/07", "1,250", "bids 1 2006/07: 250 → 1,250"),
    ("bids", "3", "2007/08", "0", "bids 3 2007/08: 10 → 0"),
    ("bids", "3", "after", "500", "bids 3 after: 490 → 500"),
    ("bids", "2", "status", "approved", "bids 2 status: proposed → approved"),
    ("bids", "2", "funding", "prudential borrowing", "bids 2 funding: capital → prudential borrowing"),
    ("bids", "2", "note", "-see the minutes", "bids 2 note: — → -see the minutes"),
    ("implications", "1", "title", "Equal Opportunities", "implications 1 name: Equal Opportunities Policy → Equal Opportunities"),
    ("implications", "1", "applies", "y", "implications 1 applies: N → Y"),
    ("implications", "1", "paragraphs", "4.1", "implications 1 paragraphs: - → 4.1"),
    ("implications", "1", "note", "see legal", "implications 1 note: — → see legal"),
    ("recommendations", "3.1", "text", "Endorse it.", "recommendations 3.1 text: Endorse the corporate ICT / e-Modernising Leicester Strategic Framework. → Endorse it."),
    ("recommendations", "3.1", "decision", "not agreed", "recommendations 3.1 decision: pending → not agreed"),
    ("recommendations", "3.2", "note", "\x1b[31mred\nnext", "recommendations 3.2 note: — → ␛[31mred␊next"),
]  # fmt: skip


@pytest.fixture(scope="module")
def store(module_tmp: Path) -> Path:
    return module_tmp / "board.json"


def set_args(table: str, record: str, field: str, value: str) -> list[str]:
    # A VALUE that starts with "-" (but is not a number) goes after "--", as `board set --help` says.
    return [table, record, field, *(["--"] if value.startswith("-") else []), value]


def test_every_editable_field_is_covered() -> None:
    covered = {(t, f.replace("part4.", "partN.")) for t, _, f, _, _ in EDITS}
    covered |= {("implications", "name")}  # typed as its alias, `title`
    covered |= {("bids", "priority")}  # renumbers others too: test_money_cli.py
    rows = {("actions", field) for field in field_names("actions")}  # tests/cli_tests/test_actions
    assert covered | rows >= {(table, field) for table in TABLES for field in field_names(table)}


@pytest.mark.parametrize(
    ("table", "record", "field", "value", "line"), EDITS, ids=[e[4][:40] for e in EDITS]
)
def test_set_changes_one_field_and_says_so(
    store: Path, module_tmp: Path, table: str, record: str, field: str, value: str, line: str
) -> None:
    args = set_args(table, record, field, value)
    result = run_board("--store", str(store), "set", *args, env=clean_env(module_tmp))
    assert (result.code, result.err, result.out) == (0, "", line + "\n")
    [entry] = Repository.open(store).history(limit=1)
    author = f"{getpass.getuser()}@{socket.gethostname()}"  # as the console records it
    assert (entry.table, entry.record, entry.who) == (table, record, author)
    assert entry.field == line.split(":")[0].split(" ")[2]  # canonical: `title` -> `name`


def test_a_negative_number_value_reaches_the_store_check(board, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = board("--store", str(tmp_path / "b.json"), "set", "bids", "1", "2005/06", "-5")
    assert result.code == 2 and "'-5' is not a whole non-negative number" in result.err


def test_the_same_value_again_is_no_change(board, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "b.json"
    Repository.open(path)
    before = Files.of(path)
    result = board("--store", str(path), "set", "bids", "1", "2005/06", "350")
    assert (result.code, result.out) == (0, "bids 1 2005/06: 350 (unchanged)\n")
    assert Files.of(path) == before


def test_done_when_the_2005_06_total_is_820_and_all_bids_1770(board, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = str(tmp_path / "b.json")
    assert board("--store", store, "set", "bids", "1", "2005/06", "400").code == 0
    shown = board("--store", store, "show", "bids").out
    [totals] = [row for row in shown.splitlines() if row.startswith("|   | Total ")]
    assert totals.split("|")[3:8] == [
        "     820 ",
        "     350 ",
        "     110 ",
        "           490 ",
        " 1,770 ",
    ]
    assert "Grand total (£'000): 1,770" in shown
