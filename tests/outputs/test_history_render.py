"""History as people read it: the weekly review (Markdown, HTML) and the report's "since
the last run" and trends sections (HTML, Markdown, terminal), in English and Chinese.

The data is real: the four weekly snapshots of `examples/weekly/` audited into one
history, as `auditor audit ... --history H.db --store demo-us` does every week. Their
story (see examples/weekly/README.md): the US seller-fulfilled Order Defect Rate drifts
from 0.5% to 0.86% and, at that rate, reaches Amazon's 1% on Dec 6, 2026; a children's
product certificate (CPC-LS-2024-033) expires five days after the last audit.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, demo_report
from regenerate_golden import GOLDEN, as_golden, golden_name, rendered

from auditor.api import Options, audit
from auditor.outputs.history import render_review
from auditor.outputs.html import render_html
from auditor.outputs.render import render
from auditor.periodic import business_review

WEEKLY = REPO / "examples" / "weekly"
WEEKS = ["2026-11-06", "2026-11-13", "2026-11-20", "2026-11-27"]
STORE = "demo-us"
ODR_MFN = "Order defect rate · US · seller-fulfilled · 60 days"
ODR_MFN_ZH = "订单缺陷率 · US · 卖家自配送 · 60 天"
HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def _audit(week: str, history: Path) -> dict[str, Any]:
    options = Options(as_of=dt.date.fromisoformat(week), history=history, store=STORE)
    return audit([WEEKLY / week], options).report


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> dict[str, Any]:
    """Four weekly audits into one history: every week's report, and the weekly review."""
    path = tmp_path_factory.mktemp("history") / "h.db"
    reports = {week: _audit(week, path) for week in WEEKS}
    review = business_review(Options(history=path, store=STORE), "week")
    return {"reports": reports, "review": review}


@pytest.fixture(scope="module")
def report(history) -> dict[str, Any]:
    """The last week's report: it has `since_last` (against week 3) and `trends`."""
    return history["reports"][WEEKS[-1]]


@pytest.fixture(scope="module")
def review(history) -> dict[str, Any]:
    return history["review"]


def section(page: str, ident: str) -> str:
    """The HTML of `<section id=ident>` (sections are never nested in these pages)."""
    start = page.index(f'<section id="{ident}"')
    return page[start : page.index("</section>", start)]


