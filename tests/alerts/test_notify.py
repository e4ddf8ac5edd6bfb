"""notify_run and notify_failure, as `auditor run`, `audit --notify` and `fleet` call them:
the first run tells what is wrong, an unchanged run tells nothing, a finding resolved
and back is told again, quiet hours hold the news, a refused send is retried."""

from __future__ import annotations

import datetime as dt

from auditor.alerts import notify_failure, notify_run
from auditor.model.notify import NotifyTarget
from tests.alerts.conftest import NOON, SHORT_TITLE, STORE, audit_store, write_store


def test_the_first_run_sends_what_is_wrong_and_an_unchanged_run_sends_nothing(tmp_path, webhook):
    history, store = tmp_path / "history.db", write_store(tmp_path / "acme-us")
    report = audit_store(history, store, "2026-12-01")

    alerts = notify_run(
        history, STORE, report, [webhook.target()], "reports/acme-us/report.html", now=NOON
    )

    assert alerts == [{"target": webhook.url(), "status": "sent", "findings": 1, "documents": 1}]
    [sent] = webhook.messages()
    assert sent["title"] == "auditor: acme-us — 1 new failing finding, 1 document expiring"
    text = sent["message"]
    assert "**high** · LST-001 title-max-length · SKU VX-EAR-02 · ASIN B0CXV4EAR2 · US" in text
    assert "Title has 252 characters; the limit is 200." in text
    fix = next(r["fix"] for r in report["rules"] if r["rule_id"] == "LST-001")
    assert f"Fix: {' '.join(fix.split())}" in text  # the rule's fix, from the report
    assert "ul_certification E512345 · SKU VX-EAR-02 · US — expires Dec 5, 2026" in text
    assert "Report: reports/acme-us/report.html" in text

    # Two days later nothing changed: nothing is sent.
    again = audit_store(history, store, "2026-12-03")
    alerts = notify_run(history, STORE, again, [webhook.target()], None, now=NOON)
    assert alerts == [
        {"target": webhook.url(), "status": "nothing_new", "findings": 0, "documents": 0}
    ]
    assert len(webhook.messages()) == 1


def test_a_finding_resolved_then_back_is_announced_again(tmp_path, webhook):
    history, store = tmp_path / "history.db", write_store(tmp_path / "acme-us")
    targets = [webhook.target(min_severity="high")]
    notify_run(history, STORE, audit_store(history, store, "2026-12-01"), targets, None, now=NOON)

    write_store(store, title=SHORT_TITLE)  # the seller shortened the title
    resolved = audit_store(history, store, "2026-12-08")
    assert (
        notify_run(history, STORE, resolved, targets, None, now=NOON)[0]["status"] == "nothing_new"
    )

    write_store(store)  # and a feed upload brought the long title back
    back = audit_store(history, store, "2026-12-15")
    [alert] = notify_run(history, STORE, back, targets, None, now=NOON)

    assert alert["status"] == "sent" and alert["findings"] == 1
    assert "LST-001" in webhook.messages()[-1]["message"]


def test_min_severity_chooses_the_findings_each_target_hears_of(tmp_path, webhook):
    history, store = tmp_path / "history.db", write_store(tmp_path / "acme-us", expires="")
    report = audit_store(history, store, "2026-12-01")
    owner = webhook.target("/hooks/acme", min_severity="high")
    listing_team = webhook.target("/hooks/team", min_severity="info")

    alerts = notify_run(history, STORE, report, [owner, listing_team], None, now=NOON)

    assert [a["findings"] for a in alerts] == [1, 2]
    [to_owner] = webhook.messages("/hooks/acme")
    assert to_owner["title"] == "auditor: acme-us — 1 new failing finding"
    assert "LST-002" not in to_owner["message"]  # info: below the owner's high
    [to_team] = webhook.messages("/hooks/team")
    assert to_team["title"] == "auditor: acme-us — 2 new failing findings"
    text = to_team["message"]
    assert text.index("LST-001") < text.index("LST-002")  # worst first


