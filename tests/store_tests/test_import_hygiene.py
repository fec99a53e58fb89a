"""The store knows no screen: importing it must not import textual (Harlequin's habit)."""

from __future__ import annotations

import subprocess
import sys


def test_store_does_not_import_textual() -> None:
    code = "import sys, store; print('textual' in sys.modules or any(m.startswith('textual.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cli_does_not_import_textual_for_show() -> None:
    code = (
        "import sys, tui.cli, tui.commands.show, tui.commands.history;"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
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
