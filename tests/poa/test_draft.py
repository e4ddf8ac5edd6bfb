"""Drafting plans of action: every violation type from real-looking audit data.

The inputs are the rule-pack fixtures (a seller performance report in which every health
metric breaks its limit, listing files and the seller's registers), audited once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import AS_OF

from auditor.api import Options, audit
from auditor.cli import main
from auditor.poa.commands import draft_plan, facts_template
from auditor.poa.draft import draft, number_items, paragraphs, percent
from auditor.poa.evidence import gather
from auditor.poa.facts import Action, Facts, LinkedAccount, ListingAction, Measure, Supplier
from auditor.poa.letter import NOTES_MARKER
from auditor.poa.notice import parse_notice
from auditor.poa.violations import VIOLATIONS

DATA = Path(__file__).resolve().parents[1] / "data"
INPUTS = [DATA / "rules" / p for p in ("health", "listing", "compliance")]
DEMO = Path(__file__).resolve().parents[2] / "examples"
PLACEHOLDER = re.compile(r"\[\[[^\]]*\]\]")


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


@pytest.mark.parametrize("name", list(VIOLATIONS))
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


def test_odr_draft_states_the_counts_split_largest_first(report):
    evidence = gather(report, VIOLATIONS["order-defect-rate"])
    breach = evidence.breaches[0]
    letter = draft(evidence, Facts()).letter
    assert breach.marketplace == "US" and breach.outcome == "fail"
    assert f"{breach.numerator} of our {breach.denominator} seller-fulfilled orders" in letter
    assert percent(breach.value) in letter
    counts = [c.count for c in breach.components]
    assert counts == sorted(counts, reverse=True) and sum(counts) >= 1
    split = ", ".join(f"{c.count} " for c in breach.components)
    assert split.split(",")[0].strip() in letter.split("largest first: ")[1]


def test_placeholders_appear_exactly_where_facts_are_missing(report):
    evidence = gather(report, VIOLATIONS["order-defect-rate"])
    bare = draft(evidence, Facts())
    facts = Facts(
        root_causes=["All late parcels left with one regional carrier during its strike week."],
        corrective_actions=[
            Action(what="Refunded every claim order in full.", date="2026-11-20"),
            Action(what="Moved seller-fulfilled orders to Buy Shipping."),  # no date
        ],
        preventive_measures=[
            Measure(what="Each parcel ships with Buy Shipping.", owner="warehouse lead")
        ],
    )
    filled = draft(evidence, facts)
    assert len(bare.placeholders) > len(filled.placeholders)
    assert filled.placeholders == ["the date of this action"]
    assert "On 2026-11-20: Refunded every claim order in full." in filled.letter
    assert "Responsible: warehouse lead." in filled.letter
    assert "strike week" in filled.letter


def test_listing_violations_say_which_rules_failed_on_which_asin(report):
    evidence = gather(report, VIOLATIONS["listing-policy-violations"])
    letter = draft(evidence, Facts()).letter
    assert evidence.listing_causes
    for cause in evidence.listing_causes[:3]:
        name = cause.asin or cause.sku
        assert name in letter
        assert cause.findings[0].message in letter


def test_a_notice_asin_the_audit_knows_nothing_of_is_addressed_by_a_placeholder(report):
    notice = parse_notice(
        "Date: 2026-11-25\nWe removed ASIN B0ZZZZZZZ1 for a restricted product policy violation."
    )
    result = draft(gather(report, VIOLATIONS["restricted-product-violations"]), Facts(), notice)
    assert "ASIN B0ZZZZZZZ1: [[TO COMPLETE: what was wrong with ASIN B0ZZZZZZZ1]]" in result.letter
    assert not [f for f in result.lint.findings if f["rule_id"] == "POA-002"]


def test_restricted_listings_deleted_are_stated_from_the_facts(report):
    evidence = gather(report, VIOLATIONS["restricted-product-violations"])
    asin = evidence.asins[0]
    facts = Facts(listings=[ListingAction(asin=asin, action="deleted", date="2026-11-21")])
    letter = draft(evidence, facts).letter
    assert f"ASIN {asin}: listing deleted on 2026-11-21." in letter


def test_authenticity_names_the_suppliers_invoices(report):
    facts = Facts(
        suppliers=[
            Supplier(
                name="Shenzhen Lumen Electronics Co., Ltd.",
                website="https://lumen.example.cn",
                invoices=[{"number": "LM-2026-0912", "date": "2026-09-12", "units": 500}],
            )
        ]
    )
    letter = draft(gather(report, VIOLATIONS["authenticity-complaints"]), facts).letter
    assert "Supplier: Shenzhen Lumen Electronics Co., Ltd., https://lumen.example.cn." in letter
    assert "Invoice LM-2026-0912 of 2026-09-12, 500 units." in letter


def test_related_accounts_follow_amazons_reactivate_first_path(report):
    owned = Facts(linked_account=LinkedAccount(name="Lumen Home", owned=True))
    letter = draft(gather(report, VIOLATIONS["related-accounts"]), owned).letter
    assert "The related account Lumen Home is ours." in letter
    assert "[[TO COMPLETE: the date the account Lumen Home was reactivated" in letter


def test_the_chinese_companion_follows_the_letter_paragraph_by_paragraph(report):
    for name in VIOLATIONS:
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
    lint = runner.invoke(main, ["poa", "lint", str(plan)])
    assert lint.exit_code == 0 and "POA-007 warn" in lint.output
    filled = runner.invoke(main, [*args, "--facts", str(poa / "odr-facts.yaml"), "-o", str(plan)])
    assert filled.exit_code == 0, filled.output
    assert "Respond by 2026-11-30 08:05" in plan.read_text(encoding="utf-8")
    final = runner.invoke(main, ["poa", "lint", str(plan), "--notice", str(poa / "odr-notice.txt")])
    assert final.exit_code == 0
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
