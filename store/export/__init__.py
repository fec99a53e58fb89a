"""Snapshot export: the board's position in md, html, csv, json and xlsx, written and recorded.

The renderers are pure (`render(fmt, export)`); the same store gives the same bytes apart from the
export time, which each format keeps in one marked place (Markdown and HTML: the "Exported at"
line; CSV: the `snapshot` row's `exported_at`; JSON: `"exported_at"`). Per-table CSV files carry
no export time at all. SVG comes from the console (tui/screenshot.py), passed in as text: this
module never imports textual.

Snapshots are deliberate: `write_bundle` (`--all`, the console's `x`) and an `export_one` asked to
`record` are remembered with `Repository.record_snapshot`, so the next one lists the changes
since; a single format without `record` is a preview and moves nothing. A read-only handle
exports but never records.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from ..as_at import state_at
from ..minutes import Minutes
from ..minutes import build as build_minutes
from ..repository import Repository
from . import csv, html, json, markdown, xlsx
from . import minutes as minutes_format
from .snapshot import Changes, Export, changes_since, changes_since_meeting
from .writing import ExportError, write_file, write_folder

__all__ = [
    "FORMATS",
    "Changes",
    "Export",
    "ExportError",
    "export_one",
    "prepare",
    "render",
    "write_bundle",
    "write_file",
]


class Format(Protocol):
    """What every format module offers: the whole snapshot as text, the same bytes for one store."""

    def render(self, export: Export, /) -> str: ...


# The formats by name (Harlequin's export formats table): a new format is a module named here.
FORMAT_MODULES: dict[str, Format] = {"md": markdown, "html": html, "csv": csv, "json": json}
# Formats that are bytes, not text: the spreadsheet.
BINARY_FORMATS: dict[str, Callable[[Export], bytes]] = {"xlsx": xlsx.render_bytes}
FORMATS = (*FORMAT_MODULES, *BINARY_FORMATS)
RENDERERS: dict[str, Callable[[Export], str]] = {
    **{name: module.render for name, module in FORMAT_MODULES.items()},
    "changes": markdown.render_changes,  # changes.md in a bundle: the change summary alone
}
BUNDLE_NAMES = {"md": "snapshot.md", "html": "snapshot.html", "json": "snapshot.json"}
XLSX_NAME = "bids.xlsx"
SVG_NAME = "screen.svg"
CHANGES_NAME = "changes.md"
Maker = Callable[[], Iterable[bytes]]  # one file's bytes, made a piece at a time as it is written
CHUNKS: dict[str, Callable[[Export], Iterable[str]]] = {
    "md": markdown.chunks,
    "html": html.chunks,
    "csv": csv.chunks,
    "changes": markdown.changes_chunks,
}


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def prepare(
    repo: Repository,
    *,
    today: dt.date,
    exported_at: str | None = None,
    at: int | None = None,
) -> Export:
    """Read the state (as at revision `at`, if given), the changes since the last snapshot and
    since the last meeting, as one consistent `Export`."""
    state = repo.state() if at is None else state_at(repo, at)
    history = repo.history()
    changes = changes_since(state, history)
    since_meeting = changes_since_meeting(state, history)
    as_at = state is not repo.state()
    return Export(state, changes, today, exported_at or now_utc(), since_meeting, as_at)


def render(fmt: str, export: Export) -> str:
    """`fmt` is md, html, csv, json (or `changes`, the change summary alone)."""
    try:
        return RENDERERS[fmt](export)
    except KeyError:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None


def encode(name: str, text: str) -> bytes:
    """UTF-8; CSV with a byte-order mark so Excel reads it as UTF-8 (utf-8-sig)."""
    return text.encode(_encoding(name))


def _encoding(name: str) -> str:
    return "utf-8-sig" if name.endswith("csv") else "utf-8"


def encoded(name: str, chunks: Iterable[str]) -> Iterator[bytes]:
    """`encode` of the text the chunks make, a chunk at a time (the mark only once, first)."""
    encoder = codecs.getincrementalencoder(_encoding(name))()
    for chunk in chunks:
        yield encoder.encode(chunk)
    yield encoder.encode("", final=True)


def pieces(fmt: str, export: Export, name: str | None = None) -> Iterator[bytes]:
    """The file of format `fmt` (or `changes`) as bytes, a piece at a time: `encode(render())`
    without the whole text, its bytes and their join ever held at once."""
    if fmt == "json":
        yield from json.render_pieces(export)
        yield b"\n"
    elif fmt in BINARY_FORMATS:
        yield BINARY_FORMATS[fmt](export)
    else:
        yield from encoded(name or fmt, CHUNKS[fmt](export))


# --- whole exports (recorded as snapshots) ----------------------------------------------------
def export_one(
    repo: Repository,
    fmt: str,
    path: Path | None,
    *,
    today: dt.date,
    svg: str | None = None,
    force: bool = False,
    stream: BinaryIO | None = None,
    exported_at: str | None = None,
    record: bool = False,
    at: int | None = None,
) -> Path | None:
    """One format to `path` (or to `stream` when `path` is None): a preview, recorded as a
    snapshot only when `record` is True (`--record`).

    `fmt` "svg" writes the `svg` text it is given (the console renders it).
    """
    export = prepare(repo, today=today, exported_at=exported_at, at=at)
    data = _payload(fmt, export, svg)
    if path is None:
        if stream is None:
            raise ExportError("nowhere to write: give a path or a stream")
        stream.writelines(data)
        stream.flush()
    else:
        write_file(path, data, force=force, store=repo.path)
    if record:
        _record(repo, [fmt], export)
    return path


def _payload(fmt: str, export: Export, svg: str | None) -> Iterable[bytes]:
    if fmt == "svg":
        if svg is None:
            raise ExportError("an SVG export needs the console's screenshot")
        return (encode(fmt, svg),)
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    return pieces(fmt, export)


def bundle(export: Export, svg: str | None = None) -> dict[str, bytes]:
    """Every file of `--all`, by name: md, html, json, one CSV per table, changes.md, [svg]."""
    return {name: b"".join(make()) for name, make in bundle_makers(export, svg).items()}


def bundle_makers(export: Export, svg: str | None = None) -> dict[str, Maker]:
    """`bundle`'s files as makers, so that one file at a time is held (written, then dropped):
    at 100,000 bids every format is about the store's size."""
    makers: dict[str, Maker] = {
        name: functools.partial(pieces, fmt, export, name) for fmt, name in BUNDLE_NAMES.items()
    }
    for table in csv.COLUMNS:
        makers[f"{table}.csv"] = functools.partial(_csv_encoded, table, export)
    makers[XLSX_NAME] = functools.partial(pieces, "xlsx", export)
    makers[CHANGES_NAME] = functools.partial(pieces, "changes", export, CHANGES_NAME)
    if svg is not None:
        makers[SVG_NAME] = functools.partial(encoded, SVG_NAME, (svg,))
    return makers


