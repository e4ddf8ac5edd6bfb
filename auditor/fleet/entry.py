"""A store's line in the portfolio, from its report (or its error), and the fleet's totals.

Only what an agency compares across stores: status, score, each area's status, failing
findings by severity, the few worst findings with their fix. The report itself, with
every finding, is the store's own file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from auditor.model.common import SEVERITY_RANK, Severity

if TYPE_CHECKING:
    from auditor.model.portfolio import (
        PortfolioEntity,
        PortfolioStore,
        PortfolioSummary,
        StoreStatus,
        TopFinding,
    )
    from auditor.model.report import Finding, Report

#: The worst failing findings a store's line names.
TOP_FINDINGS = 5
#: Severities in the order a portfolio counts them, most severe first.
SEVERITIES = sorted(Severity, key=lambda s: -SEVERITY_RANK[s])
#: Exit codes of a store and of the fleet (README, "Exit codes").
EXIT_OK, EXIT_FINDINGS, EXIT_PARTIAL = 0, 1, 3


def store_entry(
    name: str,
    report: Report | None,
    *,
    error: str | None = None,
    reports: dict[str, str] | None = None,
    fetched: Path | None = None,
) -> PortfolioStore:
    """The portfolio's line of store `name`: from its report, or (None) failed with `error`."""
    if report is None:
        return {
            "name": name,
            "status": "failed",
            "exit_code": EXIT_PARTIAL,
            "gated": False,
            "score": None,
            "score_status": None,
            "listings": None,
            "areas": {},
            "fails": dict.fromkeys(SEVERITIES, 0),
            "unknown": 0,
            "top_findings": [],
            "reports": {},
            "run_id": None,
            "error": error,
        }
    summary = report["summary"]
    gated = bool(summary["gate"]["failed"])
    status: StoreStatus = "partial" if error else "audited"
    failing = [f for f in report["findings"] if f["outcome"] == "fail"]
    fails = dict.fromkeys(SEVERITIES, 0)
    for finding in failing:
        fails[Severity(finding["severity"])] += 1
    entry: PortfolioStore = {
        "name": name,
        "status": status,
        "exit_code": EXIT_PARTIAL if error else (EXIT_FINDINGS if gated else EXIT_OK),
        "gated": gated,
        "score": summary["score"],
        "score_status": summary["status"],
        "marketplace": report["run"]["options"].get("marketplace"),
        "listings": summary["sku_totals"]["listings"],
        "areas": {
            area: {"score": part["score"], "status": part["status"]}
            for area, part in summary["areas"].items()
        },
        "fails": fails,
        "unknown": summary["by_outcome"].get("unknown", 0),
        "top_findings": top_findings(report, failing),
        "reports": dict(reports or {}),
        "run_id": report["run"]["id"],
        "error": error,
    }
    if fetched is not None:
        entry["fetched"] = fetched.as_posix()
    return entry


def top_findings(report: Report, failing: list[Finding]) -> list[TopFinding]:
    """The store's worst failing findings (by severity, then as the report orders them)."""
    fixes = {r["rule_id"]: r["fix"] for r in report["rules"]}
    ranked = sorted(enumerate(failing), key=lambda p: (-SEVERITY_RANK[p[1]["severity"]], p[0]))
    return [
        {
            "rule_id": f["rule_id"],
            "rule_name": f["rule_name"],
            "severity": f["severity"],
            "outcome": f["outcome"],
            "area": f["area"],
            "entity": cast("PortfolioEntity", {k: v for k, v in f["entity"].items()}),
            "detail": f.get("detail"),
            "message": f["message"],
            "fix": fixes.get(f["rule_id"], ""),
        }
        for _, f in ranked[:TOP_FINDINGS]
    ]


def fleet_summary(stores: list[PortfolioStore]) -> PortfolioSummary:
    """The fleet's counts and exit code: 3 when a store failed or was partial, else 1
    when one gates, else 0 (3 wins over 1, as for every command)."""
    count = {
        s: sum(1 for e in stores if e["status"] == s) for s in ("audited", "partial", "failed")
    }
    gated = sum(1 for e in stores if e["gated"])
    fails = {s: sum(e["fails"].get(s, 0) for e in stores) for s in SEVERITIES}
    code = (
        EXIT_PARTIAL
        if count["failed"] or count["partial"]
        else (EXIT_FINDINGS if gated else EXIT_OK)
    )
    return {
        "stores": len(stores),
        "audited": count["audited"],
        "partial": count["partial"],
        "failed": count["failed"],
        "gated": gated,
        "exit_code": code,
        "fails": fails,
    }
