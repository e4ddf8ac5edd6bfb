"""Register checks: documents (EPR, CPC, ...) and category approvals, plus document expiry."""

from __future__ import annotations

import pytest
from conftest import AS_OF, make_rule, outcomes, run, table
from pydantic import ValidationError

from auditor.engine.registry import check_kinds

LUCID = make_rule(
    {"kind": "document", "document_type": "epr_de_packaging", "identifier_pattern": r"^DE\d{13}$"},
    when={"field": "marketplace", "eq": "DE"},
    message={"en": "{document_type}: {reason}.", "zh": "{document_type}：{reason}。"},
)
CPC = make_rule({"kind": "document", "document_type": "cpc", "warn_days": 60})
GOOD_LUCID = "DE4711234567890"


def listing(sku: str = "VX-SPK-01", **fields: object) -> dict:
    return {"sku": sku, "asin": "B0CXV1SPK1", "brand": "Voltix", "marketplace": "DE", **fields}


def lucid(**fields: object) -> dict:
    return {"document_type": "epr_de_packaging", "identifier": GOOD_LUCID, **fields}


def cpc(**fields: object) -> dict:
    return {"document_type": "cpc", "identifier": "CPC-VX-2026-01", "issuer": "SGS", **fields}


def docs(*rows: dict):
    return table("documents", *rows)


def reasons(result) -> dict:
    return {f["entity"]["sku"]: (f["outcome"], f["evidence"]["reason"]) for f in result.findings}


# --- document ----------------------------------------------------------------------------


def test_covered_listing_passes():
    result = run(LUCID, table("listings", listing()), docs(lucid(brand="Voltix", marketplace="DE")))

    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 0}


def test_missing_document_fails():
    # The register holds a CPC, but no LUCID registration.
    result = run(LUCID, table("listings", listing()), docs(cpc()))

    [finding] = result.findings
    assert finding["outcome"] == "fail"
    assert finding["evidence"]["reason"] == "document_missing"
    assert finding["message"] == "epr_de_packaging: no document in the register."


@pytest.mark.parametrize(
    ("document", "outcome", "reason"),
    [
        (lucid(expires_on="2026-11-26"), "fail", "document_not_valid"),  # expired yesterday
        (lucid(issued_on="2026-12-01"), "fail", "document_not_valid"),  # not yet issued
        (lucid(identifier="DE12345"), "fail", "identifier_format"),
        (lucid(identifier="de4711234567890"), "fail", "identifier_format"),  # the pattern is exact
        (lucid(identifier=None), "fail", "identifier_format"),
        (lucid(expires_on="2026-12-27"), "warn", "document_expiring"),  # 30 days left
        (lucid(expires_on="2026-11-27"), "warn", "document_expiring"),  # last valid day
    ],
)
def test_document_problems(document, outcome, reason):
    result = run(LUCID, table("listings", listing()), docs(document))

    [finding] = result.findings
    assert (finding["outcome"], finding["evidence"]["reason"]) == (outcome, reason)


@pytest.mark.parametrize(
    "document",
    [
        lucid(issued_on="2026-11-27", expires_on="2027-11-27"),  # issued on the audit date
        lucid(issued_on="2022-06-15"),  # a LUCID number does not expire
        lucid(expires_on="2027-01-27"),  # 61 days left: outside the 60-day warning
    ],
)
def test_valid_document_passes(document):
    result = run(LUCID, table("listings", listing()), docs(document))

    assert result.counts["pass"] == 1


def test_expiring_document_evidence_and_message():
    rule = make_rule(
        {"kind": "document", "document_type": "cpc", "warn_days": 60},
        message={
            "en": "CPC {identifier} {reason} ({days_left} days).",
            "zh": "CPC {identifier}{reason}（剩余 {days_left} 天）。",
        },
    )
    tables = (
        table("listings", listing(marketplace="US")),
        docs(cpc(expires_on="2027-01-10", file="docs/cpc-vx-spk-01.pdf")),
    )

    [finding] = run(rule, *tables).findings
    assert finding["outcome"] == "warn"
    assert finding["evidence"]["identifier"] == "CPC-VX-2026-01"
    assert finding["evidence"]["expires_on"] == "2027-01-10"
    assert finding["evidence"]["days_left"] == 44
    assert finding["evidence"]["file"] == "docs/cpc-vx-spk-01.pdf"
    assert finding["message"] == "CPC CPC-VX-2026-01 expires on 2027-01-10 (44 days)."
    [chinese] = run(rule, *tables, language="zh").findings
    assert chinese["message"] == "CPC CPC-VX-2026-01将于 2027-01-10 到期（剩余 44 天）。"


