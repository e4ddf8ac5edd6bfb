"""A listing's attributes in Amazon's shape, from each listing source, judged by a definition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import AS_OF, DATA

from auditor import audit
from auditor.api import Options
from auditor.ingest.assemble import read_inputs
from auditor.ingest.attributes import FieldPath, build, field_path, flat_file_paths
from auditor.model.product_types import normalise
from ingest.formats.test_amazon_templates import SPEAKER, US, clr

DEFINITIONS = DATA / "amazon" / "product-type-definitions"


# --- the field id grammar of a Category Listing Report ---------------------------------


def test_a_field_id_names_the_attribute_its_item_selectors_and_the_path_inside():
    path = field_path(
        f"purchasable_offer[marketplace_id={US}][audience=ALL]#1.our_price#1.schedule#1.value_with_tax"
    )

    assert path == FieldPath(
        attribute="purchasable_offer",
        index=1,
        selectors=(("marketplace_id", US), ("audience", "ALL")),
        steps=(("our_price", 1), ("schedule", 1), ("value_with_tax", None)),
    )


@pytest.mark.parametrize(
    "text",
    ["Item Name", "item_name", "item_name#0.value", "item_name#1.value#2", "item_name#99999.value"],
)
def test_text_that_is_no_field_id_names_no_place(text):
    assert field_path(text) is None


def test_a_template_s_sku_and_product_type_are_no_attributes():
    """The request's path and `productType` carry them; no definition declares them."""
    assert field_path("contribution_sku#1.value") is None
    assert field_path("product_type#1.value") is None
    assert flat_file_paths(["item_sku", "feed_product_type"]) == [None, None]


def test_cells_build_the_listings_items_shape_leaving_blanks_out():
    ids = [
        f"item_name[marketplace_id={US}][language_tag=en_US]#1.value",
        f"bullet_point[marketplace_id={US}][language_tag=en_US]#1.value",
        f"bullet_point[marketplace_id={US}][language_tag=en_US]#2.value",
        f"bullet_point[marketplace_id={US}][language_tag=en_US]#3.value",
        "battery#1.cell_composition#1.value",
        f"purchasable_offer[marketplace_id={US}]#1.our_price#1.schedule#1.value_with_tax",
        "Not a field id",
    ]
    cells = ["Travel Kettle 0.5 L", "FOLDS FLAT", "", "  DUAL VOLTAGE ", "lithium_ion", 24.99, "x"]

    assert build([field_path(i) for i in ids], cells) == {
        "item_name": [
            {"marketplace_id": US, "language_tag": "en_US", "value": "Travel Kettle 0.5 L"}
        ],
        "bullet_point": [
            {"marketplace_id": US, "language_tag": "en_US", "value": "FOLDS FLAT"},
            {"marketplace_id": US, "language_tag": "en_US", "value": "DUAL VOLTAGE"},
        ],
        "battery": [{"cell_composition": [{"value": "lithium_ion"}]}],
        "purchasable_offer": [
            {"marketplace_id": US, "our_price": [{"schedule": [{"value_with_tax": "24.99"}]}]}
        ],
    }


def test_flat_file_fields_map_to_the_attributes_that_hold_the_same_facts():
    names = ["item_sku", "item_name", "bullet_point2", "standard_price", "other_image_url3", "x"]
    paths = flat_file_paths(names)

    assert paths[0] is None and paths[-1] is None  # the SKU is the key, not an attribute
    assert build(paths, ["K-1", "Kettle", "DUAL VOLTAGE", "24.99", "https://x/3.jpg", "y"]) == {
        "item_name": [{"value": "Kettle"}],
        "bullet_point": [{"value": "DUAL VOLTAGE"}],
        "purchasable_offer": [{"our_price": [{"schedule": [{"value_with_tax": "24.99"}]}]}],
        "other_product_image_locator_3": [{"media_location": "https://x/3.jpg"}],
    }


# --- read by the definition --------------------------------------------------------------

LUGGAGE = json.loads((DEFINITIONS / "LUGGAGE.json").read_text(encoding="utf-8"))


def test_a_text_file_s_cells_are_typed_and_given_their_selectors_by_the_definition():
    from_a_flat_file = {
        "item_name": [{"value": "Carry-On 55 cm"}],
        "contains_batteries": [{"value": "Yes"}],
        "unknown_attribute": [{"value": "kept"}],
    }

    read = normalise(from_a_flat_file, LUGGAGE, {"marketplace_id": US, "language_tag": "en_US"})

    assert read["item_name"] == [
        {"marketplace_id": US, "language_tag": "en_US", "value": "Carry-On 55 cm"}
    ]
    # contains_batteries names marketplace_id only among its item's properties
    assert read["contains_batteries"] == [{"marketplace_id": US, "value": True}]
    assert read["unknown_attribute"] == [{"value": "kept"}]


# --- every listing source, judged by LST-024 ----------------------------------------------


def lst024(*paths: Path) -> dict[str, list[tuple[str, str]]]:
    """Each listing's LST-024 findings: (detail, outcome)."""
    report = audit(list(paths), Options(as_of=AS_OF, select=["LST-024"])).report
    found: dict[str, list[tuple[str, str]]] = {}
    for f in report["findings"]:
        found.setdefault(f["entity"]["sku"], []).append((f["detail"] or "", f["outcome"]))
    return found


