"""A rule as the rule pages show it (`auditor rules show`, `rules docs`): its fields, its
pack and area, what its check kind does, and its check and scope as they are written."""

from __future__ import annotations

import json
from typing import Any

from auditor.engine.registry import check_kinds
from auditor.model.rules import PackedRule


def rule_data(packed: PackedRule) -> dict[str, Any]:
    """The rule's page data: the pack's fields, plus `check_doc` (its kind's docstring) and
    `check_yaml` / `when_yaml` (its check and scope, compact)."""
    rule = packed.rule
    data: dict[str, Any] = rule.model_dump(mode="json", by_alias=True)
    data["area"], data["pack"] = packed.area.value, packed.pack
    data["check_doc"] = check_kinds()[rule.check.kind].doc
    data["check_yaml"] = _compact(rule.check)
    data["when_yaml"] = _compact(rule.when) if rule.when else None
    return data


def _compact(model: Any) -> str:
    return json.dumps(
        model.model_dump(mode="json", by_alias=True, exclude_none=True), ensure_ascii=False
    )
