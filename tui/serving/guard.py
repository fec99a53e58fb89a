"""The door of `board serve`: one aiohttp middleware in front of every page, asset, download and socket.

In order: the Host must be one this server answers to (a DNS-rebinding page sends its own name);
a request carrying an Origin, and every websocket handshake, must come from the board's own page;
behind a proxy that names people, its header must be there; then the secret: `?token=` from the
printed link (swapped for a cookie and a redirect to the clean address) or that cookie. A wrong
secret waits FAILURE_DELAY, one at a time, so guessing is slow as well as hopeless.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import hdrs, web
from yarl import URL

from .secret import cookie_value, matches

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

FAILURE_DELAY = 0.5  # seconds each wrong secret waits, one after another
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
WILDCARDS = ("", "0.0.0.0", "[::]")
SOCKET_PATH = "/ws"
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

USE_THE_LINK = "open the link that `board serve` printed in its terminal (it ends in ?token=...)"
NO_SECRET = f"This board is private: {USE_THE_LINK}.\n"
WRONG_SECRET = (
    "That is not this board's secret (a link from an earlier run of `board serve` stops "
    f"working when it restarts): {USE_THE_LINK}.\n"
)
FOREIGN_ORIGIN = "A page from another site may not open this board.\n"
MOVE_ON = (
    '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={url}">'
    '<title>Programme Board Console</title><a href="{url}">Open the board</a>\n'
)


def foreign_host(host: str) -> str:
    return f"This board does not answer to the host {host!r}: {USE_THE_LINK}.\n"


def no_person(header: str) -> str:
    return (
        f"This board is served through a proxy that names its users in {header}; "
        "this request did not come through it.\n"
    )


@dataclass(frozen=True)
class Policy:
    """Who may in: the names this server answers to, the page's origins, the secret."""

    token: str | None  # None: --no-token, an authenticating proxy is the door
    hosts: frozenset[str]  # Host header values, lower case, as browsers send them
    origins: frozenset[str]  # scheme://host[:port] of the board's own page
    cookie_name: str
    secure_cookie: bool  # the page is served over https
    user_header: str | None = None


def bracketed(host: str) -> str:
    host = host.lower().strip("[]")
    return f"[{host}]" if ":" in host else host


def make_policy(
    host: str, port: int, public_url: str, token: str | None, user_header: str | None
) -> Policy:
    names = {bracketed(n) for n in (*LOOPBACK_NAMES, host)} - set(WILDCARDS)
    local = {f"{name}:{port}" for name in names}
    public = urlsplit(public_url)
    public_hosts = {public.netloc.lower()}
    if public.port is None:  # a proxy may pass the default port on
        public_hosts.add(f"{public.netloc.lower()}:{443 if public.scheme == 'https' else 80}")
    origins = {f"http://{h}" for h in local} | {f"{public.scheme}://{public.netloc}".lower()}
    return Policy(
        token=token,
        hosts=frozenset(local | public_hosts),
        origins=frozenset(origins),
        cookie_name=f"board-serve-{port}",  # cookies ignore ports: two servers must not clash
        secure_cookie=public.scheme == "https",
        user_header=user_header,
    )


def refusal(status: int, text: str) -> web.Response:
    """The short plain page a refused request gets (plain text: nothing in it can run)."""
    return web.Response(status=status, text=text, headers={hdrs.CACHE_CONTROL: "no-store"})


class Guard:
    """The middleware: `app.middlewares.append(Guard(policy))`."""

    __middleware_version__ = 1  # aiohttp: a new-style middleware (request, handler)

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._failures = asyncio.Lock()

    async def __call__(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        refused = (
            self.check_host(request) or self.check_origin(request) or self.check_person(request)
        )
        if refused is not None:
            return refused
        if self.policy.token is None:
            return await handler(request)
        return await self.check_secret(request, handler, self.policy.token)

    def check_host(self, request: web.Request) -> web.Response | None:
        host = request.headers.get(hdrs.HOST, "").lower()
        return None if host in self.policy.hosts else refusal(403, foreign_host(host))

    def check_origin(self, request: web.Request) -> web.Response | None:
        origin = request.headers.get(hdrs.ORIGIN)
        if origin is None and request.path != SOCKET_PATH:
            return None  # a plain navigation or asset: browsers send no Origin
        return (
            None if (origin or "").lower() in self.policy.origins else refusal(403, FOREIGN_ORIGIN)
        )

    def check_person(self, request: web.Request) -> web.Response | None:
        header = self.policy.user_header
        if header is None or request.headers.get(header, "").strip():
            return None
        return refusal(401, no_person(header))

    async def check_secret(
        self, request: web.Request, handler: Handler, token: str
    ) -> web.StreamResponse:
        offered = request.query.get("token")
        if offered is not None:
            if not matches(offered, token):
                return await self.wrong_secret()
            return await handler(request) if request.path == SOCKET_PATH else self.welcome(request)
        cookie = request.cookies.get(self.policy.cookie_name)
        if cookie is None:
            return refusal(401, NO_SECRET)
        if not matches(cookie, cookie_value(token)):
            return await self.wrong_secret()
        return await handler(request)

    def welcome(self, request: web.Request) -> web.Response:
        """The link was opened: keep the secret in a cookie and show the clean address.

        A 303 redirect, except when the link was clicked on another site: a browser does not
        send a SameSite=Strict cookie on that navigation's redirect, so a page of ours moves on.
        """
        kept = [(k, v) for k, v in request.query.items() if k != "token"]
        clean = str(URL("./" + request.path.rsplit("/", 1)[-1]).with_query(kept))
        if request.headers.get("Sec-Fetch-Site") == "cross-site":
            response = web.Response(
                text=MOVE_ON.format(url=html.escape(clean)), content_type="text/html"
            )
        else:
            response = web.Response(status=303, headers={hdrs.LOCATION: clean})
        response.headers[hdrs.CACHE_CONTROL] = "no-store"
        response.set_cookie(
            self.policy.cookie_name,
            cookie_value(self.policy.token or ""),
            path="/",
            httponly=True,
            samesite="Strict",
            secure=self.policy.secure_cookie,
        )
        return response

    async def wrong_secret(self) -> web.Response:
        async with self._failures:  # one failure at a time: a guesser gets 1/FAILURE_DELAY a second
            await asyncio.sleep(FAILURE_DELAY)
        response = refusal(403, WRONG_SECRET)
        response.del_cookie(self.policy.cookie_name, path="/")
        return response


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """`app.on_response_prepare`: no page of the board may be framed by another site."""
    response.headers.update(SECURITY_HEADERS)
