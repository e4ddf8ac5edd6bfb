"""The words of an alert: worst first, at most twenty findings and then how many more,
each with its rule, entity and fix; the documents with their expiry; the report's path."""

from __future__ import annotations

import datetime as dt

from auditor.alerts.message import body, entity_text, title
from auditor.alerts.news import News


def finding(n: int, severity: str = "medium") -> dict:
    return {
        "fingerprint": f"fp{n}",
        "rule_id": "LST-003",
        "rule_name": "title-prohibited-characters",
        "severity": severity,
        "outcome": "fail",
        "entity": {"type": "listing", "sku": f"VX-{n:03d}", "asin": None, "marketplace": "DE"},
        "message": "The title contains a character Amazon does not allow (!).",
    }


REPORT = {
    "rules": [{"rule_id": "LST-003", "name": "title-prohibited-characters",
               "fix": "Remove the character\n  from the title."}],
}  # fmt: skip


def test_a_long_list_names_twenty_findings_and_counts_the_rest():
    news = News(findings=[finding(n) for n in range(23)])

    text = body("acme-de", news, REPORT, "reports/acme-de/report.html", "en")

    assert text.count("- **medium** · LST-003 title-prohibited-characters") == 20
    assert "SKU VX-019 · DE" in text and "VX-020" not in text
    assert "… and 3 more: see the report." in text
    assert "Fix: Remove the character from the title." in text
    assert text.rstrip().endswith("Report: reports/acme-de/report.html")
    assert title("acme-de", news, "en") == "auditor: acme-de — 23 new failing findings"


def test_documents_are_listed_with_their_expiry_in_chinese():
    news = News(
        documents=[{"document_type": "cpc", "identifier": "CPC-LS-2026-01", "sku": "LS-BLOCKS-01",
                    "marketplace": "US", "expires_on": "2026-12-05"}],
        next_run=dt.date(2026, 12, 8),
    )  # fmt: skip

    text = body("acme-us", news, None, None, "zh")

    assert title("acme-us", news, "zh") == "auditor：acme-us — 1 份文件即将到期"
    assert "下次审计（2026年12月8日）前到期的文件" in text
    assert "- cpc CPC-LS-2026-01 · SKU LS-BLOCKS-01 · US — 2026年12月5日 到期" in text
    assert "报告" not in text  # no report file was written


def test_an_account_finding_names_the_account():
    assert entity_text({"type": "account", "marketplace": "US"}, "en") == "account · US"
    assert entity_text({"type": "account", "marketplace": "US"}, "zh") == "账户 · US"
