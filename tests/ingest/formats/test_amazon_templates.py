"""Amazon's upload templates read as sellers have them: flat files and Category Listing Reports."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import AS_OF, DATA, column

from auditor import audit
from auditor.api import Options
from auditor.ingest.formats.amazon_templates import template_marketplace
from auditor.ingest.read import read_file

FLAT_FILE = DATA / "amazon" / "flat-file" / "Flat.File.Speakers.de.txt"
US = "ATVPDKIKX0DER"


def clr(
    path: Path, listings: list[dict], sheet: str = "Template", settings: str | None = None
) -> Path:
    """A Category Listing Report in Amazon's layout: settings, instructions, groups, labels, ids, example."""
    ids = [
        "contribution_sku#1.value",
        "product_type#1.value",
        f"item_name[marketplace_id={US}][language_tag=en_US]#1.value",
        f"brand[marketplace_id={US}][language_tag=en_US]#1.value",
        "externally_assigned_product_identifier#1.type",
        "externally_assigned_product_identifier#1.value",
        f"bullet_point[marketplace_id={US}][language_tag=en_US]#1.value",
        f"bullet_point[marketplace_id={US}][language_tag=en_US]#2.value",
        f"bullet_point[marketplace_id={US}][language_tag=en_US]#3.value",
        f"generic_keyword[marketplace_id={US}][language_tag=en_US]#1.value",
        f"main_product_image_locator[marketplace_id={US}]#1.media_location",
        f"other_product_image_locator_1[marketplace_id={US}]#1.media_location",
        "fulfillment_availability#1.fulfillment_channel_code",
        f"purchasable_offer[marketplace_id={US}][audience=ALL]#1.our_price#1.schedule#1.value_with_tax",
        f"color[marketplace_id={US}][language_tag=en_US]#1.value",
    ]
    keys = [
        "sku",
        "type",
        "title",
        "brand",
        "id_type",
        "id",
        "b1",
        "b2",
        "b3",
        "keywords",
        "image",
        "image2",
        "channel",
        "price",
        "color",
    ]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(
        [
            settings
            or f"settings=contentLanguageTag=en_US&primaryMarketplaceId=amzn1.mp.o.{US}&templateIdentifier=0c6e"
        ]
    )
    ws.append(["Fill in each row; required fields are marked."])
    ws.append(["Listing Identity", "", "", "", "", "", "Product Details"])
    ws.append(
        [
            "SKU",
            "Product Type",
            "Item Name",
            "Brand Name",
            "External Product ID Type",
            "External Product ID",
            "Bullet Point",
            "Bullet Point",
            "Bullet Point",
            "Generic Keyword",
            "Main Image Location",
            "Other Image Location",
            "Fulfillment Channel Code",
            "Your Price",
            "Colour",
        ]
    )
    ws.append(ids)
    ws.append(["ABC123", "LUGGAGE", "Example item name", "Example brand"])
    for listing in listings:
        ws.append([listing.get(k, "") for k in keys])
    book.create_sheet("Data Definitions")
    book.save(path)
    return path


SPEAKER = {
    "sku": "VX-SPK-01",
    "type": "SPEAKERS",
    "title": "Voltix Portable Bluetooth Speaker, 20W, Black",
    "brand": "Voltix",
    "id_type": "upc",
    "id": "036000291452",
    "b1": "LOUD AND CLEAR: 20 W stereo sound",
    "b2": "WATERPROOF: IPX7 rated",
    "b3": "ALL DAY: 24 hours of playtime",
    "keywords": "wireless outdoor shower",
    "image": "https://m.media-amazon.com/images/I/1.jpg",
    "image2": "https://m.media-amazon.com/images/I/2.jpg",
    "channel": "AMAZON_NA",
    "price": "39.99",
    "color": "Black",
}


def test_clr_rows_are_read_by_field_id_from_row_7_with_the_example_skipped(tmp_path):
    broken = {
        **SPEAKER,
        "sku": "VX-EAR-02",
        "title": "Voltix Earbuds!!! Best $19 deal",
        "id": "036000291453",
        "b2": "",
        "image2": "",
        "channel": "DEFAULT",
    }
    result = read_file(
        clr(tmp_path / "Category Listing Report.xlsx", [SPEAKER, broken]), "clr.xlsx", None
    )
    assert (result.format, result.marketplace, result.table) == (
        "category-listing-report",
        "US",
        "listings",
    )
    assert column(result, "sku") == ["VX-SPK-01", "VX-EAR-02"]
    assert column(result, "_row") == [7, 8]
    assert column(result, "product_id") == ["036000291452", "036000291453"]  # leading zero kept
    assert column(result, "bullet_point2") == ["WATERPROOF: IPX7 rated", None]
    assert column(result, "image_count") == [2, 1]
    assert column(result, "fulfillment_channel") == ["AFN", "MFN"]
    assert column(result, "price") == [39.99, 39.99]
    assert any("color[" in c for c in result.unmapped)


