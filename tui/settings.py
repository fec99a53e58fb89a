"""Per-user console settings (the theme), kept in the user's config folder."""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs

from store import atomic_write


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir("board", appauthor=False)) / "settings.json"


def load(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def save(path: Path | None, **values: str) -> None:
    """Merge `values` into the file, replacing it atomically; a failure only loses the setting."""
    if path is None:
        return
    merged = {**load(path), **values}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(merged, indent=2).encode())
    except OSError:
        pass
