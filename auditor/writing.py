"""The tool's own files (reports, drafts, charts, `init`'s scaffold), written whole or not
at all, and a full disk said in one line.

A seller's laptop or a CI runner does fill up. Left to itself, a write that runs out of
room raises wherever it happens and leaves a truncated report behind; the error the
user then sees is a traceback, or the error of a clean-up step after it. So every file
is written to a temporary file beside its target and renamed over it (a link at the
target is replaced, not followed), and an `OSError` becomes `cannot write NAME: WHY`
with exit 2, the temporary file removed. WHY names the lack of room plainly: the disk
is full (ENOSPC), the quota is used up (EDQUOT), or the file is over the size limit
(EFBIG: the largest file the file system holds, or `ulimit -f`).

The history database reports the same conditions through SQLite (`no_room`).
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from auditor.errors import AuditorError

#: What each "no room" error number means, as the message says it.
NO_ROOM = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is over the size limit (of the file system, or `ulimit -f`)",
}

#: Free space under which a write error is put down to a full disk, in bytes.
NEARLY_FULL = 1 << 20


def why_not_written(error: OSError) -> str:
    """The reason an `OSError` of a write gives, in words (never a traceback)."""
    return NO_ROOM.get(error.errno or 0) or error.strerror or type(error).__name__


def cannot_write(path: Path | str, error: OSError | str) -> AuditorError:
    """`cannot write PATH: WHY`, the one line a failed write ends a command with."""
    why = error if isinstance(error, str) else why_not_written(error)
    return AuditorError(f"cannot write {Path(path).as_posix()}: {why}")


def write_atomically(target: Path, data: bytes | str) -> None:
    """Write `data` (text as UTF-8) to `target`, making its folder when missing: to a
    temporary file beside it, then renamed over it. On failure the temporary file is
    removed, `target` is left as it was, and AuditorError says why."""
    content = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(target, error) from None
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(content)
        os.replace(temporary, target)
    except OSError as error:
        raise cannot_write(target, error) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def no_room(path: Path) -> str | None:
    """Why a write to `path` (or beside it) has no room, judged from the system: the
    disk nearly full, or a file size limit set on the process; None when neither.

    SQLite reports a full disk as SQLITE_FULL, but a file over the size limit only as
    a "disk I/O error" like any other: this tells the two from a failing disk.
    """
    with contextlib.suppress(OSError, AttributeError):
        disk = os.statvfs(path.parent if not path.is_dir() else path)
        if disk.f_bavail * disk.f_frsize < NEARLY_FULL:
            return NO_ROOM[errno.ENOSPC]
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    if soft != resource.RLIM_INFINITY:
        return NO_ROOM[errno.EFBIG]
    return None
