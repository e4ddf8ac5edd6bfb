"""Suppressions take accepted findings out of a rule's counts, as if never evaluated."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import AS_OF, make_rule, outcomes, run, table

from auditor.engine.suppress import apply_suppressions, matches
from auditor.model.suppressions import LocatedSuppression, Suppression

BULLETS = [f"bullet_point{i}" for i in range(1, 4)]
OK = "IPX7 WATERPROOF: survives a drop in the pool"
#: Bullets shorter than 10 characters fail, shorter than 20 warn; a missing one is unknown.
BULLET_RULE = make_rule(
    {"kind": "length", "fields": BULLETS, "fail": {"lt": 10}, "warn": {"lt": 20}}, id="LST-008"
)
LSR_RULE = make_rule(
    {
        "kind": "threshold",
        "metric": "late_shipment_rate",
        "fail": {"gt": 0.04},
        "warn": {"gt": 0.03},
    },
    applies_to="account_metrics",
    id="HLT-002",
)


def listing(sku: str, **fields: object) -> dict[str, Any]:
    return {"sku": sku, "asin": f"B0{sku[-2:]}XXXXXX", "marketplace": "US", **fields}


def bullets() -> Any:
    return table(
        "listings",
        listing(
            "VX-SPK-01", bullet_point1="Tiny", bullet_point2="Loud and clear", bullet_point3=OK
        ),
        listing("VX-SPK-02", bullet_point1="Loud and clear", bullet_point2=OK, bullet_point3=OK),
        listing("VX-SPK-03", bullet_point1=OK, bullet_point2=OK, bullet_point3=OK),
    )


def waiver(
    line: int = 3, expires: dt.date = dt.date(2027, 1, 31), **fields: Any
) -> LocatedSuppression:
    entry = Suppression.model_validate(
        {"reason": "Bullets rewritten in the January refresh", "by": "li.wei", "expires": expires}
        | fields
    )
    return LocatedSuppression(entry, line)


def test_a_fully_suppressed_entity_leaves_the_counts_entirely():
    result = run(BULLET_RULE, bullets())
    assert result.counts == {"pass": 1, "fail": 1, "warn": 1, "unknown": 0}

    waived = apply_suppressions(
        [result], [waiver(rule="LST-008", entity={"sku": "VX-SPK-02"})], AS_OF
    )

    # VX-SPK-02 warned on one bullet and passed two: it is now neither a pass nor a warn.
    assert result.counts == {"pass": 1, "fail": 1, "warn": 0, "unknown": 0}
    assert [f["entity"]["sku"] for f in waived.suppressed] == ["VX-SPK-02"]
    assert waived.suppressed[0]["suppression"] == {
        "reason": "Bullets rewritten in the January refresh",
        "by": "li.wei",
        "expires": "2027-01-31",
        "line": 3,
    }
    assert ("VX-SPK-02", "bullet_point1", "warn") not in outcomes(result)
    assert waived.expired == [] and waived.stale == []


def test_suppressing_one_of_two_details_leaves_the_worst_of_what_remains():
    result = run(BULLET_RULE, bullets())
    assert sorted(outcomes(result)) == [
        ("VX-SPK-01", "bullet_point1", "fail"),
        ("VX-SPK-01", "bullet_point2", "warn"),
        ("VX-SPK-02", "bullet_point1", "warn"),
    ]

    apply_suppressions(
        [result],
        [waiver(rule="LST-008", entity={"sku": "VX-SPK-01"}, detail="bullet_point1")],
        AS_OF,
    )

    # VX-SPK-01 failed bullet 1 and warned bullet 2: with bullet 1 waived, it warns.
    assert result.counts == {"pass": 1, "fail": 0, "warn": 2, "unknown": 0}
    assert sorted(outcomes(result)) == [
        ("VX-SPK-01", "bullet_point2", "warn"),
        ("VX-SPK-02", "bullet_point1", "warn"),
    ]
    assert len(result.rows) == len(result.findings)


def test_windows_of_one_metric_are_separate_evaluations():
    metrics = table(
        "account_metrics",
        {"metric": "late_shipment_rate", "channel": "mfn", "window_days": 10, "value": 0.05},
        {"metric": "late_shipment_rate", "channel": "mfn", "window_days": 30, "value": 0.035},
    )
    result = run(LSR_RULE, metrics)
    assert result.counts == {"pass": 0, "fail": 1, "warn": 1, "unknown": 0}

    apply_suppressions(
        [result],
        [waiver(rule="HLT-002", entity={"marketplace": "us", "channel": "mfn"}, detail="10d")],
        AS_OF,
    )

    # Same entity fields, same source: still two rows; only the 10-day one is waived.
    assert result.counts == {"pass": 0, "fail": 0, "warn": 1, "unknown": 0}
    assert [f["detail"] for f in result.findings] == ["30d"]


def test_an_expired_suppression_waives_nothing_and_names_what_counts_again():
    result = run(BULLET_RULE, bullets())
    before = dict(result.counts)

    waived = apply_suppressions(
        [result],
        [
            waiver(
                line=9,
                expires=AS_OF - dt.timedelta(days=1),
                rule="LST-008",
                entity={"sku": "VX-SPK-01"},
            )
        ],
        AS_OF,
    )

    assert result.counts == before
    assert waived.suppressed == []
    [expired] = waived.expired
    assert expired["line"] == 9 and expired["expires"] == "2026-11-26"
    assert expired["findings"] == sorted(
        f["fingerprint"] for f in result.findings if f["entity"]["sku"] == "VX-SPK-01"
    )
    assert len(expired["findings"]) == 2


def test_a_suppression_holds_through_its_expiry_day():
    result = run(BULLET_RULE, bullets())
    waived = apply_suppressions(
        [result], [waiver(expires=AS_OF, rule="LST-008", entity={"sku": "VX-SPK-02"})], AS_OF
    )
    assert len(waived.suppressed) == 1 and waived.expired == []


def test_a_suppression_that_matches_nothing_is_stale():
    result = run(BULLET_RULE, bullets())
    before = dict(result.counts)

    waived = apply_suppressions(
        [result],
        [
            waiver(line=2, rule="LST-008", entity={"sku": "VX-SPK-03"}),  # it passes
            waiver(line=8, rule="LST-001", entity={"sku": "VX-SPK-01"}),  # not this rule
            waiver(line=14, rule="LST-008", entity={"sku": "VX-SPK-01", "marketplace": "DE"}),
            waiver(line=20, rule="LST-008", entity={"sku": "VX-SPK-01"}, detail="bullet_point3"),
        ],
        AS_OF,
    )

    assert result.counts == before
    assert [s["line"] for s in waived.stale] == [2, 8, 14, 20]
    assert waived.stale[0] == {
        "rule": "LST-008",
        "entity": {"sku": "VX-SPK-03"},
        "detail": None,
        "reason": "Bullets rewritten in the January refresh",
        "by": "li.wei",
        "expires": "2027-01-31",
        "line": 2,
    }


def test_matching_compares_text_and_marketplaces_by_country_code():
    finding = {
        "rule_id": "LST-008",
        "entity": {"type": "listing", "sku": "00123", "marketplace": "UK"},
        "detail": "bullet_point1",
    }
    assert matches(
        waiver(rule="LST-008", entity={"sku": "00123", "marketplace": "gb"}).entry, finding
    )
    assert not matches(waiver(rule="LST-008", entity={"sku": 123}).entry, finding)
    assert not matches(waiver(rule="LST-008", entity={"asin": "B0X"}).entry, finding)
    assert not matches(waiver(rule="LST-009", entity={"sku": "00123"}).entry, finding)
    assert matches(waiver(rule="LST-008", entity={"type": "listing"}).entry, finding)
