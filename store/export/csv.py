"""CSV: one stream with a `table` column, or one file per table (`--all`).

Numbers stay plain integers (no thousands separators). Cells that a spreadsheet would run as a
formula get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import YEAR_LABELS, YEARS
from .snapshot import Export, envelope_rows, visible_lines

Row = dict[str, Any]

COLUMNS: dict[str, tuple[str, ...]] = {
    "components": ("id", "part_of", "title", "status", "target", "overdue", "owner", "note"),
    "bids": (
        "id",
        "title",
        *(YEAR_LABELS[y] for y in YEARS),
        "total",
        "status",
        "funding",
        "note",
        "priority",
        "within_envelope",
    ),
    "implications": ("id", "name", "applies", "paragraphs", "note"),
    "recommendations": ("id", "text", "decision", "note"),
    "actions": ("id", "text", "owner", "due", "status", "overdue", "source", "meeting"),
}
CHANGE_COLUMNS = ("revision", "at", "who", "record", "field", "old", "new", "action")
SNAPSHOT_COLUMNS = ("title", "revision", "history_head", "exported_at")

# A spreadsheet runs a cell starting with one of these; a genuine number (or the report's lone
# "-" for "no paragraph") is not a formula and is left as it is.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GENUINE = re.compile(r"[+-]?\d+(?:\.\d+)?|-")


def neutralise(value: Any) -> Any:
    """Formula injection: `=HYPERLINK(...)` -> `'=HYPERLINK(...)`; integers pass unchanged.

    Escape codes too: ESC and BEL in a cell retitled the terminal of whoever ran
    `cat components.csv`, so control and bidi characters are shown as marks (CR as a line break).
    """
    if not isinstance(value, str) or _GENUINE.fullmatch(value):
        return value
    value = visible_lines(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


# --- rows -------------------------------------------------------------------------------------
def component_rows(export: Export) -> list[Row]:
    rows: list[Row] = []
    for c in export.state.components:
        overdue = "Y" if c.is_overdue(export.today) else "N"
        rows.append(
            _component(str(c.id), "", c.title, c.status, c.target, overdue, c.owner, c.note)
        )
        for n, p in enumerate(c.parts, start=1):
            late = "Y" if p.is_overdue(export.today) else "N"
            rows.append(
                _component(f"{c.id}.{n}", str(c.id), p.title, p.status, p.target, late, "", "")
            )
    return rows


def _component(*values: Any) -> Row:
    return _row("components", *(str(v) for v in values))


def bid_rows(export: Export) -> list[Row]:
    """Data rows only: a total row would double any column sum a spreadsheet makes."""
    state = export.state
    return [
        _bid(b.id, b.title, b.amounts, b.total, b.status.value, b.funding.value, b.note)
        | {"priority": state.priority(b.id), "within_envelope": _flag(state.within_envelope(b.id))}
        for b in state.bids
    ]


def total_rows(export: Export) -> list[Row]:
    """The stream's `totals` rows: per year the bids' total, the envelope and the over/under."""
    state = export.state
    rows = [_bid("total", "Total", state.year_totals(), state.grand_total, "", "", "")]
    for label, values in envelope_rows(state):
        known = {y: v for y, v in values.items() if v is not None}
        rows.append(_bid("", label, known, None, "", "", ""))
    return rows


def _flag(value: bool | None) -> str:
    return "" if value is None else "Y" if value else "N"


def _bid(id_: Any, title: str, amounts: dict[str, int], total: int | None, *rest: str) -> Row:
    years = [amounts.get(y, "") for y in YEARS]
    values = (id_, title, *years, "" if total is None else total, *rest)
    return dict(zip(COLUMNS["bids"], values, strict=False))


def implication_rows(export: Export) -> list[Row]:
    return [
        _row("implications", i.id, i.name, i.applies.value, i.paragraphs, i.note)
        for i in export.state.implications
    ]


def recommendation_rows(export: Export) -> list[Row]:
    return [
        _row("recommendations", r.id, r.text, r.decision.value, r.note)
        for r in export.state.recommendations
    ]


def action_rows(export: Export) -> list[Row]:
    """Due dates stay ISO here (a spreadsheet sorts them); overdue as Y/N like components."""
    return [
        _row(
            "actions",
            a.id,
            a.text,
            a.owner,
            a.due,
            a.status.value,
            "Y" if a.is_overdue(export.today) else "N",
            a.source,
            "" if a.meeting is None else a.meeting,
        )
        for a in export.state.actions
    ]


def _row(table: str, *values: Any) -> Row:
    return dict(zip(COLUMNS[table], values, strict=True))


def change_rows(export: Export) -> list[Row]:
    return [
        {
            "revision": e.revision,
            "at": e.at,
            "who": e.who,
            "record": f"{e.table} {e.record}",
            "field": e.field,
            "old": _plain(e.old),
            "new": _plain(e.new),
            "action": e.action,
        }
        for e in export.changes.entries
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "" if value is None else value


CHUNK_ROWS = 1_000  # rows per piece written
TABLE_ROWS = {
    "components": component_rows,
    "bids": bid_rows,
    "implications": implication_rows,
    "recommendations": recommendation_rows,
    "actions": action_rows,
}


def _csv(columns: tuple[str, ...], rows: Iterable[Row]) -> str:
    return "".join(_csv_chunks(columns, rows))


def _csv_chunks(columns: tuple[str, ...], rows: Iterable[Row]) -> Iterator[str]:
    """The CSV text, CHUNK_ROWS rows at a time (never the whole file in memory)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, restval="", extrasaction="raise")
    writer.writeheader()
    for count, row in enumerate(rows, start=1):
        writer.writerow({k: neutralise(v) for k, v in row.items()})
        if count % CHUNK_ROWS == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def tables(export: Export) -> dict[str, str]:
    """One CSV per table (`--all`): components.csv, bids.csv, implications.csv, ..."""
    return {f"{name}.csv": table(export, name) for name in COLUMNS}


def table(export: Export, name: str) -> str:
    """One table's CSV, e.g. bids.csv (data rows only)."""
    return "".join(table_chunks(export, name))


def table_chunks(export: Export, name: str) -> Iterator[str]:
    return _csv_chunks(COLUMNS[name], TABLE_ROWS[name](export))


def render(export: Export) -> str:
    return "".join(chunks(export))


def chunks(export: Export) -> Iterator[str]:
    """One stream: every table's rows under one header with a leading `table` column.

    The first row (`table` = snapshot) holds the revision and the export time; the bids' totals,
    envelope and over/under follow as `table` = totals (so `bids` rows sum cleanly); the last
    rows (`table` = change) are the changes since the last snapshot.
    """
    columns = _union(("table",), SNAPSHOT_COLUMNS, *COLUMNS.values(), CHANGE_COLUMNS)
    s = export.state
    snapshot = {"title": s.report.get("title", ""), "revision": s.revision}
    snapshot["history_head"] = s.head_digest
    first = [{"table": "snapshot", **snapshot, "exported_at": export.exported_at}]
    rows = itertools.chain(
        first,
        *(_tagged(name, make(export)) for name, make in TABLE_ROWS.items()),
        _tagged("totals", total_rows(export)),
        _tagged("change", change_rows(export)),
    )
    return _csv_chunks(columns, rows)


def _tagged(table: str, rows: Iterable[Row]) -> Iterator[Row]:
    return ({"table": table, **row} for row in rows)


def _union(*groups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for group in groups for name in group))
