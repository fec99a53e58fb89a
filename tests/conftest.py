"""Shared fixtures: a fresh seeded store in a temporary folder for every test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from store import Repository

# Tests see the seed's overdue marks as the board did on the day after the meeting would not:
# a fixed "today" keeps screens and snapshots stable.
TODAY = dt.date(2004, 11, 1)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "board.json"


@pytest.fixture
def repo(store_path: Path) -> Repository:
    return Repository.open(store_path, who="tester@test")
