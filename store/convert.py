"""Stored JSON documents -> frozen model objects, validating every field on the way."""

from __future__ import annotations

import contextlib
import copy
import gc
from collections.abc import Callable, Iterator
from typing import Any

import orjson

from .errors import ValidationError
from .model import (
    YEARS,
    Bid,
    BidStatus,
    BoardState,
    Component,
    ComponentStatus,
    Decision,
    FundingRoute,
    Implication,
    Part,
    Recommendation,
    Snapshot,
    YesNo,
)
from .validate import check_stored

Data = dict[str, dict[str, Any]]
# Enum members by value: a dict lookup is ~30x cheaper than calling the Enum (10,000 bids: 15 ms).
# The values were validated by check_stored just before, so a KeyError cannot happen.
_BID_STATUS = {m.value: m for m in BidStatus}
_FUNDING = {m.value: m for m in FundingRoute}


@contextlib.contextmanager
def _without_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Converting 10,000 bids allocates ~100,000 dicts, tuples and dataclasses; the collections
    they trigger walk every object in the process (Textual's included) and took ~30% of the
    time. Nothing built here can form a cycle; reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Last conversion of each table: doc id -> (the stored record as bytes, its model object).
# The first conversion records no bytes (opening a store pays nothing for this).
_LAST: dict[str, dict[int, tuple[bytes | None, Any]]] = {}


def _converted(
    data: Data, table: str, make: Callable[[int, dict[str, Any]], Any]
) -> tuple[Any, ...]:
    """Every record of `table` checked and converted, reusing the last conversion's object for a
    record stored exactly as then (a live refresh re-reads the file after one edit: 1,000 bids
    cost ~13 ms to convert, ~1 ms to compare). Compared as bytes, not as dicts: the storage's
    cached dicts are edited in place by the next transaction."""
    last: dict[int, tuple[bytes | None, Any]] = _LAST.get(table, {})
    now: dict[int, tuple[bytes | None, Any]] = {}
    out = []
    for doc_id, doc in _rows(data, table, check=False):
        raw = orjson.dumps(doc, option=orjson.OPT_SORT_KEYS) if last else None
        hit = last.get(doc_id)
        if hit is None or hit[0] is None or hit[0] != raw:
            _check(table, doc_id, doc)
            hit = (raw, make(doc_id, doc))
        now[doc_id] = hit
        out.append(hit[1])
    _LAST[table] = now
    return tuple(out)


def _check(table: str, doc_id: int, doc: Any) -> None:
    if not isinstance(doc, dict):
        raise ValidationError(f"{table} {doc_id} is not a record")
    try:
        check_stored(table, doc)
    except ValidationError as err:
        raise ValidationError(f"{table} {doc_id}: {err}") from None


def _rows(data: Data, table: str, check: bool = True) -> list[tuple[int, dict[str, Any]]]:
    rows = sorted(((int(k), v) for k, v in data.get(table, {}).items()), key=lambda r: r[0])
    for doc_id, doc in rows if check else ():
        _check(table, doc_id, doc)
    return rows


def _component(doc_id: int, d: dict[str, Any]) -> Component:
    parts = tuple(
        Part(p["title"], ComponentStatus(p["status"]), p.get("target", ""))
        for p in d.get("parts", [])
    )
    return Component(
        id=doc_id,
        title=d["title"],
        status=ComponentStatus(d["status"]),
        target=d["target"],
        owner=d["owner"],
        note=d["note"],
        wording=d.get("wording", ""),
        parts=parts,
    )


def _bid(doc_id: int, d: dict[str, Any]) -> Bid:
    amounts = {y: d["amounts"][y] for y in YEARS}
    return Bid(
        doc_id,
        d["title"],
        amounts,
        _BID_STATUS[d["status"]],
        _FUNDING[d["funding"]],
        d["note"],
    )


def _recommendation(d: dict[str, Any]) -> Recommendation:
    if not isinstance(d.get("ref"), str) or not d["ref"]:
        raise ValidationError("a recommendation has no reference")
    return Recommendation(d["ref"], d["text"], Decision(d["decision"]), d["note"])


def state_from_data(data: Data, meta: dict[str, Any]) -> BoardState:
    with _without_gc():
        return _state(data, meta)


def _state(data: Data, meta: dict[str, Any]) -> BoardState:
    report = data.get("report", {}).get("1")
    if not isinstance(report, dict):
        raise ValidationError("the report record is missing")
    envelope = meta.get("envelope") or {}
    return BoardState(
        revision=int(meta.get("revision", 0)),
        changed_at=str(meta.get("changed_at", "")),
        changed_by=str(meta.get("changed_by", "")),
        report=copy.deepcopy(report),  # the storage's cached dicts are edited in place later
        components=tuple(_component(i, d) for i, d in _rows(data, "components")),
        bids=_converted(data, "bids", _bid),
        implications=tuple(
            Implication(i, d["name"], YesNo(d["applies"]), d["paragraphs"], d["note"])
            for i, d in _rows(data, "implications")
        ),
        recommendations=tuple(_recommendation(d) for _, d in _rows(data, "recommendations")),
        envelope={y: int(v) for y, v in envelope.items() if y in YEARS},
        snapshots=tuple(
            Snapshot(d["at"], d["who"], int(d["revision"]), tuple(d["formats"]))
            for _, d in sorted(((int(k), v) for k, v in data.get("snapshots", {}).items()))
        ),
    )
