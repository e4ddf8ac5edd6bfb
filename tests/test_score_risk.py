"""Scores rank risk: the worked cases of docs/scoring.md ("Consequences").

A finding weighs by what can happen to the seller (its rule's consequence) as well as
by its severity: a children's product without its certificate, a power bank without
its dangerous-goods documents or a gated product without approval costs more than a
long title, "could not check" on such a rule is never clean, and the week a
certificate lapses the score does not rise.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pytest
from conftest import REPO
from pydantic import ValidationError

from auditor.api import Options, audit, load_rules
from auditor.model.common import Consequence, Severity
from auditor.model.rules import Area, PackedRule, Rule
from auditor.score import CONSEQUENCE_FACTORS, WEIGHTS, Tally, summarise

WEEKLY = REPO / "examples" / "weekly"
WEEKS = ["2026-11-06", "2026-11-13", "2026-11-20", "2026-11-27"]


def listing_finding(rule_id: str, severity: str, area: str, sku: str, outcome: str = "fail"):
    return {
        "rule_id": rule_id,
        "severity": severity,
        "outcome": outcome,
        "area": area,
        "entity": {"type": "listing", "sku": sku, "marketplace": "US"},
        "missing": [],
    }


@cache
def bundled() -> dict[str, PackedRule]:
    _packs, rules = load_rules(Options())
    return {r.rule.id: r for r in rules}


def sku_scores_of(findings: list[dict[str, Any]]) -> dict[str, float]:
    """Per-SKU scores with the bundled rules' consequences, as an audit gives them."""
    rules = bundled()
    tallies = [
        Tally(
            r.rule.id,
            r.area.value,
            r.rule.base_severity,
            {"pass": 1, "fail": 0, "warn": 0, "unknown": 0},
            r.consequence,
        )
        for r in rules.values()
    ]
    areas = sorted({r.area.value for r in rules.values()})
    result = summarise(tallies, [], findings, areas, Severity.high, False)
    return {s["sku"]: s["score"] for s in result["skus"]}


def bundled_finding(rule_id: str, sku: str, outcome: str = "fail") -> dict[str, Any]:
    rule = bundled()[rule_id]
    return listing_finding(rule_id, rule.rule.base_severity.value, rule.area.value, sku, outcome)


def test_the_bundled_rules_declare_what_failing_them_costs():
    rules = bundled()
    legal = ["CMP-009", "CMP-014", "CMP-017", "LST-020"]
    assert {i: rules[i].consequence for i in legal} == dict.fromkeys(legal, Consequence.legal)
    assert rules["HLT-001"].consequence is Consequence.account
    assert rules["LST-001"].consequence is Consequence.listing
    assert rules["LST-002"].consequence is Consequence.advice
    assert rules["INV-004"].consequence is Consequence.advice


def test_a_rule_without_a_consequence_takes_its_areas_and_a_wrong_one_is_rejected():
    rule = bundled()["LST-001"].rule
    data = rule.model_dump(by_alias=True, exclude_none=True, exclude={"consequence"})
    data["check"] = rule.check
    loaded = Rule.model_validate(data)
    assert loaded.consequence is None
    assert PackedRule(rule=loaded, area=Area.compliance, pack="p").consequence is Consequence.legal
    assert PackedRule(rule=loaded, area=Area.sales, pack="p").consequence is Consequence.advice
    with pytest.raises(ValidationError):
        Rule.model_validate(data | {"consequence": "fatal"})


def test_a_toy_without_its_certificate_scores_below_a_spatula_with_a_long_title():
    scores = sku_scores_of(
        [
            bundled_finding("CMP-009", "TOY-BLOCKS"),  # no Children's Product Certificate
            bundled_finding("LST-001", "SPATULA"),  # title over 200 characters
            bundled_finding("LST-002", "SPATULA"),  # ... and over the 75 of the mobile view
        ]
    )
    assert scores["TOY-BLOCKS"] == 100 - 10 * 4 / 2  # high x legal, halved: 80
    assert scores["SPATULA"] == 100 - 10 / 2  # high listing; LST-002 is info (unconfirmed): 95
    assert scores["TOY-BLOCKS"] < scores["SPATULA"]


def test_a_power_bank_without_un38_3_or_sds_ranks_below_a_title_issue():
    scores = sku_scores_of(
        [
            bundled_finding("CMP-014", "POWER-BANK"),  # UN 38.3 summary / SDS missing
            bundled_finding("LST-003", "MUG"),  # forbidden characters in the title
            bundled_finding("LST-004", "MUG"),  # a word repeated in the title
        ]
    )
    assert scores["POWER-BANK"] < scores["MUG"]


