"""The Rich console the subcommands print with."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console

from store import Repository, visible


class _PipeConsole(Console):
    """Rich answers a closed pipe (`board show | head`) with SystemExit(1); a reader that has
    read enough is not a failure, so hand the BrokenPipeError to `tui.cli.main` (exit 0)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def print_warnings(repo: Repository) -> None:
    """What the store skipped while reading (damaged history lines), one `board:` line each."""
    for warning in repo.take_warnings():
        print(f"board: {visible(warning)}", file=sys.stderr)


def board_console(**options: Any) -> Console:
    return _PipeConsole(highlight=False, **options)
