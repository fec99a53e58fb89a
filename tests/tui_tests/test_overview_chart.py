"""The Overview's bar chart as text: stacked in priority order, shades that tell the bids apart
without colour, the envelope marked, and many bids in the same 34 columns."""

from __future__ import annotations

from itertools import groupby

from store import Repository, planning
from tui.chart import BAR_WIDTH, funding_chart


def bar(repo: Repository, year_label: str) -> str:
    text = funding_chart(repo.state()).plain
    line = next(line for line in text.splitlines() if line.strip().startswith(year_label))
    return line[16 : 16 + BAR_WIDTH]


def runs(bar_text: str) -> list[tuple[str, int]]:
    return [(glyph, len(list(group))) for glyph, group in groupby(bar_text.rstrip())]


def close_to(shown: list[tuple[str, int]], expected: list[tuple[str, int]]) -> bool:
    """The same shades in the same order, each run within a column of its share of the bar."""
    scale = BAR_WIDTH / 770  # the seed's 2005/06 total fills the bar
    return [g for g, _ in shown] == [g for g, _ in expected] and all(
        abs(n - amount * scale) <= 1 for (_, n), (_, amount) in zip(shown, expected, strict=True)
    )


def test_the_2005_06_bar_is_stacked_in_priority_order_in_turn_of_shades(repo: Repository) -> None:
    # bids 1-5 ask 350, 100, 0, 250, 70 in 2005/06: bid 3 has no segment, bid 5 is the fifth shade
    expected = [("█", 350), ("▓", 100), ("░", 250), ("█", 70)]
    assert close_to(runs(bar(repo, "2005/06")), expected)
    repo.set_field("bids", "4", "priority", "1")  # order 4, 1, 2, 3, 5
    expected = [("█", 250), ("▓", 350), ("▒", 100), ("█", 70)]
    assert close_to(runs(bar(repo, "2005/06")), expected)


def test_the_envelope_is_a_mark_at_its_amount(repo: Repository) -> None:
    repo.apply(planning.envelope(repo.state(), "2005/06", "700"))
    shown = bar(repo, "2005/06")
    assert shown.index("┃") == round(700 * BAR_WIDTH / 770)
    text = funding_chart(repo.state()).plain
    assert "770 of 700, 70 over" in text and "┃ = funding envelope" in text


def test_many_bids_fill_the_same_bar_and_the_legend_counts_the_rest(repo: Repository) -> None:
    for n in range(60):
        repo.add("bids", {"title": f"Bid {n}", "2005/06": "10"})
    shown = bar(repo, "2005/06")
    assert len(shown.rstrip()) == BAR_WIDTH
    assert "… and 57 more bids" in funding_chart(repo.state()).plain
