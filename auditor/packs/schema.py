"""JSON Schemas generated from the models and the check registry (nothing hand-written)."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel

from auditor.engine.registry import check_kinds
from auditor.model.config import Config
from auditor.model.labels import zh_label
from auditor.model.rules import Pack
from auditor.model.tables import TABLES

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def model_schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    return published(schema, title)


def published(schema: dict[str, Any], title: str) -> dict[str, Any]:
    """A generated schema as `auditor schema` prints it: with its dialect and title."""
    return {**schema, "$schema": DIALECT, "title": title}


@cache
def pack_schema() -> dict[str, Any]:
    """The rule-pack schema: the Pack model with `check` assembled from the registry.

    `check` is an if/then per kind rather than a oneOf, so a validator reports the
    error inside the kind the author chose instead of "not valid under any schema".
    """
    schema = model_schema(Pack, "auditor rule pack")
    defs = schema.setdefault("$defs", {})
    kinds = check_kinds()
    branches = []
    for name, kind in sorted(kinds.items()):
        params = kind.params.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
        defs.update(params.pop("$defs", {}))
        params["description"] = kind.doc
        defs[f"check.{name}"] = params
        branches.append(
            {
                "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                "then": {"$ref": f"#/$defs/check.{name}"},
            }
        )
    defs["CheckParams"] = {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": sorted(kinds)}},
        "allOf": branches,
        "description": "One check; `kind` names an entry of the check registry.",
    }
    return schema


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema `auditor schema KIND` can print, by kind."""
    # The report's types become a schema when asked for, not at every start.
    from auditor.model.report import report_schema

    result = {
        "rules": pack_schema(),
        "report": published(report_schema(), "auditor JSON report"),
        "config": model_schema(Config, "auditor.yaml"),
    }
    for name, spec in TABLES.items():
        row = model_schema(spec.row_model, f"{name} (canonical table row)")
        row["description"] = spec.doc
        for column, prop in row["properties"].items():
            if label := zh_label(column):  # the Chinese header a file may use instead
                prop["x-label-zh"] = label
        result[name] = row
    return result
