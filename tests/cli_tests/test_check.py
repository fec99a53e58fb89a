"""`board check`: ok with a summary and exit 0, or one line naming the file and the problem."""

from __future__ import annotations

from pathlib import Path

from store import Repository, history_path

from .conftest import Files, clean_env, run_board


def test_a_good_store_is_ok(tmp_path: Path) -> None:
    path = tmp_path / "board.json"
    Repository.open(path, who="alice@host1").set_field("bids", "1", "status", "approved")
    before = Files.of(path)
    result = run_board("check", "--store", str(path), env=clean_env(tmp_path))
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(f"ok: {path} (revision 1, last changed ")
    head = Repository.open(path).state().history_head[:16]
    assert result.out.endswith(
        f" UTC by alice@host1; history head {head}; "
        "8 components, 5 bids, 5 implications, 2 recommendations)\n"
    )
    assert Files.of(path) == before


def test_check_never_creates_a_store(tmp_path: Path) -> None:
    path = tmp_path / "typo.json"
    result = run_board("check", env=clean_env(tmp_path, BOARD_STORE=str(path)))
    assert (result.code, result.out, result.err) == (2, "", f"board: {path}: no store there\n")
    assert not path.exists()


def test_lost_history_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "board.json"
    Repository.open(path).set_field("bids", "1", "status", "approved")
    history_path(path).unlink()
    before = Files.of(path)
    result = run_board("--store", str(path), "check", env=clean_env(tmp_path))
    assert result.code == 2 and result.out == ""
    assert result.err == (
        f"board: {history_path(path)}: missing; the store recorded 1 changes in it\n"
    )
    assert Files.of(path) == before
