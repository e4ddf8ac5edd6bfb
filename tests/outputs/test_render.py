"""Human formats are templates over the report; they show what the report holds, escaped."""

from __future__ import annotations

import copy
import json

import pytest
from conftest import demo_report

from auditor.outputs import render as render_module
from auditor.outputs.i18n import format_number
from auditor.outputs.render import display_value, entity_label, render


@pytest.fixture(scope="module")
def report():
    """The demo store's report (audited once per process: see conftest)."""
    return demo_report()


def test_table_shows_scores_findings_inputs_and_gate(report):
    text = render(report, "table", "en")
    assert text.startswith("Amazon seller audit · As of Nov 27, 2026")
    assert f"Score: {format_number(report['summary']['score'], 'en')} · Status" in text
    assert "Listings" in text and "Account health" in text and "Compliance" in text
    assert "[critical/fail] CMP-001 epr-de-packaging · DE · GL-SERUM-30\n" in text
    assert "Amazon's target: 0.01 (LESS_THAN), differs from our limit (0.025)" in text
    assert "row 11 [document_type]: 'ce_certificate' is not one of" in text
    assert text.rstrip().endswith(f"{report['summary']['gate']['findings']}")


def test_an_amazon_target_without_its_condition_is_shown_without_it(report):
    """A seller performance report may give targetValue and no targetCondition (the
    report's evidence then has no target_condition): the table crashed on it."""
    bare = copy.deepcopy(report)
    [finding] = [f for f in bare["findings"] if f["evidence"].get("target_differs")][:1]
    del finding["evidence"]["target_condition"]
    bare["findings"] = [finding]

    text = render(bare, "table", "en")

    assert "Amazon's target: 0.01, differs from our limit (0.025)" in text


def test_findings_are_listed_most_severe_first(report):
    text = render(report, "table", "en", verbose=True)
    findings = text[text.index("\nFindings (") :]
    positions = [findings.index(f"[{s}/") for s in ("critical", "high", "medium", "low")]
    assert positions == sorted(positions)


def test_the_table_opens_with_the_top_risks_and_their_fix_then_the_metrics_at_risk(report):
    text = render(report, "table", "en")
    order = [
        text.index(label)
        for label in (
            "\nTop risks:",
            "\nAccount metrics at risk:",
            "\n  Compliance ",
            "\nFindings (",
        )
    ]
    assert order == sorted(order)
    risks = text[order[0] : order[1]]
    assert risks.count("     Fix: ") == 5
    # The first sentence of the rule's fix, on one line.
    assert (
        "     Fix: Open Account Health > Order Defect Rate and list the defective orders.\n"
        in risks
    )
    # Legal and account consequences first: the lithium documents before any title rule.
    assert "CMP-014 lithium-battery-documents · legal" in risks and "LST-" not in risks
    metrics = text[order[1] : order[2]]
    assert "[critical/fail] HLT-001 order-defect-rate · DE · mfn · 60d\n" in metrics
    assert "Order Defect Rate 1.25% (5 of 400 orders) against a limit below 1%" in metrics
    assert "[pass]" not in metrics  # passing metrics come later
    assert "\nPassing metrics: headroom:\n  [pass] " in text


def test_low_and_info_findings_are_summarised_by_rule_unless_verbose(report):
    text = render(report, "table", "en")
    findings = text[text.index("\nFindings (") :]
    assert "[low/" not in findings and "[info/" not in findings
    minor = [
        f
        for f in report["findings"]
        if f["severity"] in ("low", "info") and f["outcome"] != "unknown"  # summarised apart
    ]
    assert f"Low and info findings, by rule ({len(minor)}; --verbose lists each one)" in text
    lst002 = [f for f in minor if f["rule_id"] == "LST-002"]
    fails = sum(f["outcome"] == "fail" for f in lst002)
    assert f"  [info] LST-002 title-mobile-length: fail {fails}" in text
    verbose = render(report, "table", "en", verbose=True)
    listed = verbose[verbose.index("\nFindings (") :]
    assert listed.count("[low/") + listed.count("[info/") == len(minor)
    assert "Low and info findings" not in verbose
    assert "… and" not in verbose  # every listing, metric, rule and rejected row


def test_the_table_is_coloured_only_when_asked(report):
    assert "\x1b[" not in render(report, "table", "en")
    assert "\x1b[1m" in render(report, "table", "en", color=True)


