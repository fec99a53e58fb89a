"""`board serve`: the console in browsers through textual-serve, on loopback only in these tests."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import build_parser, main
from tui.commands.serve import INSTALL_HINT, exposure_warning, page_url, port_number
from tui.serving.server import console_command

from .conftest import BOARD

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


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
    assert "plain http" in warning and "secret" in warning
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
    words = shlex.split(console_command(store, read_only=read_only, person="Ann O'Neil"))
    expected = [sys.executable, "-P", "-m", "tui", "--store", str(store)]  # -P: not from cwd
    assert words[3:] == expected + (["--read-only"] if read_only else [])
    assert words[:3] == [
        "TEXTUAL_DRIVER=tui.serving.driver:BrowserDriver",
        "BOARD_BROWSER_USER=Ann O'Neil",
        "exec",
    ]


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


def test_the_default_cap_is_8_consoles() -> None:
    assert build_parser().parse_args(["serve"]).max_consoles == 8


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--max-consoles", "0"],
            "argument --max-consoles: '0' is not a number of consoles (1–64)",
        ),
        (
            ["--max-consoles", "x"],
            "argument --max-consoles: 'x' is not a number of consoles (1–64)",
        ),
        (["--user-header", "X User"], "argument --user-header: 'X User' is not a header name"),
        (["--no-token", "--token-file", "t"], "argument --token-file: not allowed with argument"),
    ],
)
def test_bad_door_options_are_usage_mistakes(
    argv: list[str], message: str, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--store", str(store_path), *argv])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and message in err and err.count("\n") == 1
    assert not store_path.exists()


def run_serve(store: Path, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed `board serve` for a mistake it must refuse before serving anything."""
    command = [str(BOARD), "serve", "--store", str(store), "--port", str(free_port()), *argv]
    environment = {k: v for k, v in os.environ.items() if k != "BOARD_SERVE_TOKEN"} | env
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=60)


@pytest.mark.parametrize(
    ("argv", "env", "message"),
    [
        (["--no-token"], {}, "board: --no-token needs --user-header"),
        (
            ["--token-file", "/nonexistent/t"],
            {},
            "board: --token-file /nonexistent/t: No such file",
        ),
        (
            [],
            {"BOARD_SERVE_TOKEN": "short"},
            "board: $BOARD_SERVE_TOKEN: the secret must be at least 16",
        ),
    ],
)
def test_a_secret_that_cannot_be_used_is_one_line_and_exit_2(
    store_path: Path, argv: list[str], env: dict[str, str], message: str
) -> None:
    done = run_serve(store_path, *argv, **env)
    assert done.returncode == 2 and done.stderr.startswith(message), done.stderr
    assert done.stderr.count("\n") == 1 and not store_path.exists()


def test_an_empty_token_file_is_refused(store_path: Path, tmp_path: Path) -> None:
    (tmp_path / "token").write_text("\n", encoding="utf-8")
    done = run_serve(store_path, "--token-file", str(tmp_path / "token"))
    assert done.returncode == 2 and "the secret must be at least 16 characters" in done.stderr