def text(markup: str) -> str:
    """What a reader sees: tags and charts dropped, whitespace collapsed."""
    markup = re.sub(r"<svg.*?</svg>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).replace("&#39;", "'")


def figure(page: str, title: str) -> str:
    """The trend figure whose caption starts with `title`."""
    figures = re.findall(r"<figure.*?</figure>", page, flags=re.S)
    found = [f for f in figures if f"<figcaption><strong>{title}</strong>" in f]
    assert len(found) == 1, f"{len(found)} figures titled {title!r}"
    return found[0]


# ---- the weekly review -------------------------------------------------------------


def test_review_html_tells_the_weeks_story(review):
    page = render_review(review, "html", "en")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<h1>Weekly business review · demo-us</h1>" in page
    assert '<p class="meta" id="period">From Nov 20, 2026 to Nov 27, 2026' in page
    worse = text(section(page, "worse"))
    assert f"{ODR_MFN} 0.74% 0.86% 1% worse" in worse
    assert "HLT-001 US · mfn · 60d" in worse
    improved = text(section(page, "improved"))
    assert "Late shipment rate · US · seller-fulfilled · 30 days 2% 1.76% 4% better" in improved
    assert "CMP-009 US · LS-BLOCKS-01" in text(section(page, "open-critical"))
    documents = text(section(page, "documents"))
    assert "Expires in 5 days Dec 2, 2026: cpc CPC-LS-2024-033 · LS-PUZZLE-24 · US" in documents
    assert "HN-BOT-750" in text(section(page, "worst-listings"))
    trends = section(page, "trends")
    assert trends.count("<svg") == len(review["trends"]) == 10
    odr = figure(trends, ODR_MFN)
    assert 'class="trend crossing"' in odr
    assert "At its rate over the last 4 runs it reaches 1% on Dec 6, 2026." in text(odr)
    assert "0.86% (Nov 27, 2026)" in text(odr)
    # the chart itself: the limit and the projection are drawn
    assert "limit 1%" in odr and "stroke-dasharray" in odr


def test_review_html_is_self_contained_and_script_free(review):
    page = render_review(review, "html", "en")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp.group(1) and "script-src" not in csp.group(1)
    assert "<script" not in page
    assert not re.search(r'(src|href)="(?!data:)', page), "the page loads something"
    assert "<style>" in page and "figure.trend" in page and ".badge" in page


def test_review_html_in_chinese(review):
    page = render_review(review, "html", "zh")
    assert '<html lang="zh-CN">' in page
    assert "<h1>每周业务复盘 · demo-us</h1>" in page
    assert "2026年11月20日 至 2026年11月27日" in page
    assert f"{ODR_MFN_ZH} 0.74% 0.86% 1% 变差" in text(section(page, "worse"))
    assert "5 天后过期 2026年12月2日" in text(section(page, "documents"))
    odr = figure(section(page, "trends"), ODR_MFN_ZH)
    assert "按最近 4 次审计的变化速度，将于 2026年12月6日 达到 1%。" in text(odr)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "# Weekly business review · demo-us",
                f"| {ODR_MFN} | 0.74% | 0.86% | 1% | worse |",
                "- **Expires in 5 days** Dec 2, 2026: cpc CPC-LS-2024-033",
                "it reaches 1% on Dec 6, 2026.",
            ],
        ),
        (
            "zh",
            [
                "# 每周业务复盘 · demo-us",
                f"| {ODR_MFN_ZH} | 0.74% | 0.86% | 1% | 变差 |",
                "- **5 天后过期** 2026年12月2日: cpc CPC-LS-2024-033",
                "将于 2026年12月6日 达到 1%。",
            ],
        ),
    ],
)
def test_review_markdown(review, language, expected):
    page = render_review(review, "md", language)
    for line in expected:
        assert line in page


def test_review_html_escapes_what_it_shows(review):
    data = copy.deepcopy(review)
    data["store"] = HOSTILE
    data["worse"]["findings"][0]["message"] = HOSTILE
    data["worse"]["findings"][0]["detail"] = HOSTILE
    data["worst_listings"][0]["title"] = HOSTILE
    data["documents"]["expiring"][0]["identifier"] = HOSTILE
    data["trends"][2]["subject"] = HOSTILE  # reaches the chart's title and the caption
    page = render_review(data, "html", "en")
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 6
    assert "<script" not in page


# ---- the audit report with history ---------------------------------------------------


def test_report_html_since_the_last_run(report):
    page = render_html(report, "en")
    since = section(page, "since-last")
    assert (
        page.index('id="since-last"')
        < page.index('id="metrics"')
        < page.index('id="findings-section"')
    )
    shown = text(since)
    assert "Since the last run" in shown
    assert "Compared with the run of Nov 20, 2026" in shown and "now Nov 27, 2026" in shown
    assert "Overall 88.2 82.4 -5.8" in shown
    assert "Account health 100 70.7 -29.3" in shown
    assert "1 new, 0 resolved, 5 persisting (0 with another outcome)." in shown
    new = since[since.index('id="findings-new"') :]
    assert "<code>HLT-001</code> US · mfn · 60d" in new
    assert f"{ODR_MFN} 0.74% 0.86% 1% worse" in shown
    assert "Expires in 5 days Dec 2, 2026: cpc CPC-LS-2024-033 · LS-PUZZLE-24 · US" in shown
    assert '<span class="delta worse">-5.8</span>' in since


