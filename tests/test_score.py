"""The scoring model: deterministic, monotone, and honest about what was not decided."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from auditor.model.common import SEVERITY_RANK, Consequence, Severity
from auditor.model.config import Config
from auditor.model.rules import area_consequence
from auditor.score import (
    WEIGHTS,
    Tally,
    _ListingFindings,
    _status,
    deduction,
    defects_of,
    rule_weight,
    sku_scores,
    summarise,
)


def tally(rule_id: str, severity: str, area: str = "listing", **counts: int) -> Tally:
    full = {"pass": 0, "fail": 0, "warn": 0, "unknown": 0} | counts
    return Tally(rule_id, area, Severity(severity), full)


def summary(*tallies: Tally, findings: list[dict] | None = None, **kwargs):
    areas = sorted({t.area for t in tallies}) or ["listing"]
    return summarise(
        list(tallies),
        [],
        findings or [],
        areas,
        kwargs.get("fail_on", Severity.high),
        kwargs.get("strict", False),
        fail_on_unknown=kwargs.get("fail_on_unknown"),
    )


def test_first_failure_costs_half_the_weight_and_each_next_half_of_the_rest():
    one = summary(tally("LST-001", "high", **{"pass": 29, "fail": 1}))
    assert one["rules"][0]["deduction"] == WEIGHTS[Severity.high] / 2
    three = summary(tally("LST-001", "high", **{"pass": 27, "fail": 3}))
    assert three["areas"]["listing"]["score"] == round(100 - 10 * (1 - 1 / 8), 1)


def test_a_rule_never_costs_more_than_its_weight():
    result = summary(tally("LST-001", "high", fail=500))
    assert result["areas"]["listing"]["score"] == 100 - WEIGHTS[Severity.high]


def test_warn_counts_half_a_fail():
    two_warns = summary(tally("HLT-001", "critical", "health", **{"pass": 1, "warn": 2}))
    one_fail = summary(tally("HLT-001", "critical", "health", fail=1))
    assert two_warns["rules"][0]["deduction"] == one_fail["rules"][0]["deduction"]


def test_passes_and_unknowns_do_not_dilute_a_failure():
    small = summary(tally("LST-018", "high", **{"pass": 1, "fail": 1}))
    large = summary(tally("LST-018", "high", **{"pass": 999, "fail": 1, "unknown": 40}))
    assert small["areas"]["listing"]["score"] == large["areas"]["listing"]["score"]


def test_a_failed_critical_rule_makes_the_area_critical_whatever_the_score():
    result = summary(tally("HLT-001", "critical", "health", **{"pass": 99, "fail": 1}))
    assert result["areas"]["health"]["score"] == 100 - 20 * 5 / 2  # critical x account, halved
    assert result["areas"]["health"]["status"] == "critical"
    assert result["status"] == "critical"


def test_high_failure_or_high_unknown_means_at_risk():
    assert summary(tally("LST-001", "high", **{"pass": 9, "fail": 1}))["status"] == "at_risk"
    unknown = summary(tally("LST-018", "high", **{"pass": 9, "unknown": 1}))
    assert unknown["areas"]["listing"]["score"] == 100
    assert unknown["status"] == "at_risk"


def test_clean_audit_is_healthy_and_unknown_low_rules_do_not_block_it():
    result = summary(tally("LST-002", "low", **{"pass": 10, "unknown": 2}))
    assert result["status"] == "healthy"
    assert result["coverage"]["decided"] == 10
    assert result["coverage"]["outcomes"]["unknown"] == 2


def test_nothing_decided_is_not_assessed_not_a_perfect_score():
    result = summary(tally("CMP-019", "medium", "compliance", unknown=4))
    assert result["areas"]["compliance"]["score"] is None
    assert result["score"] is None
    assert result["status"] == "not_assessed"  # never "healthy" on no evidence


def test_a_serious_rule_left_undecided_is_at_risk_even_with_nothing_decided():
    """Otherwise turning the last decided check of a high rule unknown would improve the status.

    Its unknowns cost points (a quarter of a failure each, at most half a failure in all),
    so the area is scored, below 100: "could not check" is never clean."""
    result = summary(tally("CMP-009", "high", "compliance", unknown=4))
    assert result["areas"]["compliance"]["score"] == round(100 - 10 * 4 * (1 - 0.5**0.5), 1)
    assert result["status"] == "at_risk"


def test_a_warning_on_a_critical_rule_is_at_risk_even_when_it_costs_no_points():
    """ODR at 0.8% warns: with weights set to 0 the score stays 100, the status does not."""
    weights = dict.fromkeys(Severity, 0.0)
    result = summarise(
        [tally("HLT-001", "critical", "health", warn=1, **{"pass": 3})],
        [],
        [],
        ["health"],
        Severity.high,
        False,
        weights=weights,
    )
    assert result["areas"]["health"]["score"] == 100
    assert result["areas"]["health"]["status"] == "at_risk"
    assert result["areas"]["health"]["status_reasons"] == [
        {"code": "serious_rule_warned", "rules": ["HLT-001"]}
    ]


def test_gate_counts_failures_at_or_above_fail_on_and_warns_only_when_strict():
    findings = [
        {"rule_id": "X-2", "outcome": "fail", "severity": "medium"},
        {"rule_id": "X-3", "outcome": "warn", "severity": "critical"},
        {"rule_id": "X-4", "outcome": "unknown", "severity": "critical", "missing": ["title"]},
    ]
    t = tally("X-1", "high", **{"pass": 1})
    assert summary(t, findings=findings, fail_on=Severity.high)["gate"]["failed"] is False
    assert summary(t, findings=findings, fail_on=Severity.medium)["gate"]["findings"] == 1
    strict = summary(t, findings=findings, fail_on=Severity.high, strict=True)["gate"]
    assert strict == {
        "fail_on": "high",
        "strict": True,
        "fail_on_unknown": None,
        "failed": True,
        "findings": 1,
    }


def test_unknowns_gate_only_when_asked_at_or_above_fail_on_unknown():
    findings = [
        {"rule_id": "X-4", "outcome": "unknown", "severity": "critical", "missing": ["title"]},
        {"rule_id": "X-5", "outcome": "unknown", "severity": "low", "missing": ["brand"]},
    ]
    t = tally("X-1", "high", **{"pass": 1})
    assert summary(t, findings=findings)["gate"]["failed"] is False
    asked = summary(t, findings=findings, fail_on_unknown=Severity.high)["gate"]
    assert (asked["failed"], asked["findings"], asked["fail_on_unknown"]) == (True, 1, "high")
    assert summary(t, findings=findings, fail_on_unknown=Severity.info)["gate"]["findings"] == 2


counts = st.fixed_dictionaries({k: st.integers(0, 20) for k in ("pass", "fail", "warn", "unknown")})
severities = st.sampled_from(list(Severity))


@given(st.lists(st.tuples(severities, counts), min_size=1, max_size=6), st.data())
def test_score_is_monotone_a_worse_outcome_never_raises_it(rules, data):
    """Turning any pass or unknown into a warn or fail never raises the score or improves the status."""
    tallies = [tally(f"R-{i:03d}", s.value, **c) for i, (s, c) in enumerate(rules)]
    before = summary(*tallies)
    i = data.draw(st.integers(0, len(tallies) - 1))
    source = data.draw(
        st.sampled_from(
            [k for k in ("pass", "unknown", "warn") if tallies[i].counts[k]] or ["pass"]
        )
    )
    target = data.draw(st.sampled_from(["fail", "warn"] if source != "warn" else ["fail"]))
    changed = dict(tallies[i].counts)
    if changed[source]:
        changed[source] -= 1
        changed[target] += 1
    worse = [
        *tallies[:i],
        tally(tallies[i].rule_id, tallies[i].severity.value, **changed),
        *tallies[i + 1 :],
    ]
    after = summary(*worse)
    if before["score"] is not None and after["score"] is not None:
        assert after["score"] <= before["score"]
    order = ["not_assessed", "healthy", "at_risk", "critical"]
    if before["status"] != "not_assessed":
        assert order.index(after["status"]) >= order.index(before["status"])


# --- configurable weights ------------------------------------------------------------


def test_severity_weights_change_the_deductions_and_are_reported():
    weights = WEIGHTS | {Severity.high: 16.0}
    t = tally("LST-001", "high", **{"pass": 9, "fail": 1})
    result = summarise([t], [], [], ["listing"], Severity.high, False, weights=weights)
    assert result["rules"][0]["deduction"] == 8.0
    assert result["rules"][0]["weight"] == 16.0
    assert result["weights"]["high"] == 16.0
    assert result["areas"]["listing"]["score"] == 92.0


def test_configured_weights_override_defaults_and_must_not_decrease_with_severity():
    config = Config.model_validate({"severity_weights": {"high": 15, "low": 0}})
    assert config.weights()[Severity.high] == 15
    assert config.weights()[Severity.critical] == 20  # not named: the default
    for bad in ({"high": 25}, {"medium": -1}, {"critical": 101}, {"urgent": 3}):
        with pytest.raises(ValidationError):
            Config.model_validate({"severity_weights": bad})


# --- transparency: what each rule took off each score ---------------------------------


def test_each_rule_shows_what_it_took_off_its_area_and_the_overall_score():
    result = summary(
        tally("HLT-002", "high", "health", **{"pass": 1, "fail": 1}),
        tally("LST-001", "high", "listing", **{"pass": 1, "fail": 3}),
        tally("LST-002", "low", "listing", **{"pass": 1, "warn": 2}),
    )
    rules = {r["rule_id"]: r for r in result["rules"]}
    assert rules["HLT-002"]["area_deduction"] == 25.0  # high (10) x account (5), halved
    assert rules["HLT-002"]["overall_deduction"] == 12.5  # one of two assessed areas
    listing = result["areas"]["listing"]
    assert [d["rule_id"] for d in listing["deductions"]] == ["LST-001", "LST-002"]
    assert listing["deduction"] == pytest.approx(100 - listing["score"], abs=0.05)
    off = sum(r["overall_deduction"] for r in result["rules"])
    assert off == pytest.approx(100 - result["score"], abs=0.1)


def test_deductions_past_100_are_scaled_so_they_add_up_to_what_the_area_lost():
    tallies = [tally(f"CMP-{i:03d}", "critical", "compliance", fail=50) for i in range(8)]
    result = summary(*tallies)
    area = result["areas"]["compliance"]
    assert area["score"] == 0 and area["deduction"] == 100
    assert sum(d["points"] for d in area["deductions"]) == pytest.approx(100)
    assert result["rules"][0]["deduction"] == pytest.approx(80, abs=0.001)  # raw: 20 x legal 4
    assert result["rules"][0]["area_deduction"] == pytest.approx(12.5, abs=0.001)


# --- status ----------------------------------------------------------------------------


def test_a_failed_critical_health_rule_makes_the_account_critical_whatever_the_arithmetic():
    weights = WEIGHTS | {Severity.critical: 0.0, Severity.high: 0.0, Severity.medium: 0.0}
    t = tally("HLT-007", "critical", "health", **{"pass": 50, "fail": 1})
    other = tally("LST-001", "low", "listing", **{"pass": 50})
    result = summarise(
        [t, other], [], [], ["health", "listing"], Severity.high, False, weights=weights
    )
    assert result["score"] == 100  # the arithmetic says nothing is wrong
    assert result["areas"]["health"]["status"] == "critical"
    assert result["status"] == "critical"
    assert result["status_reasons"][0] == {
        "code": "critical_health_rule_failed",
        "rules": ["HLT-007"],
    }
    reasons = result["areas"]["health"]["status_reasons"]
    assert reasons == [{"code": "critical_rule_failed", "rules": ["HLT-007"]}]


def test_status_reasons_name_the_rules_and_bands():
    result = summary(
        tally("LST-001", "high", **{"pass": 1, "fail": 1}),
        tally("LST-018", "high", **{"pass": 1, "unknown": 1}),
    )
    assert result["areas"]["listing"]["status_reasons"] == [
        {"code": "high_rule_failed", "rules": ["LST-001"]},
        {"code": "serious_rule_unknown", "rules": ["LST-018"]},
    ]
    assert summary(tally("X-1", "high", unknown=1))["areas"]["listing"]["status_reasons"] == [
        {"code": "serious_rule_unknown", "rules": ["X-1"]}
    ]
    assert summary(tally("X-1", "low", unknown=1))["areas"]["listing"]["status_reasons"] == [
        {"code": "nothing_decided"}
    ]


# --- coverage --------------------------------------------------------------------------


def test_coverage_names_the_missing_fields_of_unknown_findings():
    findings = [
        finding("LST-001", "high", "A-1", "unknown", missing=["title"]),
        finding("LST-003", "high", "A-1", "unknown", missing=["title"]),
        finding("CMP-009", "high", "A-2", "unknown", missing=["for_children", "minimum_age"]),
        finding("LST-001", "high", "A-3", "fail", missing=[]),
    ]
    result = summary(tally("LST-001", "high", **{"pass": 1}), findings=findings)
    assert result["coverage"]["missing_fields"] == [
        {"field": "title", "findings": 2, "rules": ["LST-001", "LST-003"]},
        {"field": "for_children", "findings": 1, "rules": ["CMP-009"]},
        {"field": "minimum_age", "findings": 1, "rules": ["CMP-009"]},
    ]


# --- per-SKU scores --------------------------------------------------------------------


def finding(
    rule_id: str,
    severity: str,
    sku: str | None,
    outcome: str,
    area: str = "listing",
    marketplace: str = "US",
    missing: list[str] | None = None,
    **entity: str,
) -> dict:
    return {
        "rule_id": rule_id,
        "severity": severity,
        "outcome": outcome,
        "area": area,
        "entity": {"type": "listing", "sku": sku, "marketplace": marketplace, **entity},
        "missing": missing or [],
    }


def test_each_listing_is_scored_from_its_own_findings_worst_first():
    findings = [
        finding("LST-001", "high", "A-1", "warn", detail="bullet_point1"),
        finding("LST-001", "high", "A-1", "fail"),  # one rule counts once, at its worst
        finding("CMP-001", "critical", "B-2", "fail", area="compliance", title="Kids RC car"),
        finding("LST-002", "low", "C-3", "unknown"),
        finding("LST-002", "low", "A-1", "fail", marketplace="DE"),
        finding("HLT-001", "critical", None, "fail", area="health")
        | {"entity": {"type": "account"}},
    ]
    result = summarise([], [], findings, ["listing"], Severity.high, False, listings=10)
    skus = result["skus"]
    assert [(s["sku"], s["marketplace"], s["score"]) for s in skus] == [
        ("B-2", "US", 60.0),  # critical x legal: 20 x 4, halved
        ("A-1", "US", 95.0),
        ("A-1", "DE", 99.0),
        ("C-3", "US", 100.0),
    ]
    assert skus[0]["status"] == "critical" and skus[0]["title"] == "Kids RC car"
    assert skus[1]["rules"] == [
        {
            "rule_id": "LST-001",
            "severity": "high",
            "consequence": "listing",
            "outcome": "fail",
            "points": 5.0,
        }
    ]
    assert skus[3]["outcomes"] == {"fail": 0, "warn": 0, "unknown": 1}
    assert result["sku_totals"] == {"listings": 10, "listed": 4, "clean": 6}


def test_a_listing_without_a_sku_is_keyed_by_its_asin():
    findings = [finding("SAL-001", "high", None, "fail", area="sales", asin="B0CXV1SPK1")]
    [entry] = summarise([], [], findings, ["sales"], Severity.high, False)["skus"]
    assert entry["sku"] is None and entry["asin"] == "B0CXV1SPK1" and entry["score"] == 97.5


def test_summary_lists_metric_headroom_failing_first_then_least_room():
    def item(marketplace: str, direction: str, count: int) -> dict:
        return {
            "rule_id": "HLT-001",
            "metric": "order_defect_rate",
            "entity": {"type": "account", "marketplace": marketplace},
            "detail": "60d",
            "headroom": {"count": count, "direction": direction},
        }

    listed = summarise(
        [],
        [],
        [],
        ["health"],
        Severity.high,
        False,
        headroom=[
            item("US", "more_allowed", 9),
            item("UK", "more_allowed", 0),
            item("DE", "fewer_needed", 2),
            item("JP", "fewer_needed", 5),
        ],
    )["headroom"]
    assert [h["entity"]["marketplace"] for h in listed] == ["JP", "DE", "UK", "US"]


# --- monotonicity over findings: every score, the SKUs' included -------------------------

RULES = [f"R-{i}" for i in range(4)]
AREAS_OF = {"R-0": "health", "R-1": "listing", "R-2": "listing", "R-3": "compliance"}
SKUS = ["S-1", "S-2", "S-3"]
RANK = {"pass": 0, "unknown": 1, "warn": 2, "fail": 3}


def audit_of(severities: dict[str, Severity], cells: dict[tuple[str, str], str], weights):
    """Tallies and findings of rules x SKUs, as the engine would give them."""
    findings = [
        finding(rule, severities[rule].value, sku, outcome, area=AREAS_OF[rule])
        for (rule, sku), outcome in sorted(cells.items())
        if outcome != "pass"
    ]
    tallies = []
    for rule in RULES:
        counts = dict.fromkeys(("pass", "fail", "warn", "unknown"), 0)
        for sku in SKUS:
            counts[cells.get((rule, sku), "pass")] += 1
        tallies.append(Tally(rule, AREAS_OF[rule], severities[rule], counts))
    return summarise(
        tallies,
        [],
        findings,
        ["health", "listing", "compliance"],
        Severity.high,
        False,
        weights=weights,
        listings=len(SKUS),
    )


ordered_severities = sorted(Severity, key=lambda s: SEVERITY_RANK[s])
weight_lists = st.lists(st.floats(0, 40, allow_nan=False), min_size=5, max_size=5).map(
    lambda ws: dict(zip(ordered_severities, sorted(ws), strict=True))
)
cell_maps = st.dictionaries(
    st.tuples(st.sampled_from(RULES), st.sampled_from(SKUS)),
    st.sampled_from(["pass", "unknown", "warn", "fail"]),
)


def assert_not_better(before: dict, after: dict) -> None:
    order = ["not_assessed", "healthy", "at_risk", "critical"]
    if before["score"] is not None and after["score"] is not None:
        assert after["score"] <= before["score"]
    if before["status"] != "not_assessed":
        assert order.index(after["status"]) >= order.index(before["status"])
    for name, area in before["areas"].items():
        later = after["areas"][name]
        if area["score"] is not None and later["score"] is not None:
            assert later["score"] <= area["score"]
    scores_after = {(s["sku"], s["marketplace"]): s["score"] for s in after["skus"]}
    for s in before["skus"]:
        assert scores_after[(s["sku"], s["marketplace"])] <= s["score"]


@given(
    st.lists(st.sampled_from(list(Severity)), min_size=4, max_size=4),
    cell_maps,
    weight_lists,
    st.tuples(st.sampled_from(RULES), st.sampled_from(SKUS)),
    st.sampled_from(["unknown", "warn", "fail"]),
)
def test_a_new_or_worse_finding_never_raises_any_score(severities, cells, weights, cell, outcome):
    """Adding a finding, or turning one into a worse outcome, never raises the overall, an
    area's or a SKU's score, nor improves a status (unknown counts as no better than pass)."""
    by_rule = dict(zip(RULES, severities, strict=True))
    current = cells.get(cell, "pass")
    if RANK[outcome] <= RANK[current] or (current == "unknown" and outcome == "unknown"):
        return
    before = audit_of(by_rule, cells, weights)
    after = audit_of(by_rule, cells | {cell: outcome}, weights)
    assert_not_better(before, after)


@given(st.lists(st.sampled_from(list(Severity)), min_size=4, max_size=4), cell_maps, weight_lists,
       st.sampled_from(RULES), st.sampled_from(list(Severity)))  # fmt: skip
def test_a_more_severe_rule_never_raises_any_score(severities, cells, weights, rule, severity):
    by_rule = dict(zip(RULES, severities, strict=True))
    if SEVERITY_RANK[severity] <= SEVERITY_RANK[by_rule[rule]]:
        return
    before = audit_of(by_rule, cells, weights)
    after = audit_of(by_rule | {rule: severity}, cells, weights)
    assert_not_better(before, after)


@given(st.lists(st.sampled_from(list(Severity)), min_size=4, max_size=4), cell_maps, weight_lists)
def test_scores_are_deterministic(severities, cells, weights):
    by_rule = dict(zip(RULES, severities, strict=True))
    assert audit_of(by_rule, cells, weights) == audit_of(by_rule, dict(cells), dict(weights))


def test_a_listing_shows_the_first_asin_and_title_its_findings_give():
    findings = [
        finding("LST-001", "high", "A-1", "fail"),  # a rule whose entity names neither
        finding("LST-002", "low", "A-1", "warn", title="Voltix speaker", asin="B0CXV1SPK1"),
        finding("LST-003", "low", "A-1", "warn", title="Voltix speaker, black"),
    ]
    [entry] = summarise([], [], findings, ["listing"], Severity.high, False)["skus"]
    assert (entry["asin"], entry["title"]) == ("B0CXV1SPK1", "Voltix speaker")


def test_a_listing_counts_a_rule_at_the_severity_of_its_first_worst_finding():
    """A rule weighed per marketplace can reach one listing at two severities (a
    listing offered in two stores under one key): the first finding at the worst
    outcome gives it."""
    findings = [
        finding("LST-001", "critical", "A-1", "warn"),
        finding("LST-001", "low", "A-1", "fail"),
        finding("LST-001", "high", "A-1", "fail"),
    ]
    [entry] = summarise([], [], findings, ["listing"], Severity.high, False)["skus"]
    assert [(r["severity"], r["outcome"], r["points"]) for r in entry["rules"]] == [
        ("low", "fail", 1.0)
    ]


def worst_one_by_one(findings: list[dict]) -> tuple[dict, dict, dict]:
    """Each listing's worst finding per rule (its rules in the order first met), its
    first asin and title, and each rule's area, a finding at a time."""
    rank = {"unknown": 0, "warn": 1, "fail": 2}
    worst: dict[tuple, dict[str, tuple[str, str]]] = {}
    labels: dict[tuple, dict] = {}
    areas: dict[str, str] = {}
    for f in findings:
        entity = f.get("entity") or {}
        sku, asin = entity.get("sku"), entity.get("asin")
        if f["outcome"] not in rank or entity.get("type") != "listing" or not (sku or asin):
            continue
        key = (str(sku or ""), "" if sku else str(asin), str(entity.get("marketplace") or ""))
        label = labels.setdefault(key, {"asin": None, "title": None})
        for name in label:
            label[name] = entity.get(name) if label[name] is None else label[name]
        per_rule = worst.setdefault(key, {})
        seen = per_rule.get(f["rule_id"])
        if seen is None or rank[f["outcome"]] > rank[seen[0]]:
            per_rule[f["rule_id"]] = (f["outcome"], f["severity"])
        areas.setdefault(f["rule_id"], f["area"])
    return worst, labels, areas


