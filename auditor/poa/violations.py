"""The violations a plan of action answers, named after the health rules that watch them.

Each type says which finding is the violation itself (its health rule) and which other
findings are evidence of its root causes: for an order defect rate, late shipments and
slow replies; for listing violations, every failing listing rule on the ASINs concerned.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ViolationType:
    #: The health rule's name, e.g. `order-defect-rate`; also the template's file name.
    name: str
    #: The health rule whose finding is the violation (None: no metric measures it).
    rule_id: str | None
    #: Account metrics whose counts split the violation into its sources (largest first).
    components: tuple[str, ...] = ()
    #: Rules whose findings point at root causes.
    related_rules: tuple[str, ...] = ()
    #: Areas whose every failing rule points at root causes (listing violations).
    related_areas: tuple[str, ...] = ()
    #: Whether the violation is about listings (ASINs) rather than orders.
    about_listings: bool = False
    #: Rates where a higher value is better (valid tracking, on-time delivery).
    higher_is_better: bool = False


VIOLATIONS: dict[str, ViolationType] = {
    v.name: v
    for v in (
        ViolationType(
            "order-defect-rate",
            "HLT-001",
            components=("negative_feedback_rate", "a_to_z_claim_rate", "chargeback_rate"),
            related_rules=("HLT-002", "HLT-004", "HLT-005", "HLT-013", "HLT-017", "HLT-018"),
        ),
        ViolationType("late-shipment-rate", "HLT-002", related_rules=("HLT-004", "INV-005")),
        ViolationType("pre-fulfillment-cancel-rate", "HLT-003", related_rules=("INV-005",)),
        ViolationType(
            "valid-tracking-rate", "HLT-004", related_rules=("HLT-002",), higher_is_better=True
        ),
        ViolationType(
            "on-time-delivery-rate",
            "HLT-005",
            related_rules=("HLT-002", "HLT-004"),
            higher_is_better=True,
        ),
        ViolationType(
            "ip-complaints",
            "HLT-008",
            related_rules=("LST-012", "LST-019", "LST-023", "CMP-017", "CMP-018"),
            about_listings=True,
        ),
        ViolationType(
            "authenticity-complaints",
            "HLT-009",
            related_rules=("HLT-013", "LST-023", "CMP-017", "CMP-018"),
            about_listings=True,
        ),
        ViolationType(
            "restricted-product-violations",
            "HLT-011",
            related_rules=("LST-020", "LST-023", "CMP-013", "CMP-014", "CMP-017", "CMP-018"),
            about_listings=True,
        ),
        ViolationType(
            "listing-policy-violations",
            "HLT-010",
            related_areas=("listing",),
            about_listings=True,
        ),
        ViolationType(
            "product-safety-complaints",
            "HLT-012",
            related_rules=(
                "CMP-006",
                "CMP-007",
                "CMP-009",
                "CMP-010",
                "CMP-011",
                "CMP-012",
                "CMP-014",
                "CMP-015",
                "CMP-016",
                "LST-023",
            ),
            about_listings=True,
        ),
        ViolationType("review-policy-violations", "HLT-014", about_listings=True),
        ViolationType("open-document-requests", "HLT-015", related_areas=("compliance",)),
        ViolationType("related-accounts", None, related_rules=("HLT-007",)),
    )
}
