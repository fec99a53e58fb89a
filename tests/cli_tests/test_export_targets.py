"""An export never destroys a store: no symlinks, no store files, no devices but /dev/null."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from store import history_path

from .conftest import Files, clean_env, run_board, seeded


def export(path: Path, *args: str, cwd_env: Path) -> tuple[int, str, str]:
    result = run_board("--store", str(path), "export", *args, env=clean_env(cwd_env))
    return result.code, result.out, result.err


def test_all_through_a_symlink_onto_the_store_is_refused(tmp_path: Path) -> None:
    path = seeded(tmp_path / "board.json")
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "snapshot.json").symlink_to("../board.json")
    before = Files.of(path)
    code, out, err = export(path, "--all", str(exports), "--force", cwd_env=tmp_path)
    assert (code, out) == (2, "")
    assert (
        err
        == f"board: {exports / 'snapshot.json'} is a symlink; an export never writes through one\n"
    )
    assert Files.of(path) == before
    assert [p.name for p in exports.iterdir()] == ["snapshot.json"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("name", ["board.json", "board.json.history.jsonl", "board.json.lock"])
def test_one_format_onto_a_file_of_the_store_is_refused_even_forced(
    tmp_path: Path, name: str
) -> None:
    path = seeded(tmp_path / "board.json")
    before = Files.of(path)
    code, _, err = export(
        path, "--format", "json", "-o", str(tmp_path / name), "--force", cwd_env=tmp_path
    )
    assert code == 2 and "is a file of a board store; an export never replaces one" in err
    assert Files.of(path) == before and not (tmp_path / "board.json.lock").exists()


def test_another_board_store_is_recognised_by_its_content(tmp_path: Path) -> None:
    path = seeded(tmp_path / "board.json")
    other = seeded(tmp_path / "minutes.json")
    raw = other.read_bytes()
    code, _, err = export(path, "--format", "json", "-o", str(other), "--force", cwd_env=tmp_path)
    assert (code, err) == (2, f"board: {other} is a board store; an export never replaces one\n")
    assert other.read_bytes() == raw and history_path(other).exists()


def test_a_dangling_symlink_is_never_written_through(tmp_path: Path) -> None:
    path = seeded(tmp_path / "board.json")
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    code, _, err = export(path, "--format", "md", "-o", str(link), cwd_env=tmp_path)
    assert code == 2 and "is a symlink" in err
    assert not (tmp_path / "elsewhere.md").exists()


def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    path = seeded(tmp_path / "board.json")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    code, _, err = export(path, "--format", "md", "-o", str(fifo), cwd_env=tmp_path)
    assert code == 2 and "is a FIFO (named pipe); an export writes regular files" in err


def block_device() -> Path | None:
    for entry in sorted(Path("/dev").iterdir()):
        try:
            if stat.S_ISBLK(entry.lstat().st_mode):
                return entry
        except OSError:
            continue
    return None


def test_a_block_device_is_refused(tmp_path: Path) -> None:
    device = block_device()
    if device is None:
        pytest.skip("no block device on this machine")
    path = seeded(tmp_path / "board.json")
    code, _, err = export(path, "--format", "md", "-o", str(device), "--force", cwd_env=tmp_path)
    assert code == 2 and "is a block device; an export writes regular files" in err


@pytest.mark.parametrize("target", [os.devnull, "-", "/dev/stdout"])
def test_dev_null_and_stdout_stay_allowed(tmp_path: Path, target: str) -> None:
    path = seeded(tmp_path / "board.json")
    code, out, err = export(path, "--format", "md", "-o", target, cwd_env=tmp_path)
    assert (code, err) == (0, "")
    assert (out == "") == (target == os.devnull)
