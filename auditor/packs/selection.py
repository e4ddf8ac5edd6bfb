"""Which rules run, and with what changes: select, ignore/disable, overrides.

Every id the user names must exist (a typo in `disable` would otherwise silently
keep a rule on); ids and prefixes (`LST-`) are accepted for select and ignore.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from auditor.engine.schedule import merge_params, validate_check
from auditor.errors import AuditorError, Problem
from auditor.model.config import RuleOverride
from auditor.model.rules import LoadedPack, PackedRule, Rule


def _matches(rule_id: str, patterns: Iterable[str]) -> bool:
    return any(rule_id == p or (p.endswith("-") and rule_id.startswith(p)) for p in patterns)


def select_rules(
    packs: list[LoadedPack],
    select: list[str],
    ignore: list[str],
    overrides: dict[str, RuleOverride],
    origin: str = "options",
) -> list[PackedRule]:
    every = [
        PackedRule(rule=r, area=p.pack.area, pack=p.pack.name) for p in packs for r in p.pack.rules
    ]
    ids = {p.rule.id for p in every}
    problems = [
        Problem(origin, f"no rule matches {name!r}")
        for name in [*select, *ignore]
        if not any(_matches(i, [name]) for i in ids)
    ]
    problems += [
        Problem(
            origin, f"overrides: no rule matches {name!r} (overrides name exact ids, not prefixes)"
        )
        for name in overrides
        if name not in ids
    ]
    chosen = []
    for packed in every:
        rule = packed.rule
        if (select and not _matches(rule.id, select)) or _matches(rule.id, ignore):
            continue
        if rule.id in overrides:
            try:
                rule = apply_override(rule, overrides[rule.id])
            except ValidationError as error:
                problems.extend(
                    Problem(
                        origin,
                        f"overrides.{rule.id}.check.{'.'.join(map(str, e['loc']))}: {e['msg']}",
                        None,
                        rule.id,
                    )
                    for e in error.errors()
                )
                continue
        chosen.append(packed.model_copy(update={"rule": rule}))
    if problems:
        raise AuditorError("invalid rule selection", problems)
    return chosen


def apply_override(rule: Rule, override: RuleOverride) -> Rule:
    """The rule with the seller's changes; a check change also reaches every dated schedule
    entry, so the seller's parameters win whichever version is in force."""
    update: dict[str, Any] = {}
    if override.severity is not None:
        update["severity"] = override.severity
    if override.check:
        merged = merge_params(
            rule.check.model_dump(by_alias=True, exclude_none=True), override.check
        )
        update["check"] = validate_check(rule, merged)
        update["schedule"] = [
            e.model_copy(update={"check": merge_params(e.check, override.check)})
            for e in rule.schedule
        ]
    return rule.model_copy(update=update)
