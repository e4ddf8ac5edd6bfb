"""Checks on the content of text fields: characters, patterns, terms and repetition."""

from __future__ import annotations

import pytest
from conftest import make_rule, outcomes, run, table
from pydantic import ValidationError

from auditor.engine.registry import check_kinds


def listing(sku: str = "VX-SPK-01", **fields: object) -> dict:
    return {"sku": sku, "asin": "B0CXV1SPK1", "brand": "Voltix", **fields}


def found(result) -> list:
    return [f["evidence"].get("found") for f in result.findings]


# --- forbidden_chars ---------------------------------------------------------------------

TITLE_CHARS = make_rule(
    {"kind": "forbidden_chars", "fields": "title", "chars": "!$?_{}^¬¦"},
    message={"en": "Title contains {found}.", "zh": "标题包含禁用字符 {found}。"},
)
BULLET_EMOJI = make_rule(
    {"kind": "forbidden_chars", "fields": ["bullet_point1", "bullet_point2"], "emoji": True}
)


@pytest.mark.parametrize(
    ("title", "chars"),
    [
        ("BEST Water Bottle!!! Only $9.99", "!, $"),  # distinct, in order of appearance
        ("Water_Bottle {Blue}", "_, {, }"),
        ("Is this the loudest speaker? ¦ Voltix", "?, ¦"),
        ("Speaker ^ 2 pack ¬ refurbished", "^, ¬"),
    ],
)
def test_forbidden_title_characters_are_listed(title, chars):
    result = run(TITLE_CHARS, table("listings", listing(title=title)))

    [finding] = result.findings
    assert finding["outcome"] == "fail"
    assert finding["evidence"]["found"] == chars
    assert finding["message"] == f"Title contains {chars}."


def test_clean_title_passes():
    title = "Stainless Steel Water Bottle 750 ml, Leak-Proof Lid, Blue (2-Pack) & Straw"
    result = run(TITLE_CHARS, table("listings", listing(title=title)))

    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 0}


BRAND_ALLOWED = make_rule(
    {"kind": "forbidden_chars", "fields": "title", "chars": "!$?", "allow_within": "brand"}
)


@pytest.mark.parametrize(
    ("brand", "title", "outcome"),
    [
        ("Boom!", "Boom! Water Bottle 750 ml", "pass"),  # the "!" is the brand's
        ("Boom!", "BOOM! Water Bottle 750 ml", "pass"),  # in any case
        ("Boom!", "Boom! Water Bottle, Only $9", "fail"),  # the "$" is not
        ("Voltix", "Voltix Speaker!", "fail"),
        (None, "Water Bottle!", "fail"),  # no brand: nothing is allowed
    ],
)
def test_characters_inside_the_rows_own_brand_are_allowed(brand, title, outcome):
    result = run(BRAND_ALLOWED, table("listings", listing(title=title, brand=brand)))

    assert [f["outcome"] for f in result.findings] == ([] if outcome == "pass" else [outcome])


def test_a_hyphen_in_chars_is_a_character_not_a_range():
    # Unescaped, "!-?" would be a range forbidding every digit and most punctuation.
    rule = make_rule({"kind": "forbidden_chars", "fields": "title", "chars": "!-?"})
    result = run(
        rule,
        table(
            "listings",
            listing("VX-CBL-01", title="USB-C Cable 2 m, 60W"),
            listing("VX-CBL-02", title="USB C Cable 2 m, 60W"),
        ),
    )

    assert outcomes(result) == [("VX-CBL-01", None, "fail")]
    assert found(result) == ["-"]


@pytest.mark.parametrize(
    ("bullet", "emoji"),
    [
        ("🔊 LOUD SOUND: dual 10W drivers", "🔊"),
        ("Rated ⭐ by 10,000 buyers", "⭐"),
        ("The perfect gift 🎁 for dads 🎁", "🎁"),
        ("Waterproof ☔ and dustproof", "☔"),
    ],
)
def test_emoji_are_forbidden_when_asked(bullet, emoji):
    result = run(
        BULLET_EMOJI,
        table(
            "listings",
            listing(bullet_point1=bullet, bullet_point2="24H PLAYTIME: one charge lasts a day"),
        ),
    )

    assert outcomes(result) == [("VX-SPK-01", "bullet_point1", "fail")]
    assert found(result) == [emoji]


def test_emoji_pass_when_only_chars_are_forbidden():
    result = run(TITLE_CHARS, table("listings", listing(title="Voltix Speaker 🔊 Waterproof ⭐")))

    assert result.findings == []


def test_accented_and_cjk_text_is_not_emoji():
    result = run(
        BULLET_EMOJI,
        table(
            "listings",
            listing(
                bullet_point1="Lautsprecher für Dusche, größe 10 cm",
                bullet_point2="防水蓝牙音箱，续航 24 小时",
            ),
        ),
    )

    assert result.counts["pass"] == 1