def test_identifier_problem_in_chinese():
    result = run(
        LUCID, table("listings", listing()), docs(lucid(identifier="DE123")), language="zh"
    )

    assert result.findings[0]["message"] == "epr_de_packaging：编号 DE123 与官方公布的格式不符。"


def test_warn_days_none_never_warns():
    rule = make_rule({"kind": "document", "document_type": "cpc", "warn_days": None})
    result = run(
        rule, table("listings", listing(marketplace="US")), docs(cpc(expires_on="2026-11-28"))
    )

    assert result.counts["pass"] == 1


@pytest.mark.parametrize(
    ("scope", "covered"),
    [
        ({}, {"VX-SPK-01", "VX-SPK-02", "VX-LMP-01", "KB-BAG-01"}),  # blank scope: everything
        ({"sku": "VX-SPK-01"}, {"VX-SPK-01"}),
        ({"asin": "B0CXV1LMP1"}, {"VX-LMP-01"}),
        ({"brand": "Voltix"}, {"VX-SPK-01", "VX-SPK-02", "VX-LMP-01"}),
        ({"brand": "VOLTIX"}, {"VX-SPK-01", "VX-SPK-02", "VX-LMP-01"}),  # brand ignores case
        ({"marketplace": "UK"}, {"VX-SPK-02"}),
        ({"brand": "voltix", "marketplace": "DE"}, {"VX-SPK-01", "VX-LMP-01"}),
        ({"sku": "VX-SPK-01", "marketplace": "UK"}, set()),  # every filled key must match
    ],
)
def test_blank_scope_columns_widen_a_document(scope, covered):
    listings = table(
        "listings",
        listing("VX-SPK-01", asin="B0CXV1SPK1"),
        listing("VX-SPK-02", asin="B0CXV1SPK2", marketplace="UK"),
        listing("VX-LMP-01", asin="B0CXV1LMP1"),
        listing("KB-BAG-01", asin="B0KBBAG001", brand="Kobaru"),
    )

    result = run(CPC, listings, docs(cpc(**scope)))

    failed = {f["entity"]["sku"] for f in result.findings}
    assert {"VX-SPK-01", "VX-SPK-02", "VX-LMP-01", "KB-BAG-01"} - failed == covered
    assert all(f["evidence"]["reason"] == "document_missing" for f in result.findings)


def test_a_scoped_document_does_not_cover_a_listing_without_that_key():
    # The listing has no ASIN; a document for one ASIN cannot be shown to cover it.
    listings = table("listings", listing(asin=None))

    result = run(CPC, listings, docs(cpc(asin="B0CXV1SPK1")))

    assert reasons(result) == {"VX-SPK-01": ("fail", "document_missing")}


def test_the_best_covering_document_wins():
    listings = table(
        "listings",
        listing("VX-SPK-01"),
        listing("KB-SPK-02", brand="Kobaru"),
        listing("KB-SPK-03", brand="Kobaru"),
    )
    register = docs(
        lucid(sku="VX-SPK-01", expires_on="2025-06-30"),  # the SKU's own, expired...
        lucid(brand="Voltix", marketplace="DE", expires_on="2028-01-01"),  # ...the brand's is good
        lucid(sku="KB-SPK-02", identifier="DE-TYPO"),
        lucid(sku="KB-SPK-02", expires_on="2026-12-15"),  # expiring beats a bad identifier
        lucid(sku="KB-SPK-03", identifier="DE-TYPO"),
        lucid(sku="KB-SPK-03", issued_on="2027-01-01"),  # a bad identifier beats not yet valid
    )

    result = run(LUCID, listings, register)

    assert reasons(result) == {
        "KB-SPK-02": ("warn", "document_expiring"),
        "KB-SPK-03": ("fail", "identifier_format"),
    }
    assert result.findings[0]["evidence"]["expires_on"] == "2026-12-15"
    assert result.findings[1]["evidence"]["identifier"] == "DE-TYPO"


