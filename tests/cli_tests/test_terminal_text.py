"""Hostile text (escape codes, C1 controls, bidi overrides) is shown as marks everywhere but JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Repository

from .conftest import clean_env, run_board

# ESC ] 0 ; title BEL retitles a terminal; CSI (U+009B) is ESC [ in one byte; U+202E reverses
# what follows; U+2066 opens an isolate; CR returns to the line's start.
HOSTILE = "a\x1b]0;pwned\x07b\x9b31mc\u202e0521\u2066d\re"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\r")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "board.json"
    repo = Repository.open(path, who="tester@test")
    repo.set_field("components", "1", "note", HOSTILE)
    repo.set_field("bids", "1", "title", HOSTILE)
    return path


COMMANDS = {
    "show": ["show"],
    "history": ["history"],
    "md": ["export", "--format", "md"],
    "html": ["export", "--format", "html"],
    "csv": ["export", "--format", "csv"],
}


@pytest.mark.parametrize("name", COMMANDS)
def test_no_raw_control_or_bidi_character_reaches_the_output(
    hostile: Path, tmp_path: Path, name: str
) -> None:
    result = run_board("--store", str(hostile), *COMMANDS[name], env=clean_env(tmp_path))
    assert result.code == 0, result
    assert not [c for c in RAW if c in result.out.replace("\r\n", "\n")]
    assert "␛" in result.out and "␇" in result.out and "⟨U+009B⟩" in result.out
    assert "⟨U+202E⟩" in result.out and "⟨U+2066" in result.out  # `show` may cut the cell


def test_a_refusal_naming_the_value_shows_it_as_marks(hostile: Path, tmp_path: Path) -> None:
    value = "x\u202e\x1b[2J"
    result = run_board(
        "--store", str(hostile), "set", "bids", "1", "status", value, env=clean_env(tmp_path)
    )
    assert result.code == 2 and "x\\u202e\\x1b[2J" in result.err  # the refusal quotes it escaped
    assert "\x1b" not in result.err and "\u202e" not in result.err


def test_json_keeps_the_data_exact(hostile: Path, tmp_path: Path) -> None:
    result = run_board(
        "--store", str(hostile), "export", "--format", "json", env=clean_env(tmp_path)
    )
    data = json.loads(result.out)
    assert data["components"][0]["note"] == HOSTILE
