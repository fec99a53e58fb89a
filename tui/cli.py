"""The `board` command. Subcommands stay thin: they parse, call store/, and print.

Every user mistake is one line on stderr and exit 2; an internal error says where its log is.
Start-up is most of a scripted edit's cost: `board --help` imports argparse and nothing of the
store, and a command imports only its own module (which imports what it uses).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import gc
import importlib
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

from .commands import SUMMARIES

_OUTPUT_ERRORS = {errno.ENOSPC, errno.EIO, errno.EBADF, errno.EFBIG, errno.EDQUOT}
COMMANDS = tuple(SUMMARIES)
MODULES = {"import": "import_bids"}  # `import` is a Python keyword


@functools.cache
def _sized(formatter: type[argparse.HelpFormatter]) -> type[argparse.HelpFormatter]:
    """`formatter` with argparse's own width, the terminal's measured with `os.get_terminal_size`:
    argparse's `import shutil` for it (with bz2, lzma and fnmatch) was ~5 ms of every command,
    as `add_argument` makes a formatter to check each argument (`board set` 5.7 ms, 40 runs)."""

    class Sized(formatter):  # type: ignore[valid-type,misc]
        def __init__(
            self, prog: str, indent_increment: int = 2, max_help_position: int = 24
        ) -> None:
            super().__init__(prog, indent_increment, max_help_position, width=_columns() - 2)

    return Sized


def _columns() -> int:
    """`shutil.get_terminal_size().columns`: $COLUMNS, else the terminal's width, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class BoardParser(argparse.ArgumentParser):
    """argparse with a usage mistake as one line (the message, then the usage) and exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["formatter_class"] = _sized(kwargs.get("formatter_class", argparse.HelpFormatter))
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        usage = " ".join(self.format_usage().split()[1:])  # drop "usage:", join wrapped lines
        self.exit(2, f"board: {message}; usage: {usage}\n")


class _Version(argparse.Action):
    """`--version`, looked up only when asked: importlib.metadata costs every run ~30 ms."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from importlib.metadata import version

        print(f"board {version('programme-board-console')}")
        parser.exit()


def _store_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--store",
        metavar="PATH",
        default=default,
        help="the JSON store (default: $BOARD_STORE, else board.json in the user data folder)",
    )


def build_parser(commands: Iterable[str] = COMMANDS) -> argparse.ArgumentParser:
    """The whole parser for `commands`; every other command is only its name and summary."""
    parser = BoardParser(
        prog="board",
        description="Programme Board Console: run the console, or script the store.",
    )
    parser.add_argument("--version", action=_Version)
    _store_option(parser, None)
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="allow no edits (the console's keys, and `board set`)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    full = set(commands)
    for name, summary in SUMMARIES.items():
        if name not in full:  # a stand-in: takes anything, until its command is the one run
            sub.add_parser(name, help=summary, add_help=False)
            continue
        module = importlib.import_module(f"tui.commands.{MODULES.get(name, name)}")
        command = module.add_parser(sub)
        _store_option(command, argparse.SUPPRESS)
        command.set_defaults(run=module.run)
    return parser


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Find the command with stand-ins for all of them, then parse with that command's parser."""
    named, _rest = build_parser(()).parse_known_args(argv)
    return build_parser([named.command] if named.command else ()).parse_args(argv)


@contextlib.contextmanager
def _collector_off() -> Iterator[None]:
    """Imports with the cyclic collector off, their survivors frozen out of later collections.

    Imports build long-lived objects (classes, functions, the seed's records): ~100,000 for a
    scripted edit, whose collections freed nothing and cost it ~10 ms, a third of its start-up
    beyond Python's own. The console's (Textual's too): 1,169 -> 1,152 M instructions to `Ready`.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _parse_quietly(argv: list[str] | None) -> argparse.Namespace:
    """`parse_args`, which imports the command's modules, with the collector off."""
    with _collector_off():
        return parse_args(argv)


def _run_console(args: argparse.Namespace) -> int:
    with _collector_off():  # Textual, the store and the console's modules, and the store read
        from store import Repository

        from .paths import store_path
        from .serving.browser import console_setup
        from .settings import settings_path

        who, settings_file = console_setup(settings_path())  # a browser tab's console: its `who`
        repo = Repository.open(store_path(args.store), read_only=args.read_only, who=who)
        from .app import BoardApp

    BoardApp(repo, settings_file=settings_file).run()
    return 0