def definitions(tmp_path: Path) -> Path:
    folder = tmp_path / "definitions"
    folder.mkdir()
    for name in ("LUGGAGE.json", "LUGGAGE.US.definition.json"):
        (folder / name).write_bytes((DEFINITIONS / name).read_bytes())
    return folder


def test_a_category_listing_report_is_judged_by_its_field_ids(tmp_path):
    long_title = "Voltix Hartschalen-Trolley " + "Größe M – " * 25
    report = clr(
        tmp_path / "Category Listing Report.xlsx",
        [
            {**SPEAKER, "sku": "LUG-1", "type": "LUGGAGE", "title": "Carry-On Spinner 55 cm"},
            {**SPEAKER, "sku": "LUG-2", "type": "LUGGAGE", "title": long_title},
            {**SPEAKER, "sku": "SPK-1"},
        ],
    )

    found = lst024(report, definitions(tmp_path))

    assert found["LUG-1"] == [("manufacturer", "fail")]  # the template has no manufacturer
    assert sorted(found["LUG-2"]) == [("item_name[0].value", "fail"), ("manufacturer", "fail")]
    assert found["SPK-1"] == [("", "unknown")]  # no SPEAKERS definition among the inputs


def test_an_inventory_flat_file_is_judged_through_its_field_names(tmp_path):
    settings = (
        "TemplateType=fptcustom\tVersion=2026.1101\tsettings=contentLanguageTag=en_US"
        "&primaryMarketplaceId=amzn1.mp.o.ATVPDKIKX0DER"
    )
    long_title = "Voltix Carry-On Spinner – " + "größer und leichter – " * 12
    lines = [
        settings,
        "SKU\tProduct Type\tItem Name\tManufacturer\tAge Range Description",
        "item_sku\tfeed_product_type\titem_name\tmanufacturer\tage_range_description",
        "LUG-10\tluggage\tVoltix Carry-On Spinner 55 cm\tVoltix Travel\tadult",
        "LUG-11\tluggage\tVoltix Duffel 60 L\t\tadult",
        f"LUG-12\tluggage\t{long_title}\tVoltix Travel\tteen",
    ]
    flat = tmp_path / "Flat.File.Luggage.us.txt"
    flat.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")

    found = lst024(flat, definitions(tmp_path))

    # The file's language and marketplace are the selectors the definition asks for.
    assert "LUG-10" not in found
    assert found["LUG-11"] == [("manufacturer", "fail")]
    assert sorted(found["LUG-12"]) == [
        ("age_range_description[0].value", "fail"),
        ("item_name[0].value", "fail"),
    ]


def test_a_listings_items_response_is_judged_as_it_is(tmp_path):
    listings = DATA / "rules" / "listing" / "searchListingsItems-US-luggage.json"

    found = lst024(listings, definitions(tmp_path))

    assert "VX-LUG-01" not in found
    assert set(found) == {"VX-LUG-02", "VX-LUG-03", "VX-LUG-04", "VX-LUG-05"}


def test_without_any_definition_the_rule_is_one_note_naming_the_fetch(tmp_path):
    report = audit(
        [DATA / "rules" / "listing" / "searchListingsItems-US-luggage.json"],
        Options(as_of=AS_OF, select=["LST-024"]),
    ).report

    assert [f for f in report["findings"] if f["rule_id"] == "LST-024"] == []
    [note] = report["summary"]["coverage"]["not_checked"]
    assert note == {
        "rule_id": "LST-024",
        "area": "listing",
        "severity": "high",
        "input": "",
        "fields": ["product_type_definition"],
        "entities": 5,
    }


def test_a_listing_of_a_product_type_without_definition_names_it(tmp_path):
    report = audit(
        [
            DATA / "rules" / "listing" / "searchListingsItems-US-images-issues.json",
            definitions(tmp_path),
        ],
        Options(as_of=AS_OF, select=["LST-024"]),
    ).report

    unknown = [f for f in report["findings"] if f["outcome"] == "unknown"]
    assert unknown and all(f["missing"] == ["product_type_definition"] for f in unknown)
    assert "no product type definition for" in unknown[0]["message"]
    assert "auditor fetch --reports product-types" in unknown[0]["message"]


def test_the_definition_and_the_api_answer_are_paired_by_checksum(tmp_path):
    tables, results = read_inputs([definitions(tmp_path)], None)

    [row] = tables["product_type_definitions"].frame.to_dict("records")
    assert (row["product_type"], row["marketplace"], row["requirements"]) == (
        "LUGGAGE",
        "US",
        "LISTING",
    )
    assert (row["requirements_enforced"], row["version"]) == (
        "ENFORCED",
        "U8L7mwbGbzvXcNHiGz3GwzA==",
    )
    assert sorted(r.format for r in results) == [
        "product-type-definition",
        "product-type-definition-response",
    ]


def test_joining_the_definitions_keeps_the_products_register_joined(tmp_path):
    """A SKU the products register lacks is still told apart from a fact no input has."""
    (tmp_path / "products.csv").write_text("sku,category\nVX-LUG-01,luggage\n", encoding="utf-8")
    listings = DATA / "rules" / "listing" / "searchListingsItems-US-luggage.json"

    tables, _ = read_inputs([listings, tmp_path / "products.csv", definitions(tmp_path)], None)

    assert "products" in tables["listings"].joined
    assert tables["listings"].frame["product_type_definition"].notna().all()
