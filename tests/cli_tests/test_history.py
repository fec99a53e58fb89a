"""`board history [--limit N] [--json]`: changes newest first, as text or JSON Lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from store import Repository

from .conftest import clean_env, run_board


@pytest.fixture(scope="module")
def store(module_tmp: Path) -> Path:
    repo = Repository.open(module_tmp / "board.json", who="alice@host1")
    repo.set_field("bids", "1", "2005/06", "400")
    repo.set_field("components", "2", "status", "under review")
    repo.set_field("components", "1", "note", "\x1b[31m[bold]x[/]")
    return repo.path


def history(store: Path, *args: str) -> list[str]:
    result = run_board("history", "--store", str(store), *args, env=clean_env(store.parent))
    assert (result.code, result.err) == (0, "")
    return result.out.splitlines()


def test_history_lists_changes_newest_first(store: Path) -> None:
    lines = history(store)
    assert [line.split("  ", 2)[1:] for line in lines] == [
        ["alice@host1", "components 1 note: — → ␛[31m[bold]x[/]"],
        ["alice@host1", "components 2 status: under development → under review"],
        ["alice@host1", "bids 1 2005/06: 350 → 400"],
    ]
    # when, in the local zone with its name: 25 Nov 2026 18:40 GMT
    assert re.match(r"\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d [A-Z]{2,5}  ", lines[0])


def test_limit_and_json(store: Path) -> None:
    [line] = history(store, "--limit", "1", "--json")
    entry = json.loads(line)
    assert entry["who"] == "alice@host1" and entry["revision"] == 3
    assert (entry["table"], entry["record"], entry["field"]) == ("components", "1", "note")
    assert (entry["old"], entry["new"], entry["action"]) == ("", "\x1b[31m[bold]x[/]", "set")
    assert [json.loads(x)["revision"] for x in history(store, "--json")] == [3, 2, 1]


def test_a_new_store_has_no_changes_yet(tmp_path: Path) -> None:
    result = run_board("history", env=clean_env(tmp_path, BOARD_STORE=str(tmp_path / "b.json")))
    assert (result.code, result.out) == (0, "No changes yet.\n")


def test_money_is_shown_with_thousands_separators(tmp_path: Path) -> None:
    """The same rule as the History tab (tui_tests/test_display_rules): `1,250`, never `1250`."""
    Repository.open(tmp_path / "board.json").set_field("bids", "1", "2005/06", "1250")
    [line] = history(tmp_path / "board.json")
    assert line.endswith("bids 1 2005/06: 350 → 1,250")
