"""Snapshot export: every format parsed back and checked against the report's facts."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import msgspec
import orjson
import pytest

from store import ExportError, Repository, export_one, prepare, render, write_bundle, write_file
from store.export import bundle
from store.export import json as json_export
from store.export.csv import neutralise
from store.export.csv import tables as csv_tables

TODAY = dt.date(2004, 11, 1)  # as the `today` fixture: a fixed day for the overdue marks
AT = "2004-10-18T18:00:00Z"
LATER = "2004-10-19T09:30:00Z"
TITLES = [
    "e-Modernising Leicester Strategy",
    "Core Systems Strategy",
    "Technical Infrastructure Plan",
    "Departmental ICT and e-modernising strategies",
    "Leicester's IEG statements",
    "Customer Access Strategy",
    "Information Management Strategy",
    "ICT @ Leicester",
]
AMOUNTS = {
    1: [350, 250, 0, 0],
    2: [100, 100, 100, 0],
    3: [0, 0, 10, 490],
    4: [250, 0, 0, 0],
    5: [70, 0, 0, 0],
}
NASTY = '=HYPERLINK("http://evil","x") <script>alert(1)</script> [bold]loud[/] a|b\nnext'


def export_text(repo: Repository, fmt: str, at: str = AT) -> str:
    return render(fmt, prepare(repo, today=TODAY, exported_at=at))


# --- parsers ----------------------------------------------------------------------------------
def md_tables(text: str) -> dict[str, list[list[str]]]:
    """Markdown tables under their `## ` heading, as rows of cells (header row first)."""
    tables: dict[str, list[list[str]]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line[3:]
        elif line.startswith("|") and not re.fullmatch(r"\|( -+:? \|)+", line):
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            tables.setdefault(heading, []).append([_md_unescape(c.strip()) for c in cells])
    return tables


def _md_unescape(cell: str) -> str:
    return re.sub(r"\\(.)", r"\1", cell.replace("<br>", "\n")).strip("*")


class TableParser(HTMLParser):
    """Every <table> as rows of cell text, keyed by the <h2> before it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.heading = ""
        self.tag = ""
        self.cell: list[str] | None = None
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag = tag
        if tag == "tr":
            self.tables.setdefault(self.heading, []).append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")
        elif tag == "script":
            raise AssertionError("a <script> element in the export")

    def handle_endtag(self, tag: str) -> None:
        self.tag = ""
        if tag in ("td", "th") and self.cell is not None:
            self.tables[self.heading][-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self.cell is not None:
            self.cell.append(data)
        elif self.tag == "h2":
            self.heading = data


def html_tables(text: str) -> dict[str, list[list[str]]]:
    parser = TableParser()
    parser.feed(text)
    return parser.tables


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- every seed fact in every format ------------------------------------------------------------
@pytest.mark.parametrize("parse", [md_tables, html_tables], ids=["md", "html"])
def test_human_formats_hold_every_seed_fact(repo: Repository, parse) -> None:  # type: ignore[no-untyped-def]
    fmt = "md" if parse is md_tables else "html"
    text = export_text(repo, fmt)
    tables = parse(text)
    components = [r for r in tables["Components"][1:] if "." not in r[0]]
    assert [r[1] for r in components] == TITLES
    assert components[0][2] == "✔ complete"
    assert "⚠ overdue" in components[1][3]  # end-Oct 2004, judged on 1 Nov 2004
    bids = tables["Capital bids (£'000)"]
    assert bids[0][2:7] == ["2005/06", "2006/07", "2007/08", "After 2007/08", "Total"]
    for row in bids[1:6]:
        assert [int(c) for c in row[2:6]] == AMOUNTS[int(row[0])]
    assert bids[6][1:7] == ["Total", "770", "350", "110", "490", "1,720"]
    assert len(tables["Implications"]) == 6
    assert [r[0] for r in tables["Recommendations"][1:]] == ["3.1", "3.2"]
    assert [r[2] for r in tables["Recommendations"][1:]] == ["○ pending", "○ pending"]
    assert tables["Decision status"][1] == ["Key decision", "Yes"]


def test_html_is_self_contained_and_printable_on_a4(repo: Repository) -> None:
    text = export_text(repo, "html")
    assert "@page { size: A4" in text
    assert not re.search(r"(src|href)=|https?://(?!intranet)", text)


def test_csv_files_per_table(repo: Repository) -> None:
    files = csv_tables(prepare(repo, today=TODAY, exported_at=AT))
    assert sorted(files) == [
        "actions.csv",
        "bids.csv",
        "components.csv",
        "implications.csv",
        "recommendations.csv",
    ]
    components = [r for r in csv_rows(files["components.csv"]) if not r["part_of"]]
    assert [r["title"] for r in components] == TITLES
    bids = csv_rows(files["bids.csv"])
    for row in bids[:5]:
        amounts = [int(row[y]) for y in ("2005/06", "2006/07", "2007/08", "After 2007/08")]
        assert amounts == AMOUNTS[int(row["id"])]
    assert len(bids) == 5  # data rows only: a total row would double any column sum
    assert sum(int(r["total"]) for r in bids) == 1720
    assert [r["priority"] for r in bids] == ["1", "2", "3", "4", "5"]
    assert len(csv_rows(files["implications.csv"])) == 5
    assert [r["id"] for r in csv_rows(files["recommendations.csv"])] == ["3.1", "3.2"]


def test_csv_stream_has_a_leading_table_column(repo: Repository) -> None:
    rows = csv_rows(export_text(repo, "csv"))
    assert next(iter(rows[0])) == "table"
    assert rows[0]["table"] == "snapshot" and rows[0]["exported_at"] == AT
    counts = {t: sum(r["table"] == t for r in rows) for t in ("components", "bids", "totals")}
    assert counts == {"components": 12, "bids": 5, "totals": 1}  # 8 + 4 IEG parts
    assert [r["total"] for r in rows if r["table"] == "totals"] == ["1720"]


def test_csv_files_start_with_a_byte_order_mark(repo: Repository) -> None:
    files = bundle(prepare(repo, today=TODAY, exported_at=AT))
    assert files["bids.csv"].startswith(b"\xef\xbb\xbf")
    assert files["bids.csv"].decode("utf-8-sig").startswith("id,title,2005/06")
    assert not files["snapshot.json"].startswith(b"\xef\xbb\xbf")


def test_json_has_the_documented_shape(repo: Repository) -> None:
    data = json.loads(export_text(repo, "json"))
    assert {"report", "components", "bids", "implications", "recommendations", "totals"} <= set(
        data
    )
    assert data["report"]["title"] == "ICT / e-Modernising Leicester Strategic Framework"
    assert [c["title"] for c in data["components"]] == TITLES
    ieg = data["components"][4]
    assert set(ieg) >= {"id", "title", "status", "target", "owner", "note", "parts"}
    assert [p["title"] for p in ieg["parts"]] == ["IEG 1", "IEG 2", "IEG 3", "IEG 4"]
    bid = data["bids"][0]
    assert bid["amounts"] == {"2005/06": 350, "2006/07": 250, "2007/08": 0, "after": 0}
    assert (bid["total"], bid["status"], bid["funding"]) == (600, "proposed", "capital")
    assert data["totals"] == {
        "2005/06": 770,
        "2006/07": 350,
        "2007/08": 110,
        "after": 490,
        "all": 1720,
    }
    assert len(data["implications"]) == 5 and data["implications"][1]["applies"] == "Y"
    assert [r["id"] for r in data["recommendations"]] == ["3.1", "3.2"]
    assert (data["revision"], data["exported_at"]) == (0, AT)


@pytest.mark.parametrize("bids", [0, 1, 3])
def test_json_written_a_bid_at_a_time_is_the_whole_dump(repo: Repository, bids: int) -> None:
    """The snapshot's bytes are those of one sorted, indented dump of the whole shape, with
    no bids, one, or several with notes that look like the snapshot's own lines."""
    keep = [b.id for b in repo.state().bids][:bids]
    for bid in repo.state().bids:
        if bid.id not in keep:
            repo.delete("bids", str(bid.id))
    if keep:
        repo.set_field("bids", str(keep[0]), "note", 'x\n  "bids": [],\n  ]\n}')
    export = prepare(repo, today=TODAY, exported_at=AT)
    whole = orjson.dumps(json_export.json_data(export), option=json_export.OPTIONS)
    assert b"".join(json_export.render_pieces(export)) == whole
    assert len(json.loads(whole)["bids"]) == bids


# --- an edit made before the export ----------------------------------------------------------------
def test_an_edit_shows_in_every_format(repo: Repository) -> None:
    repo.set_field("bids", "1", "2005/06", 400)
    assert md_tables(export_text(repo, "md"))["Capital bids (£'000)"][6][2:7] == [
        "820", "350", "110", "490", "1,770"
    ]  # fmt: skip
    assert html_tables(export_text(repo, "html"))["Capital bids (£'000)"][6][6] == "1,770"
    assert [r["total"] for r in csv_rows(export_text(repo, "csv")) if r["id"] == "total"] == [
        "1770"
    ]
    assert json.loads(export_text(repo, "json"))["totals"]["all"] == 1770


def test_envelope_and_oversubscription_where_set(repo: Repository) -> None:
    export = prepare(repo, today=TODAY, exported_at=AT)
    state = msgspec.structs.replace(export.state, envelope={"2005/06": 500})
    export = dataclasses.replace(export, state=state)
    rows = md_tables(render("md", export))["Capital bids (£'000)"]
    assert rows[7][1:3] == ["Funding envelope", "500"]
    assert rows[8][2] == "270"
    assert json.loads(render("json", export))["oversubscription"] == {"2005/06": 270}


# --- changes since the last snapshot ---------------------------------------------------------------
def test_changes_after_two_snapshots_list_only_the_newer(repo: Repository, tmp_path: Path) -> None:
    repo.set_field("components", "2", "status", "complete")
    write_bundle(repo, tmp_path / "first", today=TODAY, exported_at=AT)
    repo.set_field("bids", "1", "2005/06", 400)
    repo.set_field("recommendations", "3.1", "decision", "agreed")
    write_bundle(repo, tmp_path / "second", today=TODAY, exported_at=LATER)
    first = md_tables((tmp_path / "first" / "changes.md").read_text("utf-8"))
    second_text = (tmp_path / "second" / "changes.md").read_text("utf-8")
    second = md_tables(second_text)["Changes since the last snapshot"]
    assert [r[2:5] for r in first["Changes since the last snapshot"][1:]] == [
        ["components 2", "status", "under development → complete"]
    ]
    assert [r[2:5] for r in second[1:]] == [
        ["bids 1", "2005/06", "350 → 400"],
        ["recommendations 3.1", "decision", "pending → agreed"],
    ]
    assert "2 changes since the snapshot of" in second_text
    assert all(r[1] == "tester@test" for r in second[1:])
    entries = json.loads((tmp_path / "second" / "snapshot.json").read_text())["changes"]["entries"]
    assert [(e["table"], e["field"], e["new"]) for e in entries] == [
        ("bids", "2005/06", 400),
        ("recommendations", "decision", "agreed"),
    ]


def test_no_changes_since_the_last_snapshot(repo: Repository, tmp_path: Path) -> None:
    repo.set_field("bids", "2", "status", "approved")
    write_bundle(repo, tmp_path / "a", today=TODAY)
    text = export_text(repo, "md")
    assert "0 changes since the snapshot of" in text
    assert "Changes since the last snapshot" not in md_tables(text)


# --- stable output ---------------------------------------------------------------------------------
def test_same_store_gives_the_same_bytes_apart_from_the_export_time(repo: Repository) -> None:
    repo.set_field("components", "3", "owner", "Ismail Vania")
    first = bundle(prepare(repo, today=TODAY, exported_at=AT))
    second = bundle(prepare(repo, today=TODAY, exported_at=LATER))
    assert first.keys() == second.keys()
    assert bundle(prepare(repo, today=TODAY, exported_at=AT))["bids.xlsx"] == first["bids.xlsx"]
    for name in first.keys() - {"bids.xlsx"}:  # a zip: its export time is compressed
        assert first[name].replace(AT.encode(), LATER.encode()) == second[name], name
        if name.endswith(".csv") or name == "changes.md":
            assert first[name] == second[name], name
    for fmt in ("md", "html", "csv", "json"):
        assert export_text(repo, fmt).count(AT) == 1, fmt


# --- text is data ----------------------------------------------------------------------------------
def test_injection_is_neutralised_in_every_format(repo: Repository) -> None:
    repo.set_field("components", "2", "note", NASTY)
    repo.set_field("bids", "4", "note", "-1+cmd|' /C calc'!A0")
    md_rows = md_tables(export_text(repo, "md"))["Components"]
    assert len(md_rows[2]) == 6 and md_rows[2][5] == NASTY
    html = export_text(repo, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html_tables(html)["Components"][2][5] == NASTY
    rows = csv_rows(export_text(repo, "csv"))
    note = next(r["note"] for r in rows if r["table"] == "components" and r["id"] == "2")
    assert note == "'" + NASTY
    bid_note = next(r["note"] for r in rows if r["table"] == "bids" and r["id"] == "4")
    assert bid_note.startswith("'-1+cmd")
    assert json.loads(export_text(repo, "json"))["components"][1]["note"] == NASTY


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+A1", "'+A1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("-", "-"),
        ("-12", "-12"),
        ("3.5", "3.5"),
        (400, 400),
        ("plain", "plain"),
    ],
)
def test_formula_cells_get_an_apostrophe_but_numbers_do_not(cell: object, safe: object) -> None:
    assert neutralise(cell) == safe


