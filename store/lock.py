"""The store's cross-process lock: an `flock` that holds even if files are deleted or replaced
while processes wait for it.

flock locks an inode, not a name. With `NAME.json.lock` as the lock, deleting that file while a
writer held it let the next writer create a new file at the path and lock it at once: two
holders (measured: 7 of 235 acknowledged edits lost with the file deleted every 2 ms). Checking
after flock that the locked descriptor is still the file at the path stops a waiter that locked
a deleted file, but not one that creates the next file while the first holder is still inside.

So the lock is taken on the store's folder, which cannot be deleted while the store is in it
(every store in one folder then shares the lock; an edit holds it for milliseconds). Where a
folder cannot be flocked (NFS answers EBADF or ENOLCK), the lock file is used, checked after
flock and again by `still_held` just before the holder replaces the store.

The kernel drops an flock when its holder dies, so a killed writer never blocks the next one.
(filelock did the lock-file part with more machinery and ~55 ms of import on the first edit.)
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from pathlib import Path

from .files import new_file_mode

_NO_FOLDER_LOCKS = {errno.EBADF, errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL}


class LockTimeout(Exception):
    pass


class StoreLock:
    """One lock per storage handle; not re-entrant (the Repository runs one call at a time)."""

    prefer_folder = True  # False: the lock file only (as where a folder cannot be locked)

    def __init__(self, path: Path, *, timeout: float, poll: float):
        self.path = path  # the lock file, used where the folder cannot be locked
        self.timeout = timeout
        self.poll = poll
        self._fd: int | None = None
        self._folder_lock = self.prefer_folder

    def acquire(self) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            fd = self._try_lock()
            if fd is not None:
                self._fd = fd
                return
            if time.monotonic() >= deadline:
                raise LockTimeout(self.path)
            time.sleep(self.poll)

    @property
    def target(self) -> Path:
        return self.path.parent if self._folder_lock else self.path

    def _open(self) -> int:
        if self._folder_lock:
            return os.open(self.path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW
        return os.open(self.path, flags, new_file_mode())

    def _try_lock(self) -> int | None:
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        except OSError as err:
            os.close(fd)
            if not self._folder_lock or err.errno not in _NO_FOLDER_LOCKS:
                raise
            self._folder_lock = False
            return self._try_lock()
        except BaseException:
            os.close(fd)
            raise
        if self._is_at_path(fd):
            return fd
        os.close(fd)  # locked a file that was deleted or replaced meanwhile: try the new one
        return None

    def _is_at_path(self, fd: int) -> bool:
        try:
            at_path = os.stat(self.target)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (mine.st_dev, mine.st_ino) == (at_path.st_dev, at_path.st_ino)

    def still_held(self) -> bool:
        """True if the locked file is still the one at the path (nobody could lock another)."""
        return self._fd is not None and self._is_at_path(self._fd)

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
