"""Stored values outside the tables' fields, checked on every read: the `_meta` record (a
revision "x" or above 2**63, a store id that is not text), each record's `_changed` stamps and
the report record. Each was an internal error (exit 3) on the next edit or export; now it is a
damaged store, refused in one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import StoreDamaged, ValidationError

_COUNTERS = ("revision", "history_rev", "history_lines", "history_bytes")
_TEXTS = ("store_id", "history_head", "changed_at", "changed_by")
LIMIT = 2**63 - 1  # a revision must leave room to count on (JSON readers stop at 2**63 or 2**64)


def _counter(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < LIMIT


def check_meta(path: Path, meta: dict[str, Any]) -> None:
    for key in _COUNTERS:
        if key in meta and not _counter(meta[key]):
            raise StoreDamaged(
                f"{path}: _meta {key} is {meta[key]!r}, not a whole number 0-{LIMIT}"
            )
    for key in _TEXTS:
        if key in meta and not isinstance(meta[key], str):
            raise StoreDamaged(f"{path}: _meta {key} is {meta[key]!r}, not text")
    last = meta.get("last_id", {})
    if not isinstance(last, dict) or not all(_counter(v) for v in last.values()):
        raise StoreDamaged(f"{path}: _meta last_id is {last!r}, not whole numbers")


def same_shape(value: Any, model: Any) -> bool:
    """`value` has the JSON types of `model` (the seed's): text where it has text, and so on
    into objects and lists; keys the model lacks may hold anything (later versions add some)."""
    if isinstance(model, dict):
        return isinstance(value, dict) and all(
            same_shape(value[k], m) for k, m in model.items() if k in value
        )
    if isinstance(model, list):
        return isinstance(value, list) and (
            not model or all(same_shape(v, model[0]) for v in value)
        )
    return isinstance(value, type(model))


def check_report(report: dict[str, Any], model: dict[str, Any]) -> None:
    """The report record (title, decision status...) as the seed stores it: an export of a title
    stored as a number or a decision status stored as a list was an internal error."""
    for key, expected in model.items():
        if key in report and not same_shape(report[key], expected):
            raise ValidationError(f"report: {key} is {report[key]!r}, not {_kind(expected)}")


def _kind(model: Any) -> str:
    kinds: dict[type, str] = {dict: "an object", list: "a list", str: "text"}
    return kinds.get(type(model), type(model).__name__)


def check_changed(doc: dict[str, Any]) -> None:
    """`_changed`: field -> [revision, who, at], what the stale check reads on every edit."""
    changed = doc.get("_changed", {})
    if not isinstance(changed, dict):
        raise ValidationError(f"_changed is {changed!r}, not an object")
    for field, stamp in changed.items():
        if not (
            isinstance(stamp, list)
            and len(stamp) == 3
            and _counter(stamp[0])
            and isinstance(stamp[1], str)
            and isinstance(stamp[2], str)
        ):
            raise ValidationError(f"_changed {field}: {stamp!r} is not [revision, who, when]")
