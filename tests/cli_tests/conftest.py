"""Run the installed `board` command in a subprocess, as a user or a script would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from store import Repository, history_path

# The venv's own `board`, next to the interpreter running the tests, else the one on PATH.
BOARD = shutil.which("board", path=str(Path(sys.executable).parent)) or shutil.which("board")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


@dataclass(frozen=True)
class Files:
    """The store and its history as bytes (None when the file does not exist)."""

    store: bytes | None
    history: bytes | None

    @classmethod
    def of(cls, path: Path) -> Files:
        hist = history_path(path)
        return cls(
            path.read_bytes() if path.exists() else None,
            hist.read_bytes() if hist.exists() else None,
        )


def clean_env(tmp: Path, **extra: str) -> dict[str, str]:
    """No $BOARD_STORE or $COLUMNS from the caller; the user data folder inside `tmp`."""
    env = {k: v for k, v in os.environ.items() if k not in ("BOARD_STORE", "COLUMNS")}
    env.update(XDG_DATA_HOME=str(tmp / "data"), HOME=str(tmp / "home"), **extra)
    return env


def run_board(*args: str, env: dict[str, str], timeout: float = 60) -> Result:
    assert BOARD, "the `board` command is not installed (pip install -e .)"
    done = subprocess.run(
        [BOARD, *args], capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout
    )
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def module_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli")


@pytest.fixture
def board(tmp_path: Path):  # type: ignore[no-untyped-def]
    """`board(*args)` in a clean environment whose user data folder is inside tmp_path."""
    env = clean_env(tmp_path)
    return lambda *args: run_board(*args, env=env)


def seeded(path: Path, edits: int = 1) -> Path:
    """A store with the report's data and `edits` recorded changes (so a history file exists)."""
    repo = Repository.open(path, who="tester@test")
    for n in range(edits):
        repo.set_field("components", "1", "note", f"edit {n + 1}")
    return path


@pytest.fixture
def board_on_store(tmp_path: Path, store_path: Path):  # type: ignore[no-untyped-def]
    """`board_on_store(*args)`: `board --store STORE args...` in a clean environment."""
    env = clean_env(tmp_path)
    return lambda *args: run_board("--store", str(store_path), *args, env=env)
