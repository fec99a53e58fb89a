"""Types cross the store/console line: mypy sees each Repository method's own signature, so a
misspelt keyword in a caller is an error. (The lock decorator once typed every method as
`(*Any, **Any) -> Any`, and `base_revison=` passed.) Runs where mypy is installed (`.[dev]`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")

ROOT = Path(__file__).parents[2]
CALL = """
from store import Repository

def edit(repo: Repository) -> None:
    repo.set_field("bids", "1", "2005/06", 400, {keyword}=3)
"""


def mypy(code: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mypy", "--no-error-summary", "-c", code]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_a_misspelt_keyword_to_the_repository_is_a_type_error() -> None:
    out = mypy(CALL.format(keyword="base_revison"))
    assert out.returncode == 1, out.stdout
    assert 'Unexpected keyword argument "base_revison" for "set_field"' in out.stdout


def test_the_same_call_spelt_right_passes() -> None:
    out = mypy(CALL.format(keyword="base_revision"))
    assert (out.returncode, out.stdout) == (0, "")