def test_documents_of_other_types_do_not_count():
    result = run(
        CPC,
        table("listings", listing(marketplace="US")),
        docs(lucid(), {"document_type": "gcc", "identifier": "GCC-1"}),
    )

    assert reasons(result) == {"VX-SPK-01": ("fail", "document_missing")}


def test_document_check_applies_only_where_the_condition_holds():
    listings = table(
        "listings", listing("VX-SPK-01", marketplace="DE"), listing("VX-SPK-01", marketplace="US")
    )

    result = run(LUCID, listings, docs(cpc()))

    assert [f["entity"]["marketplace"] for f in result.findings] == ["DE"]
    assert sum(result.counts.values()) == 1


def test_invalid_identifier_pattern_is_a_validation_error():
    with pytest.raises(ValidationError):
        check_kinds()["document"].params.model_validate(
            {
                "kind": "document",
                "document_type": "epr_de_packaging",
                "identifier_pattern": r"^DE[0-9",
            }
        )


def test_unknown_document_type_is_a_validation_error():
    with pytest.raises(ValidationError, match="unknown document_type"):
        check_kinds()["document"].params.model_validate(
            {"kind": "document", "document_type": "lucid"}
        )


# --- approval ----------------------------------------------------------------------------

APPROVAL = make_rule(
    {"kind": "approval", "category_field": "gated_category"},
    when={"field": "gated_category", "exists": True},
    message={
        "en": "{category} in {marketplace}: {status}.",
        "zh": "{marketplace} 站点 {category} 类目审核状态：{status}。",
    },
)


def gated(sku: str, category: str, marketplace: str = "US", brand: str = "Voltix") -> dict:
    return {
        "sku": sku,
        "asin": "B0CXV1SPK1",
        "brand": brand,
        "marketplace": marketplace,
        "gated_category": category,
    }


def approval(category: str, status: str, marketplace: str = "US", **scope: object) -> dict:
    return {
        "category": category,
        "status": status,
        "marketplace": marketplace,
        "decided_on": "2026-03-02",
        **scope,
    }


def test_approved_category_passes():
    result = run(
        APPROVAL,
        table("listings", gated("VX-TEA-01", "grocery")),
        table("approvals", approval("grocery", "approved")),
    )

    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 0}


@pytest.mark.parametrize(
    ("register", "status"),
    [
        ([approval("grocery", "pending")], "pending"),
        ([approval("grocery", "denied")], "denied"),
        ([approval("watches", "approved")], "none"),  # approved for another category only
        ([], "none"),
    ],
)
def test_category_without_approval_fails(register, status):
    result = run(
        APPROVAL, table("listings", gated("VX-TEA-01", "grocery")), table("approvals", *register)
    )

    [finding] = result.findings
    assert (finding["outcome"], finding["observed"], finding["limit"]) == (
        "fail",
        status,
        "approved",
    )
    assert finding["message"] == f"grocery in US: {status}."


def test_approval_evidence_has_the_decision_date():
    result = run(
        APPROVAL,
        table("listings", gated("VX-TEA-01", "grocery")),
        table("approvals", approval("grocery", "denied")),
    )

    evidence = result.findings[0]["evidence"]
    assert (evidence["category"], evidence["status"], evidence["decided_on"]) == (
        "grocery",
        "denied",
        "2026-03-02",
    )


def test_approval_is_per_marketplace():
    listings = table(
        "listings", gated("VX-TEA-01", "grocery", "US"), gated("VX-TEA-01", "grocery", "UK")
    )

    result = run(APPROVAL, listings, table("approvals", approval("grocery", "approved", "US")))

    assert [(f["entity"]["marketplace"], f["observed"]) for f in result.findings] == [
        ("UK", "none")
    ]


