"""`auditor fetch` and `auditor run` end to end, against the stand-in SP-API on 127.0.0.1.

Two stores of one seller in two regions (North America and Europe) are fetched into
folders of their own and audited together, with no `--marketplace`: each file's
marketplace comes from its folder's manifest. The findings are those of the same
documents downloaded by hand and audited with the marketplace given for each.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.model.common import MARKETPLACE_IDS
from tests.alerts.conftest import Mailbox, serve_mail
from tests.fetch.standin import SpApiStandIn, StoredReport

AMAZON = Path(__file__).parents[1] / "data" / "amazon"
US_LISTINGS = AMAZON / "all-listings" / "All+Listings+Report+11-27-2026.txt"
UK_LISTINGS = AMAZON / "all-listings" / "uk-all-listings-cp1252.txt"
PERFORMANCE = AMAZON / "seller-performance" / "seller-performance-us-de-uk.json"
AS_OF = ["--as-of", "2026-11-27"]

CONFIG = """\
stores:
  acme-us:
    seller_id: A1EXAMPLESELLER
    marketplaces: [US]
    sp_api:
      client_id: ${{ACME_CLIENT_ID}}
      client_secret: ${{ACME_CLIENT_SECRET}}
      refresh_token: ${{ACME_NA_REFRESH_TOKEN}}
      endpoint: {endpoint}
      token_endpoint: {token}
  acme-eu:
    seller_id: A1EXAMPLESELLER
    marketplaces: [UK]
    sp_api:
      client_id: ${{ACME_CLIENT_ID}}
      client_secret: ${{ACME_CLIENT_SECRET}}
      refresh_token: ${{ACME_EU_REFRESH_TOKEN}}
      endpoint: {endpoint}
      token_endpoint: {token}
