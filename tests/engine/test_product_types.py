"""Listing attributes checked against a product type definition, keyword by keyword, as Amazon does."""

from __future__ import annotations

import copy
import json
import socket
from typing import Any

import pytest
from conftest import DATA

from auditor.engine.product_types import Allowed, Judge, Violation, violations
from auditor.errors import AuditorError
from auditor.model.product_types import META_SCHEMA_URI, REGISTRY, validator_for

LUGGAGE: dict[str, Any] = json.loads(
    (DATA / "amazon/product-type-definitions/LUGGAGE.json").read_text()
)
US = {"marketplace_id": "ATVPDKIKX0DER", "language_tag": "en_US"}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test: the meta-schema is never fetched."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a product type validation tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def listing(**attributes: Any) -> dict[str, Any]:
    """A valid LUGGAGE listing's attributes, with some replaced (None removes one)."""
    base: dict[str, Any] = {
        "item_name": [{"value": "Hardside Carry-On Spinner, 55 cm, Navy", **US}],
        "manufacturer": [{"value": "Acme Travel", **US}],
        "age_range_description": [{"value": "adult", **US}],
        "contains_batteries": [{"value": False, "marketplace_id": US["marketplace_id"]}],
    }
    base.update(attributes)
    return {name: value for name, value in base.items() if value is not None}


def keywords(found: list[Violation]) -> list[tuple[str, str]]:
    return [(v.attribute, v.keyword) for v in found]


def test_a_valid_listing_has_no_violation():
    assert violations(LUGGAGE, listing()) == []


# --- maxUtf8ByteLength: bytes, not characters ---------------------------------


def test_a_250_character_ascii_title_passes_the_250_byte_limit():
    assert violations(LUGGAGE, listing(item_name=[{"value": "a" * 250, **US}])) == []


def test_a_title_of_fewer_characters_but_267_utf8_bytes_fails():
    title = (
        "Valise cabine rigide légère, 55 cm, bleu marine, roulettes 360°: " + "é" * 90 + "x" * 19
    )
    assert len(title) < 250 and len(title.encode()) == 267

    [violation] = violations(LUGGAGE, listing(item_name=[{"value": title, **US}]))

    assert violation == Violation(
        attribute="item_name",
        path="item_name[0].value",
        keyword="maxUtf8ByteLength",
        limit=250,
        observed=267,
    )


def test_a_chinese_title_is_counted_in_bytes_three_per_character():
    title = "行李箱" * 29 + "a"  # 88 characters, 262 bytes
    [violation] = violations(LUGGAGE, listing(item_name=[{"value": title, **US}]))
    assert (violation.keyword, violation.observed, violation.limit) == (
        "maxUtf8ByteLength",
        262,
        250,
    )


def test_min_utf8_byte_length_is_a_floor_in_bytes():
    definition = {
        "type": "object",
        "properties": {"code": {"type": "string", "minUtf8ByteLength": 4}},
    }

    assert violations(definition, {"code": "éé"}) == []  # two characters, four bytes
    [violation] = violations(definition, {"code": "abc"})
    assert violation == Violation("code", "code", "minUtf8ByteLength", limit=4, observed=3)


# --- maxUniqueItems / minUniqueItems with selectors ---------------------------


def test_one_title_per_marketplace_and_language_is_allowed_in_several_languages():
    titles = [
        {"value": "Carry-On Spinner", **US},
        {"value": "Maleta de cabina", **US, "language_tag": "es_US"},
    ]
    assert violations(LUGGAGE, listing(item_name=titles)) == []


def test_two_titles_for_the_same_marketplace_and_language_fail():
    titles = [{"value": "Carry-On Spinner", **US}, {"value": "Cabin Suitcase", **US}]

    [violation] = violations(LUGGAGE, listing(item_name=titles))

    assert violation == Violation(
        attribute="item_name",
        path="item_name",
        keyword="maxUniqueItems",
        limit=1,
        observed=2,
        selector=(("marketplace_id", "ATVPDKIKX0DER"), ("language_tag", "en_US")),
    )