def test_brand_and_sku_scoped_approvals():
    listings = table(
        "listings",
        gated("VX-WCH-01", "watches"),
        gated("KB-WCH-01", "watches", brand="Kobaru"),
        gated("VX-JWL-01", "fine-jewelry"),
        gated("VX-JWL-02", "fine-jewelry"),
    )
    register = table(
        "approvals",
        approval("watches", "approved", brand="voltix"),  # the brand, any SKU; brand ignores case
        approval("fine-jewelry", "approved", sku="VX-JWL-01"),
    )

    result = run(APPROVAL, listings, register)

    assert outcomes(result) == [("KB-WCH-01", None, "fail"), ("VX-JWL-02", None, "fail")]


def test_the_best_status_wins():
    register = table(
        "approvals",
        approval("dietary-supplements", "denied"),  # denied for every brand...
        approval("dietary-supplements", "approved", brand="Voltix"),  # ...approved for this one
        approval("hazmat", "denied"),
        approval("hazmat", "pending", sku="VX-PWR-01"),
    )
    listings = table(
        "listings", gated("VX-VIT-01", "dietary-supplements"), gated("VX-PWR-01", "hazmat")
    )

    result = run(APPROVAL, listings, register)

    assert [(f["entity"]["sku"], f["observed"]) for f in result.findings] == [
        ("VX-PWR-01", "pending")
    ]


def test_listings_outside_gated_categories_are_not_evaluated():
    listings = table(
        "listings", gated("VX-TEA-01", "grocery"), {"sku": "VX-SPK-01", "marketplace": "US"}
    )

    result = run(APPROVAL, listings, table("approvals", approval("grocery", "approved")))

    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 0}


def test_without_a_condition_an_ungated_listing_passes():
    rule = make_rule({"kind": "approval"})
    listings = table("listings", {"sku": "VX-SPK-01", "marketplace": "US"})

    result = run(rule, listings, table("approvals", approval("grocery", "approved")))

    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 0}


# --- expiry on the documents register ----------------------------------------------------

EXPIRY = make_rule(
    {"kind": "expiry", "field": "expires_on", "warn_days": 60},
    applies_to="documents",
    message={
        "en": "{document_type} {identifier} expires on {value}: {days_left} days.",
        "zh": "{document_type} 剩余 {days_left} 天。",
    },
)


@pytest.mark.parametrize(
    ("expires_on", "outcome", "days_left"),
    [
        ("2026-11-26", "fail", -1),
        ("2025-01-31", "fail", -665),
        ("2026-11-27", "warn", 0),
        ("2027-01-26", "warn", 60),
    ],
)
def test_expiry(expires_on, outcome, days_left):
    result = run(EXPIRY, docs(cpc(expires_on=expires_on)))

    [finding] = result.findings
    assert (finding["outcome"], finding["evidence"]["days_left"]) == (outcome, days_left)
    assert finding["observed"] == expires_on
    assert finding["limit"] == AS_OF.isoformat()
    assert finding["entity"]["identifier"] == "CPC-VX-2026-01"
    assert finding["message"] == f"cpc CPC-VX-2026-01 expires on {expires_on}: {days_left} days."


@pytest.mark.parametrize("expires_on", ["2027-01-27", None])  # 61 days; blank: does not expire
def test_document_far_from_expiry_or_without_one_passes(expires_on):
    result = run(EXPIRY, docs(lucid(expires_on=expires_on)))

    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 0}


# --- document: several required documents, each with its own condition and limits -------

BATTERIES = make_rule(
    {
        "kind": "document",
        "documents": [
            {"document_type": "epr_de_batteries", "when": {"field": "marketplace", "eq": "DE"}},
            {"document_type": "epr_nl_batteries", "when": {"field": "marketplace", "eq": "NL"}},
        ],
    },
    message={"en": "{detail}: {reason}.", "zh": "{detail}：{reason}。"},
)
LITHIUM = make_rule(
    {
        "kind": "document",
        "documents": [
            {"document_type": "un38_3_summary"},
            {"document_type": "sds", "max_age_years": 5},
        ],
    },
    message={"en": "{detail}: {reason}.", "zh": "{detail}：{reason}。"},
)