def test_control_characters_are_visible_in_human_formats(repo: Repository) -> None:
    repo.set_field("implications", "1", "note", "bell\x07 esc\x1b[31m")
    assert "\x1b" not in export_text(repo, "md") and "\x1b" not in export_text(repo, "html")


# --- writing -----------------------------------------------------------------------------------
def test_write_file_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "snap.md"
    write_file(target, b"one")
    with pytest.raises(ExportError, match="exists; use --force"):
        write_file(target, b"two")
    assert target.read_bytes() == b"one"
    write_file(target, b"two", force=True)
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["snap.md"]  # no temp files left


def test_unwritable_path_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot write .*missing"):
        write_file(tmp_path / "missing" / "x.md", b"x")


def test_bundle_refuses_before_writing_anything(repo: Repository, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "bids.csv").write_text("mine")
    with pytest.raises(ExportError, match=r"bids\.csv exists"):
        write_bundle(repo, folder, today=TODAY)
    assert [p.name for p in folder.iterdir()] == ["bids.csv"]
    assert repo.state().snapshots == ()


def test_bundle_writes_every_file_and_records_a_snapshot(repo: Repository, tmp_path: Path) -> None:
    paths = write_bundle(repo, tmp_path / "out", today=TODAY, svg="<svg/>")
    names = sorted(p.name for p in paths)
    assert names == sorted(
        [
            "snapshot.md", "snapshot.html", "snapshot.json", "components.csv", "bids.csv",
            "implications.csv", "recommendations.csv", "actions.csv", "changes.md", "screen.svg",
            "bids.xlsx",
        ]
    )  # fmt: skip
    snapshot = repo.state().snapshots[-1]
    assert snapshot.revision == 0 and "svg" in snapshot.formats


