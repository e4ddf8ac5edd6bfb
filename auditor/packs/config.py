"""`auditor.yaml`: found, safely loaded, validated with located errors."""

from __future__ import annotations

from pathlib import Path

from auditor.errors import AuditorError
from auditor.model.config import Config
from auditor.packs.yaml_source import load_model

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
    return load_model(path, Config, "config")