def test_blank_text_is_unknown_unless_blank_pass():
    optional = make_rule(
        {"kind": "forbidden_chars", "fields": "item_highlights", "chars": "!", "blank": "pass"}
    )
    listings = table("listings", listing())

    assert outcomes(run(TITLE_CHARS, listings)) == [("VX-SPK-01", None, "unknown")]
    assert run(TITLE_CHARS, listings).findings[0]["missing"] == ["title"]
    assert run(optional, listings).counts["pass"] == 1


def test_forbidden_chars_without_anything_to_forbid_is_rejected_when_validated():
    with pytest.raises(ValidationError):
        check_kinds()["forbidden_chars"].params.model_validate(
            {"kind": "forbidden_chars", "fields": "title"}
        )


# --- regex -------------------------------------------------------------------------------

NO_ASIN_IN_TEXT = make_rule(
    {"kind": "regex", "fields": ["title", "description"], "pattern": r"\bB0[A-Z0-9]{8}\b"},
    message={"en": "{field} mentions {found}.", "zh": "{field} 含有 {found}。"},
)


def test_forbidden_pattern_fails_with_the_match_per_field():
    result = run(
        NO_ASIN_IN_TEXT,
        table(
            "listings",
            listing(
                title="Replacement Strap, compatible with b0cxv1spk1",
                description="See also B0CXV1SPK2 and B0CXV1SPK3.",
            ),
            listing(
                "VX-SPK-02",
                title="Voltix Speaker Strap",
                description="Silicone strap, fits all Voltix speakers.",
            ),
        ),
    )

    assert outcomes(result) == [
        ("VX-SPK-01", "title", "fail"),
        ("VX-SPK-01", "description", "fail"),
    ]
    # ignore_case is the default; the first match is reported
    assert found(result) == ["b0cxv1spk1", "B0CXV1SPK2"]
    assert result.findings[1]["message"] == "description mentions B0CXV1SPK2."


def test_regex_respects_ignore_case_false():
    rule = make_rule(
        {"kind": "regex", "fields": "title", "pattern": r"\bB0[A-Z0-9]{8}\b", "ignore_case": False}
    )
    result = run(rule, table("listings", listing(title="Strap for b0cxv1spk1")))

    assert result.counts["pass"] == 1


def test_required_pattern_fails_when_absent():
    # A title must start with the brand's capital letter.
    rule = make_rule(
        {
            "kind": "regex",
            "fields": "title",
            "pattern": r"^[A-Z]",
            "mode": "require",
            "ignore_case": False,
        }
    )
    result = run(
        rule,
        table(
            "listings",
            listing("VX-SPK-01", title="voltix speaker"),
            listing("VX-SPK-02", title="Voltix Speaker"),
        ),
    )

    assert outcomes(result) == [("VX-SPK-01", None, "fail")]
    assert result.findings[0]["observed"] == "voltix speaker"


def test_invalid_regex_is_rejected_when_validated():
    with pytest.raises(ValidationError, match="invalid regex"):
        check_kinds()["regex"].params.model_validate(
            {"kind": "regex", "fields": "title", "pattern": "[a-"}
        )


def test_pattern_with_inline_flags_is_evaluated():
    rule = make_rule({"kind": "regex", "fields": "description", "pattern": r"(?i)https?://\S+"})
    result = run(
        rule, table("listings", listing(description="Manual at HTTPS://voltix.example/manual"))
    )

    assert outcomes(result) == [("VX-SPK-01", None, "fail")]


# --- forbidden_terms ---------------------------------------------------------------------

PROMO_TERMS = make_rule(
    {
        "kind": "forbidden_terms",
        "fields": ["title", "bullet_point1"],
        "terms": ["sale", "best seller", "free shipping", "#1"],
    },
    message={"en": "{field}: remove {found}.", "zh": "{field}：请删除 {found}。"},
)


@pytest.mark.parametrize(
    ("title", "hits"),
    [
        ("Voltix Speaker - SALE", "sale"),
        ("Voltix Speaker, Best Seller, On Sale", "best seller, sale"),
        ("FREE SHIPPING Voltix Speaker", "free shipping"),
        ("#1 Rated Waterproof Speaker", "#1"),
        ("Sale! sale! SALE!", "sale"),  # repeated hits are listed once
    ],
)
def test_forbidden_terms_match_whole_words_whatever_the_case(title, hits):
    result = run(
        PROMO_TERMS, table("listings", listing(title=title, bullet_point1="LOUD 360° SOUND"))
    )

    assert outcomes(result) == [("VX-SPK-01", "title", "fail")]
    assert found(result) == [hits]