def test_report_html_trends(report):
    page = render_html(report, "en")
    trends = section(page, "trends")
    assert trends.count("<svg") == len(report["trends"]) == page.count("<svg")
    odr = figure(trends, ODR_MFN)
    assert "it reaches 1% on Dec 6, 2026." in text(odr)
    assert "figure.trend" in page[: page.index("</style>")]  # its styles, in the page's head


def test_report_html_in_chinese_with_history(report):
    page = render_html(report, "zh")
    shown = text(section(page, "since-last"))
    assert "与上次审计相比" in shown and "与 2026年11月20日 的审计" in shown
    assert "新增 1 个，已解决 0 个，仍存在 5 个" in shown
    assert "5 天后过期 2026年12月2日" in shown
    assert "将于 2026年12月6日 达到 1%" in text(figure(section(page, "trends"), ODR_MFN_ZH))


def test_report_html_escapes_history(report):
    data = copy.deepcopy(report)
    data["since_last"]["findings"]["new"][0]["message"] = HOSTILE
    data["since_last"]["store"] = HOSTILE
    data["since_last"]["documents"]["expiring"][0]["document_type"] = HOSTILE
    data["trends"][0]["marketplace"] = HOSTILE
    page = render_html(data, "en")
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3
    # the page's own two scripts, and no other
    assert page.count("<script") == 2


def test_report_markdown_since_the_last_run(report):
    page = render(report, "md", "en")
    assert isinstance(page, str)
    part = page[page.index("## Since the last run") : page.index("## Rate metrics")]
    assert "Compared with the run of Nov 20, 2026" in part
    assert "| **Overall** | 88.2 | 82.4 | -5.8 |" in part
    assert "- **HLT-001** critical warn · US · mfn · 60d:" in part
    assert f"| {ODR_MFN} | 0.74% | 0.86% | 1% | worse |" in part
    assert "- **Expires in 5 days** Dec 2, 2026: cpc CPC-LS-2024-033 · LS-PUZZLE-24 · US" in part
    zh = render(report, "md", "zh")
    assert "## 与上次审计相比" in zh and "新增 1 个，已解决 0 个，仍存在 5 个" in zh


def test_report_terminal_since_the_last_run(report):
    page = render(report, "table", "en")
    assert isinstance(page, str)
    lines = page.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Since the last run:"))
    assert lines[start + 1 : start + 4] == [
        "  Score 88.2 → 82.4 (-5.8) · 1 new, 0 resolved, 5 persisting (0 with another outcome).",
        "  New: HLT-001",
        "  Expires in 5 days Dec 2, 2026: cpc CPC-LS-2024-033 · LS-PUZZLE-24 · US",
    ]
    assert lines[start - 1].startswith("Coverage:")


def test_first_run_says_there_is_nothing_to_compare(tmp_path):
    first = _audit(WEEKS[0], tmp_path / "h.db")
    assert first["since_last"]["before"] is None
    sentence = "The first run of store demo-us in this history: nothing to compare with yet."
    assert sentence in text(section(render_html(first, "en"), "since-last"))
    assert sentence in str(render(first, "md", "en"))
    table = str(render(first, "table", "en"))
    assert f"Since the last run: {sentence}" in table
    # A first run's findings are the report's own: none is "new" against nothing.
    assert "  Score — → 89\n" in table and "0 persisting" not in table
    one_point = figure(render_html(first, "en"), ODR_MFN)
    assert "One run so far: no rate to project." in text(one_point)


# ---- without history, nothing changes -------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    """The golden demo report: audited without history (once per process, see conftest)."""
    return as_golden(demo_report("en"))


