"""bids.xlsx in a real spreadsheet: LibreOffice recalculates its formulas after finance edits an
amount. Runs where LibreOffice is installed (`soffice`); skipped elsewhere (CI has none)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from store import Repository, planning, prepare
from store.export import xlsx

SOFFICE = shutil.which("soffice")

TODAY = dt.date(2004, 11, 1)  # as the `today` fixture: a fixed day for the overdue marks


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_recalculates_totals_and_over_under(repo: Repository, tmp_path: Path) -> None:
    repo.apply(planning.envelope(repo.state(), "2005/06", "700"))
    book = openpyxl.load_workbook(io.BytesIO(xlsx.render_bytes(prepare(repo, today=TODAY))))
    book["Bids"]["D2"] = 1000  # finance raises bid 1's 2005/06 from 350 (openpyxl drops caches)
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    env = {**os.environ, "HOME": str(tmp_path)}  # LibreOffice's profile, not the user's
    subprocess.run(
        [str(SOFFICE), "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(edited)],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )
    rows = list(csv.reader((tmp_path / "edited.csv").read_text("latin-1").splitlines()))
    assert rows[1][3:8] == ["1000", "250", "0", "0", "1250"]  # =SUM(D2:G2)
    assert rows[6][2:8] == ["Total", "1420", "350", "110", "490", "2370"]
    assert rows[8][2:4] == ["Over/under (bids minus envelope)", "720"]
