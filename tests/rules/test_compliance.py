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
        "products.csv",
        "documents.csv",
        "approvals.csv",
    )
)


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
    Case("CMP-005", INPUTS, listing("HN-LAMP-02", "ES"), listing("VX-SPK-01", "ES")),
    Case("CMP-006", INPUTS, listing("KB-BAG-01", "DE"), listing("VX-SPK-01", "DE")),
    Case("CMP-007", INPUTS, listing("HN-LAMP-02", "DE"), listing("LS-PLUSH-01", "FR")),
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
    Case("CMP-013", INPUTS, listing("FR-SPRAY-500", "US"), listing("FR-WIPE-80", "US")),
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
        listing("VP-MAG-120", "US", detail="third_party_verification"),
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


def findings(rule_id: str, **entity: str) -> list[dict]:
    report = _audit_report(INPUTS, None)
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
    [finding] = findings("CMP-014", sku="VX-PB-10K")

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
