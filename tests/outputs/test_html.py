"""The HTML report without a browser: self-contained, escaped, complete, in both languages.

tests/outputs/test_html_browser.py opens the same page in headless Chromium.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re

import pytest
from click.testing import CliRunner
from conftest import AS_OF, REPO, demo_report

from auditor import audit
from auditor.api import Options
from auditor.cli import main
from auditor.outputs import html as html_module
from auditor.outputs.html import ROW_KEYS, render_html
from auditor.outputs.render import FORMATS, render
from auditor.translate import translate

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.fixture(scope="module")
def report():
    """The demo store's report (audited once per process: see conftest)."""
    return demo_report()


@pytest.fixture(scope="module")
def report_zh():
    return demo_report("zh")


@pytest.fixture(scope="module")
def page(report):
    return render_html(report, "en")


@pytest.fixture(scope="module")
def hostile(report):
    """The demo report with hostile text wherever the data reaches the page."""
    data = copy.deepcopy(report)
    listing = next(f for f in data["findings"] if f["entity"].get("sku"))
    listing["entity"]["title"] = HOSTILE
    listing["message"] = HOSTILE
    listing["rule_name"] = HOSTILE
    listing["detail"] = HOSTILE
    listing["missing"] = [HOSTILE]
    data["summary"]["skus"][0]["title"] = HOSTILE
    data["run"]["inputs"][0]["path"] = HOSTILE
    data["run"]["inputs"][1]["rejected"][0]["reason"] = HOSTILE
    data["summary"]["coverage"]["not_applicable"][0]["reason"] = HOSTILE
    return data


def embedded(page: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S
    )
    assert match, "no embedded data"
    return json.loads(match.group(1))


def test_html_is_a_registered_format(report):
    assert FORMATS["html"] == "html"
    assert render(report, "html", "en") == render_html(report, "en")


def test_cli_writes_the_html_report(tmp_path):
    target = tmp_path / "report.html"
    result = CliRunner().invoke(
        main,
        [
            *("audit", str(REPO / "examples" / "demo-store"), "--as-of", "2026-11-27"),
            *("--format", "html", "-o", str(target), "--lang", "zh"),
        ],
    )
    assert result.exit_code in (0, 1), result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in text


def test_the_page_loads_nothing(page):
    # No attribute points anywhere but into the page itself or a data: URL.
    for attribute, value in re.findall(r'\b(src|href|action|srcset|poster)\s*=\s*"([^"]*)"', page):
        assert value.startswith(("#", "data:")), (attribute, value)
    head = page.split("<body>")[0]
    script = page.split("<script>")[1].split("</script>")[0]
    assert not re.search(r"https?://", head + script)
    assert "@import" not in page and "url(" not in page
    assert '<link rel="stylesheet"' not in page
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert "fetch(" not in page and "XMLHttpRequest" not in page


