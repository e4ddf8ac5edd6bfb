"""What a person reads first in the terminal table: the top risks with their fix, the
account metrics at risk, and the minor findings summarised by rule.

Read from the report alone (summary, findings, rules), as its contract types it
(auditor/model/report.py).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from auditor.outputs.rows import entity_label

if TYPE_CHECKING:
    from auditor.model.report import Finding, MetricHeadroom, Report, RuleInfo

#: Top risks the table opens with.
TOP_RISKS = 5
#: Entities named under each top risk before "and N more".
RISK_ENTITIES = 3
#: Severities whose findings the table lists one by one without --verbose; the others
#: are summarised by rule with their counts.
LISTED_SEVERITIES = frozenset({"critical", "high", "medium"})
#: Where a sentence may end: a full stop, question or exclamation mark before more
#: text, or a Chinese one.
_CANDIDATE = re.compile(r"[.!?](?=\s+\S)|[。！？]")
#: Words whose full stop ends no sentence ("e.g.", "approx.", an initial).
_ABBREVIATION = re.compile(r"(?:e\.g|i\.e|etc|vs|approx|no|[A-Z])\.", re.IGNORECASE)
_OUTCOME_RANK = {"fail": 2, "warn": 1}


def first_sentence(text: str) -> str:
    """The first sentence of `text` on one line ("Shorten the title. Keep ..." -> "Shorten
    the title."); the whole text when it has one sentence."""
    flat = " ".join(text.split())
    for match in _CANDIDATE.finditer(flat):
        end = match.end()
        if match.group() in "。！？":
            return flat[:end]
        word = flat[:end].rsplit(" ", 1)[-1].lstrip("([\"'")
        following = flat[end:].lstrip()[:1]
        if _ABBREVIATION.fullmatch(word) or not (following.isupper() or following.isdigit()):
            continue
        return flat[:end]
    return flat


def _rule_texts(report: Report) -> dict[str, RuleInfo]:
    return {r["rule_id"]: r for r in report.get("rules", [])}


def top_risks(
    report: Report, limit: int = TOP_RISKS, entities: int | None = RISK_ENTITIES
) -> list[dict[str, Any]]:
    """The rules that failed or warned and took the most points, most first: each with
    its worst outcome, the entities concerned (the first `entities`; None: all) and the
    first sentence of its fix.

    Points are the rule's unscaled deduction, which already weighs the consequence
    (account, legal, listing, advice) with the severity, so a lapsed certificate comes
    before a long title.
    """
    texts = _rule_texts(report)
    by_rule: dict[str, list[Finding]] = {}
    for f in report["findings"]:
        if f["outcome"] in _OUTCOME_RANK:
            by_rule.setdefault(f["rule_id"], []).append(f)
    candidates = [
        r for r in report["summary"]["rules"] if r["rule_id"] in by_rule and r["deduction"] > 0
    ]
    candidates.sort(key=lambda r: (-r["deduction"], r["rule_id"]))
    risks = []
    for rule in candidates[:limit]:
        found = by_rule[rule["rule_id"]]
        worst = max(found, key=lambda f: _OUTCOME_RANK[f["outcome"]])["outcome"]
        labels = list(
            dict.fromkeys(
                entity_label(f["entity"]) + (f" · {f['detail']}" if f["detail"] else "")
                for f in found
            )
        )
        info = texts.get(rule["rule_id"])  # None: a report without its `rules` section
        risks.append(
            {
                "rule_id": rule["rule_id"],
                "name": info["name"] if info else found[0]["rule_name"],
                "severity": rule["severity"],
                "consequence": rule["consequence"],
                "area": rule["area"],
                "outcome": worst,
                "points": rule["deduction"],
                "entities": labels[:entities],
                "more": max(0, len(labels) - len(labels[:entities])),
                "fix": first_sentence(info["fix"] if info else ""),
            }
        )
    return risks


def account_metrics(report: Report) -> tuple[list[Finding], list[MetricHeadroom]]:
    """(at risk, passing): account findings that fail or warn, each with its value and
    limit in its message, worst first; and the rate metrics that pass, with their headroom."""
    at_risk = [
        f
        for f in report["findings"]
        if f["entity"]["type"] == "account" and f["outcome"] in _OUTCOME_RANK
    ]
    passing = [h for h in report["summary"]["headroom"] if h["outcome"] == "pass"]
    return at_risk, passing


def minor_by_rule(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings of the severities not listed one by one, as one line per rule: its
    outcome counts and how many entities, most severe and most findings first."""
    groups: dict[str, dict[str, Any]] = {}
    for f in findings:
        rule_id = f["rule_id"]
        group = groups.setdefault(
            rule_id,
            {
                "rule_id": rule_id,
                "name": f["rule_name"],
                "severity": f["severity"],
                "outcomes": Counter(),
                "total": 0,
            },
        )
        group["outcomes"][f["outcome"]] += 1
        group["total"] += 1
    order = {"low": 0, "info": 1}
    result = sorted(
        groups.values(), key=lambda g: (order.get(g["severity"], 2), -g["total"], g["rule_id"])
    )
    for g in result:
        g["outcomes"] = {
            k: g["outcomes"][k] for k in ("fail", "warn", "unknown", "pass") if g["outcomes"][k]
        }
    return result


def table_context(
    report: Report, ordered: list[Finding], max_listed: int, verbose: bool
) -> dict[str, Any]:
    """What the table template sees beyond the shared context.

    `ordered` is every finding, most severe first. With `verbose` every finding is
    listed; without it, critical, high and medium findings are (up to `max_listed`) and
    low and info ones are summarised by rule.
    """
    at_risk, passing = account_metrics(report)
    if verbose:
        listed, minor = ordered, []
    else:
        major = [f for f in ordered if f["severity"] in LISTED_SEVERITIES]
        listed = major[:max_listed]
        minor = [f for f in ordered if f["severity"] not in LISTED_SEVERITIES]
    return {
        "verbose": verbose,
        "top_risks": top_risks(report, entities=None if verbose else RISK_ENTITIES),
        "metrics_at_risk": at_risk,
        "metrics_passing": passing,
        "table_findings": listed,
        "table_unlisted": len(ordered) - len(listed) - len(minor),
        "minor_rules": minor_by_rule(minor),
        "minor_total": len(minor),
        # How many rows the summary sections show before "and N more".
        "cap": 10**9 if verbose else 10,
        "rejected_cap": 10**9 if verbose else 5,
    }
