"""Delivery: one message to one target, through Apprise, the one client of every service
(SMTP, JSON and form webhooks, Slack, DingTalk, Feishu/Lark, WeCom).

A send that fails says why, in Apprise's words with every secret taken out; it never
raises: a service that is down must not cost the seller the audit, and the news stays
unannounced, so the next run sends it again.
"""

from __future__ import annotations

from auditor.alerts.targets import Resolved, captured, load_apprise


def deliver(target: Resolved, title: str, body: str) -> str | None:
    """Send the message; None when the service took it, else why not (redacted)."""
    apprise = load_apprise()
    with captured(apprise) as logs:
        box = apprise.Apprise()
        added = box.add(target.url)
        sent = added and bool(
            box.notify(title=title, body=body, body_format=apprise.NotifyFormat.MARKDOWN)
        )
    if sent:
        return None
    why = logs.text() or (
        "Apprise could not load the URL" if not added else "the service did not take the message"
    )
    return target.redact(why)
