"""The words of an alert: a title that says what is new, a markdown body that says what
to do (each finding's rule, entity, message and fix; each document's expiry), and where
the full report is. In the report's language, from the catalogue of auditor/outputs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.outputs.i18n import format_date, translate, translate_with

if TYPE_CHECKING:
    from auditor.alerts.news import News
    from auditor.model.report import Finding, Report

#: Findings one message lists; the rest are counted, and the report named.
LISTED = 20


def title(store: str, news: News, language: str) -> str:
    if news.error is not None:
        return translate_with("alert_failed_title", language, store=store)
    parts = []
    if news.findings:
        parts.append(_count("alert_findings", len(news.findings), language))
    if news.documents:
        parts.append(_count("alert_documents", len(news.documents), language))
    joined = translate("alert_join", language).join(parts)
    return translate_with("alert_title", language, store=store, news=joined)


def body(
    store: str, news: News, report: Report | None, report_path: str | None, language: str
) -> str:
    """The message in markdown: the findings worst first (at most LISTED), the documents
    soonest first, and the report's path."""
    if news.error is not None:
        return translate_with("alert_failed_body", language, store=store, error=news.error)
    blocks: list[str] = []
    if news.findings:
        rules = report["rules"] if report is not None else []
        fixes = {r["rule_id"]: r.get("fix") for r in rules}
        names = {r["rule_id"]: r.get("name") for r in rules}
        lines = [f"**{translate('alert_new_findings', language)}**", ""]
        for finding in news.findings[:LISTED]:
            lines += _finding_lines(finding, fixes, names, language)
        if len(news.findings) > LISTED:
            lines += ["", translate_with("alert_more", language, n=len(news.findings) - LISTED)]
        blocks.append("\n".join(lines))
    if news.documents:
        lines = [
            f"**{translate_with('alert_expiring', language, date=format_date(news.next_run, language))}**",
            "",
        ]
        lines += [_document_line(d, language) for d in news.documents]
        blocks.append("\n".join(lines))
    if report_path:
        blocks.append(translate_with("alert_report", language, path=report_path))
    return "\n\n".join(blocks) + "\n"


def entity_text(entity: dict[str, Any], language: str) -> str:
    """What a finding is about: SKU, ASIN and marketplace of a listing, the account (and
    its marketplace), or a document's identifier."""
    parts = []
    if entity.get("sku"):
        parts.append(f"SKU {entity['sku']}")
    if entity.get("asin"):
        parts.append(f"ASIN {entity['asin']}")
    if not parts and entity.get("type") == "account":
        parts.append(translate("alert_account", language))
    elif not parts and entity.get("type"):
        parts.append(str(entity["type"]))
    if entity.get("marketplace"):
        parts.append(str(entity["marketplace"]))
    return " · ".join(parts)


def _finding_lines(
    finding: Finding, fixes: dict[str, Any], names: dict[str, Any], language: str
) -> list[str]:
    rule = finding["rule_id"]
    name = names.get(rule) or finding.get("rule_name") or ""
    head = " · ".join(
        p
        for p in (
            f"**{translate(finding['severity'], language)}**",
            f"{rule} {name}".strip(),
            entity_text(dict(finding["entity"]), language),
        )
        if p
    )
    lines = [f"- {head}", f"  {finding['message']}"]
    if fix := fixes.get(rule):
        lines.append("  " + translate_with("alert_fix", language, fix=" ".join(str(fix).split())))
    return lines


def _document_line(document: dict[str, Any], language: str) -> str:
    what = " ".join(str(document[k]) for k in ("document_type", "identifier") if document.get(k))
    where = entity_text({"sku": document.get("sku"), "asin": document.get("asin"),
                         "marketplace": document.get("marketplace")}, language)  # fmt: skip
    expires = translate_with(
        "alert_expires_on", language, date=format_date(document["expires_on"], language)
    )
    return f"- {' · '.join(p for p in (what, where) if p)} — {expires}"


def _count(key: str, n: int, language: str) -> str:
    return translate(f"{key}_one", language) if n == 1 else translate_with(key, language, n=n)