def by_detail(result) -> dict:
    return {
        (f["entity"]["sku"], f["detail"]): (f["outcome"], f["evidence"].get("reason"))
        for f in result.findings
    }


def test_each_required_document_gets_its_own_verdict_with_the_type_as_detail():
    listings = table("listings", listing("VX-PB-10K", marketplace="US"))

    result = run(LITHIUM, listings, docs({"document_type": "un38_3_summary", "identifier": "U-1"}))

    assert by_detail(result) == {("VX-PB-10K", "sds"): ("fail", "document_missing")}
    assert result.findings[0]["message"] == "sds: no document in the register."
    assert result.counts == {"pass": 0, "fail": 1, "warn": 0, "unknown": 0}


@pytest.mark.parametrize(
    ("issued_on", "outcome", "reason"),
    [
        ("2021-11-27", None, None),  # exactly five years old: still accepted
        ("2021-11-26", "fail", "document_too_old"),
        (None, "fail", "document_undated"),  # Amazon rejects an undated SDS
    ],
)
def test_maximum_age_from_issued_on(issued_on, outcome, reason):
    register = docs(
        {"document_type": "un38_3_summary", "identifier": "U-1"},
        {"document_type": "sds", "identifier": "SDS-1", "issued_on": issued_on},
    )

    result = run(LITHIUM, table("listings", listing(marketplace="US")), register)

    expected = {} if outcome is None else {("VX-SPK-01", "sds"): (outcome, reason)}
    assert by_detail(result) == expected
    if outcome:
        assert result.findings[0]["evidence"]["oldest_allowed"] == "2021-11-27"


def test_a_document_whose_condition_does_not_hold_is_not_needed():
    listings = table(
        "listings",
        listing("VX-SPK-01", marketplace="DE"),
        listing("VX-SPK-01", marketplace="NL"),
    )
    register = docs({"document_type": "epr_de_batteries", "identifier": "DE21436587"})

    result = run(BATTERIES, listings, register)

    assert [(f["entity"]["marketplace"], f["detail"]) for f in result.findings] == [
        ("NL", "epr_nl_batteries")
    ]
    assert result.counts == {"pass": 1, "fail": 1, "warn": 0, "unknown": 0}


def test_an_undecided_document_condition_is_unknown_naming_the_field():
    rule = make_rule(
        {
            "kind": "document",
            "documents": [
                {"document_type": "epr_fr_packaging"},
                {"document_type": "epr_fr_eee", "when": {"field": "is_electrical", "eq": True}},
            ],
        }
    )
    register = docs({"document_type": "epr_fr_packaging", "identifier": "FR194628_01ZVJG"})

    result = run(rule, table("listings", listing(marketplace="FR")), register)

    [finding] = result.findings
    assert (finding["detail"], finding["outcome"], finding["missing"]) == (
        "epr_fr_eee",
        "unknown",
        ["is_electrical"],
    )
    assert "products register" in finding["message"]


def test_any_of_several_types_will_do():
    rule = make_rule({"kind": "document", "document_type": ["fcc_authorization", "fcc_sdoc"]})
    listings = table("listings", listing("VX-KB-01", marketplace="US"), listing("VX-CAM-01"))

    result = run(rule, listings, docs({"document_type": "fcc_sdoc", "sku": "VX-KB-01"}))

    assert reasons(result) == {"VX-CAM-01": ("fail", "document_missing")}
    assert result.findings[0]["evidence"]["document_type"] == "fcc_authorization or fcc_sdoc"


@pytest.mark.parametrize(
    ("identifier", "outcome", "reason"),
    [
        ("DE4711234567890", None, None),
        ("DE12345", "fail", "identifier_format"),  # the type's published format, no rule pattern
    ],
)
def test_the_type_s_published_format_applies_by_default(identifier, outcome, reason):
    rule = make_rule({"kind": "document", "document_type": "epr_de_packaging"})

    result = run(rule, table("listings", listing()), docs(lucid(identifier=identifier)))

    assert reasons(result) == ({} if outcome is None else {"VX-SPK-01": (outcome, reason)})


