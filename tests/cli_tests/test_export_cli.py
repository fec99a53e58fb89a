"""`board export` as a user runs it: the installed command in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from store import Repository, history_path

from .conftest import BOARD

pytestmark = pytest.mark.skipif(BOARD is None, reason="the board command is not installed")


def board(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BOARD_STORE": str(store)}
    cmd = [str(BOARD), "export", "--today", "2004-11-01", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)


def test_json_to_stdout_is_a_preview_and_record_makes_it_a_snapshot(
    repo: Repository, store_path: Path
) -> None:
    repo.set_field("bids", "1", "2005/06", 400)
    out = board(store_path, "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["totals"] == {
        "2005/06": 820,
        "2006/07": 350,
        "2007/08": 110,
        "after": 490,
        "all": 1770,
    }
    assert Repository.open(store_path).state().snapshots == ()
    recorded = board(store_path, "--format", "json", "-o", os.devnull, "--record")
    assert recorded.returncode == 0, recorded.stderr
    assert [s.formats for s in Repository.open(store_path).state().snapshots] == [("json",)]


def test_a_preview_leaves_the_changes_since_the_last_snapshot_for_the_bundle(
    repo: Repository, store_path: Path, tmp_path: Path
) -> None:
    repo.set_field("bids", "1", "2005/06", 400)
    assert board(store_path, "--format", "md").returncode == 0  # a look at the screen
    assert board(store_path, "--all", str(tmp_path / "out")).returncode == 0
    changes = (tmp_path / "out" / "changes.md").read_text(encoding="utf-8")
    assert "1 change since the store was created" in changes and "350 → 400" in changes


def test_all_writes_every_format_then_refuses_without_force(
    repo: Repository, store_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "minutes"
    first = board(store_path, "--all", str(folder))
    assert first.returncode == 0, first.stderr
    names = {p.name for p in folder.iterdir()}
    assert names == {
        "snapshot.md", "snapshot.html", "snapshot.json", "components.csv", "bids.csv",
        "implications.csv", "recommendations.csv", "actions.csv", "changes.md", "screen.svg",
        "bids.xlsx",
    }  # fmt: skip
    assert (folder / "bids.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    svg = ET.parse(folder / "screen.svg").getroot()
    text = "".join(svg.itertext()).replace("\xa0", " ")
    assert "ICT / e-Modernising Leicester Strategic Framework" in text
    again = board(store_path, "--all", str(folder))
    assert again.returncode == 2
    assert again.stderr.strip().count("\n") == 0 and "exists; use --force" in again.stderr
    forced = board(store_path, "--format", "md", "-o", str(folder / "snapshot.md"), "--force")
    assert forced.returncode == 0, forced.stderr


def test_svg_of_a_tab_shows_that_tab(store_path: Path, tmp_path: Path) -> None:
    # The console builds a table tab when it is first shown: --tab must show it, built.
    out = board(store_path, "--format", "svg", "--tab", "bids", "-o", str(tmp_path / "b.svg"))
    assert out.returncode == 0, out.stderr
    text = "".join(ET.parse(tmp_path / "b.svg").getroot().itertext()).replace("\xa0", " ")
    assert "Telephone system replacement" in text and "Wards affected" not in text


def test_unwritable_path_is_one_line_exit_2(store_path: Path, tmp_path: Path) -> None:
    out = board(store_path, "--format", "md", "-o", str(tmp_path / "no" / "such" / "x.md"))
    assert out.returncode == 2
    assert out.stderr.startswith("board: cannot write") and out.stderr.count("\n") == 1
    assert "Traceback" not in out.stderr and out.stdout == ""


def test_copies_of_one_store_export_the_same_bytes(
    repo: Repository, store_path: Path, tmp_path: Path
) -> None:
    repo.set_field("components", "2", "note", '=HYPERLINK("http://x") <script>')
    copies = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(store_path, folder / "board.json")
        shutil.copy(history_path(store_path), history_path(folder / "board.json"))
        copies.append(folder / "board.json")
    outputs = [board(copy, "--format", "md").stdout for copy in copies]
    stable = [
        [line for line in o.splitlines() if not line.startswith("Exported at:")] for o in outputs
    ]
    assert outputs[0] and stable[0] == stable[1]


def test_export_command_imports_textual_only_for_svg() -> None:
    code = (
        "import sys, tui.commands.export, store.export;"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_single_format_to_a_file_says_where_it_wrote(
    repo: Repository, store_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "minutes.md"
    out = board(store_path, "--format", "md", "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert out.stderr == f"wrote the md snapshot to {target.resolve()}\n" and out.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("#")
