"""`board serve` in a real headless browser: Debian's chromium, driven by Playwright.

The member opens the printed link, sees the Overview, presses 3 and sees the bids. A page on
another origin, opened in the same browser after the member, cannot open the board's socket.
The link clicked on another site (a web mail) opens the board as well.
What the console draws is read from the frames the browser's own websocket receives.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import LOOPBACK, WAIT, Served, free_port, serving, wait_until_no_consoles

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

playwright_api = pytest.importorskip("playwright.async_api", reason="playwright is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip("no chromium installed (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

FOREIGN_PAGE = """<!doctype html><script>
window.result = {opened: false, closed: null, text: ""};
const ws = new WebSocket("ws://127.0.0.1:%d/ws?width=120&height=40");
ws.onopen = () => { window.result.opened = true; };
ws.onmessage = (e) => { window.result.text += String(e.data).length; };
ws.onclose = (e) => { window.result.closed = e.code; };
</script>"""


@pytest.fixture
def served(tmp_path: Path, store: Path) -> Iterator[Served]:
    with serving(store, tmp_path) as server:
        yield server


@contextlib.asynccontextmanager
async def browser() -> AsyncIterator[Any]:
    async with playwright_api.async_playwright() as p:
        chromium = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            await chromium.close()


class Tab:
    """A page whose websocket frames are collected as text."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.frames: list[str] = []
        page.on("websocket", self._watch)  # type: ignore[attr-defined]

    def _watch(self, ws: object) -> None:
        ws.on("framereceived", self._frame)  # type: ignore[attr-defined]

    def _frame(self, payload: str | bytes) -> None:
        self.frames.append(
            payload if isinstance(payload, str) else payload.decode(errors="replace")
        )

    async def shows(self, text: str, since: int = 0) -> bool:
        deadline = time.monotonic() + WAIT
        while text not in "".join(self.frames[since:]) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        return text in "".join(self.frames[since:])


async def member_then_foreign_page(served: Served, foreign_port: int) -> dict[str, object]:
    async with browser() as chromium:
        page = await chromium.new_page(viewport={"width": 1400, "height": 900})
        tab = Tab(page)
        await page.goto(served.link)
        result: dict[str, object] = {
            "address": page.url,
            "overview": await tab.shows("Grand total"),
        }
        await page.click(".xterm")  # the keyboard goes to the terminal, as a user's click does
        before = len(tab.frames)
        await page.keyboard.press("3")
        result["bids"] = await tab.shows("Local Area Network", since=before)
        foreign = await chromium.new_page()
        await foreign.goto(f"http://{LOOPBACK}:{foreign_port}/")
        await foreign.wait_for_function("window.result.closed !== null", timeout=WAIT * 1000)
        result["foreign"] = await foreign.evaluate("window.result")
        result["clicked"] = await link_clicked_on_another_site(chromium, served, foreign_port)
        await page.close()
        await closed_within_a_second(chromium, served)
        result["left"] = await asyncio.to_thread(wait_until_no_consoles, served.store, 5)
        return result


async def closed_within_a_second(chromium: Any, served: Served) -> None:
    """A tab opened on the board and closed again before its console has drawn."""
    page = await chromium.new_page()
    await page.goto(f"{served.base}/")  # this browser holds the cookie now
    await page.wait_for_timeout(500)
    await page.close()


async def link_clicked_on_another_site(chromium: Any, served: Served, site_port: int) -> bool:
    """The link in a web mail (localhost is another site than 127.0.0.1), in a fresh browser."""
    context = await chromium.new_context()
    page = await context.new_page()
    tab = Tab(page)
    await page.goto(f"http://localhost:{site_port}/mail.html")
    await page.click("#link")
    shown = await tab.shows("Grand total")
    await context.close()
    return shown


def wait_for_port(port: int) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex((LOOPBACK, port)) == 0:
                return
        time.sleep(0.1)


def test_the_link_in_a_real_browser_shows_the_board_and_only_to_its_page(
    served: Served, tmp_path: Path
) -> None:
    site = tmp_path / "foreign-site"
    site.mkdir()
    (site / "index.html").write_text(FOREIGN_PAGE % served.port, encoding="utf-8")
    mail = f'<!doctype html><a id="link" href="{served.link}">the board</a>'
    (site / "mail.html").write_text(mail, encoding="utf-8")
    port = free_port()
    command = [sys.executable, "-m", "http.server", "--bind", LOOPBACK, str(port)]
    foreign = subprocess.Popen(command, cwd=site, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        result = asyncio.run(member_then_foreign_page(served, port))
    finally:
        foreign.terminate()
        foreign.wait()
    assert result["address"] == f"{served.base}/"  # the token left the address bar
    assert result["overview"], served.output()[-2000:]
    assert result["bids"], "pressing 3 showed the Bids tab"
    assert result["foreign"] == {"opened": False, "closed": 1006, "text": ""}
    assert result["clicked"], "the link clicked on another site opens the board too"
    assert result["left"] == [], "no console outlives its tab by 5 s"
