"""The command line does not import textual, except to run or serve the console: `board show`
and the other commands start without the console's ~0.5 s of imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TEXTUAL_LOADED = "any(m == 'textual' or m.startswith('textual.') for m in sys.modules)"


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
    store = str(tmp_path / "board.json")
    code = (
        "import sys, contextlib, io\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main(['--store', {store!r}, *{argv!r}])\n"
        f"print({TEXTUAL_LOADED})\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_serve_command_imports_textual_serve_only_when_it_runs() -> None:
    code = (
        "import sys, tui.cli, tui.commands.serve; tui.cli.build_parser();"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'textual_serve', 'aiohttp'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
