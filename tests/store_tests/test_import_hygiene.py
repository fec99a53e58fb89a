"""The store knows no screen: importing it must not import textual (Harlequin's habit).
(The command line's own check is cli_tests/test_imports.py.)"""

from __future__ import annotations

import subprocess
import sys

TEXTUAL_LOADED = "any(m == 'textual' or m.startswith('textual.') for m in sys.modules)"


def test_store_does_not_import_textual() -> None:
    code = f"import sys, store; print({TEXTUAL_LOADED})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