@pytest.mark.parametrize(
    "title",
    [
        "Wholesale Pack of 12 Speaker Straps",  # 'sale' inside 'wholesale'
        "Salesforce Conference Speaker Badge",
        "Best Sellers Rank Tracker Notebook",  # 'best seller' inside 'best sellers'
        "Voltix Speaker #10 Replacement Grille",  # '#1' inside '#10'
    ],
)
def test_forbidden_terms_do_not_match_inside_longer_words(title):
    result = run(
        PROMO_TERMS, table("listings", listing(title=title, bullet_point1="LOUD 360° SOUND"))
    )

    assert result.findings == []
    assert result.counts["pass"] == 1


def test_forbidden_terms_report_each_field_apart():
    result = run(
        PROMO_TERMS,
        table(
            "listings",
            listing(title="Voltix Speaker Sale", bullet_point1="BEST SELLER in Portable Audio"),
        ),
    )

    assert outcomes(result) == [
        ("VX-SPK-01", "title", "fail"),
        ("VX-SPK-01", "bullet_point1", "fail"),
    ]
    assert [f["message"] for f in result.findings] == [
        "title: remove sale.",
        "bullet_point1: remove best seller.",
    ]


def test_forbidden_terms_render_in_chinese():
    result = run(
        PROMO_TERMS,
        table("listings", listing(title="Speaker SALE", bullet_point1="LOUD SOUND")),
        language="zh",
    )

    assert [f["message"] for f in result.findings] == ["title：请删除 sale。"]


def test_forbidden_japanese_term_is_found_inside_japanese_text():
    rule = make_rule({"kind": "forbidden_terms", "fields": "title", "terms": ["最安値"]})
    result = run(
        rule,
        table("listings", listing(title="最安値のワイヤレススピーカー 防水", marketplace="JP")),
    )

    assert outcomes(result) == [("VX-SPK-01", None, "fail")]


# --- word_repetition ---------------------------------------------------------------------

REPETITION = make_rule({"kind": "word_repetition", "fields": "title", "max": 2})


def test_a_word_more_than_twice_fails_with_its_count():
    result = run(
        REPETITION,
        table("listings", listing(title="Dog Bed Large Dog Bed Washable Dog Bed for Dogs")),
    )

    [finding] = result.findings
    assert finding["outcome"] == "fail"
    assert (finding["observed"], finding["limit"]) == (3, 2)
    assert finding["evidence"]["found"] == "bed ×3, dog ×3"


def test_repetition_is_case_insensitive():
    result = run(
        REPETITION,
        table("listings", listing(title="SPEAKER Waterproof speaker, Bluetooth Speaker")),
    )

    assert found(result) == ["speaker ×3"]


def test_twice_is_allowed():
    title = "Dog Bed for Large Dogs, Washable Dog Bed with Removable Cover"
    result = run(REPETITION, table("listings", listing(title=title)))

    assert result.counts["pass"] == 1


def test_stop_words_are_exempt_whatever_their_case():
    title = "The Speaker for the Shower, the Pool and the Beach, AND the Car, For Kids, for Adults"
    result = run(REPETITION, table("listings", listing(title=title)))

    assert result.findings == []


def test_custom_stop_words_replace_the_defaults():
    rule = make_rule(
        {"kind": "word_repetition", "fields": "title", "max": 2, "stop_words": ["pack"]}
    )
    result = run(rule, table("listings", listing(title="Pack of 3, Pack of 6, Pack of 12 Straps")))

    assert found(result) == ["of ×3"]


def test_blank_titles_are_unknown_and_never_crash():
    result = run(REPETITION, table("listings", listing("VX-SPK-01"), listing("VX-SPK-02")))

    assert outcomes(result) == [("VX-SPK-01", None, "unknown"), ("VX-SPK-02", None, "unknown")]


# --- forbidden_terms from the listing's own fields and from a table ----------------------

BRANDS = make_rule(
    {
        "kind": "forbidden_terms",
        "fields": "search_terms",
        "terms": ["best"],
        "row_terms": ["brand"],
        "table_terms": [{"table": "listings", "field": "brand"}],
        "exclude": ["Generic"],
    }
)


def test_own_brand_other_brands_and_fixed_terms_are_all_forbidden():
    result = run(
        BRANDS,
        table(
            "listings",
            listing("VX-SPK-01", brand="Voltix", search_terms="voltix shower speaker"),
            listing("LM-LAMP-01", brand="Lumora", search_terms="desk lamp"),
            listing("VX-SPK-02", brand="Voltix", search_terms="lumora style lamp, best"),
            listing("GN-CBL-01", brand="Generic", search_terms="generic usb cable"),
            listing("VX-SPK-03", brand="Voltix", search_terms="voltixx speaker"),
        ),
    )

    assert outcomes(result) == [("VX-SPK-01", None, "fail"), ("VX-SPK-02", None, "fail")]
    assert found(result) == ["voltix", "lumora, best"]  # in order of appearance


