"""Alerts: tell the `notify:` targets what is new after a run, once.

`auditor run`, `auditor audit --notify` and `auditor fleet` call these after the run is
recorded in the history, which remembers what each target was told (a plain audit never
sends, and never imports Apprise). For each store and target: the failing findings it
was not told of, and the documents that expire before the next expected run; nothing
new, nothing sent. Inside a target's quiet hours the news is held for the next run; a
send that fails is reported (redacted) and retried next run. The package sits beside
`periodic` and `fetch`: it reads the report and the history, and renders with `outputs`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.alerts import message
from auditor.alerts.news import News, expected_gap, expiring, failure_news, run_news
from auditor.alerts.send import deliver
from auditor.alerts.targets import Resolved, resolve, shown, target_key
from auditor.history.store import open_history
from auditor.model.notify import NotifyTarget, in_quiet_hours
from auditor.model.portfolio import Alert
from auditor.outputs.i18n import translate_with

if TYPE_CHECKING:
    from auditor.model.report import Report

__all__ = ["Alert", "alert_line", "check_targets", "notify_failure", "notify_run", "shown"]


def check_targets(targets: list[NotifyTarget], environ: Mapping[str, str] | None = None) -> None:
    """Before any work: Apprise is installed, every URL is one Apprise takes, every
    variable it refers to is set, and no secret is written in clear (AuditorError)."""
    for target in targets:
        resolve(target, os.environ if environ is None else environ)


def notify_run(
    history: Path,
    store: str,
    report: Report,
    targets: list[NotifyTarget],
    report_path: str | None,
    *,
    now: dt.datetime | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[Alert]:
    """Tell each target what the store's run (`report`, recorded in `history`) has that
    it was not told before: one message per target, or none."""
    if not targets:
        return []
    ready = [resolve(t, os.environ if environ is None else environ) for t in targets]
    moment = now or dt.datetime.now(dt.UTC)
    language = report["run"]["language"]
    alerts: list[Alert] = []
    with open_history(history) as recorded:
        info = recorded.find(store, report["run"]["id"])
        recorded.forget_settled(store)
        next_run = info.as_of + expected_gap(recorded.runs(store), info.as_of)
        documents = expiring(recorded.documents(info), info.as_of, next_run)
        for target in ready:
            key = target_key(target.target)
            news = run_news(
                report,
                documents,
                recorded.announced(store, key),
                target.target.min_severity,
                next_run,
            )
            alert = _tell(target, news, store, report, report_path, language, moment)
            if alert["status"] == "sent":
                recorded.announce(store, key, news.keys(), info.as_of, info)
            alerts.append(alert)
    return alerts


def notify_failure(
    history: Path,
    store: str,
    error: str,
    targets: list[NotifyTarget],
    language: str,
    *,
    now: dt.datetime | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[Alert]:
    """Tell each target that the store's audit failed, and why: once, until the store
    audits again (no run is recorded for a failed audit)."""
    if not targets:
        return []
    ready = [resolve(t, os.environ if environ is None else environ) for t in targets]
    moment = now or dt.datetime.now(dt.UTC)
    alerts: list[Alert] = []
    with open_history(history) as recorded:
        recorded.forget_settled(store)
        for target in ready:
            key = target_key(target.target)
            news = failure_news(target.redact(error), recorded.announced(store, key))
            alert = _tell(target, news, store, None, None, language, moment)
            if alert["status"] == "sent":  # after every run so far: the next one settles it
                recorded.announce(store, key, news.keys(), moment.date(), None)
            alerts.append(alert)
    return alerts


def alert_line(alert: Alert, language: str) -> str:
    """What came of one target, in one line for the terminal (the target redacted)."""
    return translate_with(
        f"alert_{alert['status']}",
        language,
        target=alert["target"],
        findings=alert["findings"],
        documents=alert["documents"],
        error=alert.get("error") or "",
    )


def _tell(
    target: Resolved,
    news: News,
    store: str,
    report: Report | None,
    report_path: str | None,
    language: str,
    now: dt.datetime,
) -> Alert:
    """Send `news` to `target` unless there is none or it is quiet there."""
    alert: Alert = {
        "target": target.shown,
        "status": "nothing_new",
        "findings": len(news.findings),
        "documents": len(news.documents),
    }
    if not news:
        return alert
    if target.target.quiet is not None and in_quiet_hours(target.target.quiet, now):
        alert["status"] = "held"
        return alert
    error = deliver(
        target,
        message.title(store, news, language),
        message.body(store, news, report, report_path, language),
    )
    alert["status"] = "sent" if error is None else "failed"
    if error is not None:
        alert["error"] = error
    return alert