def test_items_are_grouped_by_the_selectors_present_in_them():
    definition = {
        "type": "object",
        "properties": {
            "bullet_point": {
                "type": "array",
                "selectors": ["marketplace_id", "language_tag"],
                "maxUniqueItems": 2,
            }
        },
    }
    bullets = [{"value": f"Bullet {n}", "language_tag": "en_US"} for n in range(3)]

    [violation] = violations(definition, {"bullet_point": bullets})

    assert (violation.observed, violation.selector) == (3, (("language_tag", "en_US"),))
    assert (
        violations(
            definition,
            {"bullet_point": [*bullets[:2], {"value": "Punkt", "language_tag": "de_DE"}]},
        )
        == []
    )


def test_min_unique_items_requires_each_combination_at_least_that_often():
    definition = {
        "type": "object",
        "properties": {
            "bullet_point": {"type": "array", "selectors": ["language_tag"], "minUniqueItems": 2}
        },
    }
    two_english = [
        {"value": "One", "language_tag": "en_US"},
        {"value": "Two", "language_tag": "en_US"},
    ]

    assert violations(definition, {"bullet_point": two_english}) == []
    [violation] = violations(
        definition, {"bullet_point": [*two_english, {"value": "Uno", "language_tag": "es_US"}]}
    )
    assert (violation.keyword, violation.limit, violation.observed) == ("minUniqueItems", 2, 1)
    assert violation.selector == (("language_tag", "es_US"),)


# --- required, enum with enumNames, conditional requirements -------------------


def test_a_missing_required_attribute_is_named():
    [violation] = violations(LUGGAGE, listing(manufacturer=None))
    assert violation == Violation("manufacturer", "manufacturer", "required")


def test_a_missing_required_property_inside_an_attribute_has_its_json_path():
    [violation] = violations(LUGGAGE, listing(manufacturer=[{"language_tag": "en_US"}]))
    assert (violation.attribute, violation.path, violation.keyword) == (
        "manufacturer",
        "manufacturer[0].value",
        "required",
    )


def test_a_value_outside_the_enum_lists_the_allowed_values_with_amazons_display_names():
    [violation] = violations(LUGGAGE, listing(age_range_description=[{"value": "teen", **US}]))

    assert (violation.path, violation.keyword, violation.observed) == (
        "age_range_description[0].value",
        "enum",
        "teen",
    )
    assert violation.allowed == (
        Allowed("adult", "Adult"),
        Allowed("big_kid", "Big Kid"),
        Allowed("little_kid", "Little Kid"),
        Allowed("toddler", "Toddler"),
    )


def test_an_enum_without_enum_names_lists_bare_values():
    definition = {"type": "object", "properties": {"colour": {"enum": ["red", "blue"]}}}
    [violation] = violations(definition, {"colour": "green"})
    assert violation.allowed == (Allowed("red"), Allowed("blue"))


def test_battery_is_required_only_when_the_listing_says_it_contains_batteries():
    with_batteries = [{"value": True, "marketplace_id": US["marketplace_id"]}]
    battery = [
        {"cell_composition": [{"value": "lithium_ion"}], "marketplace_id": US["marketplace_id"]}
    ]

    assert violations(LUGGAGE, listing()) == []  # contains_batteries is false
    assert violations(LUGGAGE, listing(contains_batteries=with_batteries, battery=battery)) == []
    [violation] = violations(LUGGAGE, listing(contains_batteries=with_batteries))
    assert violation == Violation("battery", "battery", "required", conditional=True)


# --- informational keywords, order, one per attribute and keyword -------------


def test_informational_keywords_have_no_effect_on_the_verdict():
    bare = copy.deepcopy(LUGGAGE)

    def strip(node: Any) -> None:
        if isinstance(node, dict):
            for keyword in ("editable", "hidden", "enumNames", "$lifecycle"):
                node.pop(keyword, None)
            for child in node.values():
                strip(child)
        elif isinstance(node, list):
            for child in node:
                strip(child)

    strip(bare)
    hidden_value = {"value": "toddler", **US}  # deprecated in $lifecycle, still allowed
    for attributes in (
        listing(),
        listing(age_range_description=[hidden_value]),
        listing(manufacturer=None),
    ):
        assert keywords(violations(LUGGAGE, attributes)) == keywords(violations(bare, attributes))
    assert violations(LUGGAGE, listing(age_range_description=[hidden_value])) == []


