"""The `board` command. Subcommands stay thin: they parse, call store/, and print.

Every user mistake is one line on stderr and exit 2; an internal error says where its log is.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import traceback
from importlib.metadata import version
from pathlib import Path

from store import BoardError

from .paths import store_path

COMMANDS = ("show", "history", "serve")


def _store_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--store",
        metavar="PATH",
        default=default,
        help="the JSON store (default: $BOARD_STORE, else board.json in the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="board",
        description="Programme Board Console: run the console, or script the store.",
    )
    parser.add_argument(
        "--version", action="version", version=f"board {version('programme-board-console')}"
    )
    _store_option(parser, None)
    parser.add_argument(
        "--read-only", action="store_true", help="open the console without allowing edits"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"tui.commands.{name}")
        command = module.add_parser(sub)
        _store_option(command, argparse.SUPPRESS)
        command.set_defaults(run=module.run)
    return parser


def _run_console(args: argparse.Namespace) -> int:
    from store import Repository

    repo = Repository.open(store_path(args.store), read_only=args.read_only)
    from .app import BoardApp

    BoardApp(repo).run()
    return 0


def _log_crash() -> Path:
    log = Path(tempfile.gettempdir()) / "board-error.log"
    log.write_text(traceback.format_exc(), encoding="utf-8")
    return log


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            return _run_console(args)
        return int(args.run(args) or 0)
    except BoardError as err:
        print(f"board: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # noqa: BLE001 - the last line of defence: no traceback for users
        log = _log_crash()
        print(
            f"board: internal error ({type(err).__name__}: {err}); details in {log}",
            file=sys.stderr,
        )
        return 3
