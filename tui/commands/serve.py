"""`board serve`: the console in browsers, through textual-serve.

Every browser tab starts its own `python -m tui --store PATH` process on the same store, so an edit
in one tab shows up in every other tab and terminal console. textual-serve is an optional extra and
is imported only when this command runs (the rest of the CLI never pays for it).
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import socket
import sys
from pathlib import Path

from store import BoardError, Repository

from ..paths import store_path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TITLE = "Programme Board Console"
INSTALL_HINT = "board: 'board serve' needs textual-serve: python -m pip install -e '.[serve]'"
README_SECTION = "README.md, 'Serving to browsers'"


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    parser = sub.add_parser("serve", help="serve the console to web browsers (textual-serve)")
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}; anything else is open to the network)",
    )
    parser.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        type=public_url,
        default=None,
        help="the address browsers use, when behind a reverse proxy (e.g. https://board.example.org)",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        default=argparse.SUPPRESS,  # keeps `board --read-only serve` working too
        help="every browser console opens without allowing edits",
    )
    return parser


def port_number(text: str) -> int:
    """argparse type: a TCP port, 1–65535, with a message that says so."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1–65535)")
    return port


def public_url(text: str) -> str:
    if not text.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"{text!r} must start with http:// or https://")
    return text.rstrip("/")


def is_loopback(host: str) -> bool:
    """True only for addresses no other machine can reach (a name other than localhost is not)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """The one-line warning for a non-loopback address, or None when only this machine can connect."""
    if is_loopback(host):
        return None
    return (
        f"board: warning: serving on {host} with no authentication: anyone who can reach it "
        f"can edit the board; use an SSH tunnel or an authenticating proxy ({README_SECTION})"
    )


def page_url(host: str, port: int) -> str:
    """Where the page tells browsers to connect; an IPv6 literal needs brackets in a URL."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def console_command(path: Path, *, read_only: bool) -> str:
    """The shell command textual-serve runs for each browser tab: this console, on this store."""
    command = f"{shlex.quote(sys.executable)} -m tui --store {shlex.quote(str(path))}"
    return command + " --read-only" if read_only else command


def check_port_free(host: str, port: int) -> None:
    """Fail with one line before textual-serve starts if the address cannot be bound."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as err:
        raise BoardError(f"cannot serve on {host}: {err.strerror or err}") from None
    for family, kind, proto, _name, address in infos:
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(address)
            except OSError as err:
                raise BoardError(_bind_message(host, port, err)) from None


def _bind_message(host: str, port: int, err: OSError) -> str:
    reason = err.strerror or str(err)
    hint = "; choose another with --port" if "in use" in reason else ""
    return f"cannot serve on {host}:{port}: {reason}{hint}"


def run(args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    read_only = getattr(args, "read_only", False)
    host = args.host.strip("[]")  # accept [::1] as well as ::1
    path = store_path(args.store).absolute()
    # Open (or create) the store here, so a damaged one fails once, not in every browser tab.
    Repository.open(path, read_only=read_only)
    check_port_free(host, args.port)
    warning = exposure_warning(host)
    if warning:
        print(warning, file=sys.stderr)
    command = console_command(path, read_only=read_only)
    url = args.public_url or page_url(host, args.port)
    server = Server(command, host=host, port=args.port, title=TITLE, public_url=url)
    try:
        server.serve()
    except OSError as err:  # lost the race for the port after the check
        raise BoardError(_bind_message(host, args.port, err)) from None
    return 0
