"""What the subcommands print with: plain lines, and a Rich console for tables in a terminal.

Rich is imported only by `board_console` (~65 ms): a one-line confirmation does not need it.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from store import Repository, visible

if TYPE_CHECKING:
    from rich.console import Console


def print_warnings(repo: Repository) -> None:
    """What the store skipped while reading (damaged history lines), one `board:` line each."""
    for warning in repo.take_warnings():
        print(f"board: {visible(warning)}", file=sys.stderr)


def print_saved(text: str, revision: int) -> int:
    """The confirmation of an edit that is already saved: a stdout that cannot take it (/dev/full,
    a closed pipe) is said on stderr, and the exit is still 0, never "internal error"."""
    try:
        print(text)
        sys.stdout.flush()
    except OSError as err:
        quiet_stdout()
        print(
            f"board: saved (revision {revision}), but the confirmation could not be printed "
            f"({err.strerror or err})",
            file=sys.stderr,
        )
    return 0


def quiet_stdout() -> None:
    """Send what is left for stdout to /dev/null, so Python's exit flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def board_console(**options: Any) -> Console:
    from rich.console import Console

    class _PipeConsole(Console):
        """Rich answers a closed pipe (`board show | head`) with SystemExit(1); a reader that has
        read enough is not a failure, so hand the BrokenPipeError to `tui.cli.main` (exit 0)."""

        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _PipeConsole(highlight=False, **options)
