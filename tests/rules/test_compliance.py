"""The compliance pack at work on a seller's files: listings in Amazon's own formats
(a Listings Items API search response for US and NL, inventory flat files for DE, FR
and ES) and the canonical documents, approvals and products registers.

See tests/data/rules/compliance/SOURCES.md for which record breaks which rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AS_OF, DATA, Case, _audit_report, bundled_rule_ids, check_case

from auditor import api

PACK = "rules/compliance/"
INPUTS = tuple(
    PACK + name
    for name in (
        "searchListingsItems-US-NL.json",
        "Flat.File.Home.de.txt",
        "Flat.File.Home.fr.txt",
        "Flat.File.Home.es.txt",
        "Flat.File.Home.uk.txt",
        "products.csv",
        "documents.csv",
        "approvals.csv",
    )
)


#: The seller's own facts (auditor.yaml `seller:`): a US business, and one established in China.
US_SELLER = PACK + "seller-us/auditor.yaml"
CN_SELLER = PACK + "seller-cn/auditor.yaml"


def listing(sku: str, marketplace: str, **more: str) -> dict[str, str]:
    return {"sku": sku, "marketplace": marketplace, **more}


CASES = [
    Case("CMP-001", INPUTS, listing("KB-BAG-01", "DE"), listing("VX-SPK-01", "DE")),
    Case("CMP-002", INPUTS, listing("HN-LAMP-02", "DE"), listing("VX-SPK-01", "DE")),
    Case(
        "CMP-003",
        INPUTS,
        listing("VX-SPK-01", "NL", detail="epr_nl_batteries"),
        listing("VX-SPK-01", "DE"),
    ),
    Case(
        "CMP-004",
        INPUTS,
        listing("LS-PLUSH-01", "FR", detail="epr_fr_toys"),
        listing("VX-SPK-01", "FR"),
    ),
    Case(
        "CMP-005",
        INPUTS,
        listing("HN-LAMP-02", "ES", detail="epr_es_packaging"),
        listing("VX-SPK-01", "ES"),
    ),
    Case("CMP-006", INPUTS, listing("KB-BAG-01", "DE"), listing("VX-SPK-01", "DE")),
    Case("CMP-006", INPUTS, listing("KB-BAG-01", "UK"), listing("VX-SPK-01", "UK")),
    Case("CMP-007", INPUTS, listing("HN-LAMP-02", "DE"), listing("LS-PLUSH-01", "FR")),
    # A handbag needs no warnings by its own rules: a missing safety sheet only warns.
    Case(
        "CMP-007", INPUTS, listing("KB-BAG-01", "DE"), listing("LS-PLUSH-01", "FR"), outcome="warn"
    ),
    Case(
        "CMP-008",
        INPUTS,
        listing("HN-TWL-01", "US", detail="uflpa_supplier_declaration"),
        listing("VX-SPK-01", "US"),
    ),
    Case(
        "CMP-008",
        INPUTS,
        listing("HN-BOX-01", "US"),
        listing("RO-EBIKE-20", "US"),
        outcome="unknown",
    ),
    # Cotton sewn in Vietnam: the presumption follows the inputs, so the trace is asked for.
    Case(
        "CMP-008",
        INPUTS,
        listing("KB-TEE-01", "US", detail="uflpa_supply_chain_map"),
        listing("VX-SPK-01", "US"),
        outcome="warn",
    ),
    Case("CMP-009", INPUTS, listing("LS-PLUSH-01", "US"), listing("LS-BLOCKS-01", "US")),
    Case(
        "CMP-009",
        INPUTS,
        listing("LS-TEDDY-02", "US"),
        listing("LS-BLOCKS-01", "US"),
        outcome="unknown",
    ),
    Case("CMP-010", INPUTS, listing("HN-RUG-160", "US"), listing("RO-EBIKE-20", "US")),
    Case("CMP-011", INPUTS, listing("VX-EAR-02", "US"), listing("VX-SPK-01", "US")),
    Case("CMP-012", INPUTS, listing("VX-PB-10K", "US"), listing("RO-EBIKE-20", "US")),
    Case(
        "CMP-013",
        INPUTS,
        listing("FR-SPRAY-500", "US", detail="epa_registration"),
        listing("FR-WIPE-80", "US"),
        config=US_SELLER,
    ),
    Case(
        "CMP-014",
        INPUTS,
        listing("VX-PB-10K", "US", detail="sds", reason="document_too_old"),
        listing("VX-SPK-01", "US"),
    ),
    Case("CMP-015", INPUTS, listing("HN-LAMP-02", "DE"), listing("VX-SPK-01", "DE")),
    Case("CMP-016", INPUTS, listing("HN-MAT-YOGA", "US"), listing("HN-CRT-01", "US")),
    Case("CMP-017", INPUTS, listing("VP-OMEGA-90", "US"), listing("GL-SERUM-30", "US")),
    Case(
        "CMP-018",
        INPUTS,
        listing("VP-MAG-120", "US", detail="third_party_verification|certificate_of_analysis"),
        listing("GL-SERUM-30", "US"),
    ),
    Case(
        "CMP-019",
        INPUTS,
        {"identifier": "NSF-455-2-88123"},
        {"identifier": "CPC-LS-2025-014"},
        outcome="warn",
    ),
    Case("CMP-019", INPUTS, {"identifier": "CPC-LS-2023-009"}, {"identifier": "DE58213947"}),
    Case("CMP-020", INPUTS, {"identifier": "FCC ID: 2BCXV-EAR02"}, {"identifier": "2BCXV-SPK01"}),
    Case(
        "CMP-027",
        INPUTS,
        listing("HN-LAMP-02", "DE", detail="gpsr_manufacturer_information"),
        listing("VX-SPK-01", "UK"),
    ),
    Case("CMP-027", INPUTS, listing("KB-BAG-01", "UK"), listing("VX-SPK-01", "DE")),
    Case(
        "CMP-028",
        INPUTS,
        listing("HN-TWL-01", "US"),
        listing("VX-SPK-01", "US"),
        outcome="warn",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_the_broken_record_only(case: Case) -> None:
    check_case(case)


def test_every_rule_of_the_pack_has_a_case() -> None:
    covered = {c.rule_id for c in CASES} | {c.rule_id for c in JP_UK_CASES} | SELLER_FACT_RULES
    assert covered == bundled_rule_ids("compliance")


def findings(rule_id: str, config: str | None = None, **entity: str) -> list[dict]:
    report = _audit_report(INPUTS, None, config)
    return [
        f
        for f in report["findings"]
        if f["rule_id"] == rule_id and all(f["entity"].get(k) == v for k, v in entity.items())
    ]


def test_one_verdict_per_missing_uflpa_document() -> None:
    # HomeNest holds only the supply chain map: the three other documents fail.
    details = {f["detail"] for f in findings("CMP-008", sku="HN-TWL-01")}

    assert details == {
        "uflpa_supplier_declaration",
        "uflpa_raw_material_origin",
        "uflpa_purchase_and_transport",
    }


def test_unknown_names_the_products_register_column_to_fill() -> None:
    [finding] = findings("CMP-008", sku="HN-BOX-01")

    assert finding["missing"] == ["materials", "category"]
    assert "products register" in finding["message"]
    assert "materials, category" in finding["message"]


def test_an_old_sds_fails_but_its_un38_3_summary_of_the_same_age_passes() -> None:
    [finding] = findings("CMP-014", sku="VX-PB-10K", marketplace="US")

    assert (finding["detail"], finding["evidence"]["oldest_allowed"]) == ("sds", "2021-11-27")
    assert finding["evidence"]["issued_on"] == "2020-02-11"


# --- Japan and the UK: a Far East and a Europe search response (the Selling Partner API is
# regional) with their own registers; see tests/data/rules/compliance/jp-uk/SOURCES.md.

JP_UK = "rules/compliance/jp-uk/"
JP_UK_INPUTS = tuple(
    JP_UK + name
    for name in (
        "searchListingsItems-JP.json",
        "searchListingsItems-UK.json",
        "products.csv",
        "documents.csv",
    )
)

JP_UK_CASES = [
    Case(
        "CMP-021",
        JP_UK_INPUTS,
        listing("KB-PB-05", "JP", detail="jp_pse_notification"),
        listing("VX-PB-10K", "JP"),
    ),
    Case(
        "CMP-021",
        JP_UK_INPUTS,
        listing("VX-CHG-65", "JP", detail="jp_pse_conformity"),
        listing("VX-CHG-65", "JP", detail="jp_pse_notification"),
    ),
    Case("CMP-022", JP_UK_INPUTS, listing("VX-SPK-01", "JP"), listing("VX-EAR-02", "JP")),
    Case("CMP-023", JP_UK_INPUTS, listing("HN-PCOOK-6L", "JP"), listing("HN-PCOOK-4L", "JP")),
    Case("CMP-025", JP_UK_INPUTS, listing("LS-CAR-RC", "UK"), listing("VX-SPK-01", "UK")),
    Case("CMP-026", JP_UK_INPUTS, listing("GL-SERUM-30", "UK"), listing("VX-PB-20K", "UK")),
    Case("CMP-026", JP_UK_INPUTS, listing("LS-CAR-RC", "UK"), listing("VX-PB-20K", "UK")),
]

#: Rules that need the seller's own facts (auditor.yaml `seller:`), proven below with a config.
SELLER_FACT_RULES = {"CMP-024"}


@pytest.mark.parametrize("case", JP_UK_CASES, ids=str)
def test_japan_and_uk_rules_fire_on_the_broken_record_only(case: Case) -> None:
    check_case(case)


def jp_uk_findings(rule_id: str, tmp_path: Path, seller: str | None) -> dict[str, str]:
    """Outcome per SKU of `rule_id` on the JP/UK fixtures, with `seller:` in auditor.yaml."""
    config = tmp_path / "auditor.yaml"
    config.write_text(seller or "", encoding="utf-8")
    options = api.Options.resolve(config)
    options.as_of = AS_OF
    report = api.audit([DATA / i for i in JP_UK_INPUTS], options).report
    return {f["entity"]["sku"]: f["outcome"] for f in report["findings"] if f["rule_id"] == rule_id}


def test_an_overseas_seller_of_pse_and_psc_products_needs_a_domestic_administrator(tmp_path):
    # Voltix appointed one; HomeNest's pressure cookers and Kobaru's power bank have none.
    # The radio-only earbuds and speaker are neither PSE nor PSC products.
    outcomes = jp_uk_findings("CMP-024", tmp_path, "seller:\n  country: CN\n")

    assert outcomes == {"HN-PCOOK-4L": "fail", "HN-PCOOK-6L": "fail", "KB-PB-05": "fail"}


def test_a_seller_established_in_japan_needs_no_domestic_administrator(tmp_path):
    assert jp_uk_findings("CMP-024", tmp_path, "seller:\n  country: JP\n") == {}


def test_without_the_seller_section_the_domestic_administrator_is_undecided(tmp_path):
    outcomes = jp_uk_findings("CMP-024", tmp_path, None)

    assert set(outcomes.values()) == {"unknown"}
    assert {"VX-PB-10K", "VX-CHG-65", "HN-PCOOK-6L"} <= set(outcomes)
    assert "VX-EAR-02" not in outcomes


def test_ce_with_an_eu_declaration_is_accepted_in_great_britain() -> None:
    # VX-SPK-01 holds only its EU declaration of conformity (CE): recognised in GB indefinitely.
    report = _audit_report(JP_UK_INPUTS, None)
    [tally] = [r for r in report["summary"]["rules"] if r["rule_id"] == "CMP-025"]
    failing = {f["entity"]["sku"] for f in report["findings"] if f["rule_id"] == "CMP-025"}

    assert failing == {"LS-CAR-RC"}
    assert tally["outcomes"]["pass"] == 2


def details(rule_id: str, outcome: str, **entity: str) -> set[str]:
    return {f["detail"] for f in findings(rule_id, **entity) if f["outcome"] == outcome}


def test_a_pet_toy_needs_no_french_toys_idu() -> None:
    # Category "Pet Supplies > Dog Toys": not a toy in the Toy Safety Directive's sense.
    assert "epr_fr_toys" not in {f["detail"] for f in findings("CMP-004", sku="HN-DOGTOY-01")}
    assert "epr_fr_toys" in details("CMP-004", "fail", sku="LS-PLUSH-01", marketplace="FR")


def test_sports_articles_need_their_own_french_idu() -> None:
    assert "epr_fr_sports_leisure" in details(
        "CMP-004", "fail", sku="HN-MAT-YOGA", marketplace="FR"
    )


def test_spain_checks_electrical_equipment_and_batteries_besides_packaging() -> None:
    # HomeNest's lamp is electrical and HomeNest holds no RII-AEE number.
    assert "epr_es_eee" in details("CMP-005", "fail", sku="HN-LAMP-02", marketplace="ES")
    assert not findings("CMP-005", sku="VX-SPK-01", marketplace="ES")


def test_a_pesticide_sold_by_a_seller_outside_the_us_fails_whatever_is_registered() -> None:
    # FR-WIPE-80 holds EPA Reg. No. 1677-249 and its California registration.
    [finding] = findings("CMP-013", CN_SELLER, sku="FR-WIPE-80")

    assert (finding["outcome"], finding["detail"]) == ("fail", "prohibited")
    assert "no document makes this product allowed for this seller" in finding["message"]


def test_without_the_seller_section_a_pesticide_is_unknown_naming_seller_country() -> None:
    [finding] = findings("CMP-013", sku="FR-WIPE-80")

    assert (finding["outcome"], finding["missing"]) == ("unknown", ["seller_country"])
    assert "seller.country in auditor.yaml" in finding["message"]
    # Without an EPA number it fails whoever sells it (California stays undecided).
    outcomes = {f["detail"]: f["outcome"] for f in findings("CMP-013", sku="FR-SPRAY-500")}
    assert outcomes == {"epa_registration": "fail", "ca_dpr_registration": "unknown"}


def test_a_us_seller_selling_into_california_needs_the_dpr_registration() -> None:
    # FR-SPRAY-500 claims to kill germs and has neither number.
    details = {f["detail"] for f in findings("CMP-013", US_SELLER, sku="FR-SPRAY-500")}

    assert details == {"epa_registration", "ca_dpr_registration"}
    assert not findings("CMP-013", US_SELLER, sku="FR-WIPE-80")


def test_lst_020_leaves_the_registered_disinfectant_to_cmp_013() -> None:
    # CMP-013's passing record: "Disinfecting Wipes" with an EPA registration, US seller.
    assert not findings("CMP-013", US_SELLER, sku="FR-WIPE-80")
    assert not findings("LST-020", US_SELLER, sku="FR-WIPE-80")


def test_a_uflpa_sector_product_made_outside_china_warns_and_from_china_fails() -> None:
    assert {f["outcome"] for f in findings("CMP-008", sku="KB-TEE-01")} == {"warn"}
    assert {f["outcome"] for f in findings("CMP-008", sku="HN-TWL-01")} == {"fail"}


def test_gpsr_reaches_amazon_co_uk_for_all_three_rules() -> None:
    # Kobaru has no responsible person, no safety sheet, no manufacturer record.
    for rule_id in ("CMP-006", "CMP-007", "CMP-027"):
        assert findings(rule_id, sku="KB-BAG-01", marketplace="UK"), rule_id


def test_a_weee_number_covers_its_brand_and_type_of_equipment_only() -> None:
    # Voltix registered its speakers (SPEAKERS) with stiftung ear, not its power banks.
    [finding] = findings("CMP-002", sku="VX-PB-10K", marketplace="DE")

    assert (finding["outcome"], finding["evidence"]["reason"]) == ("fail", "document_missing")
    assert not findings("CMP-002", sku="VX-SPK-01", marketplace="DE")


def test_severity_follows_what_the_sources_confirm() -> None:
    # CMP-011 quotes Amazon's removal message; CMP-008 rests on DHS's page: both high again.
    # CMP-004 rests on Amazon's own announcement (Pay on Behalf, offers suspended): medium.
    assert {f["severity"] for f in findings("CMP-011", sku="VX-EAR-02")} == {"high"}
    assert {f["severity"] for f in findings("CMP-008", sku="HN-TWL-01")} == {"high"}
    assert {f["severity"] for f in findings("CMP-004", sku="LS-PLUSH-01")} == {"medium"}
