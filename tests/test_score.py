"""The scoring model: deterministic, monotone, and honest about what was not decided."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from auditor.model.common import Severity
from auditor.score import WEIGHTS, Tally, summarise


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
    assert result["areas"]["health"]["score"] == 90
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
    result = summary(tally("CMP-009", "high", "compliance", unknown=4))
    assert result["areas"]["compliance"]["score"] is None
    assert result["score"] is None
    assert result["status"] == "not_assessed"  # never "healthy" on no evidence


def test_gate_counts_failures_at_or_above_fail_on_and_warns_only_when_strict():
    findings = [
        {"outcome": "fail", "severity": "medium"},
        {"outcome": "warn", "severity": "critical"},
        {"outcome": "unknown", "severity": "critical"},
    ]
    t = tally("X-1", "high", **{"pass": 1})
    assert summary(t, findings=findings, fail_on=Severity.high)["gate"]["failed"] is False
    assert summary(t, findings=findings, fail_on=Severity.medium)["gate"]["findings"] == 1
    strict = summary(t, findings=findings, fail_on=Severity.high, strict=True)["gate"]
    assert strict == {"fail_on": "high", "strict": True, "failed": True, "findings": 1}


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
