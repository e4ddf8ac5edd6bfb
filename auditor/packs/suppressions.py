"""Find and load `.auditor-suppressions.yaml`, keeping each entry's line for `file:line`.

The file sits beside the auditor.yaml in use (or in the current folder when there is
none), or is named with `--suppressions PATH`. It is loaded like every user file:
safe YAML, unknown keys refused, each mistake reported with its file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic_core import ErrorDetails

from auditor.errors import AuditorError
from auditor.model.suppressions import LoadedSuppressions, LocatedSuppression, SuppressionFile
from auditor.packs.schema import model_schema
from auditor.packs.yaml_source import load_located

SUPPRESSIONS_NAME = ".auditor-suppressions.yaml"
WHAT = "suppressions file"

#: Clearer words than pydantic's "Field required" for the fields that make a waiver reviewable.
_REQUIRED = {
    "rule": "every suppression names its rule (rule: LST-001)",
    "entity": "every suppression names its entity (entity: {sku: ..., marketplace: ...})",
    "reason": "every suppression needs a reason: why is the finding accepted?",
    "by": "every suppression needs `by`: who accepted it",
    "expires": "every suppression needs an expiry date (expires: YYYY-MM-DD) "
    "so that it is reviewed; there are no permanent suppressions",
}


def find_suppressions(
    explicit: Path | None, config_path: Path | None, cwd: Path | None = None
) -> Path | None:
    """`--suppressions PATH` if given (it must exist), else the default file beside the
    config (or in `cwd`, the current folder by default) when present.

    The path keeps the form it was given in, so a report never shows an absolute path
    for a file named relatively."""
    if explicit is not None:
        if not explicit.is_file():
            raise AuditorError(f"suppressions file not found: {explicit.as_posix()}")
        return explicit
    folder = config_path.parent if config_path is not None else cwd
    candidate = folder / SUPPRESSIONS_NAME if folder is not None else Path(SUPPRESSIONS_NAME)
    return candidate if candidate.is_file() else None


def load_suppressions(path: Path) -> LoadedSuppressions:
    """The file's entries with their lines; a mistake is an AuditorError naming file:line."""
    parsed, positions = load_located(path, SuppressionFile, WHAT, _explain)
    entries = [
        LocatedSuppression(entry, positions.get(("suppressions", index)))
        for index, entry in enumerate(parsed.suppressions)
    ]
    return LoadedSuppressions(path.as_posix(), entries)


def _explain(error: ErrorDetails) -> str | None:
    """Why a reviewable waiver needs the field, where pydantic would say "Field required"."""
    field = error["loc"][-1] if error["loc"] else None
    if error["type"] == "missing" and field in _REQUIRED:
        return _REQUIRED[str(field)]
    if error["type"] == "string_too_short" and field in ("reason", "by"):
        return f"{_REQUIRED[str(field)]} (it is empty)"
    return None


def suppressions_schema() -> dict[str, Any]:
    """The file's JSON Schema, for `auditor schema suppressions` and editors."""
    return model_schema(SuppressionFile, "auditor suppressions file")