def test_clr_marketplace_from_settings_or_selectors_and_localized_sheet(tmp_path):
    de = clr(
        tmp_path / "de.xlsx",
        [SPEAKER],
        sheet="Vorlage",
        settings="settings=contentLanguageTag=de_DE&templateIdentifier=1",
    )
    assert read_file(de, "de.xlsx", None).marketplace == "DE"
    bare = clr(tmp_path / "bare.xlsx", [SPEAKER], settings="settings=templateIdentifier=1")
    assert (
        read_file(bare, "bare.xlsx", None).marketplace == "US"
    )  # from [marketplace_id=ATVPDKIKX0DER]


def test_clr_audit_fires_listing_rules_on_the_broken_record_only(tmp_path):
    broken = {
        **SPEAKER,
        "sku": "VX-EAR-02",
        "title": "Voltix Earbuds!!! Best $19 deal",
        "id": "036000291453",
    }
    clr(tmp_path / "catalogue.xlsx", [SPEAKER, broken])
    report = audit([tmp_path], Options(as_of=AS_OF, select=["LST-003", "LST-018"])).report
    assert {
        (f["rule_id"], f["entity"]["sku"], f["evidence"]["source"]["row"])
        for f in report["findings"]
    } == {
        ("LST-003", "VX-EAR-02", 8),
        ("LST-018", "VX-EAR-02", 8),
    }


def test_flat_file_in_windows_1252_with_marketplace_from_its_settings():
    result = read_file(FLAT_FILE, "flat.txt", None)
    assert (result.format, result.encoding, result.marketplace) == ("flat-file", "cp1252", "DE")
    assert column(result, "sku") == ["VX-SPK-01", "VX-SPK-02"]
    assert column(result, "title")[1] == "Voltix Lautsprecher™ für Küche & Bad – Größe M!"
    assert column(result, "marketplace") == ["DE", "DE"]
    assert column(result, "image_count") == [3, 1]
    [rejected] = result.rejected
    assert (rejected.row, rejected.column) == (6, "price")  # '19,99' on the spreadsheet's row 6


def test_flat_file_as_a_workbook(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Template"
    text = FLAT_FILE.read_bytes().decode("cp1252").splitlines()
    for line in text:
        ws.append(line.split("\t"))
    book.save(tmp_path / "flat.xlsm")
    result = read_file(tmp_path / "flat.xlsm", "flat.xlsm", None)
    assert (result.format, result.marketplace) == ("flat-file", "DE")
    assert column(result, "_row") == [4, 5]


def test_a_flat_file_naming_a_field_twice_is_skipped_as_ambiguous(tmp_path):
    lines = FLAT_FILE.read_bytes().decode("cp1252").splitlines()
    fields = lines[2].split("\t")
    fields[fields.index("item_name")] = "item_sku"  # which column holds the SKU?
    lines[2] = "\t".join(fields)
    path = tmp_path / "flat.txt"
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")

    result = read_file(path, "flat.txt", None)

    assert result.skipped == "ambiguous header: item_sku appears more than once"
    assert result.parts == []


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            ["settings=primaryMarketplaceId=amzn1.mp.o.A1F83G8C2ARO7P&contentLanguageTag=en_GB"],
            "UK",
        ),
        (["settings=contentLanguageTag=ja_JP"], "JP"),
        (["settings=contentLanguageTag=en_GB"], "UK"),
        (["TemplateType=fptcustom"], None),
    ],
)
def test_template_marketplace(settings, expected):
    assert template_marketplace(settings) == expected


def test_image_count_is_main_plus_other_images_even_without_other_image_columns(tmp_path):
    settings = "TemplateType=fptcustom\tsettings=primaryMarketplaceId=amzn1.mp.o.ATVPDKIKX0DER"
    lines = [
        settings,
        "Seller SKU\tItem Name\tMain Image URL",
        "item_sku\titem_name\tmain_image_url",
        "VX-SPK-01\tVoltix Speaker\thttps://m.media-amazon.com/images/I/61spk01.jpg",
        "VX-SPK-02\tVoltix Speaker Mini\t",
    ]
    path = tmp_path / "flat.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = read_file(path, "flat.txt", None)

    assert column(result, "image_count") == [1, 0]


def test_the_listing_fixture_counts_main_and_other_images():
    result = read_file(DATA / "rules" / "listing" / "Flat.File.Speakers.us.txt", "us.txt", None)
    counts = dict(zip(column(result, "sku"), column(result, "image_count"), strict=True))

    assert (counts["VX-SPK-10"], counts["VX-LST-014"], counts["VX-LST-016"]) == (6, 5, 3)
    assert column(result, "item_highlights")[0] == "20W stereo, IPX7 waterproof, 24-hour battery"