def test_a_read_only_handle_exports_without_recording(repo: Repository, store_path: Path) -> None:
    stream = io.BytesIO()
    export_one(Repository.open(store_path, read_only=True), "md", None, today=TODAY, stream=stream)
    assert stream.getvalue().startswith(b"# ICT / e-Modernising")
    assert repo.state().snapshots == ()


def test_dev_null_is_written_into_never_replaced() -> None:
    write_file(Path(os.devnull), b"x", force=False)
    assert Path(os.devnull).is_char_device()


def test_a_symlink_is_never_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with pytest.raises(ExportError, match="link.md is a symlink; an export never writes through"):
        write_file(link, b"new", force=True)
    assert link.is_symlink() and real.read_text() == "old"


def test_a_full_disk_half_way_through_a_bundle_leaves_the_folder_as_it_was(
    repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "minutes"
    write_bundle(repo, folder, today=TODAY)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    repo.set_field("bids", "1", "note", "changed since")
    from store.export import writing

    calls: list[Path] = []

    def fills_up(path: Path, data: bytes, **kwargs: object) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_write(path, data)

    real_write = writing.atomic_write
    monkeypatch.setattr(writing, "atomic_write", fills_up)
    with pytest.raises(ExportError, match="No space left on device; nothing written"):
        write_bundle(repo, folder, today=TODAY, force=True)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "board.json",
        "board.json.history.jsonl",
        "minutes",
    ]
    write_bundle(repo, folder, today=TODAY, force=True)  # the retry works
    assert b"changed since" in (folder / "snapshot.md").read_bytes()


def test_financial_and_legal_implications_with_contacts(repo: Repository) -> None:
    for fmt in ("md", "html"):
        text = export_text(repo, fmt)
        assert "Andy Morley, Financial Services, ext 7404" in text
        assert "Carolyn Howard, Legal Services, ext 6498" in text


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json", "changes"])
def test_a_file_written_a_piece_at_a_time_is_the_rendered_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Files are written in pieces (at 100,000 bids a format is about the store's size); the
    bytes must be those of the whole text, across piece boundaries (two CSV rows a piece here)."""
    from store.export import csv as csv_format
    from store.export import encode, pieces

    monkeypatch.setattr(csv_format, "CHUNK_ROWS", 2)
    repo = Repository.open(tmp_path / "board.json", who="tester@test")
    repo.set_field("bids", "2", "note", 'a "quoted", multi\nline note é')
    export = prepare(repo, today=TODAY, exported_at=AT)
    written = list(pieces(fmt, export))
    assert b"".join(written) == encode(fmt, render(fmt, export))
    assert len(written) >= 2  # really in pieces (json: the document, then its last newline)
