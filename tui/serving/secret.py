"""The secret in `board serve`'s link: a new random one each run, or a fixed one a deployment keeps.

The browser swaps the link's token for a cookie that holds a value derived from it (never the token
itself), so the cookie is always plain ASCII and the token appears in one URL only.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from urllib.parse import quote

from store import BoardError

TOKEN_ENV = "BOARD_SERVE_TOKEN"
MIN_LENGTH = 16  # characters: a fixed secret shorter than this is refused
TOKEN_BYTES = 32  # a new token: 256 random bits, 43 URL-safe characters


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def read_token_file(path: Path) -> str:
    """The first line of `path`, checked; a missing, unreadable or short file is a user's mistake."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise BoardError(f"--token-file {path}: {reason}") from None
    return checked(text.splitlines()[0] if text.strip() else "", f"--token-file {path}")


def checked(token: str, source: str) -> str:
    token = token.strip()
    if len(token) < MIN_LENGTH:
        raise BoardError(
            f"{source}: the secret must be at least {MIN_LENGTH} characters "
            f"(e.g. python -c 'import secrets; print(secrets.token_urlsafe())')"
        )
    return token


def choose_token(token_file: Path | None) -> str:
    """--token-file, else $BOARD_SERVE_TOKEN, else a new random token."""
    if token_file is not None:
        return read_token_file(token_file)
    if os.environ.get(TOKEN_ENV, "").strip():
        return checked(os.environ[TOKEN_ENV], f"${TOKEN_ENV}")
    return new_token()


def cookie_value(token: str) -> str:
    """What the browser keeps instead of the token: tied to it, but not the token."""
    return hmac.new(token.encode(), b"board serve cookie", hashlib.sha256).hexdigest()


def matches(offered: str, expected: str) -> bool:
    """Constant-time comparison (the time taken says nothing about how much was right)."""
    return hmac.compare_digest(offered.encode(), expected.encode())


def link(public_url: str, token: str | None) -> str:
    """The one link to hand out: the page's address with the token in its query."""
    return f"{public_url}/" if token is None else f"{public_url}/?token={quote(token, safe='')}"
