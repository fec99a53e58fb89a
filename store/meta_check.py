"""The store's `_meta` record checked on every parse: a value there that an edit cannot carry on
from (a revision "x" or above 2**63, a store id that is not text) is a damaged store, refused in
one line, not an internal error on the next edit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import StoreDamaged

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
