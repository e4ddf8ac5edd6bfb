"""What a report could not check, in the shape every human format shows near its top.

A clean report must mean checked and clean, so each human format opens with what was
left open: the unknown findings summarised by rule and missing field (one line each,
with the count: thousands of listings without a products register are one line, not
thousands), the rules not checked for an input that cannot carry their fields, and
the files that were skipped. JSON and CSV keep every finding and note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.model.tables import field_sources
from auditor.outputs.i18n import translate_with

if TYPE_CHECKING:
    from auditor.model.report import Finding, InputFile, NotChecked, Report

    class CheckNote(NotChecked):
        """A not-checked note as the human formats show it: with its rule's name and a
        sentence (a type only: the notes are the report's, extended)."""

        rule_name: str
        text: str


def unknown_summary(findings: list[Finding]) -> list[dict[str, Any]]:
    """Unknown findings grouped by rule and missing fields, in report order, with a count
    and the first finding's message (the groups share their cause)."""
    groups: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}
    for finding in findings:
        if finding["outcome"] != "unknown":
            continue
        missing = tuple(finding.get("missing", []))
        key = (finding["rule_id"], missing)
        if key not in groups:
            groups[key] = {
                "rule_id": key[0],
                "rule_name": finding["rule_name"],
                "severity": finding["severity"],
                "area": finding["area"],
                "missing": list(missing),
                "count": 0,
                "message": finding["message"],
            }
        groups[key]["count"] += 1
    return list(groups.values())


def not_checked(report: Report, language: str) -> list[CheckNote]:
    """The summary's not-checked notes, each with its rule's name and a sentence."""
    names = {r["rule_id"]: r["name"] for r in report.get("rules", [])}
    return [
        {**note, "rule_name": names.get(note["rule_id"], ""), "text": _note_text(note, language)}
        for note in report["summary"]["coverage"]["not_checked"]
    ]


def _note_text(note: NotChecked, language: str) -> str:
    """The note's sentence, naming where its fields come from when the tool knows (a
    definition from `auditor fetch --reports product-types`)."""
    sources = [s for s in (field_sources(f, language) for f in note["fields"]) if s]
    key = "not_checked_note_from" if sources else "not_checked_note"
    return translate_with(
        key if note["input"] else "not_checked_note_inputs",
        language,
        n=note["entities"],
        input=note["input"],
        fields=", ".join(note["fields"]),
        sources=("；" if language == "zh" else "; ").join(sources),
    )


def skipped_inputs(report: Report) -> list[InputFile]:
    """Input files that were not read, with why."""
    return [i for i in report["run"]["inputs"] if i.get("skipped")]
