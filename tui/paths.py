"""Where the store lives: --store, else $BOARD_STORE, else board.json in the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

from store import StoreDamaged


def store_path(option: str | None) -> Path:
    """The store's path; an empty or blank one is refused (it used to mean the default store,
    or a store named " ")."""
    if option is not None:
        return _given(option, "--store")
    env = os.environ.get("BOARD_STORE")
    if env:  # set but empty counts as unset, as for most variables
        return _given(env, "BOARD_STORE")
    import platformdirs  # only for the default path: ~7 ms of every scripted edit otherwise

    return Path(platformdirs.user_data_dir("board", appauthor=False)) / "board.json"


def _given(text: str, where: str) -> Path:
    if not text.strip():
        raise StoreDamaged(f"{where} is {text!r}: no store path given")
    return Path(text).expanduser()


def log_path() -> Path:
    """Where an internal error's traceback goes: the user's log folder, never a shared one."""
    import platformdirs

    return Path(platformdirs.user_log_dir("board", appauthor=False)) / "board-error.log"
