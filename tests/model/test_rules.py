"""Rule declarations: a severity per marketplace, and a severity no surer than its source."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import make_rule, run, table
from pydantic import ValidationError

from auditor.model.common import Severity

ON_TIME = {"kind": "required", "fields": "title"}


def rule(severity: Any, confidence: str = "amazon", **source: Any) -> Any:
    return make_rule(
        ON_TIME,
        severity=severity,
        source={
            "url": "https://sellercentral.amazon.com/help/hub/reference/external/G200205250",
            "checked": "2026-12-07",
            "confidence": confidence,
            **source,
        },
    )


def test_severity_may_vary_by_marketplace_and_each_finding_carries_its_own():
    packed = rule({"default": "medium", "us": "high"})
    listings = table("listings", {"sku": "AQ-BTL-01"}, marketplace="US")
    listings_de = table("listings", {"sku": "AQ-BTL-01"}, marketplace="DE")

    assert packed.rule.severity_label() == "medium (US: high)"
    assert run(packed, listings).findings[0]["severity"] == "high"
    assert run(packed, listings_de).findings[0]["severity"] == "medium"


def test_a_severity_per_marketplace_needs_a_default_and_known_marketplaces():
    with pytest.raises(ValidationError, match="needs a `default`"):
        rule({"US": "high"})
    with pytest.raises(ValidationError, match="unknown marketplace 'XX'"):
        rule({"default": "low", "XX": "high"})


@pytest.mark.parametrize(
    ("confidence", "allowed", "refused"),
    [("unconfirmed", "low", "medium"), ("third-party", "medium", "high")],
)
def test_confidence_caps_severity(confidence, allowed, refused):
    assert rule(allowed, confidence).rule.base_severity == Severity(allowed)
    with pytest.raises(ValidationError, match=f"the most a rule whose source is {confidence}"):
        rule(refused, confidence)
    with pytest.raises(ValidationError, match="above"):
        rule({"default": allowed, "US": refused}, confidence)  # every marketplace's counts


def test_a_third_party_source_quoting_amazon_may_be_more_severe():
    quoted = rule(
        "high",
        "third-party",
        quote="If your Account Health Rating falls below 100, your account may be deactivated.",
    )

    assert quoted.rule.base_severity == Severity.high
    with pytest.raises(ValidationError, match="the most a rule whose source is unconfirmed"):
        rule("medium", "unconfirmed", quote="Amazon's words do not make an unconfirmed page sure.")
