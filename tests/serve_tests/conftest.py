"""A real `board serve` (the installed command) on a random loopback port, and a browser-like client.

`serving(...)` starts it, reads the link it prints, and on leaving stops it with SIGTERM as a
user's Ctrl+C or a service manager would, then checks none of its consoles outlived it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from store import Repository

LOOPBACK = "127.0.0.1"
BOARD = Path(sys.executable).with_name("board")  # the installed console script
WAIT = 20.0  # seconds: a bound on waiting for a server or a screen, not a claim about speed
LINK = re.compile(r"^(http://\S+/)(?:\?token=(\S+))?$", re.MULTILINE)  # --no-token: no query


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    token: str
    store: Path

    @property
    def base(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def link(self) -> str:
        return f"{self.base}/?token={self.token}"

    @property
    def socket_url(self) -> str:
        return f"ws://{LOOPBACK}:{self.port}/ws?width=120&height=40"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def environment(tmp: Path, **extra: str) -> dict[str, str]:
    """The user's folders inside `tmp`, so no test writes the real settings or data folders."""
    # NO_COLOR would reach every browser console through textual-serve and hide its theme
    dropped = ("BOARD_STORE", "BOARD_SERVE_TOKEN", "NO_COLOR")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        HOME=str(tmp / "home"),
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_DATA_HOME=str(tmp / "data"),
        XDG_STATE_HOME=str(tmp / "state"),
        **extra,
    )
    return env


def wait_for_link(process: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + WAIT
    while (found := LINK.search(log.read_text(encoding="utf-8", errors="replace"))) is None:
        if process.poll() is not None:
            pytest.fail(f"board serve exited with {process.returncode}: {log.read_text()[-2000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"board serve printed no link within {WAIT:.0f} s")
        time.sleep(0.1)
    return found.group(2) or ""


def console_pids(store: Path) -> list[int]:
    """Console processes running on `store` (a browser tab's console names it on its command line)."""
    out = subprocess.run(["ps", "-ww", "-eo", "pid=,args="], capture_output=True, text=True).stdout
    return [int(line.split()[0]) for line in out.splitlines() if f"tui --store {store}" in line]


def wait_until_no_consoles(store: Path, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (pids := console_pids(store)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return pids


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def ignore_sighup() -> None:
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


@contextlib.contextmanager
def serving(
    store: Path, tmp: Path, *extra: str, cwd: Path | None = None, nohup: bool = False
) -> Iterator[Served]:
    """`board serve --store STORE *extra`, from `cwd`; with `nohup`, SIGHUP ignored as nohup does."""
    port = free_port()
    log = tmp / f"serve-{port}.log"
    command = [str(BOARD), "serve", "--store", str(store), "--port", str(port), *extra]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=environment(tmp),
            preexec_fn=ignore_sighup if nohup else None,
        )
    try:
        yield Served(process, port, log, wait_for_link(process, log), store)
    finally:
        stop(process)
        left = wait_until_no_consoles(store, 5)
        for pid in left:  # never leave a process behind for the next test, but fail this one
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        assert not left, f"consoles {left} outlived board serve"


def jar_session() -> aiohttp.ClientSession:
    """A client that keeps cookies for 127.0.0.1 as a browser does (aiohttp needs unsafe=True)."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def read_screen(ws: aiohttp.ClientWebSocketResponse, *wanted: str) -> str:
    """What the console draws on this socket until every one of `wanted` has shown (or WAIT)."""
    seen = ""
    deadline = time.monotonic() + WAIT
    while not all(w in seen for w in wanted) and time.monotonic() < deadline:
        try:
            message = await ws.receive(timeout=1)
        except TimeoutError:
            continue
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data.decode("utf-8", errors="replace")
        elif message.type == aiohttp.WSMsgType.TEXT:
            seen += message.data
        else:
            break
    return seen


async def press(ws: aiohttp.ClientWebSocketResponse, *keys: str) -> None:
    """Keys as the page sends them: stdin packets, a moment apart."""
    for key in keys:
        await ws.send_str(json.dumps(["stdin", key]))
        await asyncio.sleep(0.3)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "board.json"
    Repository.open(path, who="tester@test")  # the report's data
    return path