def test_row_terms_alone_need_no_fixed_list():
    rule = make_rule({"kind": "forbidden_terms", "fields": "title", "row_terms": "brand"})
    result = run(
        rule,
        table(
            "listings",
            listing("VX-SPK-01", title="Speaker by Voltix", brand="Voltix"),
            listing("LM-LAMP-01", title="Voltix-compatible lamp", brand="Lumora"),
            listing("NB-01", title="Speaker", brand=None),
        ),
    )

    assert outcomes(result) == [("VX-SPK-01", None, "fail")]


def test_extra_terms_add_to_the_list_an_override_would_otherwise_replace():
    rule = make_rule(
        {
            "kind": "forbidden_terms",
            "fields": "search_terms",
            "terms": ["best"],
            "extra_terms": ["JBL"],
        }
    )
    result = run(rule, table("listings", listing(search_terms="like jbl but louder")))

    assert found(result) == ["jbl"]


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"fields": "title"}, "needs terms"),
        ({"fields": "title", "table_terms": [{"table": "listings", "field": "nope"}]}, "no column"),
        (
            {"fields": "title", "table_terms": [{"table": "orders", "field": "brand"}]},
            "unknown table",
        ),
    ],
)
def test_forbidden_terms_needs_terms_from_somewhere(params, error):
    with pytest.raises(ValidationError, match=error):
        check_kinds()["forbidden_terms"].params.model_validate(
            {"kind": "forbidden_terms", **params}
        )


# --- letter_case -------------------------------------------------------------------------

CAPS = make_rule({"kind": "letter_case", "fields": "title", "share": 0.8})


@pytest.mark.parametrize(
    ("title", "outcome"),
    [
        ("VOLTIX PORTABLE BLUETOOTH SPEAKER 20W, IPX7 WATERPROOF, BLACK", "fail"),
        ("VOLTIX PORTABLE BLUETOOTH SPEAKER, IPX7, Black", "fail"),  # 4 of 5 words
        ("Voltix Portable Bluetooth Speaker, 20W, IPX7 Waterproof, Black", "pass"),
        ("VOLTIX Portable Bluetooth Speaker", "pass"),  # a brand in capitals
        ("JBL GO 3 USB LED", "pass"),  # short acronyms and model numbers are not judged
        ("ワイヤレス スピーカー 防水 VOLTIX", "pass"),  # one countable word
        ("X-RAY DON'T GLOW", "fail"),  # capitals split by - and ' still count as words
        ("ŁÓDŹ ŚWIECA ZAPACHOWA", "fail"),  # capitals beyond ASCII
        ("Świeca zapachowa, Łódź", "pass"),
    ],
)
def test_all_caps_titles_fail_and_acronyms_do_not_count(title, outcome):
    result = run(CAPS, table("listings", listing(title=title)))

    assert [o for _, _, o in outcomes(result)] == ([] if outcome == "pass" else [outcome])


def test_all_caps_finding_shows_the_share_and_some_words():
    result = run(CAPS, table("listings", listing(title="VOLTIX PORTABLE BLUETOOTH SPEAKER, Black")))

    [finding] = result.findings
    assert (finding["observed"], finding["limit"]) == (0.8, 0.8)
    assert finding["evidence"]["found"] == "VOLTIX PORTABLE BLUETOOTH SPEAKER"
    assert finding["evidence"]["words"] == 5


def test_lower_case_mode_and_blank_title():
    rule = make_rule({"kind": "letter_case", "fields": "title", "case": "lower"})
    result = run(
        rule,
        table(
            "listings",
            listing("A", title="voltix portable speaker"),
            listing("B", title="Voltix Portable Speaker"),
            listing("C"),
        ),
    )

    assert outcomes(result) == [("A", None, "fail"), ("C", None, "unknown")]


def test_a_catalogue_term_equal_to_the_rows_own_value_is_left_to_another_part():
    rule = make_rule(
        {
            "kind": "forbidden_terms",
            "fields": "search_terms",
            "table_terms": [{"table": "listings", "field": "brand"}],
            "except_row": "brand",
        }
    )
    rows = table(
        "listings",
        listing("VX-1", brand="Voltix", search_terms="voltix speaker"),
        listing("VX-2", brand="Voltix", search_terms="lumora lamp voltix"),
        listing("LM-1", brand="Lumora", search_terms="desk lamp"),
    )

    assert found(run(rule, rows)) == ["lumora"]
