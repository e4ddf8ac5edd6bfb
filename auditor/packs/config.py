"""`auditor.yaml`: found, safely loaded, validated with located errors."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from auditor.errors import AuditorError, Problem
from auditor.model.config import Config
from auditor.packs.yaml_source import YamlProblem, line_of, load_yaml

CONFIG_NAME = "auditor.yaml"


def find_config(explicit: Path | None, cwd: Path | None = None) -> Path | None:
    """`--config FILE` if given (it must exist), else ./auditor.yaml if present."""
    if explicit is not None:
        if not explicit.is_file():
            raise AuditorError(f"config file not found: {explicit}")
        return explicit
    candidate = (cwd or Path.cwd()) / CONFIG_NAME
    return candidate if candidate.is_file() else None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    name = path.as_posix()
    try:
        data, positions = load_yaml(path.read_text(encoding="utf-8-sig"), name)
    except YamlProblem as problem:
        raise AuditorError("invalid config", [problem.problem]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise AuditorError(f"cannot read config {name}: {error}") from None
    try:
        return Config.model_validate(data or {})
    except ValidationError as error:
        problems = [
            Problem(
                name,
                f"{'.'.join(map(str, e['loc'])) or 'config'}: {e['msg']}",
                line_of(positions, tuple(e["loc"])),
            )
            for e in error.errors()
        ]
        raise AuditorError("invalid config", problems) from None
