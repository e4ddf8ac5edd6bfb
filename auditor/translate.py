"""A saved report in another language (`auditor render --lang`).

A report's findings carry codes and values beside their sentences: the rule's id, the
entity, the observed value and limit, the detail, the evidence with its reason codes, what an
unknown finding lacks (`missing`, `undecided`) and the headroom's counts and comparison. With
the rule packs the run used, each sentence is rendered again in the other language through
the same machinery an audit in that language uses, so the result is the report that audit
would have written, byte for byte. The run's identity does not depend on its language.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from auditor.errors import AuditorError
from auditor.model.common import Language
from auditor.model.rules import LoadedPack, Rule
from auditor.outputs.wording import (
    finding_message,
    not_applicable_text,
    word_findings,
    word_headroom,
)
from auditor.packs.loader import load_packs
from auditor.resources import rules_dir

if TYPE_CHECKING:
    from auditor.model.report import Report


def translate(
    report: Report, language: Language | str, rule_dirs: list[Path] | None = None
) -> Report:
    """`report` with every sentence in `language` (the report itself when it is already).

    The rules are found by their packs' digests: the bundled packs, and those in
    `rule_dirs` for a run that used packs of its own. A pack that changed since the run
    is an error, not a silent mix of two versions of a rule's wording.
    """
    language = Language(language)
    if report["run"]["language"] == language.value:
        return report
    rules = _rules(report, rule_dirs or [])
    # Rewritten in place as plain data: its sentences, headroom texts and rule texts.
    result = cast("dict[str, Any]", copy.deepcopy(report))
    result["run"]["language"] = language.value
    word_findings(result["findings"], rules, language)
    if result.get("suppressions"):
        word_findings(result["suppressions"]["suppressed"], rules, language)
    for item in result.get("summary", {}).get("headroom", []):
        word_headroom(item, item["headroom"], language)
    for item in result["summary"]["coverage"]["not_applicable"]:
        if "code" in item:  # a report of a version that gave only the English reason keeps it
            item["reason"] = not_applicable_text(item, result["run"]["as_of"], language)
    for finding in _stored_findings(result.get("since_last")):  # the earlier run's findings
        if finding["rule_id"] in rules:
            data = {**finding["codes"], "entity": finding["entity"], "detail": finding["detail"]}
            finding["message"] = finding_message(rules[finding["rule_id"]], data, language)
    for info in result["rules"]:
        rule = rules[info["rule_id"]]
        info["why"] = " ".join(rule.why.get(language).split())
        info["fix"] = " ".join(rule.fix.get(language).split())
        if rule.statement is not None:
            info["statement"] = " ".join(rule.statement.get(language).split())
    return cast("Report", result)


def _rules(report: Report, rule_dirs: list[Path]) -> dict[str, Rule]:
    """The rules of the packs the run used, by id, from the packs whose digest matches."""
    available = {p.sha256: p for p in _packs(rule_dirs)}
    rules: dict[str, Rule] = {}
    for used in report["run"]["rule_packs"]:
        pack = available.get(used["sha256"])
        if pack is None:
            raise AuditorError(
                f"the report was made with the rule pack {used['name']} {used['version']} "
                f"({used['path']}), which is not among the rules available or has changed "
                "since: give its folder with --rules, or render in the report's own language"
            )
        rules.update((r.id, r) for r in pack.pack.rules)
    return rules


def _packs(rule_dirs: list[Path]) -> list[LoadedPack]:
    """The bundled packs and those of `rule_dirs`: where a run's rules are looked for."""
    return load_packs([rules_dir(), *rule_dirs])


def retell(found: Any, language: Language | str, rule_dirs: list[Path] | None = None) -> None:
    """Findings read back from a history (in a diff, a review or a report's `since_last`),
    in `language`, in place.

    Each finding whose text was recorded in another language is rendered again from its
    codes with the rule's current wording; the codes stay with it, so a saved report that
    holds it renders it in another language too (`translate`). One recorded before
    findings kept their codes keeps its text and is marked `as_recorded`, so the reader
    knows why it may be in another language.
    """
    language = Language(language)
    rules: dict[str, Rule] | None = None
    for finding in _stored_findings(found):
        codes, recorded = finding.get("codes"), finding.pop("language", None)
        if codes is None:
            finding.pop("codes", None)
            finding["as_recorded"] = True
            continue
        if recorded == language.value:
            continue
        if rules is None:
            rules = {r.id: r for p in _packs(rule_dirs or []) for r in p.pack.rules}
        rule = rules.get(finding["rule_id"])
        if rule is None:  # a rule since removed: its words are gone with it
            finding["as_recorded"] = True
            continue
        data = {**codes, "entity": finding.get("entity"), "detail": finding.get("detail")}
        finding["message"] = finding_message(rule, data, language)


def _stored_findings(found: Any) -> Iterator[dict[str, Any]]:
    """Every finding in a nested diff or review: a dict with a fingerprint and its codes."""
    if isinstance(found, dict):
        if "fingerprint" in found and "codes" in found:
            yield found
            return
        for value in found.values():
            yield from _stored_findings(value)
    elif isinstance(found, list):
        for value in found:
            yield from _stored_findings(value)