"""


@pytest.fixture
def store(sp_api_standin: SpApiStandIn, tmp_path: Path, monkeypatch) -> Path:
    """auditor.yaml with the two stores, their variables set, and the stand-in holding
    their documents: the US All Listings report and account health, the UK All Listings
    report gzipped in Windows-1252 (the other reports have no data: CANCELLED)."""
    standin = sp_api_standin
    standin.add_report(
        "GET_MERCHANT_LISTINGS_ALL_DATA",
        MARKETPLACE_IDS["US"],
        StoredReport(US_LISTINGS.read_bytes(), statuses=("DONE",)),
    )
    standin.add_report(
        "GET_V2_SELLER_PERFORMANCE_REPORT",
        MARKETPLACE_IDS["US"],
        StoredReport(PERFORMANCE.read_bytes(), statuses=("DONE",)),
    )
    standin.add_report(
        "GET_MERCHANT_LISTINGS_ALL_DATA",
        MARKETPLACE_IDS["UK"],
        StoredReport(UK_LISTINGS.read_bytes(), charset="windows-1252", statuses=("DONE",)),
    )
    config = tmp_path / "auditor.yaml"
    config.write_text(
        CONFIG.format(endpoint=standin.endpoint, token=standin.token_endpoint), encoding="utf-8"
    )
    monkeypatch.setenv("ACME_CLIENT_ID", standin.client_id)
    monkeypatch.setenv("ACME_CLIENT_SECRET", standin.client_secret)
    monkeypatch.setenv("ACME_NA_REFRESH_TOKEN", standin.refresh_token)
    monkeypatch.setenv("ACME_EU_REFRESH_TOKEN", standin.refresh_token)
    return config


def fetch(config: Path, store: str, folder: Path, *extra: str):
    return CliRunner().invoke(
        main, ["fetch", "--store", store, "--config", str(config), "-o", str(folder), *extra]
    )


def audit(*args: str) -> dict:
    result = CliRunner().invoke(main, ["audit", *args, *AS_OF, "--format", "json", "--no-history"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def seen(report: dict) -> list[tuple]:
    """The findings as a seller reads them: rule, entity, outcome, detail, values, message."""
    return sorted(
        (
            f["rule_id"],
            json.dumps(f["entity"], sort_keys=True),
            f["outcome"],
            f["detail"] or "",
            json.dumps(f["observed"]),
            f["message"],
        )
        for f in report["findings"]
    )


def test_two_regions_fetched_then_audited_together_as_if_downloaded_by_hand(store, tmp_path):
    fetched = tmp_path / "fetched"
    us = fetch(store, "acme-us", fetched / "acme-us", "--reports", "performance,all-listings")
    eu = fetch(store, "acme-eu", fetched / "acme-eu", "--reports", "all-listings,returns")

    assert (us.exit_code, eu.exit_code) == (0, 0), us.output + eu.output
    assert "returns UK: cancelled (Amazon has no data for the window)" in eu.stderr
    manifest = json.loads((fetched / "acme-eu" / "fetch.json").read_text(encoding="utf-8"))
    [listings] = [f for f in manifest["files"] if f["status"] == "done"]
    assert (listings["marketplace"], listings["charset"]) == ("UK", "cp1252")
    assert (fetched / "acme-eu" / listings["file"]).read_bytes() == UK_LISTINGS.read_bytes()

    by_hand = tmp_path / "by-hand"
    for folder, files in (("us", [US_LISTINGS, PERFORMANCE]), ("uk", [UK_LISTINGS])):
        (by_hand / folder).mkdir(parents=True)
        for file in files:
            (by_hand / folder / file.name).write_bytes(file.read_bytes())
    together = audit(str(fetched))
    us_by_hand = audit(str(by_hand / "us"), "--marketplace", "US")
    uk_by_hand = audit(str(by_hand / "uk"), "--marketplace", "UK")

    assert together["findings"]
    assert seen(together) == sorted(seen(us_by_hand) + seen(uk_by_hand))
    read = {i["path"]: i["format"] for i in together["run"]["inputs"]}
    assert read["fetched/acme-eu/fetch.json"] == "fetch-manifest"  # read, not audited


def test_a_report_amazon_could_not_make_ends_in_exit_3_with_the_others_written(
    store, sp_api_standin, tmp_path
):
    sp_api_standin.add_report(
        "GET_FBA_INVENTORY_PLANNING_DATA",
        MARKETPLACE_IDS["US"],
        StoredReport(b"", statuses=("FATAL",), error_document=b"Report processing failed"),
    )

    result = fetch(store, "acme-us", tmp_path / "us", "--reports", "fba-inventory,all-listings")

    assert result.exit_code == 3
    assert "fba-inventory US: FAILED (" in result.stderr
    manifest = json.loads((tmp_path / "us" / "fetch.json").read_text(encoding="utf-8"))
    assert {f["name"]: f["status"] for f in manifest["files"]} == {
        "all-listings": "done",
        "fba-inventory": "failed",
    }


def test_a_refused_refresh_token_ends_in_exit_2_saying_what_to_do(store, tmp_path, monkeypatch):
    monkeypatch.setenv("ACME_NA_REFRESH_TOKEN", "Atzr|a-token-revoked-in-seller-central")

    result = fetch(store, "acme-us", tmp_path / "us", "--reports", "all-listings")

    assert result.exit_code == 2
    assert "refresh token" in result.stderr
    assert "a-token-revoked" not in result.output + result.stderr


def test_a_literal_secret_in_the_config_is_refused_without_echoing_it(store, tmp_path):
    text = store.read_text(encoding="utf-8").replace(
        "${ACME_CLIENT_SECRET}", "amzn1.oa2-cs.v1.pasted0secret", 1
    )
    store.write_text(text, encoding="utf-8")

    result = fetch(store, "acme-us", tmp_path / "us")

    assert result.exit_code == 2
    assert "client_secret" in result.stderr
    assert "pasted0secret" not in result.output + result.stderr


def test_no_secret_reaches_a_file_or_the_output(store, sp_api_standin, tmp_path):
    result = CliRunner().invoke(
        main,
        ["run", "--store", "acme-us", "--config", str(store), "-o", str(tmp_path / "run"),
         "--history", str(tmp_path / "history.db")],
    )  # fmt: skip

    assert result.exit_code in (0, 1), result.output
    assert (tmp_path / "run" / "report.json").exists() and (
        tmp_path / "run" / "report.html"
    ).exists()
    written = [p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()]
    for secret in sp_api_standin.secrets():
        assert secret not in result.output + result.stderr
        assert not any(secret.encode() in data for data in written), secret


def test_run_records_the_store_in_the_history(store, tmp_path):
    history = tmp_path / "history.db"
    args = ["--store", "acme-us", "--config", str(store), "--history", str(history)]

    ran = CliRunner().invoke(main, ["run", *args, "-o", str(tmp_path / "run")])
    listed = CliRunner().invoke(main, ["history", "list", *args, "--format", "json"])

    assert ran.exit_code in (0, 1), ran.output
    report = json.loads((tmp_path / "run" / "report.json").read_text(encoding="utf-8"))
    [run] = json.loads(listed.stdout)
    assert (run["store"], run["run_id"]) == ("acme-us", report["run"]["id"])


def test_fetch_speaks_the_language_asked_for(store, tmp_path):
    result = fetch(
        store, "acme-eu", tmp_path / "eu", "--reports", "all-listings,returns", "--lang", "zh"
    )

    assert result.exit_code == 0
    assert "all-listings UK：已下载（" in result.stderr
    assert "returns UK：亚马逊在该时段没有数据，未生成报告" in result.stderr
    assert "已写入" in result.stderr


@pytest.fixture(scope="module")
def smtp() -> Iterator[Mailbox]:
    yield from serve_mail()


def test_run_mails_what_is_new_once(store, tmp_path, smtp):
    """A weekly cron job: the first run mails the store's failing findings; run again on
    unchanged reports, it sends nothing (the history remembers what was told)."""
    with store.open("a", encoding="utf-8") as config:
        config.write(f"notify:\n  - url: {smtp.url()}\n    min_severity: critical\n")
    history = tmp_path / "history.db"
    args = ["run", "--store", "acme-us", "--config", str(store), "--history", str(history)]
    before = len(smtp.received)

    first = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "run")])
    second = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "run")])

    assert first.exit_code in (0, 1), first.output
    assert f"alert to {smtp.url()}: sent (" in first.stderr
    assert f"alert to {smtp.url()}: nothing new" in second.stderr
    assert len(smtp.received) == before + 1
    assert smtp.subjects()[-1].startswith("auditor: acme-us — ")
    assert (tmp_path / "run" / "report.html").as_posix() in smtp.texts()[-1]


def test_run_with_notify_but_no_history_stops_before_fetching(store, sp_api_standin, tmp_path):
    with store.open("a", encoding="utf-8") as config:
        config.write("notify: ['json://127.0.0.1:9/hooks/acme']\n")

    result = CliRunner().invoke(
        main, ["run", "--store", "acme-us", "--config", str(store), "-o", str(tmp_path / "run")]
    )

    assert result.exit_code == 2
    assert "`notify:` needs a history file" in result.stderr
    assert not (tmp_path / "run").exists()
