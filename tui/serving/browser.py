"""What a console started for a browser tab knows about itself (read by `board`'s start-up).

`board serve` starts every tab's console with BROWSER_USER set: to the person a trusted proxy
named, or empty. Such a console records its edits as coming through the browser and keeps no
settings: the theme a member picks in a tab is not written to the server user's settings file.
"""

from __future__ import annotations

import os
from pathlib import Path

BROWSER_USER = (
    "BOARD_BROWSER_USER"  # set (maybe empty) only for a console that `board serve` started
)


def is_browser_console() -> bool:
    return BROWSER_USER in os.environ


def browser_who(server_user: str) -> str:
    """`alice (browser)` when a proxy named the person, else `root@vm (browser)`."""
    person = os.environ.get(BROWSER_USER, "").strip()
    return f"{person or server_user} (browser)"


def console_setup(settings_file: Path) -> tuple[str | None, Path | None]:
    """(who to record, settings file) for this console: the defaults unless a browser tab runs it."""
    if not is_browser_console():
        return None, settings_file
    from store import who_am_i

    return browser_who(who_am_i()), None
