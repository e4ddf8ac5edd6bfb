"""GTIN check: digits, length and the GS1 check digit of UPC, EAN/JAN, GTIN-8 and GTIN-14."""

from __future__ import annotations

import pytest
from conftest import make_rule, outcomes, run, table

from auditor.model.tables import CanonicalTable

GTIN = make_rule(
    {"kind": "gtin", "field": "product_id", "exempt_field": "gtin_exempt"},
    message={
        "en": "{value} is not a valid GTIN: {reason}.",
        "zh": "{value} 不是有效的 GTIN：{reason}。",
    },
)


def listing(sku: str = "VX-SPK-01", **fields: object) -> dict:
    return {"sku": sku, "asin": "B0CXV1SPK1", "marketplace": "US", **fields}


@pytest.mark.parametrize(
    "code",
    [
        "036000291452",  # UPC-A
        "4006381333931",  # EAN-13
        "4901234567894",  # JAN (Japan's EAN-13)
        "0036000291452",  # the UPC above written as an EAN-13
        "00012345600012",  # GTIN-14
        "96385074",  # GTIN-8
    ],
)
def test_valid_identifiers_pass(code):
    result = run(GTIN, table("listings", listing(product_id=code)))

    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 0}


def test_wrong_check_digit_names_the_expected_digit():
    result = run(GTIN, table("listings", listing(product_id="036000291453")))

    [finding] = result.findings
    assert finding["outcome"] == "fail"
    assert finding["evidence"]["reason"] == "gtin_check_digit"
    assert finding["evidence"]["check_digit"] == "3"
    assert finding["evidence"]["expected_check_digit"] == "2"
    assert finding["message"] == (
        "036000291453 is not a valid GTIN: the check digit is 3, GS1 mod-10 gives 2."
    )


def test_wrong_check_digit_in_chinese():
    result = run(GTIN, table("listings", listing(product_id="4006381333932")), language="zh")

    assert result.findings[0]["message"] == (
        "4006381333932 不是有效的 GTIN：校验位为 2，按 GS1 模 10 算法应为 1。"
    )


@pytest.mark.parametrize(
    ("code", "digits"),
    [
        ("12345", 5),
        ("03600029145", 11),  # a UPC whose leading zero a spreadsheet dropped
        ("4006381333931000", 16),
    ],
)
def test_wrong_length_fails_with_the_digit_count(code, digits):
    result = run(GTIN, table("listings", listing(product_id=code)))

    [finding] = result.findings
    assert finding["outcome"] == "fail"
    assert (finding["evidence"]["reason"], finding["evidence"]["digits"]) == ("gtin_length", digits)
    assert f"it has {digits} digits; a UPC has 12" in finding["message"]


def test_letters_fail_as_a_format_problem():
    result = run(GTIN, table("listings", listing(product_id="03600O291452")))  # letter O for zero

    [finding] = result.findings
    assert finding["evidence"]["reason"] == "gtin_format"
    assert finding["message"] == (
        "03600O291452 is not a valid GTIN: it contains characters other than digits."
    )


def test_leading_zeros_are_kept_as_text():
    result = run(
        GTIN,
        table(
            "listings",
            listing("VX-SPK-01", product_id="036000291453"),
            listing("VX-SPK-02", product_id="00012345600019"),
        ),
    )

    assert [f["observed"] for f in result.findings] == ["036000291453", "00012345600019"]
    assert [f["evidence"]["expected_check_digit"] for f in result.findings] == ["2", "2"]


@pytest.mark.parametrize("code", ["0 36000 29145 2", "4-006381-333931", "4006381 333931"])
def test_spaces_and_hyphens_as_printed_under_a_barcode_are_ignored(code):
    result = run(GTIN, table("listings", listing(product_id=code)))

    assert result.counts["pass"] == 1


def test_a_printed_code_with_a_wrong_check_digit_keeps_its_spelling():
    result = run(GTIN, table("listings", listing(product_id="0 36000 29145 3")))

    [finding] = result.findings
    assert finding["observed"] == "0 36000 29145 3"
    assert finding["evidence"]["expected_check_digit"] == "2"


def test_the_same_bad_code_on_several_listings_fails_each_one():
    result = run(
        GTIN,
        table(
            "listings",
            listing("VX-SPK-01", product_id="036000291453"),
            listing("VX-SPK-02", product_id="036000291452"),
            listing("VX-SPK-03", product_id="036000291453", marketplace="UK"),
        ),
    )

    assert outcomes(result) == [("VX-SPK-01", None, "fail"), ("VX-SPK-03", None, "fail")]