def test_a_content_security_policy_allows_only_the_pages_own_script(page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp and "img-src data:" in csp
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp


def test_hostile_text_is_escaped_everywhere(hostile):
    for language in ("en", "zh"):
        text = render_html(hostile, language)
        assert "<script>alert" not in text
        assert "<img src=x" not in text
        assert "onerror=alert(2)>" not in text.replace("&gt;", "")
        escaped = "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
        # Shown as text in the table, the inputs, the rejected rows and the matrix attribute.
        assert text.count(escaped) >= 6
        # The embedded data keeps the title whole, with < > & ' escaped for the script element.
        data = embedded(text)
        assert any(HOSTILE in row for row in data["rows"])
        raw = text.split('id="report-data">')[1].split("</script>")[0]
        assert "<" not in raw and ">" not in raw
        assert "\\u003cscript\\u003e" in raw


def test_scores_and_statuses_are_shown(page, report):
    summary = report["summary"]
    assert (
        f'<div class="score" data-score="{summary["score"]}">{summary["score"]:.1f}</div>' in page
    )
    for name, area in summary["areas"].items():
        card = page.split(f'id="score-{name}"')[1].split("</div>\n    </div>")[0]
        assert f"{area['score']:.1f}" in card
        assert f'<span class="badge {area["status"]}">' in card
    assert "Gate: FAILED" in page
    assert "A critical account health rule failed (HLT-001, HLT-007)" in page


def test_findings_are_listed_worst_first_with_their_data(page, report):
    rows = re.findall(r'<tr class="finding" data-sev="(\w+)" data-out="(\w+)"', page)
    assert len(rows) == len(report["findings"])
    ranks = [["info", "low", "medium", "high", "critical"].index(s) for s, _ in rows]
    assert ranks == sorted(ranks, reverse=True)
    assert "<code>CMP-001</code> epr-de-packaging" in page
    assert "DE · GL-SERUM-30" in page
    assert "No valid LUCID packaging registration" in page


def test_embedded_rows_match_the_findings(page, report):
    data = embedded(page)
    assert data["keys"] == list(ROW_KEYS)
    assert len(data["rows"]) == len(report["findings"])
    first = dict(zip(data["keys"], data["rows"][0], strict=True))
    assert first["sev"] == "critical" and first["out"] == "fail"
    assert data["labels"]["critical"] == "critical"


def test_rate_metrics_show_limits_and_headroom(page, report):
    section = page.split('id="metrics"')[1].split("</section>")[0]
    assert "Order defect rate" in section and "1.25%" in section and "5 of 400" in section
    for item in report["summary"]["headroom"]:
        assert item["headroom"]["text"] in section
    # The finding rows carry the same sentence.
    assert (
        "2 fewer defective orders needed to bring DE ODR back under 1%."
        in page.split('id="findings-section"')[1]
    )


def test_a_report_rendered_in_chinese_words_its_headroom_in_chinese(report):
    page = render_html(translate(report, "zh"), "zh")

    section = page.split('id="metrics"')[1].split("</section>")[0]
    assert "需减少 2 个缺陷订单，DE 站点订单缺陷率才能降到 1% 以下。" in section
    assert "fewer defective orders" not in page


def test_rule_deductions_are_shown(page, report):
    # Each area's deductions in a block of its own (the areas in pack order): advertising's.
    blocks = page.split('class="deductions"')[1:]
    section = next(block for block in blocks if "<code>ADS-" in block)
    biggest = max(
        (r for r in report["summary"]["rules"] if r["area"] == "advertising"),
        key=lambda r: r["area_deduction"],
    )
    assert f"<code>{biggest['rule_id']}</code>" in section
    assert "−8.75" in page


def test_sku_matrix_puts_the_worst_sku_first(page, report):
    section = page.split('id="matrix"')[1].split("</section>")[0]
    worst = report["summary"]["skus"][0]
    first = re.search(r'<td class="sku" title="[^"]*">([^<]*)</td>', section).group(1)
    assert first == f"{worst['marketplace']} · {worst['sku']}"
    assert '<td class="cell fail"' in section
    totals = report["summary"]["sku_totals"]
    assert f"{totals['listed']} of {totals['listings']} listings have findings" in section


def test_inputs_rejected_rows_and_coverage(page, report):
    assert "GET_V2_SELLER_PERFORMANCE_REPORT.json" in page
    assert "rates are fractions (0.009 = 0.9%)" in page
    assert "CMP-004" in page.split('id="coverage-detail"')[1]
    assert "<code>materials</code> (10)" in page
    assert "@media print" in page


def test_both_languages(report, report_zh):
    en = render_html(report, "en")
    zh = render_html(report_zh, "zh")
    assert '<html lang="en">' in en and "Amazon seller audit report" in en
    assert "Account health" in en and "Nov 27, 2026" in en
    assert '<html lang="zh-CN">' in zh and "亚马逊卖家合规审计报告" in zh
    assert "账户状况" in zh and "订单缺陷率" in zh and "2026年11月27日" in zh
    assert "问题清单" in zh and "严重" in zh and "门禁：未通过" in zh
    assert embedded(zh)["labels"]["fail"] == "不合格"
    # Messages and headroom come in the report's language.
    assert "需减少 2 个缺陷订单" in zh


def test_large_catalogues_page_the_rest(report, monkeypatch):
    monkeypatch.setattr(html_module, "MAX_ROWS", 5)
    monkeypatch.setattr(html_module, "MAX_MATRIX_SKUS", 3)
    text = render_html(report, "en")
    assert len(re.findall(r'<tr class="finding"', text)) == 5
    data = embedded(text)
    assert len(data["rows"]) == len(report["findings"]) and data["page_size"] == 5
    assert (
        f"The 5 most severe findings are listed; turn on script to page through all {len(report['findings'])}."
        in text
    )
    matrix = text.split('id="matrix"')[1].split("</section>")[0]
    assert len(re.findall(r'<td class="sku"', matrix)) == 3
    assert f"and {len(report['summary']['skus']) - 3} more SKUs" in matrix


def test_no_findings():
    # The demo store's bullets hold no forbidden character and no prohibited claim.
    clean = Options(as_of=AS_OF, select=["LST-009", "LST-010"])
    empty = audit([REPO / "examples" / "demo-store"], clean).report
    assert empty["findings"] == [] and empty["summary"]["coverage"]["decided"] > 0

    text = render_html(empty, "en")
    assert "No findings: every decided check passed." in text
    assert embedded(text)["rows"] == []
