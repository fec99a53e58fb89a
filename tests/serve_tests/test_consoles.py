"""The console processes behind the tabs: what they import, when they end, how many, who they are.

Every `serving(...)` block also ends by stopping the server with SIGTERM and failing if any of
its consoles is still running five seconds later.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import aiohttp
import pytest

from store import Repository

from .conftest import (
    BOARD,
    WAIT,
    Served,
    console_pids,
    environment,
    jar_session,
    press,
    read_screen,
    serving,
    wait_until_no_consoles,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PROJECTOR_BLACK = "48;2;0;0;0m"  # the projector theme's black background, as the page receives it


async def open_tab(served: Served, query: str = "", **headers: str) -> str:
    """One tab's socket (the link's token, the page's Origin) until its Overview has drawn."""
    url = f"{served.socket_url}&token={served.token}{query}"
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(url, headers={"Origin": served.base, **headers}) as ws,
    ):
        return await read_screen(ws, "Capital bids", "Grand total")


def test_a_hostile_working_folder_is_not_imported(tmp_path: Path, store: Path) -> None:
    folder = tmp_path / "downloads"
    (folder / "store").mkdir(parents=True)  # an empty package folder named like ours
    marker = tmp_path / "hostile-code-ran"
    for name in ("tui.py", "store.py", "textual.py"):
        (folder / name).write_text(f"open({str(marker)!r}, 'a').write({name!r})\n")
    with serving(store, tmp_path, cwd=folder) as served:
        screen = asyncio.run(open_tab(served))
    assert "Grand total" in screen, served.output()[-2000:]
    assert not marker.exists(), marker.read_text()


async def close_quickly(served: Served, seconds: float) -> None:
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(
            f"{served.socket_url}&token={served.token}", headers={"Origin": served.base}
        )
        await asyncio.sleep(seconds)
        await ws.close()


@pytest.mark.parametrize("seconds", [0.2, 0.8])
def test_a_tab_closed_within_a_second_leaves_no_console(
    tmp_path: Path, store: Path, seconds: float
) -> None:
    with serving(store, tmp_path) as served:
        asyncio.run(close_quickly(served, seconds))
        left = wait_until_no_consoles(store, 5)
        assert left == [], f"console {left} outlived its tab by 5 s"


async def hold_tabs(
    served: Served, count: int, session: aiohttp.ClientSession | None = None
) -> list[int]:
    """Open `count` tabs at once, then the page; the status each got."""
    statuses: list[int] = []
    async with session or jar_session() as session:
        sockets = []
        for _ in range(count):
            try:
                sockets.append(
                    await session.ws_connect(
                        f"{served.socket_url}&token={served.token}",
                        headers={"Origin": served.base},
                    )
                )
                statuses.append(101)
            except aiohttp.WSServerHandshakeError as err:
                statuses.append(err.status)
        statuses.append(await page_status(session, served))
        for ws in sockets:
            await ws.close()
    return statuses


async def page_status(session: aiohttp.ClientSession, served: Served) -> int:
    async with session.get(served.link) as page:  # follows the redirect with the cookie
        return page.status


def test_the_tab_beyond_max_consoles_is_refused(tmp_path: Path, store: Path) -> None:
    with serving(store, tmp_path, "--max-consoles", "2") as served:
        assert asyncio.run(hold_tabs(served, 3)) == [101, 101, 503, 503]  # 2 sockets; page too
        assert asyncio.run(first_free_place(served)) == 101, "closed tabs free their places"


async def first_free_place(served: Served) -> int:
    """The handshake status once the closed tabs' consoles have ended (or after WAIT)."""
    status, deadline = 503, time.monotonic() + WAIT
    while status == 503 and time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        async with jar_session() as session:
            status = (await hold_tabs(served, 1, session))[0]
    return status


def test_sigterm_on_the_server_ends_every_console(tmp_path: Path, store: Path) -> None:
    async def two_tabs_then_stop(served: Served) -> list[int]:
        async with aiohttp.ClientSession() as session:
            url = f"{served.socket_url}&token={served.token}"
            tabs = [await session.ws_connect(url, headers={"Origin": served.base}) for _ in "ab"]
            await read_screen(tabs[0], "Grand total")
            running = console_pids(store)
            served.process.send_signal(signal.SIGTERM)
            await asyncio.to_thread(served.process.wait, 15)
            return running

    with serving(store, tmp_path) as served:
        running = asyncio.run(two_tabs_then_stop(served))
        assert len(running) == 2
        assert served.process.returncode == 0
        assert wait_until_no_consoles(store, 5) == []


def test_consoles_of_a_killed_server_end_by_themselves(tmp_path: Path, store: Path) -> None:
    async def tab_then_kill(served: Served) -> list[int]:
        async with aiohttp.ClientSession() as session:
            url = f"{served.socket_url}&token={served.token}"
            tab = await session.ws_connect(url, headers={"Origin": served.base})
            await read_screen(tab, "Grand total")
            running = console_pids(store)
            served.process.kill()  # SIGKILL: the server cannot tidy up; the console's input ends
            await asyncio.to_thread(served.process.wait, 15)
            return running

    with serving(store, tmp_path) as served:
        assert len(asyncio.run(tab_then_kill(served))) == 1
        assert wait_until_no_consoles(store, 6) == []


