"""Suppressions end to end on the demo store: accepted findings leave the score and the
exit code but stay in the report; expired ones count again, stale ones are named."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import AS_OF, REPO

from auditor import api
from auditor.cli import main
from auditor.outputs.render import render, to_json

DEMO = REPO / "examples" / "demo-store"
#: The demo's account health and listings: where the waived findings are (the other
#: folders add time, not findings to waive).
INPUTS = [DEMO / "account-health", DEMO / "listings"]
#: VX-EAR-02's title is over 200 characters in the US: LST-001's only failure.
TITLE = {"sku": "VX-EAR-02", "marketplace": "us"}
WAIVERS = f"""\
suppressions:
  - rule: LST-001
    entity: {json.dumps(TITLE)}
    reason: Title shortened in the January catalogue upload.
    by: li.wei
    expires: 2027-01-31
  - rule: HLT-003
    entity: {{marketplace: UK, channel: mfn}}
    detail: 7d
    reason: Royal Mail strike week.
    by: ops-team
    expires: 2026-11-20
  - rule: LST-001
    entity: {{sku: HN-OLD-01}}
    reason: Listing closed in October.
    by: li.wei
    expires: 2027-03-31
"""


def audit(suppressions: Path | None, cwd: Path) -> api.AuditResult:
    options = api.Options.resolve(cwd=cwd, suppressions=suppressions)
    options.as_of = AS_OF
    return api.audit(INPUTS, options)


@cache
def baseline() -> dict[str, Any]:
    options = api.Options()
    options.as_of = AS_OF
    return api.audit(INPUTS, options).report


def rule_outcomes(report: dict[str, Any], rule_id: str) -> dict[str, int]:
    [rule] = [r for r in report["summary"]["rules"] if r["rule_id"] == rule_id]
    return rule["outcomes"]


def waivers(tmp_path: Path, text: str = WAIVERS) -> Path:
    path = tmp_path / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_suppressed_finding_leaves_the_score_but_stays_in_the_report(tmp_path: Path) -> None:
    before = baseline()
    report = audit(waivers(tmp_path), tmp_path).report

    title_findings = [f for f in before["findings"] if f["rule_id"] == "LST-001"]
    waived = [f for f in title_findings if f["entity"]["sku"] == "VX-EAR-02"]
    assert [f["outcome"] for f in waived] == ["fail"]
    assert waived[0]["fingerprint"] not in {f["fingerprint"] for f in report["findings"]}
    [suppressed] = report["suppressions"]["suppressed"]
    assert {k: v for k, v in suppressed.items() if k != "suppression"} == waived[0]
    assert suppressed["suppression"] == {
        "reason": "Title shortened in the January catalogue upload.",
        "by": "li.wei",
        "expires": "2027-01-31",
        "line": 2,
    }
    # The evaluation is gone, neither a pass nor a fail: one fail less, no pass more.
    was, now = rule_outcomes(before, "LST-001"), rule_outcomes(report, "LST-001")
    assert now == was | {"fail": was["fail"] - 1}
    assert report["summary"]["coverage"]["evaluations"] == (
        before["summary"]["coverage"]["evaluations"] - 1
    )
    assert (
        report["summary"]["areas"]["listing"]["score"]
        > (before["summary"]["areas"]["listing"]["score"])
    )
    assert report["summary"]["score"] >= before["summary"]["score"]
    assert report["summary"]["gate"]["findings"] == before["summary"]["gate"]["findings"] - 1


def test_expired_suppressions_count_again_and_stale_ones_are_named(tmp_path: Path) -> None:
    before = baseline()
    section = audit(waivers(tmp_path), tmp_path).report["suppressions"]

    assert section["file"] == (tmp_path / "waivers.yaml").as_posix()
    late_uk = [
        f
        for f in before["findings"]
        if f["rule_id"] == "HLT-003" and f["entity"]["marketplace"] == "UK"
    ]
    assert [f["detail"] for f in late_uk] == ["7d"]
    [expired] = section["expired"]
    assert (expired["rule"], expired["line"], expired["expires"]) == ("HLT-003", 7, "2026-11-20")
    assert expired["findings"] == [late_uk[0]["fingerprint"]]
    [stale] = section["stale"]
    assert (stale["rule"], stale["entity"], stale["line"]) == ("LST-001", {"sku": "HN-OLD-01"}, 13)
    report = audit(waivers(tmp_path), tmp_path).report
    assert late_uk[0] in report["findings"]  # expired: it counts again
    assert rule_outcomes(report, "HLT-003") == rule_outcomes(before, "HLT-003")


def test_every_format_shows_the_suppressions(tmp_path: Path) -> None:
    report = audit(waivers(tmp_path), tmp_path).report
    where = f"{(tmp_path / 'waivers.yaml').as_posix()}"

    table = str(render(report, "table", "en"))
    assert "Suppressed findings (1)" in table
    assert "Title shortened in the January catalogue upload." in table
    assert f"{where}:7 HLT-003" in table and f"{where}:13 LST-001" in table
    markdown = str(render(report, "md", "en"))
    assert "## Suppressed findings (1)" in markdown
    assert "### Expired suppressions: their findings count again" in markdown
    assert "### Stale suppressions: they match no finding (delete them)" in markdown
    html = str(render(report, "html", "zh"))
    assert '<section id="suppressions">' in html and "已豁免的问题" in html
    assert "批准人" in html and "2027年1月31日" in html
    assert "无效的豁免" in html and "已过期的豁免" in html
    junit = str(render(report, "junit", "en"))
    assert '<skipped message="suppressed until 2027-01-31 (accepted by li.wei): ' in junit


def test_html_escapes_what_the_suppressions_file_says(tmp_path: Path) -> None:
    text = WAIVERS.replace("by: ops-team", "by: <script>alert(1)</script>")
    report = audit(waivers(tmp_path, text), tmp_path).report
    html = str(render(report, "html", "en"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_suppressing_every_gating_finding_makes_the_audit_exit_0(tmp_path: Path) -> None:
    gating = [
        f
        for f in baseline()["findings"]
        if f["outcome"] == "fail" and f["severity"] in ("critical", "high")
    ]
    assert len(gating) > 10
    entries = [
        {
            "rule": f["rule_id"],
            "entity": {
                k: v for k, v in f["entity"].items() if v is not None and k not in ("title",)
            },
            **({"detail": f["detail"]} if f["detail"] else {}),
            "reason": "Accepted for the demo",
            "by": "qa",
            "expires": "2026-12-31",
        }
        for f in gating
    ]
    path = tmp_path / "all.yaml"
    path.write_text(yaml.safe_dump({"suppressions": entries}), encoding="utf-8")
    out = tmp_path / "report.json"
    runner = CliRunner()
    common = ["audit", *map(str, INPUTS), "--as-of", AS_OF.isoformat(), "--format", "json"]
    common += ["-o", str(out)]

    assert runner.invoke(main, common).exit_code == 1
    result = runner.invoke(main, [*common, "--suppressions", str(path)])

    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["summary"]["gate"] == {
        "fail_on": "high",
        "strict": False,
        "fail_on_unknown": None,
        "failed": False,
        "findings": 0,
    }
    suppressed = {f["fingerprint"] for f in report["suppressions"]["suppressed"]}
    assert {f["fingerprint"] for f in gating} <= suppressed
    assert report["suppressions"]["stale"] == []


def test_the_default_file_is_found_and_named_as_it_was_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(".auditor-suppressions.yaml").write_text(WAIVERS, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["audit", *map(str, INPUTS), "--as-of", AS_OF.isoformat(), "--format", "json"]
    )
    report = json.loads(result.stdout)
    assert report["suppressions"]["file"] == ".auditor-suppressions.yaml"
    assert len(report["suppressions"]["suppressed"]) == 1


def test_a_bad_suppressions_file_is_a_located_usage_error(tmp_path: Path) -> None:
    path = waivers(tmp_path, WAIVERS.replace("    expires: 2027-03-31\n", ""))
    result = CliRunner().invoke(
        main, ["audit", str(DEMO), "--as-of", AS_OF.isoformat(), "--suppressions", str(path)]
    )
    assert result.exit_code == 2
    assert f"{path.as_posix()}:13: suppressions.2.expires: every suppression needs an expiry" in (
        result.stderr
    )
    assert "Traceback" not in result.output


def test_without_a_file_the_report_is_unchanged(tmp_path: Path) -> None:
    result = audit(None, tmp_path)
    assert "suppressions" not in result.report
    assert to_json(result.report) == to_json(baseline())
    # Suppressions never touch the baseline's own data (findings are copied, not moved).
    kept = copy.deepcopy(baseline())
    audit(waivers(tmp_path), tmp_path)
    assert baseline() == kept


def test_a_suppression_for_another_store_neither_applies_nor_goes_stale(tmp_path: Path):
    """An agency's one file serves several stores: `store:` keeps each waiver to its own."""
    waiver = f"""\
suppressions:
  - rule: LST-001
    entity: {json.dumps(TITLE)}
    store: acme-uk
    reason: Title shortened in the January catalogue upload.
    by: li.wei
    expires: 2027-01-31
"""
    path = tmp_path / "waivers.yaml"
    path.write_text(waiver, encoding="utf-8")
    for store, suppressed in (("default", 0), ("acme-uk", 1)):
        options = api.Options.resolve(cwd=tmp_path, suppressions=path, store=store)
        options.as_of = AS_OF
        report = api.audit(INPUTS, options).report
        section = report["suppressions"]
        assert len(section["suppressed"]) == suppressed
        assert section["stale"] == []
        titles = [
            f
            for f in report["findings"]
            if f["rule_id"] == "LST-001" and f["entity"]["sku"] == "VX-EAR-02"
        ]
        assert len(titles) == 1 - suppressed


def test_the_suppressions_file_is_part_of_the_run_id(tmp_path: Path) -> None:
    """It changes what the report counts, so two audits of the same inputs and date with
    different waivers are two runs, never one id for two reports."""
    plain = baseline()["run"]["id"]
    waived = audit(waivers(tmp_path), tmp_path).report["run"]["id"]
    again = audit(waivers(tmp_path), tmp_path).report["run"]["id"]
    changed = audit(waivers(tmp_path, WAIVERS.replace("li.wei", "ops-lead")), tmp_path)
    assert waived == again
    assert len({plain, waived, changed.report["run"]["id"]}) == 3
