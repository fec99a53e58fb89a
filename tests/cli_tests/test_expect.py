"""`board set ... --expect OLD` and `board get`: scripts that increment at once lose nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import BOARD, Files, clean_env, run_board, seeded

# The README's loop, with its pause before trying again.
LOOP = """\
for n in $(seq {count}); do
  until old=$("$BOARD" get bids 1 2005/06) &&
        "$BOARD" set bids 1 2005/06 $((old + 1)) --expect "$old" 2>/dev/null; do
    sleep 0.$((RANDOM % 5))
  done
done
"""


@pytest.mark.parametrize("writers", [3, 5, 8])
def test_scripts_incrementing_with_expect_lose_no_increment(tmp_path: Path, writers: int) -> None:
    path = seeded(tmp_path / "board.json")
    start = int(
        run_board("--store", str(path), "get", "bids", "1", "2005/06", env=clean_env(tmp_path)).out
    )
    env = clean_env(tmp_path, BOARD=str(BOARD), BOARD_STORE=str(path))
    count = 2 if writers <= 3 else 1  # each try is two processes (~0.2 s each on 2 cores)
    procs = [
        subprocess.Popen(
            ["bash", "-c", LOOP.format(count=count)], env=env, stdout=subprocess.DEVNULL
        )
        for _ in range(writers)
    ]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    got = run_board("--store", str(path), "get", "bids", "1", "2005/06", env=clean_env(tmp_path))
    assert int(got.out) == start + writers * count
    checked = run_board("--store", str(path), "check", env=clean_env(tmp_path))
    assert checked.code == 0, checked


def test_expect_refuses_naming_the_value_who_and_when(tmp_path: Path) -> None:
    path = seeded(tmp_path / "board.json")
    env = clean_env(tmp_path)
    assert run_board("--store", str(path), "set", "bids", "1", "2005/06", "400", env=env).code == 0
    before = Files.of(path)
    refused = run_board(
        "--store", str(path), "set", "bids", "1", "2005/06", "410", "--expect", "399", env=env
    )
    assert refused.code == 2 and refused.out == ""
    assert refused.err.startswith("board: bids 1 2005/06 holds '400', not '399' (set by ")
    assert " UTC); not saved\n" in refused.err
    assert Files.of(path) == before
    saved = run_board(
        "--store", str(path), "set", "bids", "1", "2005/06", "410", "--expect", "400", env=env
    )
    assert (saved.code, saved.out) == (0, "bids 1 2005/06: 400 → 410\n")


def test_get_prints_the_stored_value_and_never_creates_a_store(tmp_path: Path) -> None:
    path = seeded(tmp_path / "board.json")
    env = clean_env(tmp_path)
    assert (
        run_board("--store", str(path), "get", "components", "1", "note", env=env).out == "edit 1\n"
    )
    missing = run_board("--store", str(tmp_path / "nope.json"), "get", "bids", "1", "note", env=env)
    assert missing.code == 2 and not (tmp_path / "nope.json").exists()
