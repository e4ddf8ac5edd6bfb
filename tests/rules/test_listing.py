"""The listing pack on Amazon's own formats: each rule fires on the record built to break it
(tests/data/rules/listing/SOURCES.md) and stays quiet on a clean one."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from conftest import AS_OF, DATA, Case, _audit_report, bundled_rule_ids, check_case

from auditor import api
from auditor.model.config import Seller

DIR = "rules/listing"
#: A US inventory flat file (one broken SKU per rule) with the seller's video counts beside it.
FLAT = (f"{DIR}/Flat.File.Speakers.us.txt", f"{DIR}/listing-videos.csv")
#: A Listings Items API search response: main image sizes and the issues Amazon reports.
API = (f"{DIR}/searchListingsItems-US-images-issues.json",)

#: Five LUGGAGE listings and Amazon's LUGGAGE definition (schema and API response).
LUGGAGE = (
    f"{DIR}/searchListingsItems-US-luggage.json",
    "amazon/product-type-definitions/LUGGAGE.json",
    "amazon/product-type-definitions/LUGGAGE.US.definition.json",
)
#: A pre-launch folder: a listings sheet and the seller's images named SKU.MAIN.jpg ...
IMAGES = (f"{DIR}/images",)

CLEAN = {"sku": "VX-SPK-10"}
CLEAN_API = {"sku": "VX-SHW-20"}


def flat(rule_id: str, outcome: str = "fail", **broken: object) -> Case:
    sku = broken.pop("sku", f"VX-LST-{rule_id[-3:]}")
    clean = {**CLEAN, "detail": broken["detail"]} if "detail" in broken else CLEAN
    return Case(rule_id, FLAT, {"sku": sku, **broken}, clean, outcome)


CASES = [
    flat("LST-001"),
    flat("LST-002"),
    flat("LST-003"),
    flat("LST-004"),
    flat("LST-005"),
    flat("LST-006"),
    # At least three bullets rests on a third-party copy of Amazon's rule: a warning.
    flat("LST-007", "warn"),
    flat("LST-008", detail="bullet_point2"),
    flat("LST-009", detail="bullet_point5:characters"),
    # "45 °C": the copied list's degree sign is unclear, so a warning at most.
    flat("LST-009", "warn", sku="VX-LST-009D", detail="bullet_point3:degree"),
    flat("LST-010", detail="bullet_point5:contact"),
    # The claims banned by the bullet rules in force since 2024-08-15.
    flat("LST-010", sku="VX-LST-010E", detail="bullet_point4:claims"),
    flat("LST-011"),
    # The brand of another listing in the same file (Lumora) in the search terms: a warning.
    flat("LST-012", "warn", detail="catalogue-brand"),
    # The listing's own brand fails, and so does "new" as a temporary claim.
    flat("LST-012", sku="VX-LST-012B", detail="brand"),
    flat("LST-012", sku="VX-LST-012T", detail="new"),
    flat("LST-013", detail="html"),
    flat("LST-014"),
    Case("LST-015", API, {"sku": "VX-SHW-21"}, CLEAN_API),
    Case("LST-015", API, {"sku": "VX-SHW-22"}, CLEAN_API, "warn"),
    flat("LST-016", "warn"),
    flat("LST-017"),
    flat("LST-018", detail="check-digit"),
    flat("LST-019"),
    flat("LST-020", detail="bullet_point4"),
    flat("LST-021"),
    flat("LST-022"),
    Case("LST-023", API, {"sku": "VX-SHW-23", "code": "90220"}, CLEAN_API),
    Case("LST-023", API, {"sku": "VX-SHW-23", "code": "18027"}, CLEAN_API, "warn"),
    # Amazon exempted this listing from the issue: it is not reported.
    Case("LST-023", API, {"sku": "VX-SHW-23", "severity": "error"}, {"sku": "VX-SHW-24"}),
    # Amazon's LUGGAGE definition: required, UTF-8 bytes, an enum, a conditional requirement.
    Case("LST-024", LUGGAGE, {"sku": "VX-LUG-02", "detail": "manufacturer"}, {"sku": "VX-LUG-01"}),
    Case(
        "LST-024",
        LUGGAGE,
        {"sku": "VX-LUG-03", "detail": "item_name[0].value"},
        {"sku": "VX-LUG-01"},
    ),
    Case(
        "LST-024",
        LUGGAGE,
        {"sku": "VX-LUG-04", "detail": "age_range_description[0].value"},
        {"sku": "VX-LUG-01"},
    ),
    Case("LST-024", LUGGAGE, {"sku": "VX-LUG-05", "detail": "battery"}, {"sku": "VX-LUG-01"}),
    # From the seller's local image files: an 800 px main image warns (no zoom), one on
    # light grey fails the white background, one filling 60% fails the fill, an animated
    # GIF fails the file requirements.
    Case("LST-015", IMAGES, {"sku": "VX-LST-015"}, {"sku": "VX-IMG-10"}, "warn"),
    Case("LST-025", IMAGES, {"sku": "VX-LST-025"}, {"sku": "VX-IMG-10"}),
    Case("LST-026", IMAGES, {"sku": "VX-LST-026"}, {"sku": "VX-IMG-10"}),
    Case(
        "LST-027",
        IMAGES,
        {"sku": "VX-LST-027", "slot": "PT01", "detail": "animated"},
        {"sku": "VX-LST-027", "slot": "MAIN"},
    ),
    # The other brand's own clean listing is quiet too.
    Case("LST-012", FLAT, {"sku": "VX-LST-012"}, {"sku": "LM-LAMP-01"}, "warn"),
]


def test_every_rule_of_the_pack_has_a_case() -> None:
    assert {c.rule_id for c in CASES} == bundled_rule_ids("listing")


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_the_broken_record_only(case: Case) -> None:
    check_case(case)


#: Records a rule must leave alone (no finding at all), with why.
QUIET = [
    # The "!" is part of the brand name "Boom!".
    ("LST-003", "VX-LST-003B"),
    # A book (product type ABIS_BOOK): the title rules do not apply to media.
    ("LST-003", "VX-LST-003M"),
    ("LST-001", "VX-LST-003M"),
    # "New York" and "new-born" are not temporary claims.
    ("LST-012", "VX-LST-012N"),
]


def test_the_own_brand_fails_once_not_again_as_a_catalogue_brand() -> None:
    report = _audit_report(FLAT, None)
    found = [
        (f["detail"], f["outcome"])
        for f in report["findings"]
        if f["rule_id"] == "LST-012" and f["entity"]["sku"] == "VX-LST-012B"
    ]
    assert found == [("brand", "fail")]


def test_a_listing_without_its_main_image_is_high_again() -> None:
    # Amazon's own notice, quoted in the source, lifts the third-party cap.
    report = _audit_report(FLAT, None)
    [finding] = [
        f
        for f in report["findings"]
        if f["rule_id"] == "LST-014" and f["entity"]["sku"] == "VX-LST-014"
    ]
    assert (finding["outcome"], finding["severity"]) == ("fail", "high")


@pytest.mark.parametrize(("rule_id", "sku"), QUIET, ids=[f"{r}-{s}" for r, s in QUIET])
def test_rule_stays_quiet_on_what_amazon_allows(rule_id: str, sku: str) -> None:
    report = _audit_report(FLAT, None)
    found = [
        (f["detail"], f["outcome"])
        for f in report["findings"]
        if f["rule_id"] == rule_id and f["entity"].get("sku") == sku
    ]
    assert not found, f"{rule_id} fired on {sku}: {found}"


@cache
def _with_seller(gs1_prefixes: tuple[str, ...]) -> dict[str, Any]:
    """The flat file audited with a `seller:` section licensing `gs1_prefixes`."""
    options = api.Options.resolve()
    seller = Seller(country="CN", gs1_prefixes=list(gs1_prefixes))
    options.config = options.config.model_copy(update={"seller": seller})
    options.as_of = AS_OF
    return api.audit([DATA / i for i in FLAT], options).report


def _gs1_findings(report: dict[str, Any], sku: str) -> list[tuple[str, str]]:
    return [
        (f["outcome"], f["message"])
        for f in report["findings"]
        if f["rule_id"] == "LST-018" and f["detail"] == "gs1-prefix" and f["entity"]["sku"] == sku
    ]


def test_a_gtin_of_the_sellers_own_brand_from_another_companys_prefix_warns():
    # Voltix's other UPCs start 085001234 (the seller's prefix); VX-LST-018G's 036000… does not.
    report = _with_seller(("085001234",))

    [(outcome, message)] = _gs1_findings(report, "VX-LST-018G")
    assert outcome == "warn"
    assert message == (
        "Product identifier 036000291452 (gs1-prefix): it does not start with your GS1 company "
        "prefixes (085001234), though other GTINs of this brand do."
    )
    # The seller's own codes, and a resold brand (Sonora) with its maker's EAN, are fine.
    assert _gs1_findings(report, "VX-SPK-10") == []
    assert _gs1_findings(report, "SN-LST-018R") == []


def test_a_upc_company_prefix_without_its_leading_zero_matches_too():
    report = _with_seller(("85001234",))

    assert [o for o, _ in _gs1_findings(report, "VX-LST-018G")] == ["warn"]
    assert _gs1_findings(report, "VX-SPK-10") == []


def test_without_the_sellers_prefixes_the_prefix_part_is_a_not_checked_note():
    # One line for the whole catalogue, not an unknown on every listing with a GTIN.
    report = _audit_report(FLAT, None)

    assert _gs1_findings(report, "VX-LST-018G") == []
    [note] = [
        n
        for n in report["summary"]["coverage"]["not_checked"]
        if n["rule_id"] == "LST-018" and n["fields"] == ["seller_gs1_prefixes"]
    ]
    assert note["entities"] >= 1
