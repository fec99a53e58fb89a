"""Multi-field edits planned from the board's state: each becomes one revision (`Repository.apply`).

Pure functions: they validate what a user typed against the state read and return the parts, each
with the value its field holds now (`old`), which the repository checks again under the lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .change import Change, ChangeAction
from .compound import ENVELOPE
from .display import change_text, money
from .errors import NotFound, ValidationError
from .frozen import Frozen
from .funding import moved, parse_rank
from .model import YEAR_LABELS, YEARS, Bid, BoardState
from .validate import FIELDS


class Plan(Frozen, frozen=True):
    """A multi-field edit worked out before it is saved: what it is about, and its changes."""

    what: tuple[str, str, str]  # (table, record, field) the edit is about, for its confirmation
    parts: tuple[Change, ...]


def part(
    table: str, record: str, field: str, old: Any, new: Any, action: ChangeAction = "set"
) -> Change:
    return Change(table, record, field, old, new, 0, action)


def parse_year(text: str) -> str:
    """`2005/06`, `after` or `After 2007/08` -> the stored year key."""
    key = str(text).strip().lower()
    for year in YEARS:
        if key in (year, YEAR_LABELS[year].lower()):
            return year
    raise ValidationError(f"unknown year {text!r}; years are: {', '.join(YEARS)}")


def find_bid(state: BoardState, record: str | int) -> Bid:
    key = str(record).strip()
    for bid in state.bids:
        if str(bid.id) == key:
            return bid
    known = ", ".join(str(b.id) for b in state.bids)
    raise NotFound(f"no bids record {key!r}; ids are: {known}")


def priority(state: BoardState, record: str | int, rank: Any) -> Plan:
    """Move one bid to `rank` and renumber the bids between, as one edit."""
    bid = find_bid(state, record)
    new_rank = parse_rank(rank)
    order = moved([b.id for b in state.by_priority], bid.id, new_rank)
    parts = tuple(
        part("bids", str(b), "priority", state.priority(b), n)
        for n, b in enumerate(order, start=1)
        if state.priority(b) != n
    )
    moved_first = sorted(parts, key=lambda p: p.record != str(bid.id))
    return Plan(("bids", str(bid.id), "priority"), tuple(moved_first))


def envelope(state: BoardState, year: str, value: str | int | None) -> Plan:
    """Set one year's funding envelope (`none` or None clears it)."""
    key = parse_year(year)
    new = parse_envelope(value)
    old = state.envelope.get(key)
    parts = () if old == new else (part(ENVELOPE, key, "amount", old, new),)
    return Plan((ENVELOPE, key, "amount"), parts)


def parse_envelope(value: str | int | None) -> int | None:
    """An envelope as typed: whole £'000 (the rule of a bid's amount), or `none` to clear it."""
    if value is None or (isinstance(value, str) and value.strip().lower() == "none"):
        return None
    try:
        return int(FIELDS["bids"]["2005/06"].parse(value))
    except ValidationError as err:
        raise ValidationError(f"envelope: {err}") from None


def reprofile(state: BoardState, record: str | int, source: str, target: str, amount: Any) -> Plan:
    """Move `amount` of one bid from one year to another; the bid's total is unchanged."""
    bid = find_bid(state, record)
    src, dst = parse_year(source), parse_year(target)
    if src == dst:
        raise ValidationError(f"reprofiling moves money between two years, not {src} to itself")
    how_much = FIELDS["bids"][src].parse(amount)
    if how_much == 0:
        raise ValidationError("the amount to move must be more than 0")
    held = bid.amounts[src]
    if how_much > held:
        raise ValidationError(
            f"bids {bid.id} holds {money(held)} in {src}; it cannot move {money(how_much)}"
        )
    FIELDS["bids"][dst].parse(bid.amounts[dst] + how_much)  # within the largest amount allowed
    parts = (
        part("bids", str(bid.id), src, held, held - how_much),
        part("bids", str(bid.id), dst, bid.amounts[dst], bid.amounts[dst] + how_much),
    )
    return Plan(("bids", str(bid.id), f"{src} → {dst}"), parts)


def year_rows(state: BoardState) -> list[tuple[str, int, int | None, int | None]]:
    """Per year: (year, bids, envelope or None, over-subscription or None)."""
    totals, over = state.year_totals(), state.oversubscription()
    return [(y, totals[y], state.envelope.get(y), over.get(y)) for y in YEARS]


def describe_parts(parts: Sequence[Change]) -> list[str]:
    """One line per part for a confirmation: `bids 4 priority: 4 → 1`."""
    lines = []
    for p in parts:
        field = "" if p.field == "*" else f" {p.field}"
        lines.append(f"{p.table} {p.record}{field}: {change_text(p.action, p.old, p.new)}")
    return lines
