"""What a report leaves in history: `run_record(report, ...)` -> RunRecord.

History keeps the parts later runs are compared on (scores, every metric value,
findings by fingerprint, the document register, listing scores), not the whole
report: a year of weekly runs of a large catalogue stays a file a seller can mail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from auditor.history.store import RunRecord

if TYPE_CHECKING:
    from auditor.history.store import RecordedFinding
    from auditor.model.report import Report


def run_record(
    report: Report,
    store: str,
    *,
    inputs: list[dict[str, Any]],
    documents: list[dict[str, Any]] | None = None,
    extra_metrics: list[dict[str, Any]] | None = None,
    source: str = "audit",
) -> RunRecord:
    """The history record of `report`; `inputs` carry each file's path, format and sha256.

    Suppressed findings are kept, flagged, so a suppression that expires shows its
    finding as persisting rather than new.
    """
    summary = report["summary"]
    # The report's findings as they are (a catalogue's are not copied), suppressed ones flagged.
    findings = cast("list[RecordedFinding]", [*report["findings"]])
    if suppressions := report.get("suppressions"):  # only when a suppressions file was in use
        findings += ({**f, "suppressed": True} for f in suppressions["suppressed"])
    return RunRecord(
        store=store,
        run_id=report["run"]["id"],
        as_of=dt.date.fromisoformat(str(report["run"]["as_of"])),
        tool_version=report["run"]["tool_version"],
        score=summary["score"],
        status=summary["status"],
        source=source,
        inputs=inputs,
        packs=[
            {"name": p["name"], "version": p["version"], "sha256": p["sha256"]}
            for p in report["run"]["rule_packs"]
        ],
        areas={
            name: {"score": area["score"], "status": area["status"]}
            for name, area in summary["areas"].items()
        },
        findings=findings,
        language=report["run"]["language"],
        metrics=[*_metric_rows(report.get("metrics", [])), *(extra_metrics or [])],
        documents=list(documents or []),
        listings=[
            {
                "sku": s["sku"],
                "asin": s["asin"],
                "marketplace": s["marketplace"],
                "title": s["title"],
                "score": s["score"],
                "status": s["status"],
                "findings": sum(s["outcomes"].values()),
            }
            for s in summary["skus"]
        ],
    )


def _metric_rows(metrics: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Numeric metric values only: a status text (warning state) is not a trend. A rate
    of one product category (valid tracking per category) is judged, not kept: history
    keeps the marketplace's own series, which a category's row must not overwrite."""
    return [
        {
            k: m.get(k)
            for k in (
                "marketplace",
                "metric",
                "channel",
                "subject",
                "window_days",
                "value",
                "numerator",
                "denominator",
            )
        }
        for m in metrics
        if m.get("value") is not None and not m.get("category")
    ]
