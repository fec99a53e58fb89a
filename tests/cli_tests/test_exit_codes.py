"""User-made damage is one `board:` line and exit 2, never exit 3 ("internal error"); an edit
that was saved never reports failure."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from store import Repository

from .conftest import BOARD, Files, clean_env, run_board, seeded

Data = dict[str, Any]


def report(key: str, value: Any) -> Callable[[Data], None]:
    return lambda data: data["report"]["1"].__setitem__(key, value)


def meta(key: str, value: Any) -> Callable[[Data], None]:
    return lambda data: data["_meta"]["1"].__setitem__(key, value)


def changed(value: Any) -> Callable[[Data], None]:
    return lambda data: data["bids"]["1"].__setitem__("_changed", value)


DAMAGE = {
    "report title a number": (report("title", 5), "report: title is 5, not text"),
    "decision status a list": (report("decision_status", [1]), "decision_status is [1], not an"),
    "history_rev 'x'": (meta("history_rev", "x"), "_meta history_rev is 'x', not a whole"),
    "revision above 2**63": (meta("revision", 2**63 + 1), "_meta revision is 92233720368547758"),
    "_changed a list": (changed([1]), "bids 1: _changed is [1], not an object"),
    "_changed stamp a number": (changed({"note": 5}), "_changed note: 5 is not [revision"),
}
COMMANDS = [
    ["show"],
    ["check"],
    ["set", "bids", "1", "note", "x"],
    ["export", "--format", "md", "-o", "-"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_value_is_one_line_and_exit_2(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    path = seeded(tmp_path / "board.json")
    damage, message = DAMAGE[kind]
    data = json.loads(path.read_text(encoding="utf-8"))
    damage(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    before = Files.of(path)
    result = run_board("--store", str(path), *command, env=clean_env(tmp_path))
    assert (result.code, result.out) == (2, ""), result
    assert result.err.startswith(f"board: {path}: ") and message in result.err
    assert result.err.count("\n") == 1
    assert Files.of(path) == before


def test_check_refuses_a_second_meta_record(tmp_path: Path) -> None:
    path = seeded(tmp_path / "board.json")
    raw = path.read_text(encoding="utf-8")
    extra = json.dumps({"1": {"schema_version": 1, "revision": 0}})
    path.write_text('{"_meta": ' + extra + ", " + raw[1:], encoding="utf-8")
    result = run_board("--store", str(path), "check", env=clean_env(tmp_path))
    assert result.code == 2
    assert result.err == f"board: {path}: the key '_meta' appears twice in one object\n"


def test_check_finds_a_bid_given_twice_among_many(tmp_path: Path) -> None:
    """A second bid "7" deep in a large bids table: the reader keeps one silently."""
    path = seeded(tmp_path / "board.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    bid = data["bids"]["1"]
    data["bids"] = {str(n): {**bid, "id": n} for n in range(1, 3001)}
    raw = json.dumps(data).replace('"7": {', '"7": {"id": 7}, "7": {', 1)
    path.write_text(raw, encoding="utf-8")
    result = run_board("--store", str(path), "check", env=clean_env(tmp_path))
    assert result.code == 2
    assert result.err == f"board: {path}: the key '7' appears twice in one object\n"


def test_an_argument_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    path = seeded(tmp_path / "board.json")
    before = Files.of(path)
    done = subprocess.run(
        [str(BOARD), "--store", str(path), "set", "bids", "1", "note", b"caf\xe9"],
        capture_output=True,
        env=clean_env(tmp_path),
        timeout=60,
    )
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr == b"board: argument 7 (caf\\xe9) is not valid UTF-8 text\n"
    assert Files.of(path) == before


def test_an_edit_saved_with_stdout_full_exits_0_and_says_so(tmp_path: Path) -> None:
    path = seeded(tmp_path / "board.json")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [str(BOARD), "--store", str(path), "set", "bids", "1", "note", "kept"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=clean_env(tmp_path),
            timeout=60,
        )
    assert done.returncode == 0
    assert done.stderr == (
        "board: saved (revision 2), but the confirmation could not be printed "
        "(No space left on device)\n"
    )
    assert Repository.open(path).state().bids[0].note == "kept"


def test_an_edit_on_an_ascii_terminal_is_saved_and_confirmed(tmp_path: Path) -> None:
    path = seeded(tmp_path / "board.json")
    env = clean_env(tmp_path, PYTHONIOENCODING="ascii")
    result = run_board("--store", str(path), "set", "bids", "1", "note", "kept", env=env)
    assert (result.code, result.out, result.err) == (0, "bids 1 note: \\u2014 \\u2192 kept\n", "")


def test_a_part_number_with_a_leading_zero_is_the_same_field(tmp_path: Path) -> None:
    path = seeded(tmp_path / "board.json")
    env = clean_env(tmp_path)
    result = run_board(
        "--store", str(path), "set", "components", "5", "part04.status", "complete", env=env
    )
    assert result.out == "components 5 part4.status: under development → complete\n"
    [entry] = Repository.open(path).history(1)
    assert entry.field == "part4.status"


def test_an_id_with_blanks_is_trimmed(tmp_path: Path) -> None:
    path = seeded(tmp_path / "board.json")
    result = run_board(
        "--store", str(path), "set", "bids", " 2 ", "note", "x", env=clean_env(tmp_path)
    )
    assert result.out == "bids 2 note: — → x\n"
    assert Repository.open(path).history(1)[0].record == "2"


@pytest.mark.parametrize("command", [["show"], ["set", "bids", "1", "note", "closed"], ["--help"]])
def test_a_closed_standard_output_is_one_line_and_nothing_done(
    tmp_path: Path, command: list[str]
) -> None:
    """`board set ... >&-` (fd 1 closed, not /dev/null): Python has no stdout at all."""
    path = seeded(tmp_path / "board.json")
    before = Files.of(path)
    done = subprocess.run(
        ["sh", "-c", 'exec "$0" "$@" >&-', str(BOARD), "--store", str(path), *command],
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(tmp_path),
        timeout=60,
    )
    assert done.returncode == 2
    assert (
        done.stderr
        == "board: the standard output is closed; nothing was done (>/dev/null discards it)\n"
    )
    assert Files.of(path) == before
