"""The command line does not import textual, except to run or serve the console: `board show`
and the other commands start without the console's ~0.5 s of imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def _loaded_after(tmp_path: Path, argv: list[str]) -> set[str]:
    """The top-level packages a fresh `board ARGV` (through `main`) has imported."""
    store = str(tmp_path / "board.json")
    code = (
        "import sys, contextlib, io\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main(['--store', {store!r}, *{argv!r}])\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["show"],
        ["set", "bids", "1", "2005/06", "400"],
        ["set", "bids", "1", "2005/06", "abc"],
        ["history"],
        ["check"],
    ],
    ids=" ".join,
)
def test_commands_do_not_import_textual(tmp_path: Path, argv: list[str]) -> None:
    """Each command runs through `main` in a fresh interpreter; textual must not be loaded."""
    loaded = _loaded_after(tmp_path, argv)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


def test_serve_command_imports_textual_serve_only_when_it_runs() -> None:
    code = (
        "import sys, tui.cli, tui.commands.serve; tui.cli.build_parser();"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'textual_serve', 'aiohttp'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_imports_argparse_and_no_command(tmp_path: Path) -> None:
    """`board --help` lists the commands from a table: no store, no Rich, no lock, no command."""
    loaded = _loaded_after(tmp_path, ["--help"])
    assert not loaded & {"store", "rich", "filelock", "orjson", "tinydb", "platformdirs"}
    assert not {m for m in loaded if m.startswith("tui.commands.")}


def test_a_scripted_edit_loads_no_rich_and_no_other_command(tmp_path: Path) -> None:
    loaded = _loaded_after(tmp_path, ["set", "bids", "1", "2005/06", "400"])
    assert "store" in loaded and "tui.commands.set" in loaded  # it did run
    assert not {m for m in loaded if m == "rich" or m.startswith("rich.")}
    commands = {m for m in loaded if m.startswith("tui.commands.")} - {"tui.commands.output"}
    assert commands == {"tui.commands.set"}  # output.py: the printing helpers every command shares


def test_piped_show_makes_no_rich_console(tmp_path: Path) -> None:
    """Piped (here: stdout is not a terminal), rows are written as plain text: no rich.console,
    rich.table or the store's export modules."""
    loaded = _loaded_after(tmp_path, ["show"])
    assert "tui.commands.plain" in loaded
    assert not loaded & {"rich.console", "rich.table", "store.export"}
