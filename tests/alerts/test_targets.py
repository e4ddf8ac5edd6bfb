"""Targets: `${VAR}` references resolved from the environment only when sending; a token
or password written in clear refused (Apprise's own privacy view says which parts are
secret); no secret in an error, a log line, a shown URL or the history file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import yaml

from auditor.alerts import check_targets, notify_run, shown
from auditor.alerts.targets import resolve, target_key, variables
from auditor.errors import AuditorError
from auditor.model.config import Config
from auditor.model.notify import NotifyTarget
from tests.alerts.conftest import NOON, STORE, audit_store, write_store

DINGTALK_TOKEN = "8f2c0a94d71e4b6f9a3c5d2e1b0a7f6c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a"


def test_a_token_written_in_clear_is_refused_without_being_shown():
    written = NotifyTarget(url=f"dingtalk://{DINGTALK_TOKEN}/")

    with pytest.raises(AuditorError) as refused:
        check_targets([written], environ={})

    message = str(refused.value)
    assert "written in the URL" in message
    assert "a reference such as ${DINGTALK_TOKEN} and set the variable DINGTALK_TOKEN" in message
    assert DINGTALK_TOKEN not in message
    assert DINGTALK_TOKEN[2:-2] not in message  # not even the middle of it
    assert message.startswith("notify target dingtalk://8****a/")


def test_a_password_written_in_clear_is_refused():
    with pytest.raises(AuditorError, match="written in the URL") as refused:
        check_targets([NotifyTarget(url="json://ops:hunter22@hooks.acme.example/alerts")], {})
    assert "hunter22" not in str(refused.value)
    assert "${JSON_PASSWORD}" in str(refused.value)
    assert "json://ops:****@hooks.acme.example/alerts" in str(refused.value)


def test_a_url_no_service_takes_is_refused_with_apprises_reason():
    with pytest.raises(
        AuditorError, match=r"notify target pager://\*\*\*\*: Apprise cannot use it"
    ):
        check_targets([NotifyTarget(url="pager://ops.acme.example/alerts")], {})


def test_a_missing_variable_is_named_and_nothing_else():
    target = NotifyTarget(url="dingtalk://${DINGTALK_TOKEN}/")

    with pytest.raises(AuditorError, match=r"set the environment variable DINGTALK_TOKEN"):
        check_targets([target], environ={"OTHER": "x"})


def test_references_resolve_from_the_environment_and_are_shown_as_written():
    target = NotifyTarget(url="dingtalk://${DINGTALK_TOKEN}/")

    check_targets([target], environ={"DINGTALK_TOKEN": DINGTALK_TOKEN})

    assert shown(target) == "dingtalk://${DINGTALK_TOKEN}/"
    assert (
        resolve(target, {"DINGTALK_TOKEN": DINGTALK_TOKEN}).url == f"dingtalk://{DINGTALK_TOKEN}/"
    )


def test_a_password_with_url_characters_stays_one_password():
    target = NotifyTarget(url="json://ops:${HOOK_PASSWORD}@hooks.acme.example/auditor")

    resolved = resolve(target, {"HOOK_PASSWORD": "p@ss/w0rd?#1"})

    import apprise

    assert apprise.Apprise.instantiate(resolved.url).password == "p@ss/w0rd?#1"
    assert resolved.redact("login p@ss/w0rd?#1 refused") == "login **** refused"


@pytest.mark.parametrize(
    "url",
    [
        "mailtos://alerts:${SMTP_PASSWORD}@smtp.acme.example?to=ops@acme.example",
        "slack://${SLACK_TOKEN_A}/${SLACK_TOKEN_B}/${SLACK_TOKEN_C}/#alerts",
        "feishu://${FEISHU_TOKEN}/",
        "wecombot://${WECOM_KEY}",
        "form://hooks.acme.example/auditor?token=plain-query-is-not-apprises-secret",
    ],
)
def test_the_services_sellers_use_take_references(url):
    environ = {
        "SMTP_PASSWORD": "s3cret-pass",
        "SLACK_TOKEN_A": "T1JJ3T3L2",
        "SLACK_TOKEN_B": "A1BRTD4JD",
        "SLACK_TOKEN_C": "TIiajkdnlazkcOXrIdevi7FQ",
        "FEISHU_TOKEN": "b3f2a1c4d5e6f7a8",
        "WECOM_KEY": "9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4",
    }
    check_targets([NotifyTarget(url=url)], environ)
    assert shown(NotifyTarget(url=url)) == url


def test_what_apprise_logs_is_redacted():
    # DingTalk refuses a token of the wrong shape, and its log line quotes the token.
    target = NotifyTarget(url="dingtalk://${DINGTALK_TOKEN}/")

    with pytest.raises(AuditorError, match="Apprise cannot use it") as refused:
        check_targets([target], environ={"DINGTALK_TOKEN": "tok!en-with-bad-chars"})

    assert "tok!en-with-bad-chars" not in str(refused.value)
    assert "****" in str(refused.value)


def test_no_secret_reaches_the_history_file_nor_an_alert(tmp_path, webhook):
    history, store = tmp_path / "history.db", write_store(tmp_path / "acme-us")
    password = "pw-7Hq2xLm9"
    webhook.server.clear()
    webhook.server.expect_request(
        "/hooks/acme", method="POST", headers={"Authorization": "Basic b3BzOnB3LTdIcTJ4TG05"}
    ).respond_with_data("ok")
    url = f"json://ops:${{HOOK_PASSWORD}}@127.0.0.1:{webhook.server.port}/hooks/acme"
    target = NotifyTarget(url=url)
    report = audit_store(history, store, "2026-12-01")

    [alert] = notify_run(
        history, STORE, report, [target], None, now=NOON, environ={"HOOK_PASSWORD": password}
    )

    assert alert["status"] == "sent" and alert["target"] == url
    assert password.encode() not in history.read_bytes()
    assert url.encode() not in history.read_bytes()  # only its digest
    keys = sqlite3.connect(history).execute("SELECT DISTINCT target FROM announcements")
    assert [k for (k,) in keys] == [target_key(target)]


def test_a_failed_send_says_why_without_the_secret(tmp_path):
    history, store = tmp_path / "history.db", write_store(tmp_path / "acme-us")
    password = "pw-7Hq2xLm9"
    # Nothing listens on port 9 of this machine: the connection is refused.
    target = NotifyTarget(url="json://ops:${HOOK_PASSWORD}@127.0.0.1:9/hooks/acme")
    report = audit_store(history, store, "2026-12-01")

    [alert] = notify_run(
        history, STORE, report, [target], None, now=NOON, environ={"HOOK_PASSWORD": password}
    )

    assert alert["status"] == "failed"
    assert "Connection error" in (alert.get("error") or "")
    assert password not in str(alert)


def test_the_readmes_notify_example_is_usable_once_its_variables_are_set():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Alerts", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    targets = Config.model_validate(yaml.safe_load(example)).notify
    environ = {name: "b3f2a1c4d5e6f7a8" for t in targets for name in variables(t.url)}

    check_targets(targets, environ)

    assert [t.min_severity for t in targets] == ["high", "low", "low", "low", "low"]
    assert all(shown(t) == t.url for t in targets)
