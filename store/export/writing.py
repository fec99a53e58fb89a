"""Writing an export's bytes: atomically, never clobbering a file unless forced, never through a
symlink, never onto a board store's own files, never into a device but /dev/null.

The review found `exports/snapshot.json -> ../board.json` with `--all --force` replacing the
store, `-o board.json --force` and `-o board.json.history.jsonl --force` doing the same, a
dangling symlink written through without `--force` and `-o /dev/loop0` writing into a block
device. Each is refused now, before anything is written, in one line.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from ..errors import BoardError
from ..files import atomic_write, kind_of
from ..history_file import HEADER_KEY

# Names only a board store's own files have (history, backups, set-aside histories, locks).
_STORE_NAME_PARTS = (".history.jsonl", ".schema1.bak", ".schema2.bak", ".orphaned-", ".json.lock")
_SNIFF = 64 * 1024


class ExportError(BoardError):
    """A snapshot could not be written: the file exists, or the path is not writable."""


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise ExportError(f"cannot write {path}: {err.strerror or err}") from None


def _looks_like_a_store(path: Path) -> bool:
    """A board store or history by its content: JSON with a `_meta` schema, or a history header."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF)
    except OSError:
        return False
    if head.startswith(b'{"' + HEADER_KEY.encode()):
        return True
    return head.lstrip().startswith(b"{") and b'"_meta"' in _tail(path, head)


def _tail(path: Path, head: bytes) -> bytes:
    """The store's `_meta` is its last table: look at both ends of a big file."""
    size = os.path.getsize(path)
    if size <= len(head):
        return head
    with open(path, "rb") as handle:
        handle.seek(max(0, size - _SNIFF))
        return head + handle.read()


def store_family(store: Path | None, path: Path) -> bool:
    """`path` is the store itself or one of its files (history, lock, backups) by name."""
    if store is None:
        return False
    real, own = Path(os.path.realpath(path)), Path(os.path.realpath(store))
    return real == own or (real.parent == own.parent and real.name.startswith(own.name + "."))


def check_target(path: Path, *, force: bool, store: Path | None = None) -> bool:
    """Refuse a target an export must not write; True if it is /dev/null (written into)."""
    info = _lstat(path)
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise ExportError(f"{path} is a symlink; an export never writes through one")
    if info is not None and kind_of(info.st_mode):
        if stat.S_ISCHR(info.st_mode) and os.path.samefile(path, os.devnull):
            return True
        if stat.S_ISDIR(info.st_mode):
            raise ExportError(f"{path} is a folder; name a file (or use --all FOLDER)")
        raise ExportError(f"{path} is {kind_of(info.st_mode)}; an export writes regular files")
    if store_family(store, path) or any(part in path.name for part in _STORE_NAME_PARTS):
        raise ExportError(f"{path} is a file of a board store; an export never replaces one")
    if info is not None and _looks_like_a_store(path):
        raise ExportError(f"{path} is a board store; an export never replaces one")
    if info is not None and not force:
        raise ExportError(f"{path} exists; use --force to overwrite it")
    return False


def refuse_existing(paths: list[Path], force: bool, store: Path | None = None) -> None:
    for path in paths:
        check_target(path, force=force, store=store)


def write_file(
    path: Path, data: bytes | Iterable[bytes], *, force: bool = False, store: Path | None = None
) -> Path:
    """Atomically (temp file, fsync, replace); refuse what `check_target` refuses."""
    if check_target(path, force=force, store=store):
        return _write_into(path, data)
    try:
        atomic_write(path, data)
    except OSError as err:
        raise ExportError(f"cannot write {path}: {err.strerror or err}") from None
    return path


def _write_into(path: Path, data: bytes | Iterable[bytes]) -> Path:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        with open(fd, "wb") as handle:
            handle.writelines((data,) if isinstance(data, bytes) else data)
    except OSError as err:
        raise ExportError(f"cannot write {path}: {err.strerror or err}") from None
    return path


def make_folder(folder: Path) -> None:
    info = _lstat(folder)
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise ExportError(f"{folder} is a symlink; an export never writes through one")
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise ExportError(f"{folder} is a file, not a folder")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"cannot create {folder.parent}: {err.strerror or err}") from None


def write_folder(
    folder: Path,
    files: Mapping[str, Callable[[], Iterable[bytes]]],
    *,
    force: bool,
    store: Path | None,
) -> None:
    """Every file into `folder` or none, each made by its maker just before it is written (so
    only one is ever held): built in a temporary folder beside it, then renamed into
    place (the folder itself when it is new or empty, else file by file: renames need no space,
    so a full disk stops the build and leaves the folder as it was; a retry starts afresh)."""
    make_folder(folder)
    refuse_existing([folder / name for name in files], force, store)
    try:
        build = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
        os.chmod(build, 0o777 & ~_umask())  # mkdtemp makes 0700: the folder any mkdir would make
    except OSError as err:
        raise ExportError(f"cannot write into {folder.parent}: {err.strerror or err}") from None
    try:
        for name, make in files.items():
            atomic_write(build / name, make())
        _move_into(build, folder, list(files))
    except OSError as err:
        raise ExportError(
            f"cannot write {folder}: {err.strerror or err}; nothing written"
        ) from None
    finally:
        shutil.rmtree(build, ignore_errors=True)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _move_into(build: Path, folder: Path, names: list[str]) -> None:
    with contextlib.suppress(OSError):  # new, or empty: the whole folder in one rename
        if not folder.exists() or not any(folder.iterdir()):
            os.replace(build, folder)
            return
    for name in names:
        os.replace(build / name, folder / name)