def test_quiet_hours_hold_the_news_for_the_first_run_after_them(tmp_path, webhook):
    history, store = tmp_path / "history.db", write_store(tmp_path / "acme-us")
    targets = [webhook.target(quiet="22:00-08:00 Asia/Shanghai")]
    night_in_shanghai = dt.datetime(2026, 12, 1, 15, 30, tzinfo=dt.UTC)  # 23:30 there
    report = audit_store(history, store, "2026-12-01")

    [held] = notify_run(history, STORE, report, targets, None, now=night_in_shanghai)
    assert held == {"target": webhook.url(), "status": "held", "findings": 1, "documents": 1}
    assert webhook.messages() == []

    morning = dt.datetime(2026, 12, 2, 1, 0, tzinfo=dt.UTC)  # 09:00 there
    again = audit_store(history, store, "2026-12-02")
    [sent] = notify_run(history, STORE, again, targets, None, now=morning)
    assert sent["status"] == "sent" and sent["findings"] == 1
    assert len(webhook.messages()) == 1


def test_a_refused_send_is_reported_and_retried_next_run(tmp_path, webhook):
    history, store = tmp_path / "history.db", write_store(tmp_path / "acme-us")
    down = webhook.target("/hooks/down")
    report = audit_store(history, store, "2026-12-01")

    [failed] = notify_run(history, STORE, report, [down], None, now=NOON)

    assert failed["status"] == "failed" and failed["findings"] == 1
    assert "503" in (failed.get("error") or "")
    # The service is back (the same target as written): the news is still news.
    webhook.server.clear()
    webhook.server.expect_request("/hooks/down", method="POST").respond_with_data("ok")
    again = audit_store(history, store, "2026-12-02")
    [sent] = notify_run(history, STORE, again, [down], None, now=NOON)
    assert sent["status"] == "sent" and sent["findings"] == 1


def test_each_target_remembers_what_it_was_told(tmp_path, webhook, smtp):
    history, store = tmp_path / "history.db", write_store(tmp_path / "acme-us")
    mail = NotifyTarget(url=smtp.url())
    before = len(smtp.received)
    notify_run(
        history,
        STORE,
        audit_store(history, store, "2026-12-01"),
        [webhook.target()],
        None,
        now=NOON,
    )

    # Email is added later: it has not been told anything yet.
    report = audit_store(history, store, "2026-12-03")
    alerts = notify_run(history, STORE, report, [webhook.target(), mail], "report.html", now=NOON)

    assert [a["status"] for a in alerts] == ["nothing_new", "sent"]
    assert len(smtp.received) == before + 1
    assert smtp.subjects()[-1] == "auditor: acme-us — 1 new failing finding, 1 document expiring"
    assert "LST-001" in smtp.texts()[-1] and "report.html" in smtp.texts()[-1]


def test_a_failed_audit_is_told_once_until_the_store_audits_again(tmp_path, webhook):
    history, store = tmp_path / "history.db", write_store(tmp_path / "acme-us")
    targets = [webhook.target()]
    error = "acme-us: inputs/acme-us does not exist"

    [first] = notify_failure(history, STORE, error, targets, "en", now=NOON)
    [second] = notify_failure(history, STORE, error, targets, "en", now=NOON)

    assert (first["status"], second["status"]) == ("sent", "nothing_new")
    [sent] = webhook.messages()
    assert sent["title"] == "auditor: acme-us — the audit failed"
    assert error in sent["message"]

    notify_run(history, STORE, audit_store(history, store, "2026-12-01"), targets, None, now=NOON)
    [after_a_run] = notify_failure(history, STORE, error, targets, "en", now=NOON)
    assert after_a_run["status"] == "sent"


def test_the_message_speaks_the_reports_language(tmp_path, webhook):
    history, store = tmp_path / "history.db", write_store(tmp_path / "acme-us")
    report = audit_store(history, store, "2026-12-01", language="zh")

    notify_run(history, STORE, report, [webhook.target()], "reports/acme-us/report.html", now=NOON)

    [sent] = webhook.messages()
    assert sent["title"] == "auditor：acme-us — 1 个新问题，1 份文件即将到期"
    assert "新发现的问题（按严重程度排序）" in sent["message"]
    assert "整改：" in sent["message"]
    assert "2026年12月5日 到期" in sent["message"]
    assert "报告：reports/acme-us/report.html" in sent["message"]
