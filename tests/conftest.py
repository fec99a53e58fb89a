"""Shared fixtures: a fresh seeded store in a temporary folder for every test, the fixed day the
tests judge overdue marks on, the README, and an environment pinned before any test runs.

The environment: a user's settings must not change what the tests see. With NO_COLOR=1 set,
Textual renders without colour and every SVG snapshot failed; COLUMNS and LINES change the width
Rich and Textual use; TZ changes local times; BOARD_STORE and the XDG folders would point the
console and the `board` command at the user's own store, settings and logs.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from store import Repository

ROOT = Path(__file__).parents[1]
UNSET = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "BOARD_STORE")
USER_FOLDERS = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")
_pinned_home: list[str] = []  # the session's user folders, removed at the end


def pytest_configure(config: pytest.Config) -> None:
    """Pin the environment for the whole run, child processes (`board`, writers) included."""
    for name in [*UNSET, *(n for n in os.environ if n.startswith("TEXTUAL_"))]:
        os.environ.pop(name, None)
    home = tempfile.mkdtemp(prefix="board-tests-")
    _pinned_home.append(home)
    os.environ.update({name: os.path.join(home, name.lower()) for name in USER_FOLDERS})
    os.environ.update(TZ="UTC", TERM="xterm-256color")
    time.tzset()


def pytest_unconfigure(config: pytest.Config) -> None:
    for home in _pinned_home:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def today() -> dt.date:
    """The day the tests judge overdue marks on: the seed's marks as the board saw them on
    1 November 2004, so screens and snapshots do not change with the calendar."""
    return dt.date(2004, 11, 1)


@pytest.fixture
def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "board.json"


@pytest.fixture
def repo(store_path: Path) -> Repository:
    return Repository.open(store_path, who="tester@test")
