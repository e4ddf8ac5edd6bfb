"""Findings as rows of cells: the shared shape of the csv and xlsx formats.

One row per finding, the entity's own columns first (sku, asin, marketplace,
title) so a seller can sort and filter a catalogue, then what the rule decided.
Cells keep their type: identifiers are text (a SKU `00123` keeps its zeros),
counts and rates are numbers, anything structured (a per-marketplace limit) is
compact JSON. Reports are read as the contract types them (auditor/model/report.py):
keys added by later versions are ignored, and a key a finding may lack is a blank cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from auditor.model.common import ENTITY_LABEL_FIELDS, SEVERITY_RANK_OF
from auditor.outputs.controls import CELL, visible
from auditor.outputs.coverage import not_checked
from auditor.outputs.i18n import translate
from auditor.outputs.values import cell

if TYPE_CHECKING:
    from auditor.model.report import Finding, Headroom, Report, RuleInfo

#: Column keys in order; their headings are the i18n labels `col_<key>`.
COLUMNS = (
    "sku",
    "asin",
    "marketplace",
    "title",
    "entity",
    "area",
    "rule_id",
    "rule_name",
    "severity",
    "outcome",
    "detail",
    "observed",
    "limit",
    "headroom",
    "missing",
    "message",
    "fix",
    "fingerprint",
)
#: Entity fields with columns of their own; the rest name the entity in `entity`.
_OWN = ("type", "sku", "asin", "marketplace", "title")

#: A cell a spreadsheet would run as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A plain number written as text ("-0.5", "+3", "1e-3"): a spreadsheet reads it as a
#: number, never as a formula, so it is left alone.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def headings(language: str) -> list[str]:
    return [translate(f"col_{key}", language) for key in COLUMNS]


def neutralise(value: Any) -> Any:
    """Text made safe for a spreadsheet cell: control characters shown (a NUL, an escape
    sequence; line breaks and tabs stay, a quoted cell holds them: see controls.visible),
    and `'` prefixed to text that a spreadsheet would evaluate as a formula.

    Numbers are not text and stay numbers (-0.5 is a value, not a formula); so does
    text that is a plain number. Everything else starting with = + - @ tab or CR is
    shown as typed, which is what the `'` prefix asks Excel and LibreOffice to do.
    """
    if isinstance(value, str):
        value = visible(value, CELL)
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def headroom_text(headroom: Headroom | None) -> str:
    """A finding's headroom as the report words it ("2 more defective orders put ..."),
    blank for a finding without one."""
    return headroom["text"] if headroom else ""


def entity_label(entity: Mapping[str, Any]) -> str:
    """How a finding's entity reads in one line: marketplace · sku · asin ... (as the report orders them)."""
    parts = [entity.get(k) for k in ENTITY_LABEL_FIELDS]
    return " · ".join(str(p) for p in parts if p)


def entity_rest(entity: Mapping[str, Any]) -> str:
    """The entity's type and the fields without a column of their own (channel, campaign...)."""
    parts = [entity.get("type")]
    parts += [v for k, v in entity.items() if k not in _OWN and v not in (None, "")]
    return " · ".join(str(p) for p in parts if p not in (None, ""))


def finding_row(finding: Finding, language: str, fix: str = "") -> dict[str, Any]:
    """One finding's cells by column key; `fix` is its rule's (the report's `rules`)."""
    entity = finding["entity"]
    return {
        "sku": _text(entity.get("sku")),
        "asin": _text(entity.get("asin")),
        "marketplace": _text(entity.get("marketplace")),
        "title": _text(entity.get("title")),
        "entity": entity_rest(entity),
        "area": translate(finding["area"], language),
        "rule_id": finding["rule_id"],
        "rule_name": finding["rule_name"],
        "severity": translate(finding["severity"], language),
        "outcome": translate(finding["outcome"], language),
        "detail": _text(finding["detail"]),
        "observed": cell(finding, "observed", language),
        "limit": cell(finding, "limit", language),
        "headroom": headroom_text(finding.get("headroom")),
        "missing": ", ".join(finding.get("missing", [])),
        "message": finding["message"],
        "fix": fix,
        "fingerprint": finding["fingerprint"],
    }


#: Failures before warnings before unknowns.
_OUTCOME_ORDER = {"fail": 0, "warn": 1, "unknown": 2}


def severity_order(finding: Finding) -> tuple[Any, ...]:
    """Most severe first, failures before warnings before unknowns, then by rule."""
    outcome = _OUTCOME_ORDER.get(finding["outcome"], 3)
    return (-SEVERITY_RANK_OF[finding["severity"]], outcome, finding["rule_id"])


def finding_rows(
    findings: Iterable[Finding], language: str, report: Report | None = None
) -> Iterator[list[Any]]:
    """Rows in COLUMNS order, in the report's order (most severe first).

    A finding's fix comes from the report's `rules` section (written once per rule).
    """
    fixes = {r["rule_id"]: r["fix"] for r in report.get("rules", [])} if report else {}
    for finding in findings:
        row = finding_row(finding, language, fixes.get(finding["rule_id"], ""))
        yield [row[key] for key in COLUMNS]


def not_checked_rows(report: Report, language: str) -> Iterator[list[Any]]:
    """One row per rule and input not checked (outcome `not_checked`), after the findings:
    what the input could not carry is in the sheet a seller filters, not only in a summary."""
    fixes = {r["rule_id"]: r["fix"] for r in report.get("rules", [])}
    for note in not_checked(report, language):
        row: dict[str, Any] = dict.fromkeys(COLUMNS, "")
        row |= {
            "entity": note["input"],
            "area": translate(note["area"], language),
            "rule_id": note["rule_id"],
            "rule_name": note["rule_name"],
            "severity": translate(note["severity"], language),
            "outcome": translate("not_checked", language),
            "observed": note["entities"],
            "missing": ", ".join(note["fields"]),
            "message": note["text"],
            "fix": fixes.get(note["rule_id"], ""),
        }
        yield [row[key] for key in COLUMNS]


def rules_with_findings(report: Report, findings: Iterable[Finding]) -> list[RuleInfo]:
    """The report's rule entries (why, fix) of the rules with a finding, in the findings' order."""
    info = {r["rule_id"]: r for r in report.get("rules", [])}
    ids = dict.fromkeys(f["rule_id"] for f in findings)
    return [info[i] for i in ids if i in info]
