"""Durable file writes and safe reads for the store, its history, exports and settings.

One atomic writer (`atomic_write`: temp file, fsync, the target's mode and group, replace, fsync
the folder) serves every file the project replaces. The replace goes through `os.replace` looked
up at call time, so a test can make it fail (a full disk) by patching `os.replace`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import StoreDamaged

_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


# tempfile.mkstemp's flags: a new file, never through a link, not inherited by child processes.
_NEW_FILE = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def _temp_beside(path: Path) -> tuple[int, str]:
    """What `tempfile.mkstemp(prefix=".NAME.", suffix=".tmp", dir=...)` does: a new 0600 file
    beside `path` under an unused random name, opened. Not tempfile itself: it imports shutil
    and random (~3 ms of every command that saves, a tenth of a scripted edit's own start-up)."""
    for _ in range(100):
        tmp = str(path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp"))
        try:
            return os.open(tmp, _NEW_FILE, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(path.parent))


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_owner(fd: int, like: os.stat_result | None) -> None:
    """Give a new file the mode and group of the file it stands for (a group-shared folder)."""
    if like is None:
        os.fchmod(fd, new_file_mode())
        return
    os.fchmod(fd, stat.S_IMODE(like.st_mode))
    if os.fstat(fd).st_gid != like.st_gid:
        with contextlib.suppress(PermissionError):  # not a member of that group: keep ours
            os.fchown(fd, -1, like.st_gid)


def _stat_or_none(path: Path | None) -> os.stat_result | None:
    if path is None:
        return None
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def atomic_write(
    path: Path,
    raw: bytes | Iterable[bytes],
    *,
    like: Path | None = None,
    check: Callable[[], None] | None = None,
) -> None:
    """Replace `path` with `raw` (bytes, or pieces written as they come): temp file beside it
    (`.NAME.*.tmp`), fsync, the mode and group of `like` (default: `path` itself; a new file
    gets the umask's mode), rename, fsync the folder. A reader sees the old file or the new one,
    never a part. `check` runs just before the rename (the store's lock holder checks it still
    holds the lock) and may raise."""
    folder = path.parent
    owner = _stat_or_none(like if like is not None else path)
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines((raw,) if isinstance(raw, bytes) else raw)
            handle.flush()
            _keep_owner(handle.fileno(), owner)
            os.fsync(handle.fileno())
        if check is not None:
            check()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def append_durably(path: Path, payload: bytes, first: bytes, *, like: Path) -> int:
    """Append `payload` in one write and fsync; a new file starts with `first` and takes the
    mode and group of `like`. Returns the file's size after the write."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW
    fd = os.open(path, flags, 0o600)
    try:
        if os.fstat(fd).st_size == 0:
            _keep_owner(fd, _stat_or_none(like))
            payload = first + payload
        os.write(fd, payload)
        os.fsync(fd)
        return os.fstat(fd).st_size
    finally:
        os.close(fd)


def file_mode(path: Path) -> int:
    """The permission bits of `path` (a file written in its place keeps them)."""
    return os.stat(path).st_mode & 0o7777


def durable_copy(source: Path, target: Path) -> None:
    """A backup that is on disk before the original is replaced."""
    atomic_write(target, read_regular(source), like=source)


def new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def kind_of(mode: int) -> str | None:
    """'a FIFO (named pipe)', 'a folder', ... for anything but a regular file."""
    return None if stat.S_ISREG(mode) else _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading if it is a regular file (a FIFO or device never blocks or
    streams forever: O_NONBLOCK, checked on the descriptor); StoreDamaged otherwise."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    kind = kind_of(os.fstat(fd).st_mode)
    if kind:
        os.close(fd)
        raise StoreDamaged(f"{path}: is {kind}, not a store file")
    return open(fd, "rb")


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; a FIFO, device or folder is refused before reading.

    Opened with O_NONBLOCK (a FIFO with no writer would block the open) and checked on the
    open descriptor, so a FIFO swapped in after a stat still cannot hang the read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        kind = kind_of(info.st_mode)
        if kind:
            raise StoreDamaged(f"{path}: is {kind}, not a store file")
        with open(fd, "rb", buffering=0, closefd=False) as handle:
            return handle.readall()  # sized by fstat: one read for the whole file
    finally:
        os.close(fd)


def store_file(path: Path) -> Path:
    """The regular file a store path names (a symlink followed), or one line saying why not.

    Replacing a symlink itself would detach this store from the shared one (and lock a
    different lock file than the other consoles), so the link's target is used.
    """
    if not str(path).strip():
        raise StoreDamaged("the store path is empty")
    if str(path) != str(path).strip() and not path.exists():
        raise StoreDamaged(f"{str(path)!r}: a store path with blanks at its ends")
    try:
        real = path.resolve(strict=False) if path.is_symlink() else path
    except (RuntimeError, OSError) as err:
        raise StoreDamaged(f"{path}: a symlink loop ({err})") from None
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real
    except OSError as err:  # ELOOP, EACCES on the folder
        raise StoreDamaged(f"{path}: cannot be used ({err.strerror or err})") from None
    kind = kind_of(mode)
    if kind:
        raise StoreDamaged(f"{path}: is {kind}, not a store file")
    return real


NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs"}
NETWORK_FILESYSTEMS |= {"lustre", "gpfs", "davfs", "sshfs", "ncpfs", "coda", "virtiofs"}


def _unescape(field: str) -> str:
    """/proc/mounts writes a space in a mount point as \\040 (octal)."""
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def filesystem_type(path: Path, mounts: str | None = None) -> str:
    """The type of the filesystem `path` is on ('ext4', 'nfs4', 'fuse.sshfs'; '' if unknown),
    from the longest mount point in /proc/mounts that holds it (Linux; elsewhere '')."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
    target = os.path.realpath(path.parent)
    best, kind = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape(fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def network_note(path: Path, mounts: str | None = None) -> str | None:
    """A warning for a store on a network filesystem, where file locks may not hold between
    machines (NFS without a lock daemon, SMB, FUSE mounts); None on a local disk."""
    kind = filesystem_type(path, mounts)
    if kind not in NETWORK_FILESYSTEMS and not kind.startswith("fuse"):
        return None
    return (
        f"{path} is on a network filesystem ({kind}): file locks may not hold between "
        "machines, so edits from two machines can be lost; run `board serve` on one machine "
        "and open the board in a browser instead"
    )
