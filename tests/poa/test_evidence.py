"""The evidence a draft states follows the notice: its channel and window choose the figures,
what the data says otherwise is told to the seller, only the notice's ASINs are named, and
each ASIN's requested documents are looked up in the documents register."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from auditor.poa.attachments import asin_evidence
from auditor.poa.evidence import Mismatch, gather
from auditor.poa.notice import Notice, RequestedDocument
from auditor.poa.violations import VIOLATIONS


def odr_finding(channel: str, value: float, bad: int, total: int, days: int = 60) -> dict:
    return {
        "rule_id": "HLT-001",
        "rule_name": "order-defect-rate",
        "outcome": "fail" if value >= 0.01 else "pass",
        "area": "health",
        "entity": {"type": "account", "marketplace": "DE", "channel": channel},
        "detail": f"{days}d",
        "observed": value,
        "limit": 0.01,
        "evidence": {
            "metric": "order_defect_rate",
            "window_days": days,
            "numerator": bad,
            "denominator": total,
        },
        "message": "…",
    }


def report(*findings: dict) -> dict:
    return {
        "run": {"as_of": "2026-11-27", "language": "en"},
        "findings": [f for f in findings if f["outcome"] != "pass"]
        + [{**f, "outcome": "warn"} for f in findings if f["outcome"] == "pass"],
        "metrics": [],
        "rules": [],
    }


SELLER_FULFILLED = Notice(
    violation="order-defect-rate", marketplace="DE", channel="mfn", rate=0.0125, window_days=60
)


def test_the_notices_channel_chooses_the_figures_stated():
    data = report(odr_finding("afn", 0.0081, 3, 370), odr_finding("mfn", 0.0125, 5, 400))
    evidence = gather(data, VIOLATIONS["order-defect-rate"], ["DE"], notice=SELLER_FULFILLED)
    assert [(b.channel, b.value) for b in evidence.breaches] == [("mfn", 0.0125)]
    assert evidence.mismatches == []


def test_data_of_another_channel_is_never_used_in_its_place():
    # The letter that argued against its own appeal: FBA at 0.81% for a seller-fulfilled notice.
    data = report(odr_finding("afn", 0.0081, 3, 370))
    evidence = gather(data, VIOLATIONS["order-defect-rate"], ["DE"], notice=SELLER_FULFILLED)
    assert evidence.breaches == []
    assert evidence.mismatches == [Mismatch("channel", "seller-fulfilled", "FBA")]
    assert "for seller-fulfilled orders" in evidence.gaps[0]


def test_a_rate_or_count_the_notice_states_otherwise_is_a_mismatch():
    data = report(odr_finding("mfn", 0.011, 11, 1000))
    notice = Notice(**{**SELLER_FULFILLED.__dict__, "defects": 5, "orders": 400})
    evidence = gather(data, VIOLATIONS["order-defect-rate"], ["DE"], notice=notice)
    assert evidence.mismatches == [
        Mismatch("rate", "1.25%", "1.1%"),
        Mismatch("defects", "5", "11"),
        Mismatch("orders", "400", "1000"),
    ]


def listing_finding(asin: str, rule: str = "CMP-017") -> dict:
    return {
        "rule_id": rule,
        "rule_name": "x",
        "outcome": "fail",
        "area": "compliance",
        "entity": {"type": "listing", "asin": asin, "sku": f"SKU-{asin[-2:]}", "marketplace": "US"},
        "detail": None,
        "observed": None,
        "limit": None,
        "evidence": {"category": "dietary-supplements"},
        "message": f"No approval for {asin}.",
    }


def test_only_the_notices_asins_are_named_and_the_others_counted():
    data = report(listing_finding("B0DSUP0001"), listing_finding("B0DTITLE99"))
    data["rules"] = [
        {"rule_id": "CMP-017", "statement": "We sold it in {category} without approval."}
    ]
    notice = Notice(violation="restricted-product-violations", asins=("B0DSUP0001",))
    evidence = gather(data, VIOLATIONS["restricted-product-violations"], ["US"], notice=notice)
    assert [c.asin for c in evidence.listing_causes] == ["B0DSUP0001"]
    assert evidence.other_listings == 1
    [cause] = evidence.listing_causes[0].findings
    assert cause.statement == "We sold it in dietary-supplements without approval."


REGISTER = pd.DataFrame(
    [
        # COA of the magnesium capsules, from an accredited laboratory, this year
        ["certificate_of_analysis", "COA-MG-2611", None, "B0DSUP0001", None, "US",
         "2026-10-20", None, "Eurofins Scientific (ISO/IEC 17025 accredited)", "coa-mg.pdf", None],
        # an invoice from 2025, too old for "the last 365 days"
        ["supplier_invoice", "INV-2025-0311", "MG-120", None, None, None,
         "2025-03-11", None, "Hangzhou Nutri Co., Ltd.", "inv-2025.pdf", None],
        # an invoice from a retailer for the vitamin drops
        ["supplier_invoice", "112-7788", None, "B0DSUP0002", None, None,
         "2026-09-01", None, "Amazon.com", "receipt.pdf", None],
        # a COA for the drops, laboratory not said to be accredited
        ["certificate_of_analysis", "LAB-88", None, "B0DSUP0002", None, None,
         "2026-08-01", None, "Quick Lab", "coa-d3.pdf", None],
    ],
    columns=["document_type", "identifier", "sku", "asin", "brand", "marketplace",
             "issued_on", "expires_on", "issuer", "file", "notes"],
)  # fmt: skip
LISTINGS = pd.DataFrame(
    [["MG-120", "B0DSUP0001", "Evergreen"], ["D3-DROPS", "B0DSUP0002", "Evergreen"]],
    columns=["sku", "asin", "brand"],
)
SUPPLEMENTS = Notice(
    violation="restricted-product-violations",
    marketplace="US",
    asins=("B0DSUP0001", "B0DSUP0002"),
    notice_date=dt.datetime(2026, 11, 24, 9, 0),
    documents=(
        RequestedDocument("coa", "a COA", 365, "ISO/IEC 17025 accredited laboratory"),
        RequestedDocument("label_images", "label images"),
        RequestedDocument("invoice", "invoices from the last 365 days", 365),
    ),
)


def test_each_asin_gets_what_the_register_holds_and_what_will_not_do():
    capsules, drops = asin_evidence(REGISTER, LISTINGS, SUPPLEMENTS, dt.date(2026, 11, 27))
    assert capsules.sku == "MG-120"
    assert [(d.kind, d.file, d.problem) for d in capsules.held] == [
        ("coa", "coa-mg.pdf", None),
        ("invoice", "inv-2025.pdf", "too_old"),
    ]
    assert capsules.missing == ("label_images",)
    assert capsules.wanting() == ("label_images", "invoice")
    assert "issued 2025-03-11" in capsules.held[1].detail
    assert [(d.kind, d.problem) for d in drops.held] == [
        ("coa", "issuer_unconfirmed"),
        ("invoice", "wrong_party"),
    ]
    assert "retailer" in drops.held[1].detail


def test_a_notice_asking_for_no_documents_gives_no_list():
    notice = Notice(violation="ip-complaints", asins=("B0DSUP0001",))
    assert asin_evidence(REGISTER, LISTINGS, notice, dt.date(2026, 11, 27)) == []


def test_a_listing_states_each_sentence_once():
    # CMP-018 needs several documents and says the same of each missing one: one line.
    data = report(
        {**listing_finding("B0DSUP0001", "CMP-018"), "detail": "gmp_certificate"},
        {**listing_finding("B0DSUP0001", "CMP-018"), "detail": "third_party_verification"},
    )
    data["rules"] = [{"rule_id": "CMP-018", "statement": "We held no valid category document."}]
    notice = Notice(violation="restricted-product-violations", asins=("B0DSUP0001",))
    evidence = gather(data, VIOLATIONS["restricted-product-violations"], ["US"], notice=notice)
    [listing] = evidence.listing_causes
    assert [f.statement for f in listing.findings] == ["We held no valid category document."]


def warning_state(subject: str) -> dict:
    return {
        "rule_id": "HLT-021",
        "rule_name": "account-warning-states",
        "outcome": "fail",
        "area": "health",
        "entity": {"type": "account", "marketplace": "US", "channel": None, "subject": subject},
        "detail": None,
        "observed": "BAD",
        "limit": "GOOD, NONE",
        "evidence": {"metric": "warning_state"},
        "message": f"Account Health warning {subject} in US: Amazon's status is BAD.",
    }


def test_a_buyer_messaging_plan_takes_only_the_messaging_warning():
    data = report(warning_state("spammingSellerMessaging"), warning_state("otherWarningType"))
    evidence = gather(data, VIOLATIONS["buyer-messaging-violations"], ["US"])
    assert [c.evidence and c.value for c in evidence.account_causes] == ["BAD"]
    assert evidence.account_causes[0].message.startswith("Account Health warning spamming")


def test_a_document_without_an_issue_date_is_undated_not_too_old():
    undated = REGISTER.copy()
    undated.loc[0, "issued_on"] = None  # the accredited COA, its date left blank
    capsules, _ = asin_evidence(undated, LISTINGS, SUPPLEMENTS, dt.date(2026, 11, 27))
    coa = next(d for d in capsules.held if d.kind == "coa")
    assert (coa.problem, coa.detail) == (
        "undated",
        "no issue date in the register; the notice accepts 365 days",
    )
