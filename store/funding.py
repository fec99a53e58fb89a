"""The money decision as pure functions: priority order, the funding line, running totals.

Walking the bids in priority order, a bid is *within the envelope* while, in every year that has
an envelope, it and all bids above it fit; the first bid that does not fit and every bid after it
are *below the line* (a strict line, as councils draw it). Without any envelope the answer is None.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, TypeVar

from .errors import ValidationError


class Ranked(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def order_key(self) -> int | None: ...


T = TypeVar("T", bound=Ranked)


def priority_order(bids: Iterable[T]) -> list[T]:
    """Stored priority first (a bid without one, from an older store, after them), then id."""
    return sorted(bids, key=_sort_key)


def _sort_key(bid: Ranked) -> tuple[int, int]:
    key = bid.order_key
    return (key if key is not None else 1 << 62, bid.id)


def funding_line(
    amounts: Sequence[Mapping[str, int]], envelope: Mapping[str, int]
) -> list[bool | None]:
    """Per bid (already in priority order): within the envelope (True), below the line (False),
    or None for all when no year has an envelope."""
    if not envelope:
        return [None] * len(amounts)
    spent = dict.fromkeys(envelope, 0)
    line: list[bool | None] = []
    for bid in amounts:
        for year in spent:
            spent[year] += bid.get(year, 0)
        fits = bool(not line or line[-1]) and all(spent[y] <= envelope[y] for y in spent)
        line.append(fits)
    return line


def running_totals(
    amounts: Sequence[Mapping[str, int]], years: Sequence[str]
) -> list[dict[str, int]]:
    """Per bid in order: what it and every bid above it ask for, per year."""
    spent = dict.fromkeys(years, 0)
    out = []
    for bid in amounts:
        for year in years:
            spent[year] += bid.get(year, 0)
        out.append(dict(spent))
    return out


def moved(order: Sequence[int], bid: int, rank: int) -> list[int]:
    """`order` (bid ids by priority) with `bid` moved to position `rank` (1 = first)."""
    if not 1 <= rank <= len(order):
        raise ValidationError(
            f"priority {rank} is outside 1 to {len(order)} (there are {len(order)} bids)"
        )
    rest = [b for b in order if b != bid]
    return [*rest[: rank - 1], bid, *rest[rank - 1 :]]


def parse_rank(value: object) -> int:
    """A priority as typed: a whole number from 1."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError(f"{value!r} is not a priority (1 = first)")
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9 or int(text) < 1:
        raise ValidationError(f"{value!r} is not a priority: a whole number from 1 (1 = first)")
    return int(text)
