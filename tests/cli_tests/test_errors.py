"""The error contract: one `board: ` line on stderr naming the bad value and what is allowed,
exit 2, no traceback, and the store and its history byte-for-byte unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import history_path

from .conftest import Files, Result, clean_env, run_board, seeded


def assert_refused(result: Result, *fragments: str) -> None:
    assert result.code == 2, result
    assert result.out == ""
    assert result.err.startswith("board: ")
    assert result.err.count("\n") == 1 and result.err.endswith("\n"), result.err
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err


@pytest.fixture(scope="module")
def store(module_tmp: Path) -> Path:
    return seeded(module_tmp / "board.json")


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["bid", "1", "2005/06", "400"], ["'bid'", "components, bids, implications"]),
        (["bids", "9", "2005/06", "400"], ["'9'", "ids are: 1, 2, 3, 4, 5"]),
        (["recommendations", "3.3", "decision", "agreed"], ["'3.3'", "3.1, 3.2"]),
        (["bids", "1", "2005", "400"], ["'2005'", "2005/06, 2006/07, 2007/08, after"]),
        (["components", "1", "budget", "x"], ["'budget'", "partN.status"]),
        (["components", "1", "status", "done"], ["'done'", "not started, under development"]),
        (["recommendations", "3.1", "decision", "yes"], ["'yes'", "pending, agreed"]),
        (["bids", "1", "2005/06", "abc"], ["'abc'", "whole non-negative number"]),
        (["bids", "1", "2005/06", "-5"], ["'-5'", "whole non-negative number"]),
        (["bids", "1", "after", "1.5"], ["'1.5'", "whole non-negative number"]),
        (["bids", "1", "2006/07", "1" * 25], ["1" * 25, "outside 0 to 10,000,000"]),
        (["bids", "1", "2005/06", "9" * 5000], ["5000 digits", "outside 0 to 10,000,000"]),
        (["bids", "1", "title", ""], ["bids 1 title", "cannot be empty"]),
        (["bids", "1", "status", ""], ["''", "proposed, recommended"]),
        (["components", "5", "part9.status", "complete"], ["part 9", "4 parts"]),
        (["components", "2", "target", "soon"], ["'soon'", "end-Oct 2004"]),
    ],
    ids=lambda v: " ".join(v)[:40] if isinstance(v, list) else None,
)
def test_a_refused_edit_is_one_line_and_changes_nothing(
    store: Path, module_tmp: Path, args: list[str], fragments: list[str]
) -> None:
    before = Files.of(store)
    result = run_board("--store", str(store), "set", *args, env=clean_env(module_tmp))
    assert_refused(result, *fragments)
    assert Files.of(store) == before


def test_a_refused_value_does_not_create_a_missing_store(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    result = run_board(
        "set", "bids", "1", "2005/06", "abc", env=clean_env(tmp_path, BOARD_STORE=str(path))
    )
    assert_refused(result, "'abc'")
    assert Files.of(path) == Files(None, None)


def _damage(path: Path, how: str) -> None:
    if how == "not JSON":
        path.write_bytes(b'{"components": {"1": {"title": "E-Mod')
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    if how == "bad value":
        data["bids"]["1"]["amounts"]["2005/06"] = -5
    elif how == "newer schema":
        data["_meta"]["1"]["schema_version"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")


DAMAGE = {
    "not JSON": "not valid JSON",
    "bad value": "bids 1: 2005/06: -5 is outside 0",
    "newer schema": "newer version (schema 99",
}
# Every command opens the store the same way: each damage is tried on the writer and on check;
# the reading commands once each, on the first damage (see test_a_reading_command_...).
COMMANDS = [["set", "bids", "1", "2005/06", "400"], ["check"]]


@pytest.fixture(scope="module", params=list(DAMAGE))
def damaged(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, str]:
    """A store with history, then damaged one way; returns it and the words naming the damage."""
    path = seeded(tmp_path_factory.mktemp("damaged") / "board.json")
    _damage(path, request.param)
    return path, DAMAGE[request.param]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_damaged_store_is_refused_untouched(
    damaged: tuple[Path, str], command: list[str]
) -> None:
    path, reason = damaged
    before = Files.of(path)
    result = run_board("--store", str(path), *command, env=clean_env(path.parent))
    assert_refused(result, str(path), reason)
    assert Files.of(path) == before


@pytest.mark.parametrize("command", ["show", "history"])
def test_a_reading_command_refuses_a_damaged_store_untouched(tmp_path: Path, command: str) -> None:
    path = seeded(tmp_path / "board.json")
    _damage(path, "not JSON")
    before = Files.of(path)
    result = run_board("--store", str(path), command, env=clean_env(tmp_path))
    assert_refused(result, str(path), DAMAGE["not JSON"])
    assert Files.of(path) == before


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["sett"], "invalid choice: 'sett'"),
        (["show", "nosuch"], "invalid choice: 'nosuch'"),
        (["set", "bids", "1", "note"], "required: VALUE"),
        (["history", "--limit", "0"], "'0' is not a whole number"),
        (["--frobnicate"], "unrecognized arguments: --frobnicate"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_a_usage_mistake_is_one_line_with_the_usage(
    store: Path, module_tmp: Path, args: list[str], fragment: str
) -> None:
    before = Files.of(store)
    result = run_board("--store", str(store), *args, env=clean_env(module_tmp))
    assert_refused(result, fragment, "; usage: board")
    assert Files.of(store) == before


def test_a_folder_given_as_the_store_is_one_line(tmp_path: Path) -> None:
    result = run_board("--store", str(tmp_path), "show", env=clean_env(tmp_path))
    assert_refused(result, str(tmp_path), "is a folder, not a store file")


def test_an_internal_error_says_where_its_log_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In process: no user action can cause one, so a command is made to fail."""
    import tui.commands.show
    from tui.cli import main

    def fail(args: object) -> int:
        raise RuntimeError("boom\nagain")

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr(tui.commands.show, "run", fail)
    assert main(["show"]) == 3
    log = tmp_path / "board" / "log" / "board-error.log"
    assert capsys.readouterr().err == (
        f"board: internal error (RuntimeError: boom␊again); details in {log}\n"
    )
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_read_only_refuses_set(store: Path, module_tmp: Path) -> None:
    before = Files.of(store)
    args = ["--read-only", "--store", str(store), "set", "bids", "1", "2005/06", "400"]
    assert_refused(run_board(*args, env=clean_env(module_tmp)), str(store), "read-only")
    assert Files.of(store) == before


def damaged_history(path: Path, bad: bytes) -> Path:
    """Two recorded changes with `bad` between them."""
    seeded(path, edits=2)
    lines = history_path(path).read_bytes().splitlines(keepends=True)
    lines.insert(2, bad)
    history_path(path).write_bytes(b"".join(lines))
    return path


@pytest.mark.parametrize("bad", [b'{"rev": "x"}\n', b'{"rev": 1, "table": "bids"}\n'])
def test_a_damaged_history_line_is_skipped_by_history_and_named_by_check(
    tmp_path: Path, bad: bytes
) -> None:
    path = damaged_history(tmp_path / "board.json", bad)
    before = Files.of(path)
    shown = run_board("--store", str(path), "history", env=clean_env(tmp_path))
    assert shown.code == 0 and len(shown.out.splitlines()) == 2
    assert shown.err == (
        f"board: {history_path(path)}: 1 damaged history line(s) skipped; run `board check`\n"
    )
    checked = run_board("--store", str(path), "check", env=clean_env(tmp_path))
    assert_refused(checked, f"{history_path(path)}: line 3 has no chain hash")
    assert Files.of(path) == before
