"""The manifests of fetched folders (`fetch.json`, auditor.model.manifest), read once per folder.

A file named fetch.json that is not a manifest (another tool's JSON, a damaged one) is
no manifest: the folder is read as any other, and the file is read as an input like the
rest (and skipped with its reason if no reader knows it).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from auditor.ingest.files import read_regular
from auditor.model.manifest import MANIFEST_KIND, MANIFEST_NAME, Manifest


class FolderManifests:
    """The manifest of each folder asked about, None for a folder without one."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, Manifest | None] = {}

    def of(self, folder: Path) -> Manifest | None:
        if folder not in self._by_folder:
            self._by_folder[folder] = read_manifest(folder / MANIFEST_NAME)
        return self._by_folder[folder]


def read_manifest(path: Path) -> Manifest | None:
    """The manifest at `path`, or None when there is none or the file is not one."""
    if not path.is_file():
        return None
    try:
        data = json.loads(read_regular(path))
        if not isinstance(data, dict) or data.get("kind") != MANIFEST_KIND:
            return None
        return Manifest.model_validate(data)
    except (OSError, ValueError, ValidationError):
        return None
