"""Several field changes as one edit: checked against the file under the lock, then written.

A priority renumbering, a reprofile, an envelope and an import are each one revision with one
history line per changed field. Each part says what the field held when the edit was planned
(`old`); if any no longer holds it, nothing is written (StaleEdit). Envelopes live in the store's
meta record (`"envelope": {"2005/06": 800}`); a bid's priority is stored as `priority` and read
as its rank, so gaps left by a deleted bid close by themselves.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .errors import StaleEdit
from .records import get_field, history_line, public_fields, put_field

if TYPE_CHECKING:
    from .change import Change, ChangeAction
    from .storage import Data, LockedJSONStorage

ENVELOPE = "envelope"  # the pseudo-table of envelope changes: record = year, field = "amount"
NO_PRIORITY = 1 << 62  # sorts a bid from a store without priorities after those with one


def stored_ranks(rows: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Each bid's rank (1 = first) from the stored priorities, as `BoardState.priority` reads them."""
    keys = sorted((_key(doc.get("priority")), int(k)) for k, doc in rows.items())
    return {str(doc_id): n for n, (_, doc_id) in enumerate(keys, start=1)}


def last_priority(rows: dict[str, dict[str, Any]]) -> int:
    """The largest stored priority (or the number of bids, if larger)."""
    return max([len(rows), *(_key(d.get("priority"), 0) for d in rows.values())])


def _key(value: Any, missing: int = NO_PRIORITY) -> int:
    return value if isinstance(value, int) else missing


def current(data: Data, meta: dict[str, Any], part: Change, ranks: dict[str, int]) -> Any:
    """What the part's field holds now (a priority as its rank)."""
    if part.table == ENVELOPE:
        return meta.get(ENVELOPE, {}).get(part.record)
    if part.field == "priority":
        return ranks.get(part.record)
    doc = data.get(part.table, {}).get(part.record)
    if doc is None:
        return None
    return public_fields(doc) if part.field == "*" else get_field(doc, part.field)


def check(data: Data, meta: dict[str, Any], parts: Sequence[Change]) -> None:
    """StaleEdit unless every part's field still holds the part's `old`."""
    ranks = stored_ranks(data.get("bids", {}))
    for part in parts:
        now = current(data, meta, part, ranks)
        if now != part.old:
            who, at = str(meta.get("changed_by") or "someone"), str(meta.get("changed_at", ""))
            what = f"{part.table} {part.record}" + ("" if part.field == "*" else f" {part.field}")
            raise StaleEdit(
                f"{what} was changed by {who} since it was read; nothing was changed",
                who=who,
                at=at,
                current=now,
            )


def normalise_priorities(storage: LockedJSONStorage) -> None:
    """Store every bid's rank as its priority, so the parts' new ranks make one clean order."""
    rows = storage.read().get("bids", {})
    for key, rank in stored_ranks(rows).items():
        if rows[key].get("priority") != rank:
            storage.own("bids", key)["priority"] = rank


def write(storage: LockedJSONStorage, meta: dict[str, Any], part: Change, stamp: list[Any]) -> None:
    if part.table == ENVELOPE:
        envelope = dict(meta.get(ENVELOPE, {}))
        if part.new is None:
            envelope.pop(part.record, None)
        else:
            envelope[part.record] = part.new
        meta[ENVELOPE] = envelope
    elif part.action == "add":
        rows = storage.read()[part.table] = dict(storage.read().get(part.table, {}))
        rows[part.record] = {**copy.deepcopy(part.new), "_changed": {"*": stamp}}
        last = meta.setdefault("last_id", {})
        last[part.table] = max(int(last.get(part.table, 0)), int(part.record))
    elif part.action == "delete":
        rows = storage.read()[part.table] = dict(storage.read()[part.table])
        del rows[part.record]
    else:
        put_field(storage.own(part.table, part.record), part.field, part.new, stamp)


def write_all(storage: LockedJSONStorage, parts: Sequence[Change], stamp: list[Any]) -> None:
    """Write every part into the transaction's data (a priority part renumbers cleanly)."""
    meta = storage.meta()
    if any(p.field == "priority" for p in parts):
        normalise_priorities(storage)
    for part in parts:
        write(storage, meta, part, stamp)
    storage.mark_changed()


def history_lines(parts: Sequence[Change], at: str, who: str) -> list[dict[str, Any]]:
    return [
        history_line(at, who, p.table, p.record, p.field, p.old, p.new, p.action) for p in parts
    ]


def inverse(parts: Iterable[Change]) -> list[Change]:
    """The parts that undo `parts` (an added record removed, a removed one added back)."""
    flip: dict[ChangeAction, ChangeAction] = {"add": "delete", "delete": "add"}
    return [
        type(p)(p.table, p.record, p.field, p.new, p.old, 0, flip.get(p.action, p.action))
        for p in reversed(list(parts))
    ]
