"""The violations a plan of action answers.

Most are named after the health rules that watch them; others (variation abuse, fair
pricing, drop shipping...) are the wording of Amazon's notices, with no metric behind them,
and a draft for those works from the notice and the seller's facts. Each type says which
finding is the violation itself (its health rule, narrowed to one metric where the rule
watches several) and which other findings are evidence of its root causes: for an order
defect rate, late shipments and slow replies; for listing violations, every failing listing
rule on the ASINs concerned.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ViolationType:
    #: The health rule's name, e.g. `order-defect-rate`; also the template's file name.
    name: str
    #: The health rule whose finding is the violation (None: no metric measures it).
    rule_id: str | None
    #: The rule's metric that is this violation, where the rule watches several
    #: (HLT-012: product safety complaints and food safety issues).
    metric: str | None = None
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
    #: Whether Amazon asks for a plan of action at all (an invoice defect rate: it does not).
    plan_required: bool = True
    #: The account warning states (HLT-021 subjects) that are this violation.
    warning_states: tuple[str, ...] = ()


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
            metric="product_safety_complaints",
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
        ViolationType(
            "product-condition-complaints",
            "HLT-013",
            related_rules=("HLT-018",),
            about_listings=True,
        ),
        # Food: grocery is a gated category (CMP-017/018), a food or supplement may not make
        # a drug or disease claim (LST-020), and Amazon's own issues on the listing (LST-023).
        ViolationType(
            "food-safety-violations",
            "HLT-012",
            metric="food_safety_issues",
            related_rules=("CMP-017", "CMP-018", "LST-020", "LST-023"),
            about_listings=True,
        ),
        # No rule checks variation families yet; the issues Amazon reports on the notice's
        # listings (LST-023: a missing variation attribute, a suppressed child) are evidence.
        ViolationType(
            "variation-policy-violations", None, related_rules=("LST-023",), about_listings=True
        ),
        ViolationType("fair-pricing-violations", None, about_listings=True),
        ViolationType(
            "buyer-messaging-violations",
            None,
            related_rules=("HLT-021",),
            warning_states=("spammingSellerMessaging",),
        ),
        ViolationType("drop-shipping-violations", None, related_rules=("HLT-013", "HLT-018")),
        ViolationType("invoice-defect-rate", "HLT-016", plan_required=False),
    )
}
