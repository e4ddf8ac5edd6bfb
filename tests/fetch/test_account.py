"""getAccount (Sellers API v1): the account record Amazon holds, written as it came and read
by the Sellers account reader into the account pack's comparison (ACC-004)."""

from __future__ import annotations

import json
from datetime import date

from conftest import AS_OF, DATA

from auditor import api
from auditor.fetch.batch import fetch_reports
from auditor.ingest.read import read_file

ACCOUNT = json.loads((DATA / "amazon/sellers-account/account-A1LUMENEU.json").read_text("utf-8"))


def test_the_account_record_is_fetched_once_per_store_and_written_as_it_came(
    sp_api_standin, patience, tmp_path
) -> None:
    sp_api_standin.account = ACCOUNT["payload"]
    sp_api_standin.throttle("getAccount", times=1)  # throttled once, then answered

    records = fetch_reports(
        sp_api_standin.access(), "A1LUMENEU", ["DE", "UK"], ["account"], None, None, tmp_path,
        patience=patience, today=date(2026, 11, 27),
    )  # fmt: skip

    [fetched] = records  # the account's, not a marketplace's: one for DE and UK together
    assert (fetched.status, fetched.report_type, fetched.marketplace) == (
        "done",
        "getAccount",
        "DE",
    )
    assert fetched.path == tmp_path / "account.json"
    assert json.loads(fetched.path.read_bytes()) == ACCOUNT
    assert sp_api_standin.calls["getAccount"] == 2

    read = read_file(fetched.path, fetched.path.name, None)
    assert read.format == "sellers-account" and read.rows_read == 1


def test_a_refused_account_record_is_a_failed_entry_and_the_rest_goes_on(
    sp_api_standin, patience, tmp_path
) -> None:
    sp_api_standin.account = None  # the application lacks the role for the account
    account, listings = fetch_reports(
        sp_api_standin.access(), "A1LUMENEU", ["DE"], ["account", "listings-items"], None, None,
        tmp_path, patience=patience,
    )  # fmt: skip

    assert account.status == "failed" and "getAccount answered HTTP 403" in (account.error or "")
    assert sp_api_standin.access_token not in (account.error or "")
    assert listings.status == "done"
    assert not (tmp_path / "account.json").exists()


def test_the_fetched_record_is_what_the_names_on_record_must_match(
    sp_api_standin, patience, tmp_path
) -> None:
    """The fetched folder audited with the store's config: Amazon holds "Shenzhen Lumen
    Trading", the glow-eu store's records name Glow Home and Lumen's bank account."""
    sp_api_standin.account = ACCOUNT["payload"]
    fetch_reports(
        sp_api_standin.access(), "A3GLOWEU", ["DE"], ["account"], None, None, tmp_path,
        patience=patience,
    )  # fmt: skip
    options = api.Options.resolve(DATA / "rules/account/auditor.yaml", store="glow-eu")
    options.as_of = AS_OF

    report = api.audit([tmp_path], options).report

    [finding] = [f for f in report["findings"] if f["rule_id"] == "ACC-004"]
    assert finding["evidence"]["amazon_legal_name"] == "Shenzhen Lumen Trading Co., Ltd."
    # Amazon's address adds the province (GD): the same place; the legal name is not.
    assert finding["observed"] == (
        "legal_name 'Shenzhen Glow Home Co., Ltd.' ≠ amazon_legal_name "
        "'Shenzhen Lumen Trading Co., Ltd.'"
    )
