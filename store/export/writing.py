"""Writing an export's bytes: atomically, never clobbering a file unless forced, never a device."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ..errors import BoardError


class ExportError(BoardError):
    """A snapshot could not be written: the file exists, or the path is not writable."""


def refuse_existing(paths: list[Path], force: bool) -> None:
    for path in paths:
        if path.is_dir():
            raise ExportError(f"{path} is a folder; name a file (or use --all FOLDER)")
        if path.exists() and not force:
            raise ExportError(f"{path} exists; use --force to overwrite it")


def write_file(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Atomically: a temp file in the same folder, then os.replace; refuse to clobber unless forced.

    A device or pipe (`/dev/stdout`, a FIFO) is written into, never replaced: replacing it
    would put a regular file where the device was. A symlink keeps pointing at its file.
    """
    if path.exists() and not path.is_file() and not path.is_dir():
        return _write_into(path, data)
    refuse_existing([path], force)
    path = path.resolve() if path.is_symlink() else path
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise ExportError(f"cannot write {path}: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, _new_file_mode())
        os.replace(tmp, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"cannot write {path}: {err.strerror or err}") from None
    return path


def _write_into(path: Path, data: bytes) -> Path:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as err:
        raise ExportError(f"cannot write {path}: {err.strerror or err}") from None
    return path


def _new_file_mode() -> int:
    """mkstemp makes 0600 files; an export should get the mode any new file would."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"cannot create {folder}: {err.strerror or err}") from None
