"""Drafting plans of action: every violation type from real-looking audit data.

The inputs are the rule-pack fixtures (a seller performance report in which every health
metric breaks its limit, listing files and the seller's registers), audited once.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import AS_OF

from auditor.api import Options, audit
from auditor.cli import main
from auditor.poa.attachments import AsinEvidence, HeldDocument
from auditor.poa.commands import draft_plan, facts_template
from auditor.poa.draft import (
    MAX_LISTINGS,
    UNTRANSLATED,
    draft,
    number_items,
    paragraphs,
    percent,
    render_letter,
)
from auditor.poa.evidence import (
    Breach,
    Evidence,
    ListingCauses,
    Mismatch,
    Related,
    gather,
)
from auditor.poa.facts import (
    Action,
    Facts,
    LinkedAccount,
    ListingAction,
    Measure,
    RightsOwner,
    RootCause,
    Supplier,
    load_facts,
)
from auditor.poa.letter import NOTES_MARKER
from auditor.poa.notice import Notice, RequestedDocument, parse_notice
from auditor.poa.violations import VIOLATIONS

DATA = Path(__file__).resolve().parents[1] / "data"
INPUTS = [DATA / "rules" / p for p in ("health", "listing", "compliance")]
DEMO = Path(__file__).resolve().parents[2] / "examples"
PLACEHOLDER = re.compile(r"\[\[[^\]]*\]\]")
FACTS = DATA / "poa" / "facts"
#: The violations Amazon asks a plan of action for (not an invoice defect rate).
PLANNED = [name for name, v in VIOLATIONS.items() if v.plan_required]
#: A rule id standing on its own (not the tail of a SKU such as VX-LST-019).
RULE_ID = re.compile(r"(?<![\w-])[A-Z]{3}-\d{3}(?![\w-])")


@pytest.fixture(scope="module")
def report() -> dict:
    return audit(INPUTS, Options(as_of=AS_OF)).report


def _numbers_in(text: str) -> list[str]:
    """Numbers a reader would check: dates, percentages, counts; not list numbering,
    placeholders, ids (ASIN, SKU, rule ids) or the words of a code."""
    text = PLACEHOLDER.sub("", text)
    text = re.sub(r"(?m)^\d+\. ", "", text)
    text = re.sub(r"\b[A-Z0-9]*[A-Z][A-Z0-9]*(?:[-_][A-Za-z0-9]+)*\b", "", text)
    return re.findall(r"\d{4}-\d{2}-\d{2}|\d+(?:\.\d+)?%?", text)


def _allowed(report: dict) -> set[str]:
    """Every number the report holds, as written and as a percentage of a fraction."""
    dumped = json.dumps(report, ensure_ascii=False)
    allowed = set(re.findall(r"\d{4}-\d{2}-\d{2}|\d+(?:\.\d+)?%?", dumped))
    for token in [t for t in allowed if not t.endswith("%") and "-" not in t]:
        if "." in token or token in ("0", "1"):
            allowed.add(percent(float(token)))
    allowed |= {percent(float(t)) for t in re.findall(r"0\.\d+", dumped)}
    return allowed


@pytest.mark.parametrize("name", PLANNED)
def test_every_number_in_a_draft_comes_from_the_audit(report, name):
    result = draft(gather(report, VIOLATIONS[name]), Facts())
    stray = [n for n in _numbers_in(result.letter) if n not in _allowed(report)]
    assert not stray, f"{name}: numbers not in the inputs: {stray}\n{result.letter}"
    assert result.lint.counts.get("fail", 0) == 0, result.lint.findings
    # every placeholder is a lint warning and a checklist line, and only those
    assert len(PLACEHOLDER.findall(result.letter)) == len(result.placeholders)
    placeholder_warnings = [f for f in result.lint.findings if f["rule_id"] == "POA-007"]
    assert len(placeholder_warnings) == len(set(result.placeholders))
    assert all(f"- [ ] {p}" in result.notes for p in result.placeholders)


def _part(letter: str, heading: str) -> list[str]:
    """The numbered items of one part of a letter, without their numbers."""
    text = letter.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [re.sub(r"^\d+\. ", "", p) for p in paragraphs(text) if re.match(r"\d+\. ", p)]


def _asks(items: list[str], question: str) -> bool:
    return any(f"[[TO COMPLETE: {question}" in item for item in items)


@pytest.mark.parametrize(
    "name, why, what",
    [
        ("late-shipment-rate", "why these orders were confirmed after their expected ship date", "what you changed (handling time"),
        ("valid-tracking-rate", "why these shipments had no valid tracking", "the tracking numbers uploaded since"),
        ("on-time-delivery-rate", "why these orders arrived after the promised delivery date", "what you changed (carrier"),
        ("pre-fulfillment-cancel-rate", "why each order was cancelled", "how stock was reconciled"),
    ],
)  # fmt: skip
def test_the_root_cause_asks_why_and_the_corrective_actions_ask_what_was_done(
    report, name, why, what
):
    """Amazon's first question is the cause: the metric is context, the cause is asked for
    under Root cause, and the action that answers it (with its date) under Corrective."""
    letter = draft(gather(report, VIOLATIONS[name]), Facts()).letter
    causes, actions = _part(letter, "Root cause"), _part(letter, "Corrective actions")
    assert _asks(causes, why) and not _asks(actions, why)
    assert _asks(actions, what) and "and the date]]" in actions[0]
    assert not _asks(causes, what)


def test_an_odr_has_one_cause_and_one_answer_per_defect_largest_first(report):
    evidence = gather(report, VIOLATIONS["order-defect-rate"])
    letter = draft(evidence, Facts()).letter
    causes, actions = _part(letter, "Root cause"), _part(letter, "Corrective actions")
    labels = ["Negative feedback (12 orders): ", "A-to-z Guarantee claims (7 orders): "]
    labels.append("Chargebacks (2 orders): ")
    assert [c for c in causes if c.startswith(tuple(labels))] == [
        next(c for c in causes if c.startswith(label)) for label in labels
    ]
    assert _asks(causes, "why these buyers left negative feedback")
    assert _asks(causes, "why the buyers filed A-to-z Guarantee claims")
    assert _asks(causes, "why the buyers' banks charged these orders back")
    assert [a.split(": [[")[0] + ": " for a in actions] == labels


def test_without_the_audits_finding_the_letter_states_what_the_notice_states(report):
    """The audit's data may predate the notice (nothing for amazon.de here): the rate, counts,
    channel and window the notice states are the letter's context, and each is Amazon's."""
    notice = Notice(
        violation="order-defect-rate",
        marketplace="DE",
        channel="mfn",
        rate=0.0125,
        target=0.01,
        defects=5,
        orders=400,
        window_days=60,
    )
    evidence = gather(report, VIOLATIONS["order-defect-rate"], ["DE"])
    assert not evidence.breaches
    result = draft(evidence, Facts(), notice, both_languages=True)
    assert (
        "1. Over the last 60 days, 5 of our 400 seller-fulfilled orders on amazon.de had a "
        "defect. Our Order Defect Rate was 1.25%; Amazon's target is under 1%.\n" in result.letter
    )
    assert "2. Defective orders (5 orders): [[TO COMPLETE: why these orders had a defect" in (
        result.letter
    )
    assert "在最近 60 天内，我们在 amazon.de 的 400 个自配送订单中有 5 个存在缺陷。" in (
        result.companion or ""
    )


def test_odr_draft_states_the_counts_split_largest_first(report):
    evidence = gather(report, VIOLATIONS["order-defect-rate"])
    breach = evidence.breaches[0]
    letter = draft(evidence, Facts()).letter
    assert breach.marketplace == "US" and breach.outcome == "fail"
    assert f"{breach.numerator} of our {breach.denominator} seller-fulfilled orders" in letter
    assert percent(breach.value) in letter
    counts = [c.count for c in breach.components]
    assert counts == sorted(counts, reverse=True) and sum(counts) >= 1
    assert (
        "The defects were, largest first: 12 negative feedback ratings, "
        "7 A-to-z Guarantee claims, 2 chargebacks." in letter
    )


@pytest.mark.parametrize("name", [f.stem for f in sorted(FACTS.glob("*.yaml"))])
def test_facts_filled_in_answer_every_cause_with_a_dated_action_and_an_owned_measure(report, name):
    """The facts files of tests/data/poa/facts: each cause under Root cause with its own
    words, one dated action per cause, an owner and a frequency on every measure."""
    facts = load_facts(FACTS / f"{name}.yaml")
    notice = parse_notice("Date: 2026-11-25\nProduct safety complaint on ASIN B0C7HPB10K.")
    result = draft(
        gather(report, VIOLATIONS[name], asins=list(notice.asins)),
        facts,
        notice if VIOLATIONS[name].about_listings else None,
    )
    causes = _part(result.letter, "Root cause")
    actions = _part(result.letter, "Corrective actions")
    for cause in facts.causes:
        assert any(cause.cause in c for c in causes), cause.cause
    assert len(actions) >= len(facts.causes)
    assert all(re.match(r"On \d{4}-\d{2}-\d{2}: |ASIN ", a) for a in actions), actions
    for measure in _part(result.letter, "Preventive measures"):
        assert "Responsible: " in measure and "Frequency: " in measure
    # the only placeholders left are for what the audit's data cannot state
    assert all(p.startswith("what was wrong with") for p in result.placeholders)


def test_placeholders_appear_exactly_where_facts_are_missing(report):
    evidence = gather(report, VIOLATIONS["order-defect-rate"])
    bare = draft(evidence, Facts())
    facts = Facts(
        root_causes=[
            RootCause(
                cause="The claims were for parcels one regional carrier marked delivered "
                "during its strike week.",
                defect="a_to_z_claim_rate",
            ),
            "Our returns inbox was not read for two weeks because its only reader was on leave.",
        ],
        corrective_actions=[
            Action(what="Refunded every claim order in full.", date="2026-11-20", cause=1),
            Action(what="Moved seller-fulfilled orders to Buy Shipping."),  # no date, no cause
        ],
        preventive_measures=[
            Measure(what="Each parcel ships with Buy Shipping.", owner="warehouse lead")
        ],
    )
    filled = draft(evidence, facts)
    assert len(bare.placeholders) > len(filled.placeholders)
    assert filled.placeholders == [
        "why these buyers left negative feedback (what they reported: not as described, "
        "damaged, late or not received), with the order IDs",
        "why the buyers' banks charged these orders back (not received, not as described, "
        "payment not recognised), with the order IDs",
        "the date of: Moved seller-fulfilled orders to Buy Shipping.",
        "what you did for each chargeback (answered the bank with proof of delivery, "
        "refunded), and the date",
        'what you did about the cause "Our returns inbox was not read for two…", and the date',
        "how often: Each parcel ships with Buy Shipping.",
    ]
    assert (
        "A-to-z Guarantee claims (7 orders): The claims were for parcels one regional carrier "
        "marked delivered during its strike week." in filled.letter
    )
    assert "On 2026-11-20: Refunded every claim order in full." in filled.letter
    assert "Responsible: warehouse lead." in filled.letter
    # the undated action without a cause answers the first cause that had none
    actions = _part(filled.letter, "Corrective actions")
    assert actions[0].startswith("Moved seller-fulfilled orders to Buy Shipping.")
    assert actions[1] == "On 2026-11-20: Refunded every claim order in full."


def test_a_facts_file_names_the_cause_an_action_answers_by_number_or_defect():
    facts = Facts(
        violation="order-defect-rate",
        root_causes=[RootCause(cause="Batch 2611 was not aired.", defect="negative_feedback_rate")],
        corrective_actions=[
            Action(what="Withdrew batch 2611.", date="2026-11-20", cause="negative_feedback_rate"),
            Action(what="Refunded the twelve buyers.", date="2026-11-20", cause=1),
        ],
    )
    line = facts.answers(["negative_feedback_rate", "a_to_z_claim_rate"]).lines[0]
    assert [a.what for a in line.actions] == ["Withdrew batch 2611.", "Refunded the twelve buyers."]
    with pytest.raises(ValueError, match="answers root cause 2, but root_causes has 1"):
        Facts(root_causes=["One cause."], corrective_actions=[Action(what="x", cause=2)])
    with pytest.raises(ValueError, match="path 'delete' is not one for ip-complaints"):
        Facts(violation="ip-complaints", path="delete")


def _supplement(statement: str | None = None) -> Evidence:
    """Amazon.com removed two dietary supplements; the audit found what was wrong with one."""
    claim = Related(
        rule_id="LST-020",
        rule_name="restricted-claims",
        outcome="fail",
        message="Drug or disease claim in bullet_point4: cures joint pain.",
        marketplace="US",
        channel=None,
        asin="B0DVITD3G1",
        sku="VD-GUM-60",
        value="cures joint pain",
        limit=None,
        evidence={},
        statement=statement,
    )
    document = Related(
        rule_id="CMP-018",
        rule_name="category-approval-documents",
        outcome="fail",
        message="Gated category document third_party_verification missing or not acceptable "
        "for this listing (issued on 2025-06-20, before 2025-11-27, the oldest issue date "
        "accepted).",
        marketplace="US",
        channel=None,
        asin="B0DMAGC120",
        sku="VP-MAG-120",
        value=None,
        limit=None,
        evidence={},
    )
    count = Breach("US", None, "restricted_product_violations", "fail", 2, 0, 180, None, None,
                   "2026-05-31", "2026-11-26")  # fmt: skip
    return Evidence(
        violation=VIOLATIONS["restricted-product-violations"],
        as_of="2026-11-21",
        marketplaces=["US"],
        breaches=[count],
        listing_causes=[
            ListingCauses("B0DVITD3G1", "VD-GUM-60", "US", "Vitamin D3 gummies", (claim,)),
            ListingCauses("B0DMAGC120", "VP-MAG-120", "US", "Magnesium 120 caps", (document,)),
        ],
    )


SUPPLEMENT_NOTICE = Notice(
    violation="restricted-product-violations",
    asins=("B0DVITD3G1", "B0DMAGC120"),
    marketplace="US",
    notice_date=dt.datetime(2026, 11, 20, 9, 14),
    deadline=dt.datetime(2026, 11, 23, 9, 14),
    deadline_basis="72 hours after the notice date (stated in the notice)",
    documents=(
        RequestedDocument(
            "coa",
            "a Certificate of Analysis (COA) from an ISO/IEC 17025 accredited laboratory, "
            "issued within the last 12 months",
            365,
            "ISO/IEC 17025 accredited laboratory",
        ),
        RequestedDocument("label_images", "images of the product label showing all sides"),
        RequestedDocument("invoice", "supplier invoices issued in the last 365 days", 365),
    ),
)


def test_a_listing_cause_is_the_rules_statement_in_the_sellers_voice():
    statement = (
        'The fourth bullet point claimed the product "cures joint pain", a disease claim a '
        "dietary supplement may not make."
    )
    result = draft(_supplement(statement), Facts(), SUPPLEMENT_NOTICE)
    assert f"ASIN B0DVITD3G1 (SKU VD-GUM-60) on amazon.com: {statement}" in result.letter
    # without a statement, the seller is asked, and the audit's finding is in the notes
    assert (
        "ASIN B0DMAGC120 (SKU VP-MAG-120) on amazon.com: [[TO COMPLETE: what was wrong with "
        "ASIN B0DMAGC120 and why]]" in result.letter
    )
    assert "- B0DMAGC120: CMP-018 Gated category document third_party_verification" in (
        result.notes
    )
    assert "cures joint pain." not in result.notes.split("not state")[0]
    assert not RULE_ID.search(result.letter)
    assert "Drug or disease claim" not in result.letter


@pytest.mark.parametrize("name", PLANNED)
def test_no_rule_id_nor_audit_message_in_any_letter(report, name):
    evidence = gather(report, VIOLATIONS[name])
    letter = draft(evidence, Facts()).letter
    assert not RULE_ID.search(letter), RULE_ID.search(letter)
    findings = [f for c in evidence.listing_causes for f in c.findings]
    for finding in findings + evidence.account_causes:
        assert finding.message not in letter


def test_a_restricted_product_with_documents_asks_for_them_per_asin():
    """The dietary-supplement removal of issue 18: the notice asks for a COA, label images and
    invoices; the register holds some. The letter names the documents per ASIN and asks for
    the rest; the notes say what will not do, and why. Deletion is not the only way."""
    attachments = [
        AsinEvidence(
            "B0DVITD3G1",
            "VD-GUM-60",
            held=(
                HeldDocument("coa", "certificate_of_analysis", "coa-vd-gum-2026-09.pdf",
                             "COA-2026-0917", dt.date(2026, 9, 17), None, "Eurofins (ISO/IEC 17025)"),
                HeldDocument("label_images", "product_label_images", "labels-vd-gum.zip", None,
                             dt.date(2026, 10, 2), None, None),
                HeldDocument("invoice", "supplier_invoice", "inv-2025-0611.pdf", "INV-2025-0611",
                             dt.date(2025, 6, 11), None, "Ningbo Sunvita Nutrition Co., Ltd.",
                             problem="too_old",
                             detail="issued on 2025-06-11, more than 365 days before 2026-11-20"),
            ),
            missing=(),
        ),
        AsinEvidence(
            "B0DMAGC120",
            "VP-MAG-120",
            held=(
                HeldDocument("coa", "third_party_verification", "magnesium-coa.pdf", None,
                             dt.date(2026, 8, 1), None, "Nature's Path Trading", problem="wrong_party",
                             detail="issued by Nature's Path Trading, not an ISO/IEC 17025 "
                             "accredited laboratory"),
            ),
            missing=("label_images", "invoice"),
        ),
    ]  # fmt: skip
    evidence = _supplement()
    evidence.attachments, evidence.register_read = attachments, True
    result = draft(evidence, Facts(path="documents"), SUPPLEMENT_NOTICE)
    actions = _part(result.letter, "Corrective actions")
    # one item per ASIN: what was done, the documents attached, and each one still missing
    assert actions[0].startswith(
        "ASIN B0DVITD3G1 (SKU VD-GUM-60) on amazon.com: [[TO COMPLETE: the test results and "
        "documents that show ASIN B0DVITD3G1 complies (for example a Certificate of Analysis "
        "from an ISO/IEC 17025 accredited laboratory and images of the label)"
    )
    assert actions[0].endswith(
        "We attach the Certificate of Analysis (COA) (coa-vd-gum-2026-09.pdf, issued "
        "2026-09-17); the images of the product label and packaging (labels-vd-gum.zip, issued "
        "2026-10-02). [[TO COMPLETE: the supplier invoices for ASIN B0DVITD3G1 (SKU "
        "VD-GUM-60), with its date]]"
    )
    assert actions[1].endswith(
        "[[TO COMPLETE: the Certificate of Analysis (COA) for ASIN B0DMAGC120 (SKU VP-MAG-120), "
        "with its date]] [[TO COMPLETE: the images of the product label and packaging for ASIN "
        "B0DMAGC120 (SKU VP-MAG-120), with its date]] [[TO COMPLETE: the supplier invoices for "
        "ASIN B0DMAGC120 (SKU VP-MAG-120), with its date]]"
    )
    assert _asks(actions, "the test results and documents that show ASIN B0DVITD3G1 complies")
    assert "ISO/IEC 17025" in result.letter
    assert "deleted" not in result.letter
    notes = result.notes
    assert "supplier invoices (inv-2025-0611.pdf, issued 2025-06-11): too old (issued on " in notes
    assert "from the wrong party (issued by Nature's Path Trading, not an ISO/IEC 17025" in notes
    assert "images of the product label and packaging: missing" in notes


def test_a_restricted_product_without_a_path_asks_which_one_and_lists_them():
    result = draft(_supplement(), Facts(), SUPPLEMENT_NOTICE)
    assert _asks(
        _part(result.letter, "Corrective actions"),
        "what you did with ASIN B0DVITD3G1: documents and test results, category approval, "
        "corrected content, or deletion",
    )
    for path in ("`documents`", "`approval`", "`relist_corrected`", "`delete`"):
        assert path in result.notes
    assert "The documents register was not read" in result.notes


def test_the_notes_say_where_the_notice_and_the_data_disagree():
    """The letter follows the notice; the seller is told, in both languages, what the data
    says instead."""
    evidence = _supplement()
    evidence.mismatches = [Mismatch("window", "the last 60 days", "180 days")]
    result = draft(evidence, Facts(), SUPPLEMENT_NOTICE, both_languages=True)
    assert (
        "- The notice states the window the last 60 days; the audit's data shows 180 days: "
        "the letter follows the notice; check which is right." in result.notes
    )
    assert "- 通知中的统计期为 the last 60 days，审计数据显示为 180 days：信中以通知为准" in (
        result.notes
    )
    assert "180 days" not in result.letter


def test_a_deadline_already_passed_is_the_first_thing_the_notes_say():
    on_time = draft(_supplement(), Facts(), SUPPLEMENT_NOTICE)  # audited on 2026-11-21
    assert "deadline has passed" not in on_time.notes
    evidence = _supplement()
    evidence.as_of = "2026-11-27"
    late = draft(evidence, Facts(), SUPPLEMENT_NOTICE)
    assert late.notes.startswith(
        "## Before sending\n\n**The deadline has passed: the notice asked for an answer by "
        "2026-11-23 09:14, before 2026-11-27."
    )


def test_an_ip_complaint_held_invalid_asks_for_a_retraction_and_offers_apex(report):
    notice = parse_notice((DATA / "poa" / "notices" / "ip-trademark-us.txt").read_text())
    evidence = gather(report, VIOLATIONS["ip-complaints"], ["US"], list(notice.asins))
    facts = Facts(
        path="invalid_complaint",
        rights_owner=RightsOwner(name="Helvar Audio GmbH", complaint_type="patent"),
    )
    result = draft(evidence, facts, notice)
    causes, actions = _part(result.letter, "Root cause"), _part(result.letter, "Corrective actions")
    assert _asks(causes, "why the complaint is not valid (genuine goods")
    assert causes[-1].startswith("The complaint 9876543210 from Helvar Audio GmbH: ")
    assert _asks(actions, "the date you wrote to the rights owner to ask for a retraction")
    assert _asks(actions, "whether you asked Amazon for a neutral patent evaluation (APEX)")
    assert "Patent Evaluation Express (APEX)" in result.notes
    # admitting is not assumed: nothing asks for the listings to be deleted
    assert "deleted" not in result.letter
    written = draft(
        evidence,
        Facts(
            path="invalid_complaint",
            rights_owner=RightsOwner(
                name="Helvar Audio GmbH",
                contacted_on="2026-11-18",
                retraction_received_on="2026-11-24",
            ),
        ),
        notice,
    )
    assert "On 2026-11-24: Helvar Audio GmbH retracted the complaint" in written.letter


def test_an_ip_complaint_covered_by_a_licence_states_it(report):
    facts = Facts(
        path="authorised",
        rights_owner=RightsOwner(
            name="Helvar Audio GmbH",
            complaint_ids=["9876543210"],
            authorization="the licence agreement of 2026-01-05 with Helvar Audio GmbH",
            contacted_on="2026-11-19",
        ),
    )
    letter = draft(gather(report, VIOLATIONS["ip-complaints"]), facts).letter
    assert (
        "We attach the licence agreement of 2026-01-05 with Helvar Audio GmbH, which covers the "
        "listings named in the complaint. On 2026-11-19 we sent it to Helvar Audio GmbH." in letter
    )
    assert _asks(_part(letter, "Root cause"), "which letter of authorisation or licence covers")


def test_authenticity_acts_on_the_stock_held_and_on_the_supplier(report):
    bare = draft(gather(report, VIOLATIONS["authenticity-complaints"]), Facts()).letter
    actions = _part(bare, "Corrective actions")
    assert _asks(actions, "the supplier of the units sold, with the invoices that cover them")
    assert any("still in stock, in FBA and your warehouse" in a for a in actions)
    asin = gather(report, VIOLATIONS["authenticity-complaints"]).asins[0]
    facts = Facts(
        stock=[{"asin": asin, "action": "removal_order", "units": 212, "date": "2026-11-21"}],
        suppliers=[
            Supplier(
                name="Shenzhen Lumen Electronics Co., Ltd.",
                website="https://lumen.example.cn",
                authorized_by_brand=False,
                ended_on="2026-11-20",
                invoices=[{"number": "LM-2026-0912", "date": "2026-09-12", "units": 500}],
            )
        ],
    )
    letter = draft(gather(report, VIOLATIONS["authenticity-complaints"]), facts).letter
    assert "212 units sent back to us with a removal order on 2026-11-21." in letter
    assert (
        "Supplier Shenzhen Lumen Electronics Co., Ltd. (https://lumen.example.cn), invoice "
        "LM-2026-0912 of 2026-09-12, 500 units: on 2026-11-20 we stopped buying from it." in letter
    )


def test_product_safety_stops_the_sale_tells_buyers_checks_recalls_and_reports(report):
    bare = _part(
        draft(gather(report, VIOLATIONS["product-safety-complaints"]), Facts()).letter,
        "Corrective actions",
    )
    assert _asks(bare, "the date you stopped selling the products concerned")
    assert _asks(bare, "the date you told the buyers who bought the product about the hazard")
    assert _asks(bare, "the date you searched the recall lists (CPSC recalls in the US, EU")
    assert _asks(bare, "whether the law requires you to report the hazard (in the US a CPSC "
                       "Section 15(b) report, in the EU the Safety Business Gateway)")  # fmt: skip
    facts = load_facts(FACTS / "product-safety-complaints.yaml")
    letter = draft(gather(report, VIOLATIONS["product-safety-complaints"]), facts).letter
    for sentence in (
        "On 2026-11-19: We stopped selling the products concerned",
        "On 2026-11-20: We told the 37 buyers who bought the product about the hazard",
        "On 2026-11-20: We searched the recall lists (CPSC recalls, EU Safety Gate) for the "
        "product: no recall of this power bank is listed on cpsc.gov or in Safety Gate.",
        "On 2026-11-21: We reported the hazard to the CPSC (Section 15(b) report).",
    ):
        assert sentence in letter


NEW_TYPES = {
    "product-condition-complaints": "why buyers received items in another condition than listed",
    "food-safety-violations": "why the food was unsafe or not compliant",
    "variation-policy-violations": "why the variation family broke Amazon's variation policy",
    "fair-pricing-violations": "why the price broke the fair pricing policy",
    "buyer-messaging-violations": "which messages broke the communication guidelines",
    "drop-shipping-violations": "why orders reached buyers from a third party",
}


@pytest.mark.parametrize("name, why", NEW_TYPES.items())
def test_the_new_violation_types_draft_from_the_notice_and_the_facts(report, name, why):
    """Fair pricing and variations have no rule yet: the notice's ASINs are what the letter
    answers, one cause and one action each; the others have their own evidence too."""
    notice = parse_notice(
        "Date: 2026-11-24\nSubject: Policy warning on Amazon.com\n"
        f"We found a {name.replace('-', ' ')} issue on ASIN B0FPRICE01 and ASIN B0FPRICE02."
    )
    result = draft(gather(report, VIOLATIONS[name], ["US"], list(notice.asins)), Facts(), notice,
                   both_languages=True)  # fmt: skip
    causes = _part(result.letter, "Root cause")
    assert _asks(causes, why)
    if VIOLATIONS[name].about_listings:
        assert _asks(causes, "what was wrong with ASIN B0FPRICE01")
        actions = _part(result.letter, "Corrective actions")
        assert any(a.startswith("ASIN B0FPRICE02: [[TO COMPLETE:") for a in actions)
    assert result.companion and "[[待填写：" in result.companion
    assert result.lint.counts.get("fail", 0) == 0


def test_a_buyer_messaging_warning_is_stated_as_amazon_shows_it(report):
    letter = draft(gather(report, VIOLATIONS["buyer-messaging-violations"]), Facts()).letter
    assert (
        "Amazon's Account Health page for amazon.com shows a warning on our account with the "
        "status BAD." in letter
    )


def test_an_invoice_defect_rate_has_no_letter_to_render(report):
    """Amazon asks for no plan of action for an invoice defect rate: the letter part is empty
    (the draft is its notes, see the next test)."""
    evidence = gather(report, VIOLATIONS["invoice-defect-rate"])
    assert render_letter(evidence, Facts(), None, "en") == ("\n", [])


def test_an_invoice_defect_rate_draft_says_what_to_do_instead_of_a_plan(report):
    result = draft(gather(report, VIOLATIONS["invoice-defect-rate"]), Facts())
    assert result.notes.startswith("## Before sending")
    assert "Amazon asks for no plan of action for an Invoice Defect Rate" in result.notes
    assert "Upload the missing invoices for the Amazon Business orders concerned" in result.notes
    assert "VAT Calculation Service (VCS)" in result.notes
    assert "within 1 business day of shipment" in result.notes
    assert "28 of our 400 orders on amazon.fr had no invoice uploaded in time" in result.notes


def test_the_chinese_companion_uses_the_sellers_words(report):
    result = draft(gather(report, VIOLATIONS["order-defect-rate"]), Facts(), both_languages=True)
    assert result.companion is not None
    assert "缺陷构成（从多到少）：12 个差评，7 个 A-to-z 索赔，2 笔信用卡拒付。" in result.companion
    assert "差评（12 个订单）：[[待填写：这些买家留差评的原因" in result.companion
    assert "负面反馈" not in result.companion and "交易保障索赔" not in result.companion


def test_facts_written_in_english_are_flagged_in_the_chinese_companion(report):
    facts = load_facts(FACTS / "late-shipment-rate.yaml")
    result = draft(gather(report, VIOLATIONS["late-shipment-rate"]), facts, both_languages=True)
    assert result.companion is not None
    assert f"迟发订单：{UNTRANSLATED}Handling time was set to 1 day" in result.companion
    assert f"负责人：{UNTRANSLATED}warehouse lead。" in result.companion
    assert UNTRANSLATED not in result.letter


def test_the_chinese_notes_list_the_facts_left_in_english(report):
    facts = load_facts(FACTS / "late-shipment-rate.yaml")
    result = draft(gather(report, VIOLATIONS["late-shipment-rate"]), facts, both_languages=True)
    chinese_notes = result.notes.split("## 发送前", 1)[1]
    assert "### 未翻译的事实" in chinese_notes
    assert "- Set handling time to 2 days for all 214 SKUs in the shipping template." in (
        chinese_notes
    )


def test_open_document_requests_names_each_listing_once(report):
    evidence = gather(report, VIOLATIONS["open-document-requests"])
    causes = _part(draft(evidence, Facts()).letter, "Root cause")
    assert evidence.listing_causes
    for listing in evidence.listing_causes[:MAX_LISTINGS]:
        name = f"ASIN {listing.asin} " if listing.asin else f"SKU {listing.sku} "
        assert sum(c.startswith(name) for c in causes) == 1, name


def test_listing_violations_name_each_failing_listing(report):
    evidence = gather(report, VIOLATIONS["listing-policy-violations"])
    letter = draft(evidence, Facts()).letter
    assert evidence.listing_causes
    for cause in evidence.listing_causes[:3]:
        name = cause.asin or cause.sku
        assert name in letter
        assert cause.findings[0].message not in letter


def test_a_notice_asin_the_audit_knows_nothing_of_is_addressed_by_a_placeholder(report):
    notice = parse_notice(
        "Date: 2026-11-25\nWe removed ASIN B0ZZZZZZZ1 for a restricted product policy violation."
    )
    result = draft(gather(report, VIOLATIONS["restricted-product-violations"]), Facts(), notice)
    assert "ASIN B0ZZZZZZZ1: [[TO COMPLETE: what was wrong with ASIN B0ZZZZZZZ1]]" in result.letter
    assert not [f for f in result.lint.findings if f["rule_id"] == "POA-002"]


def test_restricted_listings_deleted_are_stated_from_the_facts(report):
    evidence = gather(report, VIOLATIONS["restricted-product-violations"])
    listing = evidence.listing_causes[1]
    facts = Facts(
        path="delete",
        listings=[ListingAction(asin=listing.asin, action="deleted", date="2026-11-21")],
    )
    letter = draft(evidence, facts).letter
    assert (
        f"ASIN {listing.asin} (SKU {listing.sku}) on amazon.com: Listing deleted on 2026-11-21."
        in letter
    )


def test_related_accounts_follow_amazons_reactivate_first_path(report):
    owned = Facts(linked_account=LinkedAccount(name="Lumen Home", owned=True))
    letter = draft(gather(report, VIOLATIONS["related-accounts"]), owned).letter
    assert "The related account Lumen Home is ours: [[TO COMPLETE: why the accounts" in letter
    assert "[[TO COMPLETE: the date the account Lumen Home was reactivated" in letter


def test_the_chinese_companion_follows_the_letter_paragraph_by_paragraph(report):
    for name in PLANNED:
        result = draft(gather(report, VIOLATIONS[name]), Facts(), both_languages=True)
        english = paragraphs(result.letter)
        assert result.companion is not None
        assert result.companion.count("\n[") + 1 >= len(english)
        assert f"[{len(english)}] " in result.companion
        assert "[[待填写：" in result.companion or not result.placeholders
    assert NOTES_MARKER in result.text()
    assert result.text().index(NOTES_MARKER) > result.text().index(result.letter.strip()[:40])


def test_a_saved_report_drafts_the_same_letter_as_the_audit(report, tmp_path):
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(report), encoding="utf-8")
    options = Options(as_of=AS_OF)
    fresh = draft_plan(INPUTS, violation="late-shipment-rate", options=options)
    reused = draft_plan([], violation="late-shipment-rate", report_file=saved, options=options)
    assert fresh.letter == reused.letter


def test_items_are_numbered_per_section():
    text = "# T\n\n## A\n\n- one\n\n- two\n\n## B\n\n- three\n"
    assert number_items(text) == "# T\n\n## A\n\n1. one\n\n2. two\n\n## B\n\n1. three\n"


@pytest.mark.parametrize("name", list(VIOLATIONS))
def test_facts_template_is_valid_yaml_for_its_violation(name):
    facts = Facts.model_validate(yaml.safe_load(facts_template(name)))
    assert facts.violation == name


def test_cli_walkthrough_draft_fill_facts_lint(tmp_path):
    """The README's walk-through: audit finds the ODR, draft, fill the facts, lint passes."""
    runner = CliRunner()
    demo, poa = DEMO / "demo-store", DEMO / "poa"
    plan = tmp_path / "plan.md"
    args = [
        "poa",
        "draft",
        str(demo),
        "--notice",
        str(poa / "odr-notice.txt"),
        "--as-of",
        "2026-11-27",
    ]
    first = runner.invoke(main, [*args, "-o", str(plan)])
    assert first.exit_code == 0, first.output
    assert "amazon.de" in plan.read_text(encoding="utf-8")
    as_draft = runner.invoke(main, ["poa", "lint", str(plan), "--draft", "--as-of", "2026-11-27"])
    assert as_draft.exit_code == 0 and "POA-007 warn" in as_draft.output
    to_send = runner.invoke(main, ["poa", "lint", str(plan), "--as-of", "2026-11-27"])
    assert to_send.exit_code == 1 and "POA-007 fail" in to_send.output
    filled = runner.invoke(main, [*args, "--facts", str(poa / "odr-facts.yaml"), "-o", str(plan)])
    assert filled.exit_code == 0, filled.output
    assert "Respond by 2026-11-30 08:05" in plan.read_text(encoding="utf-8")
    notice = ["--notice", str(poa / "odr-notice.txt")]
    final = runner.invoke(main, ["poa", "lint", str(plan), *notice, "--as-of", "2026-11-27"])
    assert final.exit_code == 0, final.output
    # the notice's 72 hours ran out on 2026-11-30: a week later the same plan is late
    late = runner.invoke(main, ["poa", "lint", str(plan), *notice, "--as-of", "2026-12-07"])
    assert late.exit_code == 1 and "POA-015 fail" in late.output
    assert "0 failing, 0 warnings" in final.output or "POA-" not in final.output


