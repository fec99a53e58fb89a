"""A one-shot command ends as soon as its output is out (`tui.cli.script`): every byte of that
output still arrives, its exit status is the command's, and a command that leaves something to
wind down (an exit handler) still ends through Python's ordinary exit.

Python's teardown is visible with PYTHONVERBOSE=1: it reports each module it removes
("# cleanup[2] removing ...") on stderr.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
from pathlib import Path

from store import Repository
from tui.cli import main

from .conftest import BOARD, clean_env, run_board, seeded

TEARDOWN = "# cleanup["


def _verbose(tmp_path: Path) -> dict[str, str]:
    return clean_env(tmp_path, PYTHONVERBOSE="1")


def test_a_scripted_edit_is_saved_and_confirmed_without_the_teardown(tmp_path: Path) -> None:
    store = seeded(tmp_path / "board.json")
    done = run_board(
        "--store", str(store), "set", "bids", "1", "2005/06", "400", env=_verbose(tmp_path)
    )
    assert (done.code, done.out) == (0, "bids 1 2005/06: 350 → 400\n")
    assert TEARDOWN not in done.err
    assert Repository.open(store).state().bids[0].amounts["2005/06"] == 400


def test_a_refused_edit_keeps_its_exit_status_and_message(tmp_path: Path) -> None:
    store = seeded(tmp_path / "board.json")
    before = store.read_bytes()
    done = run_board("--store", str(store), "set", "bids", "9", "note", "x", env=_verbose(tmp_path))
    assert done.code == 2
    assert "board: no bids record '9'; ids are: 1, 2, 3, 4, 5" in done.err
    assert TEARDOWN not in done.err
    assert store.read_bytes() == before


def test_output_larger_than_a_pipe_arrives_whole(tmp_path: Path) -> None:
    """200 KB through a pipe (64 KB buffer): the last of it is still in Python's buffer when
    the command is done, and is flushed before the process ends."""
    store = seeded(tmp_path / "board.json")
    repo = Repository.open(store)
    for n in range(110):
        repo.add("bids", {"title": f"Bid {n}", "note": f"{n} " + "long note " * 190})
    expected = io.StringIO()
    with contextlib.redirect_stdout(expected):
        assert main(["--store", str(store), "show"]) == 0
    done = subprocess.run(
        [BOARD, "--store", str(store), "show"],
        capture_output=True,
        env=_verbose(tmp_path),
        timeout=60,
    )
    assert done.returncode == 0
    assert len(done.stdout) > 200_000
    assert done.stdout.decode() == expected.getvalue()
    assert TEARDOWN not in done.stderr.decode()


def test_a_command_with_an_exit_handler_ends_the_ordinary_way(tmp_path: Path) -> None:
    """The SVG export runs the console headless (Textual, and with it an exit handler)."""
    store = seeded(tmp_path / "board.json")
    svg = tmp_path / "board.svg"
    done = run_board(
        "--store", str(store), "export", "--format", "svg", "-o", str(svg), env=_verbose(tmp_path)
    )
    assert done.code == 0
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert TEARDOWN in done.err
