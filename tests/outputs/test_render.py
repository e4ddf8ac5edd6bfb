"""Human formats are templates over the report; they show what the report holds, escaped."""

from __future__ import annotations

import copy

import pytest
from conftest import AS_OF

from auditor import audit
from auditor.api import Options
from auditor.outputs import render as render_module
from auditor.outputs.render import display_value, entity_label, render


@pytest.fixture(scope="module")
def report():
    from conftest import REPO

    return audit([REPO / "examples" / "demo-store"], Options(as_of=AS_OF)).report


def test_table_shows_scores_findings_inputs_and_gate(report):
    text = render(report, "table", "en")
    assert text.startswith("Amazon seller audit · As of Nov 27, 2026")
    assert f"Score: {report['summary']['score']}" in text
    assert "Listings" in text and "Account health" in text and "Compliance" in text
    assert "[critical/fail] CMP-001 epr-de-packaging · DE · GL-SERUM-30\n" in text
    assert "Amazon's target: 0.01 (LESS_THAN), differs from our limit (0.025)" in text
    assert "row 11 [document_type]: 'ce_certificate' is not one of" in text
    assert text.rstrip().endswith(f"{report['summary']['gate']['findings']}")


def test_findings_are_listed_most_severe_first(report):
    text = render(report, "table", "en")
    positions = [text.index(f"[{s}/") for s in ("critical", "high", "medium", "low")]
    assert positions == sorted(positions)


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
    listed = [f for f in report["findings"] if f["outcome"] != "unknown"]
    assert f"… and {len(listed) - 5} more" in text


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
    import json

    assert json.loads(render(report, "json", "en")) == report


def test_value_and_entity_labels():
    assert display_value(None) == "—"
    assert display_value(0.012345) == "0.01235"
    assert display_value({"default": 0.025, "IN": 0.02}) == "default=0.025, IN=0.02"
    assert (
        entity_label({"type": "listing", "marketplace": "DE", "sku": "VX-1", "asin": None})
        == "DE · VX-1"
    )
