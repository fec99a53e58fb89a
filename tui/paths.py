"""Where the store lives: --store, else $BOARD_STORE, else board.json in the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path


def store_path(option: str | None) -> Path:
    if option:
        return Path(option).expanduser()
    env = os.environ.get("BOARD_STORE")
    if env:
        return Path(env).expanduser()
    import platformdirs  # only for the default path: ~7 ms of every scripted edit otherwise

    return Path(platformdirs.user_data_dir("board", appauthor=False)) / "board.json"


def log_path() -> Path:
    """Where an internal error's traceback goes: the user's log folder, never a shared one."""
    import platformdirs

    return Path(platformdirs.user_log_dir("board", appauthor=False)) / "board-error.log"
