"""`auditor poa lint`: a plan of action checked by the `poa` rule pack before it is sent.

The letter becomes three tables (`auditor.poa.letter`) and the pack's rules run on them
with the same engine as an audit, so a seller's own poa packs (`--rules`) and the
configuration's select/ignore/overrides apply here too. The output reads like a code
linter's: one line per finding at the line to edit, then what to do.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from auditor.api import Options, load_rules
from auditor.engine.evaluate import evaluate
from auditor.errors import AuditorError
from auditor.model.common import Language
from auditor.model.rules import PackedRule
from auditor.outputs.wording import word_findings
from auditor.poa.letter import find_placeholders
from auditor.poa.tables import split_letter

if TYPE_CHECKING:
    from auditor.poa.notice import Notice

OUTCOMES = ("fail", "warn", "unknown")


@dataclass
class LintResult:
    """What the lint found in one letter."""

    letter: str
    #: The engine's finding dicts, by line then rule id (messages in the lint's language).
    findings: list[dict[str, Any]]
    #: Findings per outcome: fail, warn, unknown.
    counts: dict[str, int]
    #: The rules that ran.
    rules: list[PackedRule]
    #: Each placeholder still in the letter, as (line, text).
    placeholders: list[tuple[int, str]]
    #: Each finding's message per language ("en", "zh"), in the order of `findings`.
    messages: dict[str, list[str]] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Whether any rule failed: the letter is not ready to send."""
        return self.counts.get("fail", 0) > 0

    def as_dict(self) -> dict[str, Any]:
        """The result as JSON data (`--format json`)."""
        return {
            "letter": self.letter,
            "failed": self.failed,
            "counts": self.counts,
            "findings": [{**f, "line": finding_line(f)} for f in self.findings],
            "placeholders": [{"line": line, "text": text} for line, text in self.placeholders],
            "rules": [
                {
                    "rule_id": p.rule.id,
                    "name": p.rule.name,
                    "severity": p.rule.base_severity.value,
                    "pack": p.pack,
                }
                for p in self.rules
            ],
        }


#: The rule that finds placeholders left to fill in: a draft (`--draft`) has them by design,
#: so there they warn; in a letter about to be sent they fail.
PLACEHOLDER_RULE = "POA-007"


def lint_letter(
    text: str,
    name: str,
    *,
    notice: Notice | None = None,
    notice_asins: Sequence[str] = (),
    options: Options | None = None,
    as_of: dt.date | None = None,
    draft: bool = False,
) -> LintResult:
    """Run the plan-of-action rules (the bundled `poa` pack and any of the user's) on a letter.

    `name` names the letter in findings (its file). `notice` is Amazon's notice as read: the
    letter must name each of its ASINs (or `notice_asins`) with the documents it asks for,
    agree with its figures, and be sent before its deadline (as of `as_of`, default today).
    `draft`: placeholders warn instead of failing (the draft is not finished by design).
    """
    options = options or Options()
    as_of = as_of or options.as_of or dt.date.today()
    rules = plan_rules(options)
    tables = split_letter(text, name, notice_asins, notice=notice)
    language = Language(options.language)
    runs = evaluate(rules, tables, as_of)
    findings = _sorted(_as_draft(f) if draft else f for run in runs for f in run.findings)
    # Each finding worded in both languages (the listing may be asked for in either).
    by_id = {p.rule.id: p.rule for p in rules}
    by_language = {}
    for lang in Language:
        word_findings(findings, by_id, lang)
        by_language[lang] = [f["message"] for f in findings]
    word_findings(findings, by_id, language)
    counts = Counter(f["outcome"] for f in findings)
    return LintResult(
        letter=name,
        findings=findings,
        counts={outcome: counts.get(outcome, 0) for outcome in OUTCOMES},
        rules=rules,
        placeholders=find_placeholders(text),
        messages={lang.value: found for lang, found in by_language.items()},
    )


def _as_draft(finding: dict[str, Any]) -> dict[str, Any]:
    """A placeholder in a draft is work left to the seller, not a defect: it warns."""
    if finding["rule_id"] == PLACEHOLDER_RULE and finding["outcome"] == "fail":
        return {**finding, "outcome": "warn"}
    return finding


def plan_rules(options: Options) -> list[PackedRule]:
    """The rules of every pack of area poa, after the options' select, ignore and overrides.

    Ids in the options are checked against every pack, not only the poa ones: a
    configuration written for audits (`disable: [LST-002]`) is valid here too. A `select`
    that keeps no plan-of-action rule was written for audits, so the lint runs its
    whole pack rather than nothing.
    """
    _, rules = load_rules(options, "poa")
    if not rules and options.select:
        _, rules = load_rules(replace(options, select=[]), "poa")
    if not rules:
        raise AuditorError(
            "no plan-of-action rules to run: the bundled rules are off and no --rules folder "
            "holds a pack with area: poa (or --ignore left none)"
        )
    return rules


def finding_line(finding: dict[str, Any]) -> int:
    """The letter line a finding points at: its paragraph's or its ASIN's first mention;
    1 for what concerns the letter as a whole (a missing part, its length)."""
    line = finding["entity"].get("line") or finding["evidence"].get("line")
    return int(line) if line else 1


def _sorted(findings: Any) -> list[dict[str, Any]]:
    # Stable: within a line and a rule, the engine's order (placeholders as they appear).
    return sorted(findings, key=lambda f: (finding_line(f), f["rule_id"]))


_SUMMARY = {
    "en": {
        "clean": "No problems found: the plan is ready to send.",
        "fail": "{fail} failing, {warnings}: fix the failing ones before sending.",
        "warn": "0 failing, {warnings}: check them before sending.",
        "unknown": ", {unknown} undecided",
        "colon": ":",
    },
    "zh": {
        "clean": "未发现问题：行动计划可以提交。",
        "fail": "{fail} 项未通过，{warn} 项警告：提交前请先修改未通过的项目。",
        "warn": "0 项未通过，{warn} 项警告：提交前请逐项核对。",
        "unknown": "，{unknown} 项无法判断",
        "colon": "：",
    },
}


def render_lint(result: LintResult, language: str = "en") -> str:
    """A linter's listing: `FILE:LINE: RULE outcome  message` per finding, then a summary."""
    texts = _SUMMARY.get(language, _SUMMARY["en"])
    messages = result.messages.get(language) or [f["message"] for f in result.findings]
    lines = [
        f"{result.letter}:{finding_line(f)}: {f['rule_id']} {f['outcome']}  {message}"
        for f, message in zip(result.findings, messages, strict=True)
    ]
    counts = result.counts
    if not any(counts.values()):
        return "\n".join([*lines, texts["clean"]]) + "\n"
    head, colon, advice = texts["fail" if result.failed else "warn"].partition(texts["colon"])
    undecided = texts["unknown"] if counts.get("unknown") else ""
    warnings = f"{counts.get('warn', 0)} warning" + ("" if counts.get("warn") == 1 else "s")
    summary = (head + undecided + colon + advice).format(**counts, warnings=warnings)
    return "\n".join([*lines, summary]) + "\n"
