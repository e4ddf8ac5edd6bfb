"""`auditor audit --notify`: an audit recorded in the history, then what is new sent to
auditor.yaml's `notify:` targets, each said on stderr in one line; a plain audit never
sends (nor loads Apprise), and a target that cannot be used stops the command before
any work, naming the variable to set and never a secret."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from tests.alerts.conftest import SELECT, Webhook, serve_hooks, write_store

CONFIG = """\
history: history.db
store: acme-us
select: [{select}]
notify:
  - url: {url}
    min_severity: high
"""


@pytest.fixture
def webhook(httpserver) -> Iterator[Webhook]:
    yield from serve_hooks(httpserver)


def configure(folder: Path, url: str, history: bool = True) -> Path:
    config = folder / "auditor.yaml"
    text = CONFIG.format(select=", ".join(SELECT), url=url)
    if not history:
        text = text.replace("history: history.db\n", "")
    config.write_text(text, encoding="utf-8")
    return config


def audit(config: Path, store: Path, *more: str):
    return CliRunner().invoke(
        main,
        ["audit", str(store), "--config", str(config), "--as-of", "2026-12-01",
         "--format", "json", *more],
    )  # fmt: skip


def test_audit_notify_sends_what_is_new_once_and_names_the_report(tmp_path, webhook):
    store = write_store(tmp_path / "acme-us")
    config = configure(tmp_path, webhook.url())
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()

    first = audit(config, store, "--notify", "-o", str(report))
    second = audit(config, store, "--notify", "-o", str(report))

    assert first.exit_code == 1, first.output  # LST-001 gates: alerts do not change that
    assert f"alert to {webhook.url()}: sent (1 findings, 1 documents)" in first.stderr
    assert f"alert to {webhook.url()}: nothing new" in second.stderr
    [sent] = webhook.messages()
    assert "LST-001" in sent["message"] and f"Report: {report.as_posix()}" in sent["message"]
    assert (tmp_path / "history.db").exists()


def test_a_plain_audit_sends_nothing_and_never_loads_apprise(tmp_path, webhook, monkeypatch):
    monkeypatch.setitem(sys.modules, "apprise", None)  # importing it would fail
    store = write_store(tmp_path / "acme-us")

    result = audit(configure(tmp_path, webhook.url()), store)

    assert result.exit_code == 1, result.output
    assert webhook.messages() == [] and "alert" not in result.stderr


def test_notify_without_apprise_names_the_extra_to_install(tmp_path, webhook, monkeypatch):
    monkeypatch.setitem(sys.modules, "apprise", None)
    store = write_store(tmp_path / "acme-us")

    result = audit(configure(tmp_path, webhook.url()), store, "--notify")

    assert result.exit_code == 2
    assert "pip install 'amazon-seller-auditor[alerts]'" in result.stderr
    assert not (tmp_path / "history.db").exists()  # stopped before any work


def test_notify_needs_a_history(tmp_path, webhook):
    store = write_store(tmp_path / "acme-us")

    result = audit(configure(tmp_path, webhook.url(), history=False), store, "--notify")

    assert result.exit_code == 2
    assert "`notify:` needs a history file" in result.stderr


def test_notify_needs_targets(tmp_path):
    store = write_store(tmp_path / "acme-us")
    config = tmp_path / "auditor.yaml"
    config.write_text("history: history.db\n", encoding="utf-8")

    result = audit(config, store, "--notify")

    assert result.exit_code == 2 and "no `notify:` targets" in result.stderr


@pytest.mark.parametrize(
    ("url", "secret", "said"),
    [
        ("dingtalk://8f2c0a94d71e4b6f9a3c5d2e1b0a7f6c/", "8f2c0a94d71e4b6f9a3c5d2e1b0a7f6c",
         "a token or password is written in the URL"),
        ("wecombot://${WECOM_BOT_KEY}", None, "set the environment variable WECOM_BOT_KEY"),
    ],
)  # fmt: skip
def test_a_target_that_cannot_be_used_stops_the_audit_before_any_work(
    tmp_path, url, secret, said, monkeypatch
):
    monkeypatch.delenv("WECOM_BOT_KEY", raising=False)
    store = write_store(tmp_path / "acme-us")

    result = audit(configure(tmp_path, url), store, "--notify")

    assert result.exit_code == 2
    assert said in result.stderr
    assert not (tmp_path / "history.db").exists()
    if secret:
        assert secret[1:-1] not in result.output + result.stderr


def test_secrets_stay_out_of_stderr_and_the_history(tmp_path, webhook, monkeypatch):
    monkeypatch.setenv("HOOK_PASSWORD", "pw-7Hq2xLm9")
    store = write_store(tmp_path / "acme-us")
    url = f"json://ops:${{HOOK_PASSWORD}}@127.0.0.1:{webhook.server.port}/hooks/acme"

    result = audit(configure(tmp_path, url), store, "--notify")

    assert f"alert to {url}: sent" in result.stderr  # shown as written: the reference
    assert "pw-7Hq2xLm9" not in result.output + result.stderr
    assert b"pw-7Hq2xLm9" not in (tmp_path / "history.db").read_bytes()


def test_the_alert_lines_speak_chinese(tmp_path, webhook):
    store = write_store(tmp_path / "acme-us")

    result = audit(configure(tmp_path, webhook.url()), store, "--notify", "--lang", "zh")

    assert f"通知 {webhook.url()}：已发送（1 个问题，1 份文件）" in result.stderr
    assert webhook.messages()[0]["title"] == "auditor：acme-us — 1 个新问题，1 份文件即将到期"
