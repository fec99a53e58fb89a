"""`board show [TABLE]`: the console's tables as plain text when piped, data printed literally."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest
from rich.console import Console

from store import Repository
from tui.commands.show import render

from .conftest import BOARD, Result, clean_env, run_board, seeded


@pytest.fixture(scope="module")
def shown(module_tmp: Path) -> Result:
    """`board show` of a store whose notes hold markup and an escape code."""
    repo = Repository.open(module_tmp / "board.json", who="tester@test")
    repo.set_field("components", "1", "note", "[bold]x[/] and [link=http://x]y")
    repo.set_field("recommendations", "3.2", "note", "\x1b[31mred")
    repo.set_field("implications", "2", "note", "\x1b]0;title\x07")
    return run_board("--store", str(repo.path), "show", env=clean_env(module_tmp))


def test_show_prints_every_table_with_the_consoles_columns(shown: Result) -> None:
    assert (shown.code, shown.err) == (0, "")
    for title in ("Components", "Capital bids (£'000)", "Implications", "Recommendations"):
        assert f"\n{title}" in shown.out
    for header in ("| #   | Title", "| Bid ", "| 2005/06 |", "| After 2007/08 |", "| Paragraphs"):
        assert header in shown.out
    assert "✔ complete" in shown.out and "○ pending" in shown.out


def test_piped_output_is_plain_text(shown: Result) -> None:
    assert "\x1b" not in shown.out and "\x07" not in shown.out
    assert all(line.isprintable() for line in shown.out.splitlines())  # no colour, no controls


def test_data_is_printed_as_typed(shown: Result) -> None:
    assert "[bold]x[/] and [link=http://x]y" in shown.out
    assert "␛[31mred" in shown.out  # the escape code is shown, not obeyed
    assert "␛]0;title␇" in shown.out


def test_totals_have_separators_and_a_rule_above_them(shown: Result) -> None:
    lines = shown.out.splitlines()
    [at] = [n for n, line in enumerate(lines) if line.startswith("|   | Total ")]
    assert lines[at].split("|")[3:8] == [
        "     770 ",
        "     350 ",
        "     110 ",
        "           490 ",
        " 1,720 ",
    ]
    assert lines[at - 1].startswith("|---+---")  # the totals row is set apart from the bids
    assert "Grand total (£'000): 1,720" in shown.out


def test_show_one_table(module_tmp: Path) -> None:
    result = run_board(
        "show",
        "recommendations",
        env=clean_env(module_tmp, BOARD_STORE=str(module_tmp / "board.json")),
    )
    assert result.code == 0
    assert "Recommendations" in result.out and "3.2" in result.out
    assert "Components" not in result.out and "Grand total" not in result.out


def test_in_a_terminal_a_heavy_rule_sets_the_totals_apart(module_tmp: Path) -> None:
    """In process: a subprocess has no terminal, and the terminal's box style differs."""
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system=None, width=160)
    render(Repository.open(module_tmp / "board.json"), ["bids"], console)
    lines = out.getvalue().splitlines()
    [at] = [n for n, line in enumerate(lines) if line.strip().startswith("Total ")]
    assert set(lines[at - 1].strip()) == {"━"} and "1,720" in lines[at]


@pytest.mark.parametrize("command", [["show"], ["show", "bids"], ["history"], ["check"]])
def test_a_reader_that_went_away_is_not_an_error(tmp_path: Path, command: list[str]) -> None:
    """`board show | head`: once the reader has gone, stop quietly with status 0."""
    store = seeded(tmp_path / "board.json", edits=3)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        done = subprocess.run(
            [BOARD, "--store", str(store), *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=clean_env(tmp_path),
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr.decode()) == (0, "")


def test_piped_rows_are_one_line_each_so_grep_finds_them(tmp_path: Path) -> None:
    """A long title, and a note with line breaks and a tab, stay on their record's line
    (Rich wrapped the title at 44 characters: `grep "records management"` found nothing)."""
    repo = Repository.open(tmp_path / "board.json", who="tester@test")
    repo.set_field("bids", "2", "note", "first line\nsecond\tline " + "long " * 100)
    result = run_board("--store", str(repo.path), "show", "bids", env=clean_env(tmp_path))
    assert result.code == 0
    [title] = [ln for ln in result.out.splitlines() if "records management" in ln]
    assert title.startswith("| 1 | Corporate electronic document and records management system")
    [note] = [ln for ln in result.out.splitlines() if "first line" in ln]
    assert note.startswith("| 2 | Local Area Network") and "first line␊second␉line long" in note
    widths = {len(ln) for ln in result.out.splitlines() if ln.startswith(("|", "+"))}
    assert len(widths) == 1  # every row, rule and border the same width


def test_piped_show_keeps_each_record_on_one_line_so_grep_finds_it(shown: Result) -> None:
    found = [line for line in shown.out.splitlines() if "records management" in line]
    assert len(found) == 1
    assert "Corporate electronic document and records management system" in found[0]
    assert "350" in found[0] and "○ proposed" in found[0]  # the whole record on that line


def test_a_narrow_columns_cuts_text_with_an_ellipsis_but_never_a_number(
    module_tmp: Path,
) -> None:
    Repository.open(module_tmp / "narrow.json", who="tester@test")
    result = run_board(
        "--store",
        str(module_tmp / "narrow.json"),
        "show",
        "bids",
        env=clean_env(module_tmp, COLUMNS="80"),
    )
    bid_1 = next(line for line in result.out.splitlines() if line.startswith("| 1 "))
    assert "Corporate elect…" in bid_1 and "records management" not in bid_1
    assert "| After 2007/08 |" in result.out and "| 1,720 |" in result.out
    assert "○ proposed" in bid_1