def _log_crash() -> str:
    """Write the traceback to the user's log folder; say where (or why not)."""
    import traceback

    from .paths import log_path

    log = log_path()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
    except OSError as err:
        return f"no log written: {err.strerror or err}"
    return f"details in {log}"


def _fail(message: str) -> int:
    """A user's mistake: one line on stderr, control characters and line breaks made visible."""
    from store.display import one_line

    print(f"board: {one_line(message)}", file=sys.stderr)
    return 2


def _bad_argument(argv: list[str]) -> str | None:
    """An argument that is not UTF-8 (Python keeps its bytes as surrogates, which no store,
    history or terminal can take)."""
    for number, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            return f"argument {number} ({shown}) is not valid UTF-8 text"
    return None


def _tolerant_output() -> None:
    """A terminal or pipe that cannot show a character (LANG=C, PYTHONIOENCODING=ascii) gets
    an escape such as \u2192 instead of an internal error after the edit was saved."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _is_board_error(err: BaseException) -> bool:
    """A BoardError can only come from the store, so one that never loaded raised none."""
    errors = sys.modules.get("store.errors")
    return errors is not None and isinstance(err, errors.BoardError)


def main(argv: list[str] | None = None) -> int:
    if sys.stdout is None:  # `board set ... >&-`: refused before anything is done
        return _fail("the standard output is closed; nothing was done (>/dev/null discards it)")
    _tolerant_output()
    bad = _bad_argument(sys.argv[1:] if argv is None else argv)
    if bad:
        return _fail(bad)
    args = _parse_quietly(argv)
    try:
        if args.command is None:
            return _run_console(args)  # the console shows the network note itself
        from .paths import store_path

        _note_network(store_path(args.store))
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # noqa: BLE001 - the last line of defence: no traceback for users
        return _failure(err)


def script() -> NoReturn:
    """The `board` command itself (pyproject's [project.scripts]): `main`, then the exit.

    A command that leaves nothing to wind down ends with `os._exit` once its output is flushed:
    tearing down the ~400 modules a scripted edit imports (~2 ms of `board set`, item 5f) does
    nothing a finished command needs, as every file it wrote is closed (and fsynced) by the code
    that wrote it and the kernel releases the lock. The console, or anything that started a
    thread or an exit handler, and a flush that fails, end through Python's ordinary exit.
    Tests that call `main` in-process never come here.
    """
    code = main()
    if _nothing_to_wind_down() and _flushed():
        os._exit(code)
    sys.exit(code)


def _nothing_to_wind_down() -> bool:
    import atexit

    threading = sys.modules.get("threading")  # never imported: no thread was started with it
    alone = threading is None or threading.active_count() == 1
    handlers = getattr(atexit, "_ncallbacks", lambda: 1)()  # CPython's count; else assume some
    return alone and not handlers and "textual.app" not in sys.modules


def _flushed() -> bool:
    """Flush what Python's exit would; False (output left for that exit to report) if it fails."""
    try:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True


def _failure(err: Exception) -> int:
    from .commands.output import quiet_stdout

    if _is_board_error(err):
        return _fail(str(err))
    if isinstance(err, BrokenPipeError):
        quiet_stdout()
        return 0
    if not isinstance(err, OSError):
        return _internal(err)
    if err.filename is None and err.errno in _OUTPUT_ERRORS:  # stdout is /dev/full, ...
        quiet_stdout()
        return _fail(f"cannot write the output ({err.strerror or err})")
    if err.filename is not None:
        return _fail(f"{err.filename}: {err.strerror or err}")  # e.g. a folder given as the store
    return _internal(err)


def _note_network(path: Path) -> None:
    """Once per run, on stderr: a store on NFS, SMB or FUSE may not be locked between machines."""
    from store import network_note
    from store.display import one_line

    note = network_note(path)
    if note:
        print(f"board: warning: {one_line(note)}", file=sys.stderr)


def _internal(err: Exception) -> int:
    from store.display import one_line

    where = _log_crash()
    print(
        f"board: internal error ({type(err).__name__}: {one_line(str(err))}); {where}",
        file=sys.stderr,
    )
    return 3
