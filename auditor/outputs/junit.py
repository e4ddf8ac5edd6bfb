"""The junit format's test cases: what a CI shows and gates on, built from the report.

The report lists every finding (fail, warn, unknown) but only counts the passes of
each rule (`summary.rules[].outcomes.pass`), so the cases are:

- one per finding, named `RULE-ID rule-name · entity · detail`: a `failure` for a
  fail, and for a warn when the audit was strict (`--strict`); otherwise a warn is a
  passing case whose message is in `system-out`; an `unknown` is `skipped`, naming
  the missing fields;
- one per suppressed finding (the report's `suppressions.suppressed`), `skipped`
  with the suppression's reason, who accepted it and until when;
- one per rule with passes, `RULE-ID rule-name · N evaluation(s) passed`, passing;
- one per rule that was not applicable, `skipped` with the reason (in its area's
  suite when the report names the area, else in a suite `not_applicable`);
- one per rule and input it could not check (`summary.coverage.not_checked`: the
  input cannot carry the field), `skipped`, naming the input and the fields.

Suites are the areas (health, listing, ...), so a CI groups failures as the report
does. Names use rule ids and entity keys, never translated, so a CI's history of a
case survives a change of `--lang`; messages are in the report's language. The
template (reports/templates/junit.xml.j2) is autoescaped as XML; characters XML 1.0
cannot hold at all are dropped here, and control characters shown (controls.visible).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from auditor.model.common import ENTITY_LABEL_FIELDS
from auditor.outputs.controls import LINES, visible
from auditor.outputs.coverage import not_checked
from auditor.outputs.i18n import translate_with

if TYPE_CHECKING:
    from auditor.model.report import Finding, Report

#: Characters XML 1.0 cannot hold that are not controls (those are shown: controls.visible).
_NOT_XML = re.compile("[\ufffe\uffff]")


def xml_text(value: Any) -> str:
    return _NOT_XML.sub("", visible("" if value is None else str(value), LINES))


def _label(finding: Finding) -> str:
    """The entity's naming fields in report order, then any others (campaign, search term)."""
    entity = finding["entity"]
    keys = [k for k in ENTITY_LABEL_FIELDS if k in entity]
    keys += [k for k in entity if k not in keys and k not in ("type", "title")]
    parts = [entity.get(k) for k in keys] + [finding["detail"]]
    return " · ".join(str(p) for p in parts if p not in (None, ""))


def _case(
    classname: str, name: str, kind: str | None = None, kind_type: str = "", message: str = ""
) -> dict[str, str | None]:
    return {
        "classname": xml_text(classname),
        "name": xml_text(name),
        "kind": kind,
        "type": xml_text(kind_type),
        "message": xml_text(message),
    }


def junit_suites(report: Report, language: str) -> list[dict[str, Any]]:
    summary = report["summary"]
    strict = summary["gate"]["strict"]
    names: dict[str, str] = {}
    areas: dict[str, list[dict[str, Any]]] = {a: [] for a in summary["areas"]}
    seen: set[tuple[str | None, str | None]] = set()
    area: str  # a suite: an area, or not_applicable

    for finding in report["findings"]:
        rule_id, area = finding["rule_id"], finding["area"]
        names.setdefault(rule_id, finding["rule_name"])
        outcome = finding["outcome"]
        title = f"{rule_id} {finding['rule_name']} · {_label(finding)}".strip(" ·")
        message = finding["message"]
        if outcome == "fail" or (outcome == "warn" and strict):
            case = _case(
                f"{area}.{rule_id}",
                title,
                "failure",
                f"{finding['severity']}/{outcome}",
                message,
            )
        elif outcome == "unknown":
            missing = ", ".join(finding.get("missing", [])) or "?"
            undecided = translate_with("undecided", language, fields=missing)
            case = _case(
                f"{area}.{rule_id}", title, "skipped", "unknown", f"{undecided}: {message}"
            )
        else:
            case = _case(
                f"{area}.{rule_id}",
                title,
                "output",
                f"{finding['severity']}/{outcome}",
                message,
            )
        if (case["classname"], case["name"]) in seen:  # two findings, one label: tell apart
            case["name"] = f"{case['name']} [{finding['fingerprint']}]"
        seen.add((case["classname"], case["name"]))
        areas.setdefault(area, []).append(case)

    # Suppressed findings (.auditor-suppressions.yaml): skipped, saying why, who and until when.
    suppressions = report.get("suppressions")  # only when a suppressions file was in use
    for finding in suppressions["suppressed"] if suppressions else []:
        rule_id, area = finding["rule_id"], finding["area"]
        names.setdefault(rule_id, finding["rule_name"])
        title = f"{rule_id} {finding['rule_name']} · {_label(finding)}".strip(" ·")
        cause = finding["suppression"]
        waived = translate_with(
            "suppressed_case",
            language,
            expires=cause["expires"],
            by=cause["by"],
            reason=cause["reason"],
        )
        case = _case(f"{area}.{rule_id}", title, "skipped", "suppressed", waived)
        if (case["classname"], case["name"]) in seen:
            case["name"] = f"{case['name']} [{finding['fingerprint']}]"
        seen.add((case["classname"], case["name"]))
        areas.setdefault(area, []).append(case)

    for rule in summary["rules"]:
        passes = rule["outcomes"]["pass"]
        if not passes:
            continue
        rule_id, area = rule["rule_id"], rule["area"]
        passed = translate_with("passes_of_rule", language, n=passes)
        title = f"{rule_id} {names.get(rule_id, '')}".strip() + f" · {passed}"
        areas.setdefault(area, []).append(_case(f"{area}.{rule_id}", title))

    area_of: dict[str, str] = {r["rule_id"]: r["area"] for r in summary["rules"]}
    for item in summary["coverage"]["not_applicable"]:
        rule_id = item["rule_id"]
        area = area_of.get(rule_id, "not_applicable")
        reason = translate_with("not_applicable_case", language, reason=item["reason"])
        areas.setdefault(area, []).append(
            _case(
                f"{area}.{rule_id}",
                f"{rule_id} {names.get(rule_id, '')}".strip(),
                "skipped",
                "not_applicable",
                reason,
            )
        )

    # What the input could not carry: never a pass, so a CI shows it as skipped.
    for note in not_checked(report, language):
        rule_id, area = note["rule_id"], note["area"]
        title = f"{rule_id} {note['rule_name']} · {note['input']}".strip(" ·")
        areas.setdefault(area, []).append(
            _case(f"{area}.{rule_id}", title, "skipped", "not_checked", note["text"])
        )

    suites = []
    for area, cases in areas.items():
        cases.sort(key=lambda c: (c["classname"] or "", c["name"] or ""))
        suites.append(
            {
                "name": area,
                "cases": cases,
                "tests": len(cases),
                "failures": sum(c["kind"] == "failure" for c in cases),
                "skipped": sum(c["kind"] == "skipped" for c in cases),
            }
        )
    return suites