@pytest.mark.parametrize("code", [None, "036000291453", "12345"])
def test_gtin_exemption_passes_whatever_the_code(code):
    row = listing(gtin_exempt=True) | ({"product_id": code} if code else {})
    result = run(GTIN, table("listings", row))

    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 0}


def test_blank_identifier_is_unknown_unless_exempt():
    result = run(
        GTIN,
        table(
            "listings",
            listing("VX-SPK-01"),
            listing("VX-SPK-02", gtin_exempt=False),
            listing("VX-SPK-03", gtin_exempt="yes"),
        ),
    )

    assert outcomes(result) == [("VX-SPK-01", None, "unknown"), ("VX-SPK-02", None, "unknown")]
    assert [f["missing"] for f in result.findings] == [["product_id"], ["product_id"]]
    assert result.findings[0]["message"] == "Cannot decide: product_id is missing."


def test_an_exemption_false_does_not_excuse_a_bad_code():
    result = run(GTIN, table("listings", listing(product_id="036000291453", gtin_exempt="no")))

    assert outcomes(result) == [("VX-SPK-01", None, "fail")]


def test_gtin_applies_when_the_input_has_no_exemption_column():
    listings = table("listings", listing(product_id="036000291453"))
    without_exemptions = CanonicalTable(
        "listings", listings.frame, listings.provided - {"gtin_exempt"}
    )

    result = run(GTIN, without_exemptions)

    assert result.not_applicable is None
    assert outcomes(result) == [("VX-SPK-01", None, "fail")]


def test_isbns_are_checked_as_isbns_and_asins_not_at_all():
    rule = make_rule({"kind": "gtin"})
    listings = table(
        "listings",
        {"sku": "BOOK-10", "product_id": "0306406152", "product_id_type": "ISBN"},
        {"sku": "BOOK-BAD", "product_id": "0306406153", "product_id_type": "isbn"},
        {"sku": "BY-ASIN", "product_id": "B0CXV1SPK1", "product_id_type": "ASIN"},
        {"sku": "UPC-OK", "product_id": "036000291452", "product_id_type": "UPC"},
    )
    result = run(rule, listings)
    assert [(f["entity"]["sku"], f["evidence"]["reason"]) for f in result.findings] == [
        ("BOOK-BAD", "isbn_invalid")
    ]


# --- gs1_prefix ----------------------------------------------------------------------------

GS1 = make_rule(
    {"kind": "gs1_prefix"},
    message={"en": "{value}: {reason}.", "zh": "{value}：{reason}。"},
)
OWN = {"brand": "Voltix", "seller_gs1_prefixes": "0850012;4006381"}


@pytest.mark.parametrize(
    ("code", "key"),
    [
        ("850012341017", "0850012341017"),  # UPC-A: padded to 13
        ("4006381333931", "4006381333931"),  # EAN-13
        ("10850012341014", "0850012341014"),  # GTIN-14: indicator digit dropped
        ("96385074", None),  # GTIN-8: no company prefix
    ],
)
def test_gtin13_key(code, key):
    from auditor.engine.checks.identifiers import gtin13_key

    assert gtin13_key(code) == key


def test_a_foreign_prefix_warns_only_for_a_brand_that_has_the_sellers_prefix_elsewhere():
    rows = table(
        "listings",
        listing("VX-1", product_id="850012341017", **OWN),  # the seller's prefix: Voltix is own
        listing("VX-2", product_id="036000291452", **OWN),  # Voltix, another company's prefix
        listing("SN-1", product_id="036000291452", brand="Sonora", seller_gs1_prefixes="0850012"),
        listing("VX-3", product_id="036000291453", **OWN),  # bad check digit: LST-018's other part
        listing("VX-4", product_id="9780306406157", product_id_type="ISBN", **OWN),
    )
    result = run(GS1, rows)

    assert [(f["entity"]["sku"], f["outcome"]) for f in result.findings] == [("VX-2", "warn")]
    assert result.findings[0]["message"] == (
        "036000291452: it does not start with your GS1 company prefixes (0850012;4006381), "
        "though other GTINs of this brand do."
    )


def test_a_upc_company_prefix_is_read_without_its_leading_zero():
    rows = table(
        "listings",
        listing("VX-1", product_id="850012341017", brand="Voltix", seller_gs1_prefixes="850012"),
        listing("VX-2", product_id="036000291452", brand="Voltix", seller_gs1_prefixes="850012"),
    )

    assert [f["outcome"] for f in run(GS1, rows).findings] == ["warn"]


def test_without_the_sellers_prefixes_a_valid_gtin_is_unknown():
    result = run(GS1, table("listings", listing(product_id="036000291452", brand="Voltix")))

    [finding] = result.findings
    assert finding["outcome"] == "unknown"