def test_sighup_and_sigterm_end_a_console_even_under_nohup(tmp_path: Path, store: Path) -> None:
    async def two_tabs_signalled(served: Served) -> list[int]:
        async with aiohttp.ClientSession() as session:
            url = f"{served.socket_url}&token={served.token}"
            tabs = [await session.ws_connect(url, headers={"Origin": served.base}) for _ in "ab"]
            for tab in tabs:
                await read_screen(tab, "Grand total")
            pids = console_pids(store)
            for pid, signum in zip(pids, (signal.SIGHUP, signal.SIGTERM), strict=True):
                os.kill(pid, signum)
            left = await asyncio.to_thread(wait_until_no_consoles, store, 5)
            return [len(pids), *left]

    with serving(store, tmp_path, nohup=True) as served:
        assert asyncio.run(two_tabs_signalled(served)) == [2]  # two consoles, none left


@pytest.mark.parametrize("query", ["&width=-5&height=-5", "&width=99999999&height=x"])
def test_odd_sizes_are_clamped_not_a_crash(tmp_path: Path, store: Path, query: str) -> None:
    async def odd_then_normal(served: Served) -> str:
        url = f"{served.socket_url.split('?')[0]}?token={served.token}{query}"
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(url, headers={"Origin": served.base}) as ws,
        ):
            await read_screen(ws, "\x1b[?1049h")  # the console started
            await asyncio.sleep(2)  # and laid out its screen at the odd size
            await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
            return await read_screen(ws, "Grand total")

    with serving(store, tmp_path) as served:
        assert "Grand total" in asyncio.run(odd_then_normal(served)), served.output()[-2000:]


def last_change(store: Path) -> str:
    env = environment(store.parent)
    out = subprocess.run(
        [str(BOARD), "history", "--store", str(store), "--json", "--limit", "1"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    return str(json.loads(out.stdout.splitlines()[0])["who"])  # one JSON object a line


async def cycle_first_bid(served: Served, **headers: str) -> None:
    url = f"{served.socket_url}&token={served.token}"
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(url, headers={"Origin": served.base, **headers}) as ws,
    ):
        await read_screen(ws, "Grand total")
        await press(ws, "3", " ")
        await read_screen(ws, "recommended")


def test_a_browser_edit_is_recorded_as_through_the_browser(tmp_path: Path, store: Path) -> None:
    server_user = Repository.open(store).who
    with serving(store, tmp_path) as served:
        asyncio.run(cycle_first_bid(served))
    assert Repository.open(store).state().bids[0].status == "recommended"
    assert last_change(store) == f"{server_user} (browser)"


async def page_without_proxy(served: Served) -> int:
    async with aiohttp.ClientSession() as session, session.get(served.base + "/") as page:
        return page.status


def test_behind_a_proxy_the_header_names_the_person(tmp_path: Path, store: Path) -> None:
    extra = ("--no-token", "--user-header", "X-Forwarded-User")
    with serving(store, tmp_path, *extra) as served:
        assert "--no-token" in served.output() and "warning" in served.output()
        assert asyncio.run(page_without_proxy(served)) == 401  # not through the proxy: refused
        asyncio.run(cycle_first_bid(served, **{"X-Forwarded-User": " Alice\u202e Smith "}))
    assert last_change(store) == "Alice Smith (browser)"  # the bidi override is dropped


def test_a_theme_picked_in_a_browser_is_not_saved_for_the_server_user(
    tmp_path: Path, store: Path
) -> None:
    async def pick_projector_theme(served: Served) -> str:
        url = f"{served.socket_url}&token={served.token}"
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(url, headers={"Origin": served.base}) as ws,
        ):
            await read_screen(ws, "Grand total")
            await press(ws, "\x10", *"projector")  # ctrl+p: the command palette
            await read_screen(ws, "High contrast")
            await press(ws, "\r")
            return await read_screen(ws, PROJECTOR_BLACK)

    settings = tmp_path / "config" / "board" / "settings.json"  # environment()'s config folder
    with serving(store, tmp_path) as served:
        assert PROJECTOR_BLACK in asyncio.run(pick_projector_theme(served)), "the theme changed"
    assert not settings.exists(), settings.read_text()


def test_only_a_console_started_for_a_browser_skips_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.serving.browser import BROWSER_USER, console_setup

    file = tmp_path / "settings.json"
    monkeypatch.delenv(BROWSER_USER, raising=False)
    assert console_setup(file) == (None, file)
    monkeypatch.setenv(BROWSER_USER, "")
    who, settings = console_setup(file)
    assert settings is None and who is not None and who.endswith(" (browser)")


def test_read_only_reaches_every_browser_console(tmp_path: Path, store: Path) -> None:
    async def recommendations_tab(served: Served) -> str:
        url = f"{served.socket_url}&token={served.token}"
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(url, headers={"Origin": served.base}) as ws,
        ):
            await read_screen(ws, "Grand total")
            await press(ws, "5")  # the Overview no longer fits the decisions on one screen
            return await read_screen(ws, "agreed")

    Repository.open(store).set_field("recommendations", "3.1", "decision", "agreed")
    with serving(store, tmp_path, "--read-only") as served:
        screen = asyncio.run(recommendations_tab(served))
    assert "agreed" in screen and "READ-ONLY" in screen, served.output()[-2000:]