@pytest.mark.parametrize("fmt", ["html", "md", "table"])
def test_a_report_without_history_renders_as_before(report, demo, fmt):
    plain = {k: v for k, v in report.items() if k not in ("since_last", "trends")}
    page = str(render(plain, fmt, "en"))
    for mark in ("since-last", "Since the last run", "<svg", "figure.trend", "Trends"):
        assert mark not in page
    assert "since_last" not in demo and "trends" not in demo
    golden = (GOLDEN / golden_name(fmt, "en")).read_text(encoding="utf-8")
    assert rendered(demo, fmt, "en").replace("\r\n", "\n") == golden.replace("\r\n", "\n")


# ---- in a browser ----------------------------------------------------------------------


def _browser_check():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "check_html_in_browser", REPO / "scripts" / "check_html_in_browser.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_review_html_in_headless_chromium(tmp_path):
    """The review page opens with no console error, no request, its ten charts drawn."""
    check = _browser_check()
    chromium = check.find_chromium()
    if chromium is None:
        pytest.skip("no Chromium (apt-get install chromium)")
    for language in ("en", "zh"):
        assert check.check_review(chromium, tmp_path, language) == []


def test_markdown_diff_keeps_hostile_text_as_text():
    """A finding's message and entity come from seller data: in Markdown they stay one
    line of text, with no raw HTML for a wiki to run and no pipe to break the table."""
    from auditor.outputs.history import render_diff

    hostile = {
        "fingerprint": "f1",
        "rule_id": "LST-001",
        "severity": "high",
        "outcome": "fail",
        "area": "listing",
        "entity": {"sku": "<img src=x onerror=alert(1)>", "marketplace": "US"},
        "detail": "title",
        "message": "Title <script>alert(1)</script> | has\n247 characters",
    }
    change = {
        "store": "s",
        "before": {
            "store": "s",
            "run_id": "q",
            "as_of": "2026-11-20",
            "score": 91.0,
            "status": "at_risk",
            "source": "audit",
        },
        "after": {
            "store": "s",
            "run_id": "r",
            "as_of": "2026-11-27",
            "score": 90.0,
            "status": "at_risk",
            "source": "audit",
        },
        "score": {"before": None, "after": 90.0, "delta": None},
        "areas": {},
        "compared_areas": ["listing"],
        "findings": {"new": [hostile], "resolved": [], "persisting": 0, "changed": []},
        "metrics": [],
        "documents": {"next_audit": "2026-12-04", "expired": [], "expiring": []},
    }
    text = render_diff(change, "md", "en")
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script>alert(1)&lt;/script> \\| has 247 characters" in text


def test_a_large_change_lists_two_hundred_findings_and_counts_the_rest():
    """A seller who fixes thousands of listings in a week gets a readable diff; JSON has all."""
    from auditor.outputs.history import render_diff

    def finding(i: int) -> dict:
        return {
            "fingerprint": f"f{i:05d}",
            "rule_id": "LST-001",
            "severity": "high",
            "outcome": "fail",
            "area": "listing",
            "entity": {"sku": f"VX-{i:05d}", "marketplace": "US"},
            "detail": "title",
            "message": "Title has 247 characters; the limit is 200.",
        }

    run = {"store": "s", "score": 90.0, "status": "at_risk", "source": "audit"}
    change = {
        "store": "s",
        "before": run | {"run_id": "q", "as_of": "2026-11-20"},
        "after": run | {"run_id": "r", "as_of": "2026-11-27"},
        "score": {"before": 90.0, "after": 90.0, "delta": 0.0},
        "areas": {},
        "compared_areas": ["listing"],
        "findings": {
            "new": [],
            "resolved": [finding(i) for i in range(250)],
            "persisting": 0,
            "changed": [],
        },
        "metrics": [],
        "documents": {"next_audit": "2026-12-04", "expired": [], "expiring": []},
    }
    text = render_diff(change, "md", "en")
    assert text.count("- **LST-001**") == 200
    assert "VX-00199" in text and "VX-00200" not in text
    assert "… and 50 more (`--format json` lists them all)." in text
    assert len(json.loads(render_diff(change, "json", "en"))["findings"]["resolved"]) == 250
