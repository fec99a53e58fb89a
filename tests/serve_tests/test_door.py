"""`board serve` as an attacker and as the member with the link would meet it (aiohttp as the client).

One server for the module: the attacks must leave it working for the member, which is itself
part of what is tested.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from store import Repository
from tui.serving.guard import FAILURE_DELAY, make_policy

from .conftest import Served, jar_session, read_screen, serving

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PRIVATE = "open the link that `board serve` printed in its terminal"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("door")
    store = tmp / "board.json"
    Repository.open(store, who="tester@test")
    with serving(store, tmp) as server:
        yield server


async def fetch(url: str, **headers: str) -> tuple[int, str, dict[str, str]]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(url, headers=headers, allow_redirects=False) as response,
    ):
        return response.status, await response.text(), dict(response.headers)


async def handshake(url: str, **headers: str) -> int:
    """The status a websocket handshake gets (101 when it is let in)."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as err:
            return err.status


def test_the_printed_link_has_a_long_random_secret(served: Served) -> None:
    assert len(served.token) >= 43  # 256 bits, URL-safe
    assert f"{served.base}/?token={served.token}" in served.output()


@pytest.mark.parametrize("path", ["/", "/static/js/textual.js", "/download/somekey"])
def test_no_secret_gets_a_short_page_pointing_at_the_link(served: Served, path: str) -> None:
    status, text, headers = asyncio.run(fetch(served.base + path))
    assert status == 401
    assert PRIVATE in text and "textual" not in text.lower()
    assert headers["Content-Type"].startswith("text/plain")


def test_no_secret_gets_no_socket(served: Served) -> None:
    assert asyncio.run(handshake(served.socket_url, Origin=served.base)) == 401


def test_a_wrong_token_is_refused_and_slowed(served: Served) -> None:
    started = time.monotonic()
    status, text, _ = asyncio.run(fetch(f"{served.base}/?token={served.token[:-1]}x"))
    assert status == 403 and "not this board's secret" in text
    assert time.monotonic() - started >= FAILURE_DELAY * 0.9
    assert asyncio.run(handshake(f"{served.socket_url}&token=guess", Origin=served.base)) == 403


def test_a_forged_cookie_is_refused(served: Served) -> None:
    cookie = f"board-serve-{served.port}={served.token}"  # the token itself is not the cookie
    assert asyncio.run(fetch(served.base + "/", Cookie=cookie))[0] == 403


@pytest.mark.parametrize("host", ["evil.example", f"evil.example:{8000}", "127.0.0.1:1"])
def test_a_foreign_host_is_refused_even_with_the_secret(served: Served, host: str) -> None:
    status, text, _ = asyncio.run(fetch(served.link, Host=host))
    assert status == 403 and "does not answer to the host" in text
    url = f"{served.socket_url}&token={served.token}"
    assert asyncio.run(handshake(url, Host=host, Origin=f"http://{host}")) == 403


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:1", "null", None])
def test_a_socket_from_another_origin_is_refused_even_with_the_secret(
    served: Served, origin: str | None
) -> None:
    headers = {} if origin is None else {"Origin": origin}
    assert asyncio.run(handshake(f"{served.socket_url}&token={served.token}", **headers)) == 403


async def member_visit(served: Served) -> dict[str, object]:
    async with jar_session() as session:
        async with session.get(served.link, allow_redirects=False) as opened:
            cookie = opened.cookies[f"board-serve-{served.port}"]
            location = opened.headers["Location"]
        async with session.get(served.base + "/") as page:
            body, headers = await page.text(), page.headers
        async with session.get(served.base + "/static/") as listing:
            listing_status = listing.status
        async with session.ws_connect(served.socket_url, headers={"Origin": served.base}) as ws:
            screen = await read_screen(ws, "Capital bids", "Grand total")
        return {
            "status": opened.status,
            "location": location,
            "cookie": cookie,
            "page": (page.status, body, headers),
            "listing": listing_status,
            "screen": screen,
        }


def test_the_member_with_the_link_gets_the_console(served: Served) -> None:
    visit = asyncio.run(member_visit(served))
    assert (visit["status"], visit["location"]) == (303, "./")  # the secret leaves the address bar
    cookie = visit["cookie"]
    assert isinstance(cookie, aiohttp.cookiejar.Morsel)
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie.value != served.token
    status, body, headers = visit["page"]  # type: ignore[misc]
    assert status == 200 and 'data-session-websocket-url="ws://127.0.0.1:' in body
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert visit["listing"] == 404  # /static/ lists no folder, even for the member
    assert "Capital bids" in visit["screen"] and "Grand total" in visit["screen"]  # type: ignore[operator]


def test_the_secret_never_reaches_the_log(served: Served) -> None:
    asyncio.run(fetch(served.link))
    assert served.output().count(served.token) == 1  # the printed link, and only that


def test_a_fixed_token_from_a_file(tmp_path: Path, store: Path) -> None:
    secret = "a-fixed-secret-kept-by-the-deployment"
    (tmp_path / "token").write_text(secret + "\n", encoding="utf-8")
    with serving(store, tmp_path, "--token-file", str(tmp_path / "token")) as server:
        assert server.token == secret
        assert asyncio.run(fetch(server.link))[0] == 303


def test_behind_a_proxy_its_name_and_origin_are_the_boards() -> None:
    policy = make_policy("127.0.0.1", 8000, "https://board.example.org", "t" * 43, None)
    assert {"board.example.org", "board.example.org:443", "127.0.0.1:8000"} <= policy.hosts
    assert "https://board.example.org" in policy.origins
    assert "http://board.example.org" not in policy.origins  # the page is https there
    assert policy.secure_cookie


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_a_wildcard_address_is_no_name_a_browser_may_use(host: str) -> None:
    policy = make_policy(host, 8000, "http://192.168.1.20:8000", "t" * 43, None)
    assert policy.hosts == {
        "127.0.0.1:8000", "localhost:8000", "[::1]:8000", "192.168.1.20:8000",
    }  # fmt: skip
    assert not policy.secure_cookie
