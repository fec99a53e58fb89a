"""Durable file writes for the store and its history: temp file, fsync, replace, fsync the folder.

The atomic replace goes through `os.replace` looked up at call time, so a test can make it fail
(a full disk) by patching `os.replace`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, raw: bytes, mode: int) -> None:
    """Temp file beside `path` (named `.NAME.*.tmp`), fsync, chmod, rename, fsync the folder."""
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def file_mode(path: Path) -> int:
    """The permission bits of `path` (a file written in its place keeps them)."""
    return os.stat(path).st_mode & 0o7777


def durable_copy(source: Path, target: Path) -> None:
    """A backup that is on disk before the original is replaced."""
    atomic_write(target, source.read_bytes(), file_mode(source))


def real_file(path: Path) -> Path:
    """The file a symlinked store points to: replacing the link itself would detach this store
    from the shared one (and lock a different lock file than the other consoles)."""
    return path.resolve() if path.is_symlink() else path


def new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
