"""The account pack on real input: an agency's auditor.yaml with two stores (tests/data/rules/
account/auditor.yaml), the documents register with the account's identity documents and
business licences, and an FBA inventory planning report of the European store.

Each account rule judges one row per store, so a store is audited as itself (`--store`):
lumen-eu is the clean one (certified, approved its sister store, names agree), glow-eu the
broken one (certification lapsed, pays out to Lumen's bank, never approved Lumen).
See tests/data/rules/account/SOURCES.md.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from conftest import AS_OF, DATA, bundled_rule_ids

from auditor import api

ACCOUNT = DATA / "rules/account"
INVENTORY = ACCOUNT / "Inventory+Planning+EU+11-26-2026.txt"
DOCUMENTS = ACCOUNT / "documents.csv"


@cache
def audit(store: str, with_inventory: bool = True, config: str = "auditor.yaml") -> dict[str, Any]:
    options = api.Options.resolve(ACCOUNT / config, store=store)
    options.as_of = AS_OF
    inputs = [INVENTORY, DOCUMENTS] if with_inventory else [DOCUMENTS]
    report = api.audit(inputs, options).report
    problems = [i for i in report["run"]["inputs"] if i.get("skipped") or i.get("rejected")]
    assert not problems, problems
    return report


def outcomes(report: dict[str, Any], rule_id: str, key: str = "store") -> dict[str, str]:
    return {f["entity"][key]: f["outcome"] for f in report["findings"] if f["rule_id"] == rule_id}


def tally(report: dict[str, Any], rule_id: str) -> dict[str, int]:
    [row] = [r for r in report["summary"]["rules"] if r["rule_id"] == rule_id]
    return row["outcomes"]


def test_every_rule_of_the_pack_is_shown_on_real_input() -> None:
    assert bundled_rule_ids("account") == {"ACC-001", "ACC-002", "ACC-003", "ACC-004", "ACC-005"}


@pytest.mark.parametrize("rule_id", ["ACC-001", "ACC-004", "ACC-005"])
def test_the_clean_store_passes_and_the_broken_one_fails(rule_id: str) -> None:
    assert tally(audit("lumen-eu"), rule_id)["pass"] == 1
    assert outcomes(audit("lumen-eu"), rule_id) == {}
    assert outcomes(audit("glow-eu", with_inventory=False), rule_id) == {"glow-eu": "fail"}


def test_a_lapsed_inform_certification_is_overdue_a_year_after_the_last() -> None:
    [finding] = [f for f in audit("glow-eu", False)["findings"] if f["rule_id"] == "ACC-001"]

    assert finding["evidence"]["inform_certified_on"] == "2025-11-01"
    assert "due on 2026-11-01 (-26 days" in finding["message"]


def test_identity_documents_and_business_licences_expire_and_a_missing_date_is_unknown() -> None:
    found = outcomes(audit("lumen-eu"), "ACC-002", key="identifier")

    assert found == {
        "91440300MA5GLOWH2": "fail",  # expired eight days before the audit
        "E87654321": "warn",  # a passport expiring within 60 days
        "E11112222": "unknown",  # a passport always expires: its date was not copied
    }
    assert tally(audit("lumen-eu"), "ACC-002")["pass"] == 2
    # ... and the compliance pack's expiry rule leaves them to ACC-002.
    assert outcomes(audit("lumen-eu"), "CMP-019", key="identifier") == {}


def test_a_vat_number_is_needed_wherever_the_inventory_report_shows_stock() -> None:
    report = audit("lumen-eu")

    # DE and FR (inbound only) have numbers; PL holds 85 units and has none; UK holds nothing.
    assert outcomes(report, "ACC-003", key="country") == {"PL": "fail"}
    assert tally(report, "ACC-003") == {"pass": 2, "fail": 1, "warn": 0, "unknown": 0}


def test_without_an_inventory_report_the_configs_fba_countries_say_where_stock_is() -> None:
    [finding] = [f for f in audit("glow-eu", False)["findings"] if f["rule_id"] == "ACC-003"]
    assert finding["entity"]["country"] == "PL"
    assert finding["evidence"]["stock_from"] == "config"


def test_a_store_sharing_bank_and_address_names_the_store_it_shares_them_with() -> None:
    [finding] = [f for f in audit("glow-eu", False)["findings"] if f["rule_id"] == "ACC-005"]

    assert finding["observed"] == "lumen-eu (A1LUMENEU): bank_account_holder, address"


def test_the_bank_account_holder_must_be_the_business_itself() -> None:
    [finding] = [f for f in audit("glow-eu", False)["findings"] if f["rule_id"] == "ACC-004"]

    assert "bank_account_holder 'Shenzhen Lumen Trading Co., Ltd.'" in finding["message"]


def test_the_findings_are_worded_in_chinese_too() -> None:
    options = api.Options.resolve(ACCOUNT / "auditor.yaml", store="glow-eu", language="zh")
    options.as_of = AS_OF
    report = api.audit([DOCUMENTS], options).report

    messages = {f["rule_id"]: f["message"] for f in report["findings"]}
    assert "INFORM 信息认证" in messages["ACC-001"]
    assert "卖家编号不在 approved_accounts 中" in messages["ACC-005"]


def test_without_seller_facts_the_account_rules_say_where_the_facts_come_from() -> None:
    options = api.Options()
    options.as_of = AS_OF
    report = api.audit([DOCUMENTS], options).report

    reasons = {
        n["rule_id"]: n["reason"]
        for n in report["summary"]["coverage"]["not_applicable"]
        if n["rule_id"].startswith("ACC")
    }
    assert set(reasons) == {"ACC-001", "ACC-003", "ACC-004", "ACC-005"}  # ACC-002: documents
    assert "the seller: section of auditor.yaml" in reasons["ACC-001"]
    assert "seller.fba_countries" in reasons["ACC-003"]


def test_the_demo_store_with_its_account_facts_shows_every_account_rule() -> None:
    """examples/account/auditor.yaml gives the demo store the seller: facts its folder
    cannot hold (an audit reads auditor.yaml where it runs, not in the folder audited)."""
    from conftest import REPO

    options = api.Options.resolve(REPO / "examples/account/auditor.yaml")
    options.as_of = AS_OF
    report = api.audit([REPO / "examples/demo-store"], options).report

    failed = {f["rule_id"] for f in report["findings"] if f["rule_id"].startswith("ACC")}
    assert failed == {"ACC-001", "ACC-002", "ACC-003", "ACC-004", "ACC-005"}


def test_another_stores_facts_are_part_of_the_runs_identity(tmp_path) -> None:
    """glow-eu's own facts are unchanged, but lumen-eu's bank account holder no longer
    matches it: ACC-005 finds less, so the run is another."""
    text = (ACCOUNT / "auditor.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "auditor.yaml"
    changed.write_text(
        text.replace(
            "  bank_account_holder: SHENZHEN LUMEN TRADING CO LTD",
            "  bank_account_holder: Lumen Holdings Ltd",
        ),
        encoding="utf-8",
    )

    def run_id(config) -> str:
        return api._run_id([], [], api.Options.resolve(config, store="glow-eu"), AS_OF)

    assert run_id(ACCOUNT / "auditor.yaml") != run_id(changed)
