"""Which files an audit reads: the paths given, with folders walked in a stable order.

Kept apart from the readers (and from pandas) so that the CLI can list the files, and
start reading the first workbook ahead, before it imports anything heavy.

Only regular files are read. A FIFO, device or socket is never opened (a FIFO would
block the audit for ever), nor is anything under `/proc` or `/sys`, whose "files" hold
the process environment and the like. A link found in a folder is read only when its
target lies inside that folder, unless the caller asks to follow links out of it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

#: The first line of a file the tool writes beside the inputs for people to read (the
#: registers' notes of `auditor init`): an audit lists such a file as not an input.
NOT_AN_INPUT = "<!-- auditor: notes for people, not an input -->"

#: Why a link found in a folder is not read.
LINK_OUT = "a link out of the audited folder (use --follow-links to read it)"

#: Trees of the system's own pseudo-files, never read whatever they look like.
SYSTEM_TREES = ("/proc", "/sys")

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


class InputFile(NamedTuple):
    """A file to read, the name it is shown by, and why it is not read (None: it is)."""

    path: Path
    display: str
    skipped: str | None = None


class NotReadable(Exception):
    """A file that is not read, with the reason a report shows (never its content)."""


def input_files(paths: Iterable[Path], follow_links: bool = False) -> list[InputFile]:
    """Files to read, with the name shown for each (`shown_names`): folders are walked in
    sorted order, leaving out hidden files and folders (`.git`,
    `.auditor-suppressions.yaml`...) and links to folders. A file that must not be read
    is listed with the reason."""
    paths = list(paths)
    found: list[InputFile] = []
    for path, shown in zip(paths, shown_names(paths), strict=True):
        if path.is_dir():
            root = Path(os.path.realpath(path))
            for file in _walk(path):
                reason = None
                if file.is_symlink() and not follow_links and not _inside(file, root):
                    reason = LINK_OUT
                name = display_name(Path(shown) / file.relative_to(path))
                found.append(InputFile(file, name, reason or why_not_regular(file)))
        else:  # named by the user: a link is followed, to a regular file only
            found.append(InputFile(path, display_name(Path(shown)), why_not_regular(path)))
    return found


def shown_names(paths: list[Path]) -> list[str]:
    """The name each path named on the command line is shown by in reports and history:
    its own name (`store`, `products.csv`), whichever way it was written (relative,
    absolute, with `./`, through a linked parent folder). A file found in a named
    folder is shown below the folder's name (`store/listings/all.txt`).

    So the same inputs give the same report, run id and history record wherever the
    audit is run from, and a report names no folder of the machine it ran on. Two
    different paths of the same name (`us/products.csv`, `de/products.csv`) are shown
    with as many of their parent folders as tell them apart.
    """
    absolute = [Path(os.path.abspath(path)) for path in paths]
    depth = [1] * len(paths)
    while True:
        names = [_last_parts(path, n) for path, n in zip(absolute, depth, strict=True)]
        clashing = {
            i
            for i, name in enumerate(names)
            for j, other in enumerate(names)
            if name == other and absolute[i] != absolute[j]
        }
        deeper = [i for i in clashing if depth[i] < len(absolute[i].parts)]
        if not deeper:
            return names
        for i in deeper:
            depth[i] += 1


def _last_parts(path: Path, count: int) -> str:
    """The last `count` parts of an absolute `path` (all of it, from `/`, at most)."""
    return Path(*path.parts[-count:]).as_posix()


def display_name(path: Path) -> str:
    """The name a report shows for `path`, always valid text.

    An archive unzipped from a Chinese Windows machine keeps its GBK file names, which
    are not UTF-8: Python holds them with lone surrogates that no report can encode.
    The name's bytes are shown as GB18030 where they decode so (the name the seller
    saw), else with the undecodable bytes escaped (`\\xd6`)."""
    text = path.as_posix()
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        raw = os.fsencode(text)
    for encoding in ("gb18030", "shift_jis"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "backslashreplace")


def _walk(folder: Path) -> list[Path]:
    """The files below `folder` but not in a hidden folder, sorted; links to folders are
    not followed (a link to a file is listed: the caller decides whether to read it)."""
    files: list[Path] = []
    for top, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(Path(top) / name for name in names if not name.startswith("."))
    return sorted(files)


def _inside(file: Path, root: Path) -> bool:
    return Path(os.path.realpath(file)).is_relative_to(root)


def why_not_regular(path: Path) -> str | None:
    """Why `path` (or the file a link at `path` leads to) must not be opened, or None
    when it is a regular file outside the system's pseudo-file trees."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as error:
        return f"cannot read: {error.strerror or type(error).__name__}"
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        return f"not a regular file ({kind})"
    real = os.path.realpath(path)
    tree = next((t for t in SYSTEM_TREES if real == t or real.startswith(t + "/")), None)
    if tree is not None:
        return f"a system file under {tree} (never read)"
    return None


def read_regular(path: Path) -> bytes:
    """The bytes of `path`, a regular file: checked before it is opened, and opened
    without blocking (a FIFO swapped in after the check cannot hang the audit)."""
    reason = why_not_regular(path)
    if reason is not None:
        raise NotReadable(reason)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise NotReadable(f"cannot read: {error.strerror or error}") from None
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotReadable("not a regular file")
        try:
            return stream.read()
        except OSError as error:
            raise NotReadable(f"cannot read: {error.strerror or error}") from None
