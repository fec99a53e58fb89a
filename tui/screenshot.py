"""The console's screen as SVG, rendered headless (no terminal needed), for `board export`.

Lives in tui/ because it runs the Textual app; store/ only receives the SVG text.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from store import Repository

from .keys import TABS


def render_svg(
    repo: Repository,
    tab: str = "overview",
    size: tuple[int, int] = (120, 40),
    *,
    today: dt.date | None = None,
) -> str:
    """Open the console headless on `tab` at `size` (columns, rows) and return its screenshot."""
    if tab not in TABS:
        raise ValueError(f"unknown tab {tab!r}; choose from {', '.join(TABS)}")
    return asyncio.run(_screenshot(repo, tab, size, today))


async def _screenshot(
    repo: Repository, tab: str, size: tuple[int, int], today: dt.date | None
) -> str:
    from .app import BoardApp

    app = BoardApp(repo, today=today)
    async with app.run_test(size=size) as pilot:
        await app.board.action_show_tab(tab)
        await pilot.pause()
        return app.export_screenshot(title=app.TITLE)
