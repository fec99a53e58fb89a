"""textual-serve's Server with the board's door, a cap on consoles, and an orderly shutdown.

Extended, not copied: `_make_app` adds the Guard middleware, the security headers and a refusal
of folder listings under /static/ to the app textual-serve builds; `handle_index` and
`handle_websocket` are wrapped to refuse a tab beyond --max-consoles and to name the person a
proxy vouched for; `_process_messages` (which textual-serve calls with each tab's socket) is
wrapped to know the open sockets, so stopping the server closes them and every console ends.
"""

from __future__ import annotations

import contextvars
import logging
import re
import shlex
import sys
from pathlib import Path
from typing import Any

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from .browser import BROWSER_USER
from .guard import Guard, Policy, add_security_headers, refusal
from .secret import link

DRIVER = "tui.serving.driver:BrowserDriver"
PERSON_LIMIT = 64  # characters of a proxy's user header kept for the history
_person: contextvars.ContextVar[str] = contextvars.ContextVar("person", default="")
_SECRET_IN_LOG = re.compile(r"token=[^\s&\"']+")


def console_command(path: Path, *, read_only: bool, person: str = "") -> str:
    """The shell command for one tab: this console, on this store, never from the working folder.

    `-P` keeps the folder `board serve` was started in off sys.path (a `tui.py` or `store/` there
    is not imported); `exec` makes the console the server's own child, so signals reach it.
    """
    words = [sys.executable, "-P", "-m", "tui", "--store", str(path)]
    words += ["--read-only"] if read_only else []
    env = f"TEXTUAL_DRIVER={DRIVER} {BROWSER_USER}={shlex.quote(person)}"
    return f"{env} exec {shlex.join(words)}"


def person_from(value: str) -> str:
    """A proxy's user header as history text: printable, one line, not too long."""
    return "".join(c for c in value if c.isprintable()).strip()[:PERSON_LIMIT]


class RedactSecret(logging.Filter):
    """The access log shows `?token=…`, never the secret itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _SECRET_IN_LOG.sub("token=…", str(record.msg))
        if record.args:
            record.args = tuple(_SECRET_IN_LOG.sub("token=…", str(a)) for a in record.args)
        return True


class BoardServer(Server):
    """One `board serve`: the door (Policy), at most `max_consoles` tabs, each on `store`."""

    def __init__(
        self,
        store: Path,
        *,
        read_only: bool,
        policy: Policy,
        max_consoles: int,
        **kwargs: Any,
    ) -> None:
        self.store, self.read_only = store, read_only
        super().__init__(console_command(store, read_only=read_only), **kwargs)
        self.policy, self.max_consoles = policy, max_consoles
        self.consoles = 0  # sockets with a console behind them, starting, running or ending
        self.sockets: set[web.WebSocketResponse] = set()

    @property  # type: ignore[override]
    def command(self) -> str:
        """Read by textual-serve for each tab, in that tab's task: it carries the tab's person."""
        return console_command(self.store, read_only=self.read_only, person=_person.get())

    @command.setter
    def command(self, value: str) -> None:
        pass  # Server.__init__ stores the command; ours is made per tab above

    def initialize_logging(self) -> None:
        super().initialize_logging()
        logging.getLogger("aiohttp.access").addFilter(RedactSecret())

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(Guard(self.policy))
        app.middlewares.append(self.no_listings)
        app.on_response_prepare.append(add_security_headers)
        return app

    @web.middleware
    async def no_listings(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """/static/ serves files; the folders they are in are nobody's business."""
        if request.path.startswith("/static") and self.is_folder(
            request.match_info.get("filename")
        ):
            return refusal(404, "Not found.\n")
        return await handler(request)

    def is_folder(self, filename: str | None) -> bool:
        return filename is not None and (not filename or (self.statics_path / filename).is_dir())

    def full(self) -> web.Response | None:
        if self.consoles < self.max_consoles:
            return None
        return refusal(
            503,
            f"All {self.max_consoles} consoles of this board are in use: close one of its tabs "
            "(or ask whoever runs `board serve` for a higher --max-consoles) and reload.\n",
        )

    async def handle_index(self, request: web.Request) -> Any:
        return self.full() or await super().handle_index(request)

    async def handle_websocket(  # type: ignore[override]  # a refused tab gets a page
        self, request: web.Request
    ) -> web.StreamResponse:
        refused = self.full()
        if refused is not None:
            return refused
        header = self.policy.user_header
        _person.set(person_from(request.headers.get(header, "")) if header else "")
        self.consoles += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.consoles -= 1

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService
    ) -> None:
        self.sockets.add(websocket)
        try:
            await super()._process_messages(websocket, app_service)
        finally:
            self.sockets.discard(websocket)

    async def on_startup(self, app: web.Application) -> None:
        lines = (
            f"board: serving {self.store} to browsers, at most {self.max_consoles} at once",
            "board: open this link (it holds the secret: give it only to the board):",
            link(self.public_url, self.policy.token),
            "board: Ctrl+C stops the server and every browser console",
        )
        print("\n".join(lines), flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab's socket: textual-serve then tells each console to quit."""
        for websocket in list(self.sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"board serve stopped")
