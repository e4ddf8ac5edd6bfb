"""Which files an audit reads: the paths given, with folders walked in a stable order.

Kept apart from the readers (and from pandas) so that the CLI can list the files, and
start reading the first workbook ahead, before it imports anything heavy.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

#: The first line of a file the tool writes beside the inputs for people to read (the
#: registers' notes of `auditor init`): an audit lists such a file as not an input.
NOT_AN_INPUT = "<!-- auditor: notes for people, not an input -->"


def input_files(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """Files to read, with the name shown for each: folders are walked in sorted order,
    leaving out hidden files and folders (`.git`, `.auditor-suppressions.yaml`...)."""
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in file.relative_to(path).parts):
                    found.append((file, display_name(file)))
        else:
            found.append((path, display_name(path)))
    return found


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
