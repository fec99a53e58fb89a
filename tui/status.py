"""The status line's text: most important first, so a narrow projector still shows the mode,
the store and the last change. No textual import."""

from __future__ import annotations

from pathlib import Path

from store import BoardState, short_path, visible, when


def status_text(
    state: BoardState,
    *,
    mode: str,  # "editing", "READ-ONLY", "AS AT revision 3 (…), read-only"; a meeting if open
    path: Path,
    received: int,
    writing: str = "",  # "saving", "waiting" or ""
    filters: list[str] | None = None,
) -> str:
    last = (
        f"last change {when(state.changed_at)} by {state.changed_by}"
        if state.changed_at
        else "no changes yet"
    )
    text = f"{mode} │ {short_path(path)} │ rev {state.revision}, {last} │ {received} received"
    if writing == "waiting":
        text = f"waiting for the store's lock (another process is saving) … │ {text}"
    elif writing:
        text = f"saving … │ {text}"
    if filters:
        text = f"filter: {', '.join(filters)} (/ to change) │ {text}"
    return visible(text)
