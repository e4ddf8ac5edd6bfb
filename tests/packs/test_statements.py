"""What a seller states in a plan of action about a listing's failing finding.

A plan of action names, per ASIN, what was wrong with the listing. The audit's message
("No valid LUCID packaging registration for this listing in DE (no document in the
register).") is the tool speaking; a rule's `statement` is the same fact as the seller
writes it to Amazon, filled from the finding's own placeholders. These tests hold the
listing and compliance packs to that: every rule on listings has one in both languages,
none speaks as the tool or to the reader, and each reads as a true sentence on the
rule's own failing examples and on listings as Amazon's reports carry them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import AS_OF, run, table

from auditor.engine.evaluate import evaluate_rule
from auditor.engine.verdicts import EvalContext
from auditor.errors import AuditorError
from auditor.model.rules import PackedRule, Rule
from auditor.model.tables import TABLES
from auditor.outputs.fill import compile_template
from auditor.packs.examples import _table  # fills the columns an example leaves out
from auditor.packs.loader import load_packs
from auditor.packs.selection import select_rules
from auditor.resources import rules_dir

PACKS = ("listing", "compliance")
BUNDLED = select_rules(load_packs([rules_dir()]), [], [], {})
#: Rules whose findings are on listings (their table's entity is a listing): the ones a
#: plan of action names per ASIN.
ON_LISTINGS = [
    p for p in BUNDLED if p.pack in PACKS and TABLES[p.rule.applies_to].entity_type == "listing"
]
BY_ID = {p.rule.id: p for p in BUNDLED}

RULE_ID = re.compile(r"[A-Z]{3}-\d{3}")
#: Words that make a statement the tool's voice or address the reader.
TOOL_OR_READER = re.compile(r"\bauditor\b|\byou\b|\byour\b|\byours\b", re.IGNORECASE)
CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: A placeholder left in a rendered text ("{value}", "{value:,}").
UNFILLED = re.compile(r"\{[a-z_]+[:!}]")
#: Where a sentence ends: a full stop followed by more text.
SENTENCE_END = {"en": re.compile(r"\.\s+\S"), "zh": re.compile(r"。.")}


def statement_of(rule: Rule, finding: dict[str, Any], language: str) -> str:
    """The rule's statement filled from a finding, with the placeholders its message has:
    the entity, the evidence, and the observed value, limit and detail."""
    values = {
        **finding["entity"],
        **finding["evidence"],
        "value": finding["observed"],
        "limit": finding["limit"],
        "detail": finding["detail"],
        "field": finding["detail"],
    }
    assert rule.statement is not None, f"{rule.id} has no statement"
    return compile_template(rule.statement.get(language))(values)


def example_findings(packed: PackedRule) -> list[dict[str, Any]]:
    """The findings of the rule's own fail and warn examples, as `auditor rules test`
    evaluates them (same registers, same audit date)."""
    rule = packed.rule
    as_of = rule.examples.as_of or AS_OF
    if not rule.in_effect(as_of):
        as_of = rule.effective_from or rule.effective_until or as_of
    context = {name: _table(name, rows) for name, rows in rule.examples.context.items()}
    for lookup in rule.check.lookup_tables:
        context.setdefault(lookup, _table(lookup, []))
    findings = []
    for record in [*rule.examples.fail, *rule.examples.warn]:
        tables = {**context, rule.applies_to: _table(rule.applies_to, [record])}
        ctx = EvalContext(as_of=as_of, tables={n: t.frame for n, t in tables.items()})
        findings += evaluate_rule(packed, tables, ctx).findings
    return findings


def findings_of(rule_id: str, *tables: Any, as_of: dt.date = AS_OF) -> list[dict[str, Any]]:
    return run(BY_ID[rule_id], *tables, as_of=as_of).findings


def draft_line(finding: dict[str, Any], rule_id: str, language: str = "en") -> str:
    """One line of a draft's per-ASIN section: the listing's name, then what the seller states."""
    entity = finding["entity"]
    store = {"DE": "amazon.de", "US": "amazon.com", "UK": "amazon.co.uk"}[entity["marketplace"]]
    name = f"ASIN {entity['asin']} (SKU {entity['sku']}) on {store}"
    return f"{name}: {statement_of(BY_ID[rule_id].rule, finding, language)}"


# --- every rule on listings has one -----------------------------------------------------


def test_the_packs_hold_rules_on_listings_and_rules_on_documents() -> None:
    ids = {p.rule.id for p in ON_LISTINGS}

    assert {"LST-001", "LST-022", "LST-023", "LST-025", "CMP-001", "CMP-017", "CMP-028"} <= ids
    # The expiry and identifier-format rules are on the documents register's rows, not
    # on listings: a plan names no ASIN for them.
    assert {"CMP-019", "CMP-020"}.isdisjoint(ids)
    assert len(ids) == 52


@pytest.mark.parametrize("packed", ON_LISTINGS, ids=lambda p: p.rule.id)
def test_every_rule_on_listings_states_its_finding_in_both_languages(packed: PackedRule) -> None:
    statement = packed.rule.statement

    assert statement is not None, f"{packed.rule.id} has no statement"
    assert statement.en.strip() and CHINESE.search(statement.zh)


def test_the_bundled_packs_load_with_their_statements() -> None:
    # The loader checks a statement's placeholders as it checks the message's: loading
    # without an error is the bundled statements' placeholders being valid.
    loaded = load_packs([rules_dir()])

    assert {p.pack.name for p in loaded} >= set(PACKS)


def test_a_statement_with_a_placeholder_the_rule_cannot_fill_is_rejected(tmp_path: Path) -> None:
    pack = (rules_dir() / "listing.yaml").read_text(encoding="utf-8")
    wrong = pack.replace(
        "The title was {value} characters long", "The title of {product_name} was long", 1
    )
    (tmp_path / "listing.yaml").write_text(wrong, encoding="utf-8")

    with pytest.raises(AuditorError) as caught:
        load_packs([tmp_path])

    [problem] = caught.value.problems
    assert problem.rule_id == "LST-001"
    assert "statement.en uses {product_name}" in problem.message


# --- the seller's voice -------------------------------------------------------------------


@pytest.mark.parametrize("packed", ON_LISTINGS, ids=lambda p: p.rule.id)
def test_a_statement_speaks_as_the_seller_not_as_the_tool(packed: PackedRule) -> None:
    statement = packed.rule.statement
    assert statement is not None
    for language in ("en", "zh"):
        text = statement.get(language)
        assert not RULE_ID.search(text), f"{packed.rule.id} {language}: {text}"
        assert not TOOL_OR_READER.search(text), f"{packed.rule.id} {language}: {text}"
        assert "您" not in text and "你" not in text, f"{packed.rule.id} {language}: {text}"
    # The lint fails Chinese sentences in an English letter.
    assert not CHINESE.search(statement.en), statement.en


@pytest.mark.parametrize("packed", ON_LISTINGS, ids=lambda p: p.rule.id)
def test_a_statement_is_one_or_two_sentences_after_the_listing_name(packed: PackedRule) -> None:
    statement = packed.rule.statement
    assert statement is not None
    en, zh = statement.en, statement.zh

    assert en[0].isupper() and en.endswith("."), en
    assert not zh[0].islower() and zh.endswith("。"), zh
    assert len(SENTENCE_END["en"].findall(en)) <= 1, en
    assert len(SENTENCE_END["zh"].findall(zh)) <= 1, zh
    # The draft names the listing before the statement.
    assert not re.search(r"\b(?:ASIN|SKU)\b", en), en


@pytest.mark.parametrize("packed", ON_LISTINGS, ids=lambda p: p.rule.id)
def test_a_statement_is_filled_on_every_failing_example_of_its_rule(packed: PackedRule) -> None:
    # A placeholder left blank (a missing document has no identifier) would show as
    # "—": a statement uses only what every fail and warn finding of its rule carries.
    findings = example_findings(packed)

    assert findings, f"{packed.rule.id}: its fail and warn examples gave no finding"
    for finding in findings:
        for language in ("en", "zh"):
            text = statement_of(packed.rule, finding, language)
            assert "—" not in text and not UNFILLED.search(text), text


# --- on listings as Amazon's reports carry them --------------------------------------------

YOGA_MAT = {
    "sku": "YM-6MM",
    "asin": "B0CHN5MAT1",
    "marketplace": "DE",
    "brand": "Yogamatic",
    "title": "Yogamatic Yoga Mat 6 mm, Non-Slip TPE, 183 x 61 cm, with Carry Strap, Purple",
}


def test_a_title_over_the_limit_is_stated_with_its_length() -> None:
    title = (
        "Yogamatic Yoga Mat 6 mm Extra Thick, Non-Slip TPE Exercise Mat for Pilates, Stretching "
        "and Floor Workouts, Eco Material, 183 x 61 cm, with Carry Strap and Storage Bag, Ideal "
        "for Home Gym, Purple Lavender"
    )
    [finding] = findings_of("LST-001", table("listings", YOGA_MAT | {"title": title}))

    assert draft_line(finding, "LST-001") == (
        f"ASIN B0CHN5MAT1 (SKU YM-6MM) on amazon.de: The title was {len(title)} characters "
        "long, over Amazon's limit of 200 characters."
    )
    assert statement_of(BY_ID["LST-001"].rule, finding, "zh") == (
        f"商品标题长度为 {len(title)} 个字符，超过了亚马逊 200 个字符的上限。"
    )


def test_a_missing_lucid_registration_is_stated_without_the_register_s_words() -> None:
    listings = table("listings", YOGA_MAT)
    documents = table("documents", marketplace=None)

    [finding] = findings_of("CMP-001", listings, documents)

    assert finding["message"].endswith("(no document in the register).")
    assert draft_line(finding, "CMP-001") == (
        "ASIN B0CHN5MAT1 (SKU YM-6MM) on amazon.de: Our documents register held no valid "
        "LUCID packaging registration number for Germany covering this listing, or only one "
        "close to expiry."
    )
    assert draft_line(finding, "CMP-001", "zh").endswith(
        "我们的合规文件台账中没有覆盖该商品的有效德国 LUCID 包装注册号，或登记的注册号即将到期。"
    )


def test_a_registration_in_the_wrong_format_is_stated_by_the_same_sentence() -> None:
    # The LUCID number lacks digits: the audit's message quotes it, the statement stays
    # true without it (the number held is not a valid one).
    documents = table(
        "documents",
        {"document_type": "epr_de_packaging", "identifier": "DE47028193", "sku": "YM-6MM"},
        marketplace="DE",
    )
    [finding] = findings_of("CMP-001", table("listings", YOGA_MAT), documents)

    assert finding["evidence"]["reason"] == "identifier_format"
    assert statement_of(BY_ID["CMP-001"].rule, finding, "en").startswith(
        "Our documents register held no valid LUCID packaging registration number"
    )


def test_a_certificate_close_to_expiry_warns_and_the_statement_says_so() -> None:
    puzzle = {
        "sku": "LS-PUZZLE-24",
        "asin": "B0CKPZL024",
        "marketplace": "US",
        "for_children": True,
        "title": "LittleSprout Wooden Jigsaw Puzzle, 24 Pieces, Farm Animals, Ages 3+",
    }
    cpc = {
        "document_type": "cpc",
        "identifier": "CPC-LS-2025-014",
        "sku": "LS-PUZZLE-24",
        "issued_on": "2024-12-15",
        "expires_on": "2026-12-15",
    }

    [finding] = findings_of("CMP-009", table("listings", puzzle), table("documents", cpc))

    assert finding["outcome"] == "warn"
    assert draft_line(finding, "CMP-009") == (
        "ASIN B0CKPZL024 (SKU LS-PUZZLE-24) on amazon.com: Our documents register held no "
        "valid Children's Product Certificate for this children's product, or only one close "
        "to expiry."
    )


def test_search_terms_in_the_warning_band_are_not_said_to_be_over_the_limit() -> None:
    # 211 bytes (207 characters: ü, ä and ß take two bytes each): a warning, over the
    # safe 199 bytes, not a failure, which is over 249.
    terms = (
        "yogamatte rutschfest dick gymnastikmatte pilates matte fitnessmatte übungsmatte "
        "sportmatte bodenmatte trainingsmatte für zuhause damen herren kinder anfänger "
        "faltbar leicht tragegurt lila schadstofffrei groß"
    )
    assert (len(terms), len(terms.encode())) == (207, 211)

    [finding] = findings_of("LST-011", table("listings", YOGA_MAT | {"search_terms": terms}))

    assert finding["outcome"] == "warn"
    assert draft_line(finding, "LST-011") == (
        "ASIN B0CHN5MAT1 (SKU YM-6MM) on amazon.de: The backend search terms were 211 bytes "
        "long; Amazon indexes search terms only up to 249 bytes."
    )


def test_a_gated_category_without_approval_is_stated_as_the_approvals_register_shows_it() -> None:
    omega = {
        "sku": "VP-OMEGA-90",
        "asin": "B0VPOMEGA9",
        "marketplace": "US",
        "brand": "VitaPeak",
        "gated_category": "dietary-supplements",
        "title": "VitaPeak Omega-3 Fish Oil 1000 mg, 90 Softgels",
    }
    approvals = table(
        "approvals", {"category": "dietary-supplements", "marketplace": "US", "status": "pending"}
    )

    [finding] = findings_of("CMP-017", table("listings", omega), approvals)

    assert draft_line(finding, "CMP-017") == (
        "ASIN B0VPOMEGA9 (SKU VP-OMEGA-90) on amazon.com: Our approvals register held no "
        "approval to sell in the gated category dietary-supplements in this marketplace."
    )
    assert statement_of(BY_ID["CMP-017"].rule, finding, "zh") == (
        "我们的类目审核记录中没有本站点受限类目 dietary-supplements 的审核通过记录。"
    )


def test_a_drug_claim_is_quoted_from_the_listing() -> None:
    tea = YOGA_MAT | {
        "sku": "HT-SLEEP-20",
        "asin": "B0HTSLEEP2",
        "marketplace": "UK",
        "title": "Herbal Sleep Tea, 20 Bags",
        "bullet_point2": "Chamomile and valerian that cures insomnia in a week",
    }

    [finding] = findings_of("LST-020", table("listings", tea, marketplace="UK"))

    assert draft_line(finding, "LST-020") == (
        "ASIN B0HTSLEEP2 (SKU HT-SLEEP-20) on amazon.co.uk: The listing text contained a drug "
        "or disease claim: cures insomnia."
    )
    assert statement_of(BY_ID["LST-020"].rule, finding, "zh") == (
        "商品文案中含有药品或疾病宣称：cures insomnia。"
    )
