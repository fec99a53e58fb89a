"""The footer lists the keys of the tab shown, dims what a read-only console refuses, and is built
again only when those keys change (tui/widgets/footer.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Footer

from store import Repository
from tui.app import BoardApp


def footer_keys(app: BoardApp) -> list[object]:
    return list(app.board.query_one(Footer).query("FooterKey").results())


def shown(app: BoardApp) -> list[tuple[str, bool]]:
    """Each footer key's description and whether it is dimmed."""
    return [(k.description, k.has_class("-disabled")) for k in footer_keys(app)]  # type: ignore[attr-defined]


async def test_the_footer_follows_the_tab_and_comes_back_after_a_dialog(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        overview = shown(app)
        assert ("Edit", False) not in overview and ("Quit", False) in overview
        await pilot.press("3")
        await pilot.pause()
        bids = shown(app)
        assert ("Add row", False) in bids and ("Edit", False) in bids
        await pilot.press("e")  # the edit dialog has keys of its own
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app) == bids
        await pilot.press("1")
        await pilot.pause()
        assert shown(app) == overview


async def test_a_read_only_console_dims_the_editing_keys(store_path: Path, today: dt.date) -> None:
    Repository.open(store_path)
    app = BoardApp(Repository.open(store_path, read_only=True), today=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        keys = dict(shown(app))
        assert keys["Edit"] is True and keys["Add row"] is True
        assert keys["Quit"] is False and keys["Keys"] is False


async def test_a_footer_whose_keys_did_not_change_is_not_built_again(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        before = footer_keys(app)
        app.board.refresh_bindings()  # as focus moving or a tab shown again does
        await pilot.press("down", "3")
        await pilot.pause()
        after = footer_keys(app)
        assert len(after) == len(before) > 10
        assert all(a is b for a, b in zip(after, before, strict=True))