def test_a_format_only_third_parties_describe_warns():
    rule = make_rule({"kind": "document", "document_type": "epr_fr_packaging"})
    register = docs({"document_type": "epr_fr_packaging", "identifier": "FR112233"})

    result = run(rule, table("listings", listing(marketplace="FR")), register)

    assert reasons(result) == {"VX-SPK-01": ("warn", "identifier_unconfirmed_format")}


def test_limits_beside_documents_apply_to_each_unless_it_sets_its_own():
    params = check_kinds()["document"].params.model_validate(
        {
            "kind": "document",
            "max_age_days": 365,
            "documents": [
                {"document_type": "third_party_verification"},
                {"document_type": "sds", "max_age_years": 5},
            ],
        }
    )

    [(coa, _), (sds, _)] = params.required()
    assert (coa.max_age_days, coa.max_age_years) == (365, None)
    assert (sds.max_age_days, sds.max_age_years) == (None, 5)


@pytest.mark.parametrize(
    "check",
    [
        {"kind": "document"},  # neither form
        {"kind": "document", "document_type": "cpc", "documents": [{"document_type": "gcc"}]},
        {"kind": "document", "documents": [{"document_type": "lucid"}]},
        {"kind": "document", "document_type": ["cpc", "lucid"]},
        {"kind": "document", "document_type": "sds", "max_age_days": 10, "max_age_years": 1},
        {"kind": "document", "documents": [{"document_type": "sds", "when": {"field": "x"}}]},
    ],
)
def test_invalid_document_params(check):
    with pytest.raises(ValidationError):
        check_kinds()["document"].params.model_validate(check)


def test_a_document_condition_reading_an_unknown_column_is_rejected_by_the_loader():
    from auditor.packs.loader import _semantic_problems

    rule = make_rule(
        {
            "kind": "document",
            "documents": [{"document_type": "sds", "when": {"field": "colour", "eq": "red"}}],
        }
    )

    assert any("colour" in message for message, _ in _semantic_problems(rule.rule))


# --- identifier_format on the documents register -----------------------------------------

FORMATS = make_rule(
    {"kind": "identifier_format"},
    applies_to="documents",
    message={"en": "{reason} ({pattern})", "zh": "{reason}（{pattern}）"},
)


@pytest.mark.parametrize(
    ("document", "outcome", "reason"),
    [
        ({"document_type": "epr_de_weee", "identifier": "DE58213947"}, None, None),
        (
            {"document_type": "epr_de_weee", "identifier": "WEEE-Reg.-Nr. DE 58213947"},
            "fail",
            "identifier_format",
        ),
        ({"document_type": "epr_es_packaging", "identifier": "ENV/2023/000418265"}, None, None),
        (
            {"document_type": "epr_es_packaging", "identifier": "ENV/23/418265"},
            "fail",
            "identifier_format",
        ),
        ({"document_type": "fcc_authorization", "identifier": "2BCXV-SPK01"}, None, None),
        (
            {"document_type": "fcc_authorization", "identifier": "1BCXV-SPK01"},
            "fail",
            "identifier_format",
        ),
        ({"document_type": "epa_registration", "identifier": "1677-249"}, None, None),
        ({"document_type": "epa_establishment", "identifier": "99999-CHN-002"}, None, None),
        (
            {"document_type": "epa_establishment", "identifier": "99999-002"},
            "fail",
            "identifier_format",
        ),
        ({"document_type": "epr_fr_eee", "identifier": "FR194628_02KQWT"}, None, None),
        (
            {"document_type": "epr_fr_eee", "identifier": "FR112233"},
            "warn",
            "identifier_unconfirmed_format",
        ),
        (
            {"document_type": "cpc", "identifier": "anything at all"},
            None,
            None,
        ),  # no published format
        ({"document_type": "cpc"}, None, None),
        ({"document_type": "epr_de_packaging"}, "unknown", None),
    ],
)
def test_identifier_format(document, outcome, reason):
    result = run(FORMATS, docs(document))

    got = [(f["outcome"], f["evidence"].get("reason")) for f in result.findings]
    assert got == ([] if outcome is None else [(outcome, reason)])
    if outcome == "unknown":
        assert result.findings[0]["missing"] == ["identifier"]
    if outcome in ("fail", "warn"):
        assert result.findings[0]["limit"].startswith("^")