NOTICES = DATA / "poa" / "notices"


def test_a_notice_saved_as_html_leaves_no_html_in_the_draft(tmp_path):
    """The IP complaint saved from a mail client as HTML, with its script and tracking image."""
    plan = tmp_path / "plan.md"
    result = CliRunner().invoke(
        main,
        [
            "poa",
            "draft",
            str(DEMO / "demo-store"),
            "--notice",
            str(NOTICES / "ip-trademark-us.html"),
            "--as-of",
            "2026-11-27",
            "-o",
            str(plan),
        ],
    )
    assert result.exit_code in (0, 1), result.output

    text = plan.read_text(encoding="utf-8")
    assert "- The notice is an email saved as HTML: its text was read" in text
    assert "- ASINs: B07XJ8C8F5, B08R4N2VQK\n" in text
    assert "- Rights owner: Helvar Audio GmbH &amp; Co. KG\n" in text
    assert not re.search(r"<[a-z/!]", text), "no tag, comment or doctype"
    assert "document.cookie" not in text and "tracker.example" not in text


def test_tags_in_a_plain_text_notice_are_quoted_as_text_in_the_draft(report):
    """A notice pasted from a web page: its markup is the notice's words, never live HTML."""
    text = (NOTICES / "ip-trademark-us.txt").read_text(encoding="utf-8")
    notice = parse_notice(
        text.replace(
            "Rights owner: Helvar Audio GmbH",
            'Rights owner: Helvar <img src="x" onerror="alert(document.cookie)"> Audio',
        )
    )
    found = draft(gather(report, VIOLATIONS["ip-complaints"], ["US"], []), Facts(), notice)

    assert (
        '- Rights owner: Helvar &lt;img src="x" onerror="alert(document.cookie)"&gt; Audio\n'
        in found.notes
    )
    assert "<img" not in found.text()


def test_cli_user_mistakes_are_clear_errors(tmp_path):
    runner = CliRunner()
    no_type = runner.invoke(main, ["poa", "draft", str(DEMO / "demo-store")])
    assert no_type.exit_code == 2 and "which violation?" in no_type.output
    bad = tmp_path / "facts.yaml"
    bad.write_text("violation: order-defect-rate\ncorrective_actions:\n  - when: 2026-11-20\n")
    wrong = runner.invoke(
        main,
        [
            "poa",
            "draft",
            str(DEMO / "demo-store"),
            "--violation",
            "order-defect-rate",
            "--facts",
            str(bad),
        ],
    )
    assert wrong.exit_code == 2 and "facts.yaml:3" in wrong.output
    assert "Traceback" not in wrong.output
    schema = runner.invoke(main, ["schema", "facts"])
    assert schema.exit_code == 0 and '"corrective_actions"' in schema.output
