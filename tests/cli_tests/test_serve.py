"""`board serve`: the console in browsers through textual-serve, on loopback only in these tests."""

from __future__ import annotations

import asyncio
import contextlib
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Repository
from tui.cli import build_parser, main
from tui.commands.serve import (
    INSTALL_HINT,
    console_command,
    exposure_warning,
    page_url,
    port_number,
)

from .conftest import BOARD

LOOPBACK = "127.0.0.1"
STARTUP_LIMIT = 20.0  # seconds: a bound on waiting, not an assertion about speed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def wait_for_page(url: str, server: subprocess.Popen[bytes]) -> tuple[int, str, str]:
    deadline = time.monotonic() + STARTUP_LIMIT
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body = response.read().decode("utf-8")
                return response.status, response.headers.get_content_type(), body
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None:
                pytest.fail(f"board serve exited with {server.returncode} before answering")
            if time.monotonic() > deadline:
                pytest.fail(f"board serve did not answer {url} within {STARTUP_LIMIT:.0f} s")
            time.sleep(0.2)


@contextlib.contextmanager
def serving(store: Path, port: int, log: Path, *extra: str) -> Iterator[subprocess.Popen[bytes]]:
    command = [str(BOARD), "serve", "--store", str(store), "--port", str(port), *extra]
    with log.open("wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        try:
            yield server
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def test_installed_board_serve_answers_on_loopback(store_path: Path, tmp_path: Path) -> None:
    port = free_port()
    with serving(store_path, port, tmp_path / "serve.log") as server:
        status, content_type, body = wait_for_page(f"http://{LOOPBACK}:{port}/", server)
        assert status == 200
        assert content_type == "text/html"
        assert f'data-session-websocket-url="ws://{LOOPBACK}:{port}/ws"' in body
        assert "textual.js" in body
        assert "<div>Programme Board Console</div>" in body  # the loading dialog names it
        assert store_path.exists(), "serve opens (and creates) the store before any browser comes"
    assert server.returncode == 0, (tmp_path / "serve.log").read_text(errors="replace")


async def first_screen(url: str, *wanted: str) -> str:
    """Connect as a browser tab does and collect what its console draws until all of `wanted` show."""
    import aiohttp

    seen = ""
    deadline = time.monotonic() + STARTUP_LIMIT
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        while not all(w in seen for w in wanted) and time.monotonic() < deadline:
            try:
                message = await ws.receive(timeout=2)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.TEXT:
                seen += message.data
            elif message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data.decode("utf-8", errors="replace")
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
    return seen


def test_a_browser_tab_gets_a_console_on_the_same_store(
    repo: Repository, store_path: Path, tmp_path: Path
) -> None:
    repo.set_field("recommendations", "3.1", "decision", "agreed")  # the seed has none agreed
    port = free_port()  # read-only needs an existing store: the `repo` fixture made it
    with serving(store_path, port, tmp_path / "serve.log", "--read-only") as server:
        wait_for_page(f"http://{LOOPBACK}:{port}/", server)
        url = f"ws://{LOOPBACK}:{port}/ws?width=120&height=40"
        screen = asyncio.run(first_screen(url, "Components", "agreed", "READ-ONLY"))
    log = (tmp_path / "serve.log").read_text(errors="replace")[-2000:]
    assert "Components" in screen, log  # the console's tabs: the per-tab command runs
    assert "agreed" in screen, log  # the Overview shows this store's edit
    assert "READ-ONLY" in screen, log  # --read-only reached the console


def test_missing_extra_is_one_line_and_exit_2(store_path: Path) -> None:
    code = (
        "import sys; sys.modules['textual_serve'] = None; sys.modules['textual_serve.server'] = None\n"
        "from tui.cli import main\n"
        f"raise SystemExit(main(['serve', '--store', {str(store_path)!r}, '--port', '{free_port()}']))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.strip() == INSTALL_HINT
    assert not store_path.exists()


@pytest.mark.parametrize("port", ["0", "65536", "-1", "http", "80.5"])
def test_bad_port_is_refused(
    port: str, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--store", str(store_path), "--port", port])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --port: {port!r} is not a port number (1–65535)" in err
    assert "Traceback" not in err
    assert not store_path.exists()


@pytest.mark.parametrize("port", [1, 8000, 65535])
def test_good_ports_pass(port: int) -> None:
    assert port_number(str(port)) == port


def test_port_in_use_is_one_line(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--store", str(store_path), "--port", str(port)])
    err = capsys.readouterr().err
    assert code == 2
    assert err == (
        f"board: cannot serve on {LOOPBACK}:{port}: Address already in use; "
        "choose another with --port\n"
    )


def test_damaged_store_fails_before_serving(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_path.write_text("{not json", encoding="utf-8")
    code = main(["serve", "--store", str(store_path), "--port", str(free_port())])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("board: ") and str(store_path) in err
    assert err.count("\n") == 1
    assert store_path.read_text(encoding="utf-8") == "{not json"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_needs_no_warning(host: str) -> None:
    assert exposure_warning(host) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "", "192.168.1.20", "board.example.org"])
def test_any_other_address_warns_in_one_line(host: str) -> None:
    warning = exposure_warning(host)
    assert warning is not None
    assert warning.startswith("board: warning:") and "\n" not in warning
    assert "no authentication" in warning
    assert "Serving to browsers" in warning


def test_the_warning_points_at_a_readme_section_that_exists(readme: str) -> None:
    assert "\n## Serving to browsers\n" in readme


def test_default_is_loopback_port_8000() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.read_only) == ("127.0.0.1", 8000, False)


@pytest.mark.parametrize("argv", [["serve", "--read-only"], ["--read-only", "serve"]])
def test_read_only_either_side_of_serve(argv: list[str]) -> None:
    assert build_parser().parse_args(argv).read_only is True


@pytest.mark.parametrize("read_only", [False, True])
def test_each_tab_runs_this_console_on_this_store(tmp_path: Path, read_only: bool) -> None:
    store = tmp_path / "a folder with spaces" / "board's.json"
    words = shlex.split(console_command(store, read_only=read_only))
    expected = [sys.executable, "-m", "tui", "--store", str(store)]
    assert words == expected + (["--read-only"] if read_only else [])


@pytest.mark.parametrize(
    ("host", "url"),
    [("127.0.0.1", "http://127.0.0.1:8000"), ("::1", "http://[::1]:8000")],
)
def test_the_page_gets_a_usable_websocket_address(host: str, url: str) -> None:
    assert page_url(host, 8000) == url


def test_public_url_must_be_http(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--store", str(store_path), "--public-url", "board.example.org"])
    assert exit_.value.code == 2
    assert "must start with http:// or https://" in capsys.readouterr().err


def test_public_url_loses_its_trailing_slash() -> None:
    args = build_parser().parse_args(["serve", "--public-url", "https://board.example.org/"])
    assert args.public_url == "https://board.example.org"