# --- prohibited_when and warn_when ---------------------------------------------------------

#: A pesticide in the US: no registration helps a seller not established there.
PESTICIDE = make_rule(
    {
        "kind": "document",
        "document_type": "epa_registration",
        "prohibited_when": {"field": "seller_country", "ne": "US"},
    },
    message={"en": "{reason}.", "zh": "{reason}。"},
)
#: A UFLPA sector product: a missing trace fails for Chinese origin and warns otherwise.
TRACE = make_rule(
    {
        "kind": "document",
        "document_type": "uflpa_supply_chain_map",
        "warn_when": {"field": "country_of_origin", "ne": "CN"},
    }
)


def epa(**fields: object) -> dict:
    return {"document_type": "epa_registration", "identifier": "1677-249", **fields}


def test_where_prohibited_the_entity_fails_whatever_the_register_holds():
    listings = table(
        "listings",
        listing("CN-WIPE", marketplace="US", seller_country="CN"),
        listing("US-WIPE", marketplace="US", seller_country="US"),
        listing("US-SPRAY", marketplace="US", seller_country="US"),
    )
    register = docs(epa(sku="CN-WIPE"), epa(sku="US-WIPE"))

    result = run(PESTICIDE, listings, register)

    assert reasons(result) == {
        "CN-WIPE": ("fail", "prohibited"),
        "US-SPRAY": ("fail", "document_missing"),
    }
    assert result.findings[0]["message"] == (
        "no document makes this product allowed for this seller."
    )


def test_prohibition_undecided_is_one_unknown_naming_the_field():
    result = run(PESTICIDE, table("listings", listing("WIPE", marketplace="US")), docs(epa()))

    [finding] = result.findings
    assert (finding["outcome"], finding["missing"]) == ("unknown", ["seller_country"])


def test_prohibition_undecided_but_no_document_fails_either_way():
    result = run(PESTICIDE, table("listings", listing("SPRAY", marketplace="US")), docs(cpc()))

    assert reasons(result) == {"SPRAY": ("fail", "document_missing")}


def test_where_warn_when_holds_a_missing_document_only_warns():
    listings = table(
        "listings",
        listing("CN-TOWEL", country_of_origin="CN"),
        listing("VN-TOWEL", country_of_origin="VN"),
        listing("XX-TOWEL"),
    )

    result = run(TRACE, listings, docs(cpc()))

    assert outcomes(result) == [
        ("CN-TOWEL", None, "fail"),
        ("VN-TOWEL", None, "warn"),
        ("XX-TOWEL", None, "unknown"),
    ]


WEEE = make_rule(
    {"kind": "document", "document_type": "epr_de_weee", "per": ["brand", "product_type"]}
)


def test_per_brand_and_type_a_registration_covers_only_the_types_it_names():
    listings = table(
        "listings",
        listing("VX-SPK-01", product_type="SPEAKERS"),
        listing("VX-PB-10K", product_type="POWER_BANK"),
        listing("VX-X", product_type=None),
        marketplace="DE",
    )
    register = docs(
        {
            "document_type": "epr_de_weee",
            "identifier": "DE58213947",
            "brand": "Voltix",
            "product_type": "SPEAKERS",
        },
        # Brand only: under `per` a blank product type covers nothing.
        {"document_type": "epr_de_weee", "identifier": "DE58213948", "brand": "Voltix"},
    )

    result = run(WEEE, listings, register)

    assert outcomes(result) == [("VX-PB-10K", None, "fail"), ("VX-X", None, "unknown")]
    assert result.findings[1]["missing"] == ["product_type"]
