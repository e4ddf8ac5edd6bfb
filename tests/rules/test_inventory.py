"""The inventory pack on real input: Amazon's FBA inventory planning report and the FBA dashboard.

The planning report (`GET_FBA_INVENTORY_PLANNING_DATA`, 97 columns) holds one US SKU
that is healthy on every rule (HN-MUG-350) and one SKU built to break each rule; the
account-metrics CSV holds the IPI a seller copies from the FBA dashboard (US fails,
UK warns, DE passes). See tests/data/rules/inventory/SOURCES.md.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import AS_OF, DATA, Case, _audit_report, bundled_rule_ids, check_case

from auditor import api
from auditor.model.config import Config, RuleOverride
from auditor.packs.loader import load_packs
from auditor.packs.selection import select_rules
from auditor.resources import rules_dir

PLANNING = "rules/inventory/Inventory+Planning+US+11-24-2026.txt"
DASHBOARD = "rules/inventory/fba-dashboard.csv"
INPUTS = (PLANNING, DASHBOARD)
CLEAN = {"sku": "HN-MUG-350"}


def case(
    rule_id: str, broken: dict[str, Any], clean: dict[str, Any] = CLEAN, outcome: str = "fail"
) -> Case:
    return Case(rule_id, inputs=INPUTS, broken=broken, clean=clean, outcome=outcome)


CASES = [
    case("INV-001", {"marketplace": "US"}, {"marketplace": "DE"}),
    case("INV-001", {"marketplace": "UK"}, {"marketplace": "DE"}, "warn"),
    case("INV-002", {"sku": "VX-SPK-05"}),
    case("INV-002", {"sku": "HN-BOT-750"}, outcome="warn"),
    case("INV-003", {"sku": "VX-EAR-09"}),
    case("INV-004", {"sku": "HN-CUP-990"}),
    case("INV-004", {"sku": "HN-BOT-750"}, outcome="warn"),
    case("INV-005", {"sku": "0004-SUB"}),
    case("INV-005", {"sku": "HN-PLT-27"}, outcome="warn"),
    case("INV-006", {"sku": "VX-SPK-05"}),
    case("INV-006", {"sku": "HN-CUP-990"}, outcome="warn"),
    case("INV-007", {"sku": "VX-SPK-05"}),
    case("INV-007", {"sku": "HN-BOT-750"}, outcome="warn"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_the_broken_record_and_not_the_clean_one(case: Case) -> None:
    check_case(case)


def test_every_inventory_rule_has_a_case() -> None:
    assert {c.rule_id for c in CASES} == bundled_rule_ids("inventory")


def _findings(rule_id: str, **entity: Any) -> list[dict[str, Any]]:
    report = _audit_report(INPUTS, None)
    return [
        f
        for f in report["findings"]
        if f["rule_id"] == rule_id and all(f["entity"].get(k) == v for k, v in entity.items())
    ]


def test_the_aged_inventory_finding_carries_amazons_estimated_surcharge() -> None:
    [aged] = _findings("INV-004", sku="HN-CUP-990")
    [warned] = _findings("INV-004", sku="HN-BOT-750")

    assert (aged["outcome"], aged["observed"], aged["limit"]) == ("fail", 366, 365)
    assert aged["evidence"]["estimated_aged_surcharge"] == 82.63
    assert aged["evidence"]["currency"] == "USD"
    assert (aged["evidence"]["age_271_365"], aged["evidence"]["age_365_plus"]) == (30, 60)
    assert aged["message"] == (
        "The oldest units of HN-CUP-990 in US are 366+ days old (0 at 181-270 days, 30 at "
        "271-365, 60 over 365): Amazon estimates an aged inventory surcharge of 82.63 USD a month."
    )
    assert warned["evidence"]["estimated_aged_surcharge"] == 14.88  # 1.32 + 2.16 + 11.40


def test_messages_render_in_chinese_without_leftover_placeholders() -> None:
    options = api.Options.resolve(language="zh")
    options.as_of = AS_OF
    report = api.audit([DATA / i for i in INPUTS], options).report
    inventory = [f for f in report["findings"] if f["rule_id"].startswith("INV-")]

    assert inventory and all("{" not in f["message"] for f in inventory)
    [aged] = [f for f in inventory if f["rule_id"] == "INV-004" and f["outcome"] == "fail"]
    assert "预估每月库龄附加费 82.63 USD" in aged["message"]


def test_a_sku_without_sales_is_not_judged_for_stockout() -> None:
    report = _audit_report(INPUTS, None)
    [tally] = [r for r in report["summary"]["rules"] if r["rule_id"] == "INV-005"]

    assert sum(tally["outcomes"].values()) == 7  # every SKU of the fixture has sales


def _inv005(config: Config) -> Any:
    packs = load_packs([rules_dir()])
    [rule] = [
        p.rule
        for p in select_rules(packs, [], [], config.rule_overrides())
        if p.rule.id == "INV-005"
    ]
    return rule.check


def test_the_replenishment_lead_time_becomes_the_stockout_limit() -> None:
    default = _inv005(Config())
    longer = _inv005(Config(replenishment_lead_time_days=45))

    assert (default.fail.limit, default.warn.limit) == (28, 42)
    assert (longer.fail.limit, longer.warn.limit) == (45, 59)
    assert Config().rule_overrides() == {}


def test_an_explicit_override_of_inv005_wins_over_the_lead_time() -> None:
    config = Config(
        replenishment_lead_time_days=45,
        overrides={"INV-005": RuleOverride(severity="critical", check={"warn": {"lt": 70}})},
    )

    check = _inv005(config)
    assert (check.fail.limit, check.warn.limit) == (45, 70)
    assert config.rule_overrides()["INV-005"].severity == "critical"


def test_the_lead_time_setting_moves_the_findings(tmp_path: Any) -> None:
    (tmp_path / "auditor.yaml").write_text("replenishment_lead_time_days: 40\n", encoding="utf-8")
    options = api.Options.resolve(cwd=tmp_path, select=["INV-005"])
    options.as_of = AS_OF
    report = api.audit([DATA / PLANNING], options).report

    found = {f["entity"]["sku"]: (f["outcome"], f["limit"]) for f in report["findings"]}
    assert found == {
        "0004-SUB": ("fail", 40),  # 6 days
        "HN-PLT-27": ("fail", 40),  # 35 days: a warning at 28 days, a failure at 40
        "VX-EAR-09": ("warn", 40),  # 48 days, under 40 + 14
    }


APPAREL = "rules/inventory/Inventory+Planning+US+12-01-2026.txt"


def test_apparel_pays_no_surcharge_before_day_271_so_it_does_not_warn_at_181() -> None:
    report = _audit_report((APPAREL,), None)
    aged = {
        f["entity"]["sku"]: (f["outcome"], f["evidence"].get("warn_limit"))
        for f in report["findings"]
        if f["rule_id"] == "INV-004"
    }
    assert aged == {"HN-TWL-210": ("warn", 180)}  # the T-shirt, same age, passes


def test_the_ipi_is_information_without_a_current_threshold() -> None:
    [finding] = _findings("INV-001", marketplace="US")
    assert finding["severity"] == "info"
    assert "Amazon publishes no IPI threshold today" in finding["message"]


def test_the_aged_inventory_schedule_is_dated_data_in_the_pack() -> None:
    packs = load_packs([rules_dir()])
    [rule] = [r for p in packs for r in p.pack.rules if r.id == "INV-004"]
    [entry] = rule.schedule
    assert str(entry.effective_from) == "2023-04-15"
    assert [row["from_day"] for row in entry.table] == [181, 211, 241, 271, 301, 331, 366]
    assert "$" not in rule.why.en  # no rate in prose: the dated table holds them
