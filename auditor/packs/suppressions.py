"""Find and load `.auditor-suppressions.yaml`, keeping each entry's line for `file:line`.

The file sits beside the auditor.yaml in use (or in the current folder when there is
none), or is named with `--suppressions PATH`. It is loaded like every user file:
safe YAML, unknown keys refused, each mistake reported with its file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from auditor.errors import AuditorError, Problem
from auditor.model.suppressions import LoadedSuppressions, LocatedSuppression, SuppressionFile
from auditor.packs.schema import model_schema
from auditor.packs.yaml_source import YamlProblem, line_of, load_yaml

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
    name = path.as_posix()
    try:
        data, positions = load_yaml(path.read_text(encoding="utf-8-sig"), name)
    except YamlProblem as problem:
        raise AuditorError(f"invalid {WHAT}", [problem.problem]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise AuditorError(f"cannot read {WHAT} {name}: {error}") from None
    try:
        parsed = SuppressionFile.model_validate(data or {})
    except ValidationError as error:
        problems = [
            Problem(name, _message(e), line_of(positions, tuple(e["loc"]))) for e in error.errors()
        ]
        raise AuditorError(f"invalid {WHAT}", problems) from None
    entries = [
        LocatedSuppression(entry, positions.get(("suppressions", index)))
        for index, entry in enumerate(parsed.suppressions)
    ]
    return LoadedSuppressions(name, entries)


def _message(error: Any) -> str:
    where = ".".join(map(str, error["loc"])) or WHAT
    field = error["loc"][-1] if error["loc"] else None
    if error["type"] == "missing" and field in _REQUIRED:
        return f"{where}: {_REQUIRED[field]}"
    if error["type"] == "string_too_short" and field in ("reason", "by"):
        return f"{where}: {_REQUIRED[field]} (it is empty)"
    return f"{where}: {error['msg']}"


def suppressions_schema() -> dict[str, Any]:
    """The file's JSON Schema, for `auditor schema suppressions` and editors."""
    return model_schema(SuppressionFile, "auditor suppressions file")