def _csv_encoded(table: str, export: Export) -> Iterator[bytes]:
    return encoded(f"{table}.csv", csv.table_chunks(export, table))


def write_bundle(
    repo: Repository,
    folder: Path,
    *,
    today: dt.date,
    svg: str | None = None,
    force: bool = False,
    exported_at: str | None = None,
    at: int | None = None,
) -> list[Path]:
    """Write every format into `folder` (created if missing) and record one snapshot.

    Nothing is written if any file exists and `force` is False, or if any would land on a
    symlink, a device or a board store's file; a failure half way (a full disk) leaves the
    folder as it was. The console's `x` key calls this with its own screenshot as `svg`. A
    meeting that ended since the last snapshot adds its decision sheet (`minutes-N.md`,
    `minutes-N.html`, published `today`).
    """
    folder = Path(folder)
    if not repo.read_only:  # the snapshot record needs the lock: find out before writing
        with repo.storage.locked():
            pass
    export = prepare(repo, today=today, exported_at=exported_at, at=at)
    files = {**bundle_makers(export, svg), **minutes_makers(repo, export)}
    write_folder(folder, files, force=force, store=repo.path)
    paths = [folder / name for name in files]
    formats = [*BUNDLE_NAMES, "csv", "xlsx", "changes", *(["svg"] if svg is not None else [])]
    formats += ["minutes"] if any(name.startswith("minutes-") for name in files) else []
    _record(repo, formats, export)
    return paths


def minutes_makers(repo: Repository, export: Export) -> dict[str, Maker]:
    """The decision sheets of the meetings that ended since the last snapshot, by file name."""
    state = export.state
    base = state.snapshots[-1].revision if state.snapshots else 0
    makers: dict[str, Maker] = {}
    for meeting in state.meetings:
        if meeting.end_revision is not None and meeting.end_revision > base:
            sheet = build_minutes(repo, meeting.id, published=export.today)
            for fmt, render_sheet in minutes_format.RENDERERS.items():
                name = f"minutes-{meeting.id}.{fmt}"
                makers[name] = functools.partial(_sheet_encoded, name, render_sheet, sheet)
    return makers


def _sheet_encoded(
    name: str, render_sheet: Callable[[Minutes], str], sheet: Minutes
) -> tuple[bytes]:
    return (encode(name, render_sheet(sheet)),)


def _record(repo: Repository, formats: list[str], export: Export) -> None:
    """Remember the export for "changes since"; a read-only console exports without recording,
    and a board as at an earlier revision is never recorded (it would move "since" back)."""
    if not repo.read_only and not export.as_at:
        repo.record_snapshot(formats, export.state.revision)
