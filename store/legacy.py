"""Schema 2 histories: one file per stem (`board.json` and `board.yaml` shared
`board.history.jsonl`), unchained. On migration a store takes the one that is its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .history_file import HistoryFile, legacy_history_path


def own_legacy_history(
    store: Path, meta: dict[str, Any]
) -> tuple[list[dict[str, Any]], Path | None]:
    """This store's schema 2 history (oldest first) and the file it came from, or ([], None).

    Candidates: the stem-named file, then the files schema 2 set aside as orphaned (opening
    `board.yaml` beside `board.json` renamed the live history so), newest first. One is this
    store's if its lines within the store's revision end at the revision that last wrote history,
    by the author and at the time the store recorded for it.
    """
    legacy = legacy_history_path(store)
    orphans = sorted(legacy.parent.glob(f"{legacy.name}.orphaned-*"), reverse=True)
    for candidate in [legacy, *orphans]:
        entries = _entries(candidate, meta)
        if entries:
            return entries, candidate
    return [], None


def _entries(path: Path, meta: dict[str, Any]) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    entries, _ = HistoryFile(path, None).entries(int(meta.get("revision", 0)), None)
    entries.reverse()
    if not entries or entries[-1]["rev"] != meta.get("history_rev"):
        return []
    last = entries[-1]
    by_last_edit = meta.get("revision") == last["rev"]  # then it has that edit's time and author
    if by_last_edit and (last["at"], last["who"]) != (
        meta.get("changed_at"),
        meta.get("changed_by"),
    ):
        return []
    return entries
