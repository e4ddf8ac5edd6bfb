"""Which listings a preview sends, and in what shape: each reason a listing is not sent."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from auditor import api
from auditor.fetch.put_request import Prepared, prepare

DATA = Path(__file__).parents[1] / "data" / "amazon"
FLAT = DATA / "listings-items-preview" / "Flat.File.Luggage.us.txt"
LUGGAGE = DATA / "product-type-definitions" / "LUGGAGE.json"
LUGGAGE_RESPONSE = DATA / "product-type-definitions" / "LUGGAGE.US.definition.json"
MINIMAL = DATA / "listings-items" / "getListingsItem-minimal.json"
US_DE = DATA / "listings-items" / "searchListingsItems-US-DE.json"


def prepared(
    *paths: Path, marketplaces: tuple[str, ...] = ("US",)
) -> dict[tuple[str, str], Prepared]:
    tables, files = api.read(list(paths), api.Options())
    definitions = tables.get("product_type_definitions")
    found = prepare(
        tables["listings"].frame,
        definitions.frame if definitions is not None else None,
        {f.path: f.format for f in files},
        "acme-us",
        list(marketplaces),
    )
    return {(p.sku, p.marketplace or "-"): p for p in found}


def test_a_listings_items_api_listing_is_sent_as_amazon_wrote_it():
    found = prepared(MINIMAL)[("LS-BLOCKS-01", "US")]

    item = json.loads(MINIMAL.read_text(encoding="utf-8"))
    assert found.body == {
        "productType": "TOY_BUILDING_BLOCK",
        "requirements": "LISTING",
        "attributes": item["attributes"],
    }
    assert found.source == {"file": MINIMAL.name, "row": 1}


def test_a_listing_in_a_marketplace_the_store_does_not_sell_in_is_not_sent():
    found = prepared(US_DE)

    assert found[("VX-SPK-01", "US")].body is not None
    assert found[("VX-SPK-01", "DE")].why_not == (
        "store 'acme-us' does not sell in DE (its marketplaces: US)"
    )


def test_the_definitions_requirements_set_is_the_bodys(tmp_path):
    response = json.loads(LUGGAGE_RESPONSE.read_text(encoding="utf-8"))
    response["requirements"] = "LISTING_PRODUCT_ONLY"
    (tmp_path / LUGGAGE_RESPONSE.name).write_text(json.dumps(response), encoding="utf-8")
    shutil.copy(LUGGAGE, tmp_path / LUGGAGE.name)

    found = prepared(FLAT, tmp_path)[("VX-LUG-21", "US")]

    assert found.body is not None
    assert (found.body["productType"], found.body["requirements"]) == (
        "LUGGAGE",
        "LISTING_PRODUCT_ONLY",
    )


def test_a_flat_file_listing_without_its_definition_is_not_sent():
    found = prepared(FLAT)[("VX-LUG-22", "US")]

    assert found.body is None
    assert found.why_not is not None
    assert "add Amazon's definition of LUGGAGE for US to the inputs" in found.why_not
    assert found.source == {"file": FLAT.name, "row": 5}
