"""Where the store is: --store (before or after the command), else $BOARD_STORE, else
board.json in the user data folder."""

from __future__ import annotations

from pathlib import Path

from .conftest import clean_env, run_board


def test_store_option_before_and_after_the_command(tmp_path: Path) -> None:
    path, env = str(tmp_path / "mine.json"), clean_env(tmp_path)
    before = run_board("--store", path, "set", "bids", "2", "status", "approved", env=env)
    after = run_board("show", "bids", "--store", path, env=env)
    assert before.code == after.code == 0
    assert "✔ approved" in after.out


def test_the_option_wins_over_the_environment(tmp_path: Path) -> None:
    env = clean_env(tmp_path, BOARD_STORE=str(tmp_path / "env.json"))
    assert run_board("set", "bids", "2", "status", "approved", env=env).code == 0
    assert "✔ approved" in run_board("show", "bids", env=env).out
    assert (
        "✔ approved"
        not in run_board("show", "bids", "--store", str(tmp_path / "o.json"), env=env).out
    )
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["env.json", "o.json"]


def test_default_is_board_json_in_the_user_data_folder(tmp_path: Path) -> None:
    env = clean_env(tmp_path)  # XDG_DATA_HOME inside tmp_path, no $BOARD_STORE
    assert run_board("set", "bids", "2", "status", "approved", env=env).code == 0
    assert (tmp_path / "data" / "board" / "board.json").exists()
