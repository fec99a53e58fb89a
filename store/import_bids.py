"""`board import bids FILE.csv`: a finance spreadsheet (the columns of bids.csv) as one edit.

Every row is checked before anything is planned; the first problem refuses the whole import with
`line N, column C: ...`. A row with an existing id updates that bid (only the fields that differ);
a row with an empty id adds a bid, last in the priority order. `total`, `priority` and
`within_envelope` are derived and ignored. The file must be UTF-8 (a byte-order mark is fine);
a cell our own export protected against formula injection (`'=...`) is read back as typed, and any
other cell is text or a number, never evaluated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from .change import Change
from .errors import ValidationError
from .model import YEAR_LABELS, YEARS, Bid, BoardState
from .planning import Plan, part
from .records import blank_record
from .validate import FIELDS

MAX_BYTES = 20_000_000  # ~100,000 bids; a bigger file is not a finance spreadsheet
MAX_ROWS = 100_000
BY_LABEL = {YEAR_LABELS[y]: y for y in YEARS} | {y: y for y in YEARS}
FIELD_OF = {"title": "title", "status": "status", "funding": "funding", "note": "note", **BY_LABEL}
DERIVED = ("total", "priority", "within_envelope")
_PROTECTED = ("'=", "'+", "'-", "'@")


class ImportRefused(ValidationError):
    """The file, or one of its cells, cannot be imported; nothing was changed."""


def decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_BYTES:
        raise ImportRefused(f"{name}: more than {MAX_BYTES:,} bytes, too big to be a bids CSV")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ImportRefused(
            f"{name}: not UTF-8 text (byte {err.start + 1:,}); save it as 'CSV UTF-8'"
        ) from None


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for cells in reader:
            if reader.line_num > MAX_ROWS + 1:
                raise ImportRefused(f"line {reader.line_num:,}: more than {MAX_ROWS:,} rows")
            yield reader.line_num, cells
    except csv.Error as err:
        raise ImportRefused(f"line {reader.line_num}: not readable as CSV ({err})") from None


def _header(line: int, cells: list[str]) -> list[str]:
    names = [c.strip() for c in cells]
    for n, name in enumerate(names, start=1):
        if name not in FIELD_OF and name not in ("id", *DERIVED):
            known = ", ".join(["id", *FIELD_OF, *DERIVED][: 6 + len(YEARS)])
            raise ImportRefused(f"line {line}, column {n}: unknown column {name!r}; use {known}")
        if names.index(name) != n - 1:
            raise ImportRefused(f"line {line}, column {n}: column {name!r} appears twice")
    if "id" not in names:
        raise ImportRefused(f"line {line}: no `id` column (the columns of bids.csv)")
    return names


def _cell(value: str) -> str:
    return value[1:] if value.startswith(_PROTECTED) else value


def _fields(line: int, names: list[str], cells: list[str]) -> dict[str, Any]:
    if len(cells) != len(names):
        raise ImportRefused(f"line {line}: {len(cells)} cells, the header has {len(names)}")
    out: dict[str, Any] = {}
    for name, raw in zip(names, cells, strict=True):
        field = FIELD_OF.get(name)
        value = _cell(raw)
        if field is None or (field in ("status", "funding") and not value.strip()):
            continue  # derived, or left blank: keep what the bid has
        try:
            out[field] = FIELDS["bids"][field].parse(
                value if value.strip() or field not in YEARS else "0"
            )
        except ValidationError as err:
            raise ImportRefused(f"line {line}, column {name}: {err}") from None
    out["id"] = cells[names.index("id")].strip()
    return out


def read_rows(text: str) -> list[tuple[int, dict[str, Any]]]:
    rows = _rows(text)
    first = next(rows, None)
    if first is None:
        raise ImportRefused("line 1: the file is empty (expected the columns of bids.csv)")
    names = _header(*first)
    return [(line, _fields(line, names, cells)) for line, cells in rows if any(cells)]


def plan_import(state: BoardState, text: str, next_id: int) -> Plan:
    """The parts that make the bids say what the file says; ImportRefused naming line and column."""
    bids = {str(b.id): b for b in state.bids}
    seen: dict[str, int] = {}
    parts: list[Change] = []
    last_rank = max([len(bids), *(b.order_key or 0 for b in state.bids)])
    for line, fields in read_rows(text):
        key = fields.pop("id")
        if key in seen:
            raise ImportRefused(f"line {line}, column id: bid {key} is also on line {seen[key]}")
        if key and key not in bids:
            raise ImportRefused(
                f"line {line}, column id: no bid {key!r} (leave the id empty to add a bid)"
            )
        seen[key or f"new{line}"] = line
        if key:
            parts.extend(_updates(bids[key], fields))
        else:
            new = _new_bid(line, fields, last_rank + 1)
            last_rank += 1
            parts.append(part("bids", str(next_id), "*", None, new, "add"))
            next_id += 1
    return Plan(("bids", "*", "import"), tuple(parts))


def _updates(bid: Bid, fields: dict[str, Any]) -> list[Change]:
    now: dict[str, Any] = {"title": bid.title, "status": bid.status.value, "note": bid.note}
    now |= {"funding": bid.funding.value, **bid.amounts}
    return [
        part("bids", str(bid.id), field, now[field], value)
        for field, value in fields.items()
        if now[field] != value
    ]


def _new_bid(line: int, fields: dict[str, Any], rank: int) -> dict[str, Any]:
    if "title" not in fields:
        raise ImportRefused(f"line {line}, column title: a new bid needs a title")
    doc = blank_record("bids")
    for field, value in fields.items():
        if field in YEARS:
            doc["amounts"][field] = value
        else:
            doc[field] = value
    doc["priority"] = rank
    return doc
