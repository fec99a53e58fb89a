"""The stored records: the seed as tables, the schema upgrade, history lines, field access.

Plain functions over the dicts TinyDB stores (no I/O); `Repository` uses them inside a
transaction.
"""

from __future__ import annotations

import copy
from collections.abc import MutableMapping
from typing import Any

import msgspec

from . import seed
from .errors import NotFound, ValidationError
from .model import YEARS, BoardState
from .storage import META, Data
from .validate import check_table, split_part

ROW_TABLES = {"components": "title", "bids": "title", "actions": "text"}  # and the field needed


def seed_data() -> Data:
    tables: Data = {}
    for name, rows in seed.seed_tables().items():
        tables[name] = {str(i): row for i, row in enumerate(rows, start=1)}
    for rank, bid in enumerate(tables["bids"].values(), start=1):
        bid["priority"] = rank  # the report's order to begin with
    return tables


def upgrade_schema(data: Data, version: int) -> tuple[Data, list[dict[str, Any]]]:
    """Schema 1 kept the history as a table inside the store; schema 2 keeps it in JSON Lines.

    Returns the data without that table and its entries in order, each with a revision no later
    than the store's (an entry without one takes its position, so none is hidden).
    """
    old = data.get("history", {}) if version <= 1 else {}
    revision = int(data[META]["1"].get("revision", 0))
    entries = []
    for position, key in enumerate(sorted(old, key=int), start=1):
        entry = {**old[key]}
        entry["rev"] = min(int(entry.get("rev", position)), max(revision, position))
        entries.append(entry)
    if entries:
        data[META]["1"]["revision"] = max(revision, entries[-1]["rev"])
    return {name: table for name, table in data.items() if name != "history"}, entries


def latest_stamp(doc: dict[str, Any], field: str | None) -> list[Any] | None:
    """[revision, who, at] of the newest change to `field` (or to any field when None)."""
    changed = doc.get("_changed", {})
    stamps = [changed[k] for k in ([field, "*"] if field else list(changed)) if k in changed]
    return max(stamps, default=None, key=lambda s: s[0])


def history_line(
    at: str, who: str, table: str, record: Any, field: str, old: Any, new: Any, action: str
) -> dict[str, Any]:
    return {
        "at": at,
        "who": who,
        "table": table,
        "id": str(record),
        "field": field,
        "old": old,
        "new": new,
        "action": action,
    }


def public_fields(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in doc.items() if not k.startswith("_")}


def blank_record(table: str) -> dict[str, Any]:
    if table == "actions":
        return {"text": "", "owner": "", "due": "", "status": "open", "source": ""}
    if table == "bids":
        return {
            "title": "New bid",
            "amounts": dict.fromkeys(YEARS, 0),
            "status": "proposed",
            "funding": "capital",
            "note": "",
        }
    return {
        "title": "New component",
        "status": "not started",
        "target": "",
        "owner": "",
        "note": "",
        "wording": "",
        "parts": [],
    }


def get_field(doc: dict[str, Any], field: str) -> Any:
    part = split_part(field)
    if part:
        parts = doc.get("parts", [])
        if not 1 <= part[0] <= len(parts):
            raise NotFound(f"no part {part[0]}; this component has {len(parts)} parts")
        return parts[part[0] - 1][part[1]]
    if field in YEARS:
        return doc["amounts"][field]
    return doc.get(field)


def record_value(state: BoardState, table: str, record: str, field: str) -> Any:
    """A field's value in `state` as the store holds it (statuses as words); None if the record
    or part is gone. The same field access as a stored record's (`get_field`)."""
    if (table, field) == ("bids", "priority"):  # stored as a sort key, shown as its rank
        try:
            return state.priority(int(record))
        except (KeyError, ValueError):
            return None
    items: tuple[Any, ...] = getattr(state, table)
    item = next((r for r in items if str(r.id) == record), None)
    if item is None:
        return None
    try:  # to_builtins gives plain data: statuses as their words, parts as dicts
        return get_field(msgspec.to_builtins(item), field)
    except NotFound:
        return None


def put_field(
    doc: MutableMapping[str, Any], field: str, value: Any, stamp: list[Any] | None
) -> None:
    part = split_part(field)
    if part:
        doc["parts"][part[0] - 1][part[1]] = value
    elif field in YEARS:
        doc["amounts"][field] = value
    else:
        doc[field] = value
    if stamp is not None:
        doc.setdefault("_changed", {})[field] = stamp


def check_row_table(table: str, verb: str) -> None:
    check_table(table)
    if table not in ROW_TABLES:
        raise ValidationError(f"rows can be {verb} {', '.join(ROW_TABLES)}, not {table}")