def test_markdown_in_chinese_escapes_pipes_in_data(report):
    hostile = copy.deepcopy(report)
    hostile["findings"][0]["message"] = "Title | with pipe"
    text = render(hostile, "md", "zh")
    assert text.startswith("# 亚马逊卖家合规审计")
    assert "审计日期: **2026年11月27日**" in text
    assert "| 结果 | 规则 | 对象 | 说明 |" in text
    assert "Title \\| with pipe" in text


def test_findings_are_grouped_by_severity_after_the_summary(report):
    text = render(report, "md", "en")
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    listed = [f for f in report["findings"] if f["outcome"] != "unknown"]  # summarised apart
    assert headings[:2] == [
        f"### critical ({sum(f['severity'] == 'critical' for f in listed)})",
        f"### high ({sum(f['severity'] == 'high' for f in listed)})",
    ]
    assert text.index("| Area |") < text.index("## Findings")
    table = render(report, "table", "zh")
    assert table.index("得分:") < table.index("\n严重（") < table.index("\n高（")


def test_markdown_shows_no_raw_html_from_the_data(report):
    hostile = copy.deepcopy(report)
    hostile["findings"][0]["message"] = "<script>alert(1)</script>"
    text = render(hostile, "md", "en")
    assert "<script>" not in text and "&lt;script>alert(1)&lt;/script>" in text


def test_long_finding_lists_are_cut_with_a_count(report, monkeypatch):
    monkeypatch.setattr(render_module, "MAX_LISTED", 5)
    text = render(report, "table", "en")
    major = [
        f
        for f in report["findings"]
        if f["severity"] not in ("low", "info") and f["outcome"] != "unknown"
    ]
    assert f"… and {len(major) - 5} more" in text


def test_unknowns_are_summarised_by_rule_and_missing_field_near_the_top(report):
    text = render(report, "md", "en")
    unknown = [f for f in report["findings"] if f["outcome"] == "unknown"]
    groups = {(f["rule_id"], tuple(f["missing"])) for f in unknown}
    section = text[text.index("## Not decided") : text.index("## Findings")]
    lines = [line for line in section.splitlines() if line.startswith("- ") and "unknown" in line]
    assert len(lines) == len(groups)  # one line per rule and missing fields
    assert sum(int(line.split(" unknown")[0].rsplit("· ", 1)[1]) for line in lines) == len(unknown)
    assert text.index("## Not decided") < text.index("## Findings")


def test_json_is_the_report_itself(report):
    assert json.loads(render(report, "json", "en")) == report


def test_json_writes_one_finding_per_line_whatever_their_strings_hold(report):
    findings = copy.deepcopy(report["findings"][:3])
    findings[1]["entity"]["title"] = 'Speaker},{"rule_id": "LST-001"} 🔊'  # looks like a boundary
    for items in (report["findings"][:3], findings):
        text = render({"findings": items}, "json", "en").decode("utf-8")

        lines = text.splitlines()
        assert lines[:2] == ["{", '  "findings": [']
        assert [json.loads(line.strip().rstrip(",")) for line in lines[2:-2]] == items
        assert json.loads(text) == {"findings": items}


def test_value_and_entity_labels():
    assert display_value(None) == "—"
    assert display_value(0.012345) == "0.01235"
    assert display_value({"default": 0.025, "IN": 0.02}) == "default=0.025, IN=0.02"
    assert (
        entity_label({"type": "listing", "marketplace": "DE", "sku": "VX-1", "asin": None})
        == "DE · VX-1"
    )


def test_a_fix_is_shortened_to_its_first_sentence():
    from auditor.outputs.digest import first_sentence

    assert first_sentence("Cut the title. Keep the brand first.") == "Cut the title."
    assert first_sentence("Ask the lab (e.g. SGS) for the CPC. Then record it.") == (
        "Ask the lab (e.g. SGS) for the CPC."
    )
    assert first_sentence("Bid 1.5 USD lower.\nThen wait.") == "Bid 1.5 USD lower."
    assert first_sentence("上传证书。然后重新审计。") == "上传证书。"
    assert first_sentence("One sentence") == "One sentence"


def test_audit_verbose_passes_through_to_the_table(monkeypatch):
    from click.testing import CliRunner
    from conftest import REPO

    from auditor.cli import main

    monkeypatch.setenv("NO_COLOR", "1")
    listings = REPO / "examples" / "demo-store" / "listings"  # low and info findings enough
    args = ["audit", str(listings), "--as-of", "2026-11-27"]
    short = CliRunner().invoke(main, args).output
    full = CliRunner().invoke(main, [*args, "--verbose"]).output
    assert "Low and info findings, by rule" in short and "\x1b[" not in short
    assert "Low and info findings, by rule" not in full and "[info/fail] LST-002" in full
