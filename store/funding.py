"""The money decision as pure functions: priority order, the funding line, running totals.

Walking the bids in priority order, a bid is *within the envelope* while, in every year that has
an envelope, it and all bids above it fit; the first bid that does not fit and every bid after it
are *below the line* (a strict line, as councils draw it). Without any envelope the answer is None.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, TypeVar

from .errors import ValidationError

if TYPE_CHECKING:  # a Protocol class costs ~2 ms to create, at every command's start-up
    from typing import Protocol

    class Ranked(Protocol):
        @property
        def id(self) -> int: ...

        @property
        def order_key(self) -> int | None: ...


T = TypeVar("T", bound="Ranked")


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
    within = first_below(running_by_year(amounts, envelope), envelope)
    line: list[bool | None] = [True] * within
    return line + [False] * (len(amounts) - within)


def first_below(running: Mapping[str, Sequence[int]], envelope: Mapping[str, int]) -> int:
    """How many bids are within: the first place where any year's running total passes its
    envelope. Amounts are never negative, so each running total only grows (a binary search)."""
    return min(bisect_right(running[year], cap) for year, cap in envelope.items())


def running_by_year(
    amounts: Sequence[Mapping[str, int]], years: Iterable[str]
) -> dict[str, list[int]]:
    """Per year: what each bid and every bid above it ask for, in order (one C loop a year)."""
    return {y: list(accumulate(bid.get(y, 0) for bid in amounts)) for y in years}


def running_totals(
    amounts: Sequence[Mapping[str, int]], years: Sequence[str]
) -> list[dict[str, int]]:
    """Per bid in order: what it and every bid above it ask for, per year."""
    by_year = running_by_year(amounts, years)
    return [{y: by_year[y][n] for y in years} for n in range(len(amounts))]


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