def scored_one_by_one(
    findings: list[dict], weights: dict, consequences: dict[str, Consequence]
) -> list[dict]:
    """Listing scores as their definition reads, a finding at a time (the loop that
    `sku_scores` computes column-wise, to the same bytes)."""
    rank = {"unknown": 0, "warn": 1, "fail": 2}
    worst, labels, areas = worst_one_by_one(findings)
    known = {rule_id: area_consequence(area) for rule_id, area in areas.items()} | consequences
    entries = []
    for (sku, asin, marketplace), per_rule in worst.items():
        total, rules, tallies = 0.0, [], []
        outcomes = {"fail": 0, "warn": 0, "unknown": 0}
        for rule_id, (outcome, severity) in per_rule.items():
            consequence = known[rule_id]
            d = defects_of(
                outcome == "fail", outcome == "warn", outcome == "unknown", severity, consequence
            )
            cost = deduction(rule_weight(weights, severity, consequence), d)
            total += cost
            outcomes[outcome] += 1
            rules.append((rule_id, severity, consequence.value, outcome, round(cost, 3)))
            counts = {"pass": 0, "fail": 0, "warn": 0, "unknown": 0, outcome: 1}
            tallies.append(Tally(rule_id, areas[rule_id], Severity(severity), counts, consequence))
        rules.sort(key=lambda r: (-r[4], -rank[r[3]], r[0]))
        points = round(max(0.0, 100.0 - total), 1)
        label = labels[sku, asin, marketplace]
        entries.append(
            {
                "sku": sku or None,
                "asin": label["asin"] or (asin or None),
                "marketplace": marketplace or None,
                "title": label["title"],
                "score": points,
                "status": _status(points, tallies),
                "deduction": round(min(100.0, total), 3),
                "outcomes": outcomes,
                "rules": [
                    dict(
                        zip(
                            ("rule_id", "severity", "consequence", "outcome", "points"),
                            r,
                            strict=True,
                        )
                    )
                    for r in rules
                ],
            }
        )
    order = ["not_assessed", "healthy", "at_risk", "critical"]
    return sorted(
        entries,
        key=lambda e: (
            e["score"],
            -order.index(e["status"]),
            *(-e["outcomes"][o] for o in ("fail", "warn", "unknown")),
            *(e[name] or "" for name in ("sku", "asin", "marketplace")),
        ),
    )


