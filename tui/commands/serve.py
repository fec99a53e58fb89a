"""`board serve`: the console in browsers, through textual-serve, for whoever holds its link.

Every browser tab starts its own console process on the same store, so an edit in one tab shows
up in every other tab and terminal console. Each run prints one link with a new secret; only a
browser that opened it gets in (tui/serving/). textual-serve is an optional extra and is imported
only when this command runs (the rest of the CLI never pays for it).
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import socket
import sys
from pathlib import Path

from store import BoardError, Repository

from ..paths import store_path
from . import SUMMARIES

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_CONSOLES = 8  # each console is a process of ~45 MiB; a board is rarely more
TITLE = "Programme Board Console"
INSTALL_HINT = "board: 'board serve' needs textual-serve: python -m pip install -e '.[serve]'"
README_SECTION = "README.md, 'Serving to browsers'"


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    parser = sub.add_parser("serve", help=SUMMARIES["serve"])
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
    _door_options(parser)
    return parser


def _door_options(parser: argparse.ArgumentParser) -> None:
    secret = parser.add_mutually_exclusive_group()
    secret.add_argument(
        "--token-file",
        metavar="PATH",
        type=Path,
        help="keep the link's secret fixed: the first line of PATH (else $BOARD_SERVE_TOKEN, "
        "else a new random one each run)",
    )
    secret.add_argument(
        "--no-token",
        action="store_true",
        help="no secret in the link: only behind an authenticating proxy, with --user-header",
    )
    parser.add_argument(
        "--user-header",
        metavar="NAME",
        type=header_name,
        help="behind an authenticating proxy: the header naming the person "
        "(e.g. X-Forwarded-User); recorded with their edits, and required on every request",
    )
    parser.add_argument(
        "--max-consoles",
        metavar="N",
        type=console_count,
        default=DEFAULT_MAX_CONSOLES,
        help=f"browser consoles at once; the next tab is refused (default {DEFAULT_MAX_CONSOLES})",
    )


def header_name(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9-]{1,64}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a header name (letters, digits, '-')")
    return text


def console_count(text: str) -> int:
    return whole_number(text, 1, 64, "a number of consoles")


def port_number(text: str) -> int:
    """argparse type: a TCP port, 1–65535, with a message that says so."""
    return whole_number(text, 1, 65535, "a port number")


def whole_number(text: str, low: int, high: int, what: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what} ({low}–{high})")
    return number


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
        f"board: warning: serving on {host} over plain http: anyone on the network between "
        f"can read the link's secret; use an SSH tunnel or an HTTPS proxy ({README_SECTION})"
    )


def no_token_warning(host: str, port: int, header: str) -> str:
    return (
        f"board: warning: --no-token: anyone who can reach {host}:{port} and sends a {header} "
        f"header gets a console; let only the authenticating proxy reach it ({README_SECTION})"
    )


def page_url(host: str, port: int) -> str:
    """Where the page tells browsers to connect; an IPv6 literal needs brackets in a URL."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


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
        from ..serving.server import BoardServer
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    from ..serving.guard import make_policy
    from ..serving.secret import choose_token

    if args.no_token and not args.user_header:
        raise BoardError(
            "--no-token needs --user-header: the header your authenticating proxy sets"
        )
    token = None if args.no_token else choose_token(args.token_file)
    read_only = getattr(args, "read_only", False)
    host = args.host.strip("[]")  # accept [::1] as well as ::1
    path = store_path(args.store).absolute()
    # Open (or create) the store here, so a damaged one fails once, not in every browser tab.
    Repository.open(path, read_only=read_only)
    check_port_free(host, args.port)
    _warn(host, args)
    url = args.public_url or page_url(host, args.port)
    policy = make_policy(host, args.port, url, token, args.user_header)
    server = BoardServer(
        path, read_only=read_only, policy=policy, max_consoles=args.max_consoles,
        host=host, port=args.port, title=TITLE, public_url=url,
    )  # fmt: skip
    try:
        server.serve()
    except OSError as err:  # lost the race for the port after the check
        raise BoardError(_bind_message(host, args.port, err)) from None
    return 0


def _warn(host: str, args: argparse.Namespace) -> None:
    warnings = [exposure_warning(host)]
    if args.no_token:
        warnings.append(no_token_warning(host, args.port, args.user_header))
    for warning in filter(None, warnings):
        print(warning, file=sys.stderr)