def test_one_violation_per_attribute_and_keyword_in_a_fixed_order():
    too_long = [{"value": "é" * 130, **US}, {"value": "ü" * 140, **US, "language_tag": "es_US"}]
    attributes = listing(
        item_name=too_long, manufacturer=None, age_range_description=[{"value": "teen", **US}]
    )

    found = violations(LUGGAGE, attributes)

    assert keywords(found) == [
        ("age_range_description", "enum"),
        ("item_name", "maxUtf8ByteLength"),
        ("manufacturer", "required"),
    ]
    assert found[1].path == "item_name[0].value"
    assert violations(LUGGAGE, attributes) == found


def test_standard_keywords_report_their_limit_and_what_was_observed():
    found = violations(LUGGAGE, listing(manufacturer=[{"value": "Fabricant" + "é" * 92, **US}]))

    assert [(v.keyword, v.limit, v.observed) for v in found] == [
        ("maxLength", 100, 101),  # characters
        ("maxUtf8ByteLength", 100, 193),  # bytes
    ]


# --- the meta-schema stays local ------------------------------------------------


def test_the_meta_schema_uri_resolves_locally():
    assert REGISTRY[META_SCHEMA_URI].contents["$id"] == META_SCHEMA_URI
    assert validator_for(LUGGAGE).is_valid(listing())


def test_a_definition_referring_to_a_remote_schema_is_refused_without_fetching_it():
    definition = {
        "type": "object",
        "properties": {"size": {"$ref": "https://example.com/sizes.json"}},
    }

    with pytest.raises(AuditorError, match=r"https://example\.com/sizes\.json"):
        violations(definition, {"size": "M"})


def test_a_malformed_definition_is_one_clear_error():
    broken = copy.deepcopy(LUGGAGE)
    broken["properties"]["item_name"]["items"]["properties"]["value"]["maxUtf8ByteLength"] = "250"

    with pytest.raises(AuditorError, match="not an Amazon product type definition") as raised:
        validator_for(broken)
    assert "\n" not in str(raised.value)


# --- judging many listings: each attribute value once, the same verdicts ---------------


def whole(definition: dict[str, Any], attributes: dict[str, Any]) -> set[tuple[str, str, str]]:
    """The violations of one validation of the whole listing (what Judge splits up)."""
    from auditor.engine.product_types import _from_error

    errors = validator_for(definition).iter_errors(attributes)
    return {(v.attribute, v.keyword, v.path) for e in errors for v in _from_error(e)}


STRICT_TOP = {**LUGGAGE, "additionalProperties": False}
VARIANTS = [
    listing(),
    listing(manufacturer=None),
    listing(item_name=[{"value": "Kofferset " + "Größe " * 60, **US}]),
    listing(item_name=[{"value": "A", **US}, {"value": "B", **US}]),
    listing(age_range_description=[{"value": "teen", **US}]),
    listing(contains_batteries=[{"value": True, "marketplace_id": US["marketplace_id"]}]),
    listing(unknown_attribute=[{"value": "x"}], manufacturer=[{"value": 7, **US}]),
]


@pytest.mark.parametrize("definition", [LUGGAGE, STRICT_TOP], ids=["luggage", "strict-top"])
def test_a_judge_finds_what_one_whole_validation_finds(definition):
    judge = Judge(definition)

    for attributes in VARIANTS * 2:  # the second time, from what it remembered
        found = {(v.attribute, v.keyword, v.path) for v in judge.violations(attributes)}
        expected = whole(definition, attributes)
        firsts = {(a, k) for a, k, _ in expected}
        assert {(a, k) for a, k, _ in found} == firsts
        assert found <= expected