ENTITIES = st.fixed_dictionaries(
    {"type": st.sampled_from(["listing", "listing", "listing", "account"])},
    optional={
        "sku": st.sampled_from([None, "", "S-1", "S-2", "S-3"]),
        "asin": st.sampled_from([None, "", "B0CXV1SPK1"]),
        "marketplace": st.sampled_from([None, "US", "DE"]),
        "title": st.sampled_from([None, "Kids RC car", "Voltix speaker"]),
    },
)
FINDINGS = st.builds(
    lambda rule, severity, outcome, entity: {
        "rule_id": rule,
        "severity": severity.value,
        "outcome": outcome,
        "area": AREAS_OF[rule],
        "entity": entity,
    },
    st.sampled_from(RULES),
    st.sampled_from(list(Severity)),
    st.sampled_from(["pass", "unknown", "warn", "fail"]),
    ENTITIES,
)


@given(
    st.lists(FINDINGS, max_size=40),
    weight_lists,
    st.dictionaries(st.sampled_from(RULES), st.sampled_from(list(Consequence))),
)
def test_listing_scores_are_those_of_the_findings_taken_one_by_one(findings, weights, consequences):
    entries, totals = sku_scores(findings, weights, 5, consequences)

    assert json.dumps(entries) == json.dumps(scored_one_by_one(findings, weights, consequences))
    assert totals == {
        "listings": max(5, len(entries)),
        "listed": len(entries),
        "clean": max(0, 5 - len(entries)),
    }
    # Each listing's points are added in the order its rules were first met, as the
    # loop adds them: another order can change a sum's last bits, and so its rounding.
    found = _ListingFindings.of(findings)
    added = [
        [found.kinds[k][0] for k in found.kind[found.listing == i]] for i in range(len(found.keys))
    ]
    assert added == [list(per_rule) for per_rule in worst_one_by_one(findings)[0].values()]
