"""The funding line: walking the bids in priority order, a bid is within the envelope while it and
every bid above it fit in every year that has an envelope (a strict line)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store import YEARS, Bid, BoardState, funding

amounts = st.fixed_dictionaries({y: st.integers(0, 1_000) for y in YEARS})
envelopes = st.dictionaries(st.sampled_from(YEARS), st.integers(0, 3_000))


def board(bids: list[Bid], envelope: dict[str, int]) -> BoardState:
    return BoardState(0, "", "", {}, (), tuple(bids), (), (), envelope)


def fits_with_all_above(order: list[dict[str, int]], i: int, envelope: dict[str, int]) -> bool:
    """The rule as the product states it, checked from scratch for bid i."""
    return all(
        sum(order[k][y] for k in range(j + 1)) <= cap
        for j in range(i + 1)
        for y, cap in envelope.items()
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(amounts, max_size=12), envelopes, st.randoms())
def test_a_bid_is_within_iff_it_and_every_bid_above_fit(
    asks: list[dict[str, int]], envelope: dict[str, int], rnd: object
) -> None:
    priorities = list(range(1, len(asks) + 1))
    rnd.shuffle(priorities)  # type: ignore[attr-defined]
    bids = [
        Bid(n, f"bid {n}", a, order_key=p)
        for n, (a, p) in enumerate(zip(asks, priorities, strict=True), 1)
    ]
    state = board(bids, envelope)
    order = sorted(bids, key=lambda b: b.order_key or 0)
    for i, bid in enumerate(order):
        expected = (
            fits_with_all_above([b.amounts for b in order], i, envelope) if envelope else None
        )
        assert state.within_envelope(bid.id) is expected
        assert state.priority(bid.id) == i + 1


@given(st.lists(amounts, min_size=1, max_size=12), envelopes)
def test_below_the_line_nothing_is_within_again(
    asks: list[dict[str, int]], envelope: dict[str, int]
) -> None:
    line = funding.funding_line(asks, envelope)
    if envelope:
        assert line == sorted(line, reverse=True)  # True... then False...: one line, no gaps
    else:
        assert line == [None] * len(asks)


def test_a_small_bid_after_the_line_stays_below_it() -> None:
    asks = [{"2005/06": 500}, {"2005/06": 400}, {"2005/06": 10}]
    assert funding.funding_line(asks, {"2005/06": 600}) == [True, False, False]


def test_the_seed_in_the_reports_order_against_an_envelope() -> None:
    seed = [(350, 250), (100, 100), (0, 0), (250, 0), (70, 0)]  # 2005/06 and 2006/07 (£'000)
    asks = [{"2005/06": a, "2006/07": b, "2007/08": 0, "after": 0} for a, b in seed]
    # 2005/06 runs 350, 450, 450, 700, 770; 2006/07 runs 250, 350, ...: exactly at it still fits
    assert funding.funding_line(asks, {"2005/06": 700, "2006/07": 350}) == [
        True,
        True,
        True,
        True,
        False,
    ]
    assert funding.funding_line(asks, {"2006/07": 349}) == [True, False, False, False, False]


def test_bids_without_a_stored_priority_come_after_in_id_order() -> None:
    bids = [Bid(1, "a", {}), Bid(2, "b", {}, order_key=1), Bid(3, "c", {})]
    assert [b.id for b in board(bids, {}).by_priority] == [2, 1, 3]