def test_a_gated_product_without_approval_ranks_among_the_worst():
    """Among listings with every listing-quality problem a title can have, the gated
    product sold without approval still comes out worst."""
    title_rules = ["LST-001", "LST-003", "LST-004", "LST-005", "LST-006"]
    findings = [bundled_finding("CMP-017", "SUPPLEMENT")]
    findings += [bundled_finding(r, "EVERYTHING-WRONG") for r in title_rules]
    findings += [bundled_finding("LST-001", "LONG-TITLE"), bundled_finding("LST-018", "BAD-GTIN")]
    findings += [bundled_finding("INV-004", "AGED")]
    scores = sku_scores_of(findings)
    assert min(scores, key=scores.__getitem__) == "SUPPLEMENT"


def test_an_unknown_on_a_serious_legal_rule_costs_less_than_a_fail_but_is_never_clean():
    scores = sku_scores_of(
        [
            bundled_finding("CMP-009", "TEDDY", "unknown"),  # for_children not filled in
            bundled_finding("CMP-009", "BLOCKS", "fail"),
            bundled_finding("LST-001", "LAMP", "unknown"),  # a listing rule: no cost
        ]
    )
    assert scores["BLOCKS"] < scores["TEDDY"] < 100
    assert scores["LAMP"] == 100


def test_a_rules_unknowns_together_cost_less_than_one_failure():
    many = Tally(
        "CMP-009", "compliance", Severity.high, {"pass": 0, "fail": 0, "warn": 0, "unknown": 40}
    )
    one_fail = Tally(
        "CMP-009", "compliance", Severity.high, {"pass": 0, "fail": 1, "warn": 0, "unknown": 0}
    )
    assert many.deduction == 10 * 4 * (1 - 0.5**0.5)  # half a failure's defects at most
    assert many.deduction < one_fail.deduction == 10 * 4 / 2


def test_severity_weights_still_set_the_severity_part_of_a_rules_weight():
    weights = WEIGHTS | {Severity.high: 16.0}
    t = Tally(
        "CMP-014", "compliance", Severity.high, {"pass": 9, "fail": 1, "warn": 0, "unknown": 0}
    )
    result = summarise([t], [], [], ["compliance"], Severity.high, False, weights=weights)
    rule = result["rules"][0]
    assert rule["weight"] == 16.0 * CONSEQUENCE_FACTORS[Consequence.legal]
    assert rule["consequence"] == "legal"
    assert result["consequences"] == {"account": 5.0, "legal": 4.0, "listing": 1.0, "advice": 0.5}


def test_a_declared_consequence_wins_over_the_areas():
    counts = {"pass": 0, "fail": 1, "warn": 0, "unknown": 0}
    default = Tally("LST-020", "listing", Severity.high, counts)
    declared = Tally("LST-020", "listing", Severity.high, counts, Consequence.legal)
    assert default.impact is Consequence.listing and declared.impact is Consequence.legal
    assert declared.deduction == 4 * default.deduction


# --- the weekly example: the week a certificate lapses -----------------------------------


@cache
def week(day: str) -> dict[str, Any]:
    return audit([WEEKLY / day], Options(as_of=dt.date.fromisoformat(day))).report


def test_the_weekly_score_does_not_rise_in_the_week_the_cpc_expires():
    """The blocks' CPC expires on 2026-11-18, between the audits of 13 and 20 November; the
    earbuds' long title is fixed the same week. The lapse costs more than the fix gains."""
    before, after = week("2026-11-13")["summary"], week("2026-11-20")["summary"]
    assert after["score"] <= before["score"]
    lost = before["areas"]["compliance"]["score"] - after["areas"]["compliance"]["score"]
    gained = after["areas"]["listing"]["score"] - before["areas"]["listing"]["score"]
    assert lost > gained > 0
    blocks = {s["sku"]: s["score"] for s in after["skus"]}["LS-BLOCKS-01"]
    assert blocks < {s["sku"]: s["score"] for s in before["skus"]}["LS-BLOCKS-01"]


def test_the_weekly_scores_never_rise_over_the_month():
    scores = [week(day)["summary"]["score"] for day in WEEKS]
    assert scores == sorted(scores, reverse=True), scores
