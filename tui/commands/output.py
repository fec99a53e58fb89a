"""The Rich console the subcommands print with."""

from __future__ import annotations

from typing import Any

from rich.console import Console


class _PipeConsole(Console):
    """Rich answers a closed pipe (`board show | head`) with SystemExit(1); a reader that has
    read enough is not a failure, so hand the BrokenPipeError to `tui.cli.main` (exit 0)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def board_console(**options: Any) -> Console:
    return _PipeConsole(highlight=False, **options)
