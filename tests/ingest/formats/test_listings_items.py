"""Listings Items API v2021-08-01 JSON: items per marketplace, their attributes and their issues."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import AS_OF, DATA, SHARED

from auditor.api import Options, audit
from auditor.ingest.assemble import read_inputs
from auditor.ingest.formats.listings_items import ListingsItemsApi
from auditor.ingest.probe import Probe
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult, TablePart

FILES = DATA / "amazon" / "listings-items"
SINGLE = FILES / "getListingsItem-VX-HDP-03.json"
SEARCH = FILES / "searchListingsItems-US-DE.json"
MINIMAL = FILES / "getListingsItem-minimal.json"
REPORT = DATA / "amazon" / "all-listings" / "All+Listings+Report+11-27-2026.txt"
REFERENCE = SHARED / "reference" / "data"
MODEL = REFERENCE / "listingsItems_2021-08-01.json"
SAMPLE = REFERENCE / "listings-getListingsItem.json"
US, CA, DE = "ATVPDKIKX0DER", "A2EUQ1WTGCTBG2", "A1PA6795UKMFR9"


def read(path: Path, marketplace: str | None = None) -> FileResult:
    return read_file(path, path.name, marketplace)


def part(result: FileResult, table: str) -> TablePart:
    [found] = [p for p in result.parts if p.table == table]
    return found


def rows(result: FileResult, table: str = "listings") -> list[dict[str, Any]]:
    frame = part(result, table).frame.astype(object)
    return [
        {k: (None if pd.isna(v) else v) for k, v in record.items()}
        for record in frame.to_dict("records")
    ]


def by_key(result: FileResult) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["sku"], r["marketplace"]): r for r in rows(result)}


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def recognises(path: Path) -> bool:
    return ListingsItemsApi().recognise(Probe(path, path.name, path.read_bytes()))


def shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


# --- recognition --------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", [SINGLE, SEARCH, MINIMAL], ids=lambda p: p.name)
def test_each_fixture_is_recognised_by_its_shape_whatever_its_name(
    tmp_path: Path, fixture: Path
) -> None:
    renamed = tmp_path / "listings.json"
    shutil.copy(fixture, renamed)

    result = read(renamed, "US")

    assert (result.format, result.table, result.skipped) == ("listings-items-api", "listings", None)


def test_a_json_list_of_items_is_read_like_a_search_result(tmp_path: Path) -> None:
    items = json.loads(SEARCH.read_text(encoding="utf-8"))["items"]
    path = write_json(tmp_path / "items.json", items)

    assert [r["sku"] for r in rows(read(path))] == [r["sku"] for r in rows(read(SEARCH))]


@pytest.mark.parametrize(
    "data",
    [
        {"items": [{"sku": "0001-BT", "marketplace": "US"}]},  # canonical-looking, no table name
        [{"sku": "0001-BT", "marketplace": "US", "title": "Mug"}],  # canonical records
        {"sku": "A-1", "status": "ACCEPTED", "submissionId": "f1dc2914", "issues": []},
        {"listings": [{"sku": "0001-BT", "marketplace": "US"}]},
        {"accountStatuses": [], "performanceMetrics": []},
    ],
    ids=["items-of-records", "records", "submission-response", "canonical-object", "other-json"],
)
def test_other_json_is_not_taken_for_an_api_response(tmp_path: Path, data: Any) -> None:
    assert not recognises(write_json(tmp_path / "listings.json", data))


def test_an_empty_search_result_is_recognised_and_has_no_rows(tmp_path: Path) -> None:
    path = write_json(tmp_path / "search.json", {"numberOfResults": 0, "items": []})

    result = read(path, "US")

    assert result.format == "listings-items-api"
    assert rows(result) == [] and result.rejected == []


# --- one item ----------------------------------------------------------------------------------


def test_one_row_per_marketplace_with_its_own_attributes() -> None:
    result = read(SINGLE)

    listings = by_key(result)
    assert list(listings) == [("VX-HDP-03", "US"), ("VX-HDP-03", "CA")]
    us, ca = listings[("VX-HDP-03", "US")], listings[("VX-HDP-03", "CA")]
    assert us["title"] == "Voltix Over-Ear Headphones, Active Noise Cancelling, 40H Playtime, Black"
    assert (us["price"], us["currency"], ca["price"], ca["currency"]) == (
        79.99,
        "USD",
        109.99,
        "CAD",
    )
    # CA has en_CA and fr_CA entries: the language of its first item_name is kept.
    assert ca["bullet_point1"] == "NOISE CANCELLING: hears less of the street"
    assert ca["bullet_point2"] is None
    assert us["bullet_point3"] == "FOLDABLE: fits the included hard case for travel"
    assert us["bullet_point4"] is None
    assert us["search_terms"] == "anc headset wireless travel over ear"
    assert ca["search_terms"] is None and ca["description"] is None
    assert us["description"] == "Closed-back headphones with active noise cancelling."
    assert us["materials"] == "Plastic;Protein Leather"
    assert (us["battery_type"], ca["battery_type"]) == ("lithium_ion", None)


def test_summary_fields() -> None:
    us, ca = rows(read(SINGLE))

    assert (us["asin"], us["product_type"]) == ("B0HDP00003", "HEADPHONES")
    assert us["status"] == "BUYABLE;DISCOVERABLE"
    assert ca["status"] is None  # an empty status list: neither buyable nor discoverable
    assert us["main_image_url"] == "https://m.media-amazon.com/images/I/41vxHdp03.jpg"
    assert (us["main_image_width"], us["main_image_height"]) == (1500, 1500)
    assert (us["image_count"], ca["image_count"]) == (4, None)  # locators only in US
    assert us["open_date"] == pd.Timestamp("2023-03-14")


def test_identifiers_exemption_batteries_and_channel() -> None:
    us, ca = rows(read(SINGLE))

    for row in (us, ca):
        assert (row["product_id"], row["product_id_type"]) == ("840123456786", "UPC")
        assert row["gtin_exempt"] is False
        assert row["contains_batteries"] is True
        assert row["country_of_origin"] == "CN"
        assert (row["fulfillment_channel"], row["quantity"]) == ("AFN", 0)


def test_issues_become_listing_issues_with_their_enforcements() -> None:
    result = read(SINGLE)

    issues = [
        (
            r["code"],
            r["marketplace"],
            r["severity"],
            r["enforcement_actions"],
            r["exemption_status"],
        )
        for r in rows(result, "listing_issues")
    ]
    assert issues == [
        ("18027", "US", "error", "SEARCH_SUPPRESSED", "EXEMPT_UNTIL_EXPIRY_DATE"),
        ("18155", "US", "error", "LISTING_SUPPRESSED", "NOT_EXEMPT"),
        ("18155", "CA", "error", "LISTING_SUPPRESSED", "NOT_EXEMPT"),
        ("99300", "CA", "error", "ATTRIBUTE_SUPPRESSED;SEARCH_SUPPRESSED", "EXEMPT"),
        # no marketplaceIds: the item's marketplaces
        ("90220", "US", "warning", None, None),
        ("90220", "CA", "warning", None, None),
    ]
    first, *_, last = rows(result, "listing_issues")
    assert first["exemption_expiry"] == pd.Timestamp("2026-12-15")
    assert first["categories"] == "INVALID_IMAGE"
    assert first["attribute_names"] == "main_product_image_locator"
    assert first["asin"] == "B0HDP00003"
    assert (last["attribute_names"], last["categories"]) == ("size", "MISSING_ATTRIBUTE")
    assert {r["_row"] for r in rows(result, "listing_issues")} == {1}
    assert part(result, "listing_issues").provided >= {"code", "enforcement_actions"}


# --- a search result ---------------------------------------------------------------------------


def test_a_search_result_gives_rows_per_item_and_marketplace() -> None:
    result = read(SEARCH)

    assert [(r["sku"], r["marketplace"], r["_row"]) for r in rows(result)] == [
        ("VX-SPK-01", "US", 1),
        ("VX-SPK-01", "DE", 1),
        ("VX-EAR-02", "US", 2),
        ("HN-BOT-750", "US", 3),
        ("HN-BOT-750", "DE", 3),
        ("HN-MUG-DE", "DE", 4),
    ]
    assert result.rows_read == 4
    assert result.marketplace is None  # two marketplaces


def test_attributes_are_chosen_by_marketplace() -> None:
    listings = by_key(read(SEARCH))

    spk_us, spk_de = listings[("VX-SPK-01", "US")], listings[("VX-SPK-01", "DE")]
    assert spk_us["title"] == "Voltix Mini Bluetooth Speaker 10W, IPX7 Waterproof, Black"
    assert spk_de["title"] == "Voltix Mini Bluetooth Lautsprecher 10W, IPX7 wasserdicht, Schwarz"
    assert spk_de["bullet_point1"] == "LAUTER KLANG: 10 W Stereotreiber mit passivem Bassradiator"
    assert spk_de["bullet_point4"] is None
    assert (spk_de["price"], spk_de["currency"]) == (34.99, "EUR")
    assert spk_de["search_terms"] == "tragbar kabellos dusche outdoor"
    # entries without a marketplace_id apply to every marketplace
    assert spk_us["product_id"] == spk_de["product_id"] == "190861000018"
    assert spk_us["country_of_origin"] == spk_de["country_of_origin"] == "CN"
    assert listings[("HN-BOT-750", "DE")]["materials"] == "Edelstahl"
    assert listings[("HN-BOT-750", "US")]["materials"] == "Stainless Steel;Silicone"


def test_more_than_five_bullets_is_a_warning() -> None:
    result = read(SEARCH)

    bottle = by_key(result)[("HN-BOT-750", "US")]
    assert bottle["bullet_point5"] == "750 ML: fits most cup holders"
    assert result.warnings == [
        "item 3 (HN-BOT-750): 7 bullet points in US; bullet_point1..5 hold the first 5"
    ]


def test_list_price_exemption_and_afn_without_an_offer() -> None:
    mug = by_key(read(SEARCH))[("HN-MUG-DE", "DE")]

    assert (mug["price"], mug["currency"]) == (16.99, "EUR")
    assert mug["gtin_exempt"] is True and mug["product_id"] is None
    assert (mug["fulfillment_channel"], mug["quantity"]) == ("AFN", 64)


def test_the_price_falls_back_to_the_offers_amazon_reports(tmp_path: Path) -> None:
    item = {
        "sku": "A-1",
        "summaries": [{"marketplaceId": US, "asin": "B0C7HJ2K45"}],
        "offers": [
            {
                "marketplaceId": US,
                "offerType": "B2B",
                "price": {"currencyCode": "USD", "amount": "8"},
            },
            {
                "marketplaceId": US,
                "offerType": "B2C",
                "price": {"currencyCode": "USD", "amount": "9.5"},
            },
        ],
        "attributes": {"list_price": [{"currency": "USD", "value": 12.0, "marketplace_id": US}]},
    }

    [row] = rows(read(write_json(tmp_path / "item.json", item)))

    assert (row["price"], row["currency"]) == (9.5, "USD")


def test_an_item_without_optional_attributes() -> None:
    result = read(MINIMAL)

    [row] = rows(result)
    assert row["title"] == "LittleStack Wooden Building Blocks, 50 Pieces"
    assert row["status"] == "DISCOVERABLE"
    for column in ("brand", "bullet_point1", "product_id", "price", "fulfillment_channel"):
        assert row[column] is None
    # A blank bullet of an API item is unknown, not "not applicable".
    assert {"bullet_point1", "brand", "product_id"} <= result.provided
    # No `issues` key: the file says nothing about issues.
    assert [p.table for p in result.parts] == ["listings"]
    assert result.marketplace == "US"


def test_entries_that_are_not_items_are_rejected_and_the_rest_read(tmp_path: Path) -> None:
    data = {
        "numberOfResults": 3,
        "items": [
            {"sku": "A-1", "summaries": [{"marketplaceId": US}]},
            {"summaries": [{"marketplaceId": US}]},
            "B-2",
        ],
    }

    result = read(write_json(tmp_path / "search.json", data))

    assert [r["sku"] for r in rows(result)] == ["A-1"]
    assert [(r.row, r.reason) for r in result.rejected] == [
        (2, "item 2 is not a listings item"),
        (3, "item 3 is not a listings item"),
    ]
    assert result.rows_read == 3


# --- marketplaces ------------------------------------------------------------------------------


def test_marketplace_ids_become_country_codes_and_need_no_default() -> None:
    result = read(SEARCH, None)

    assert {r["marketplace"] for r in rows(result)} == {"US", "DE"}
    assert result.rejected == []


def test_an_item_without_marketplaces_takes_the_default_or_is_rejected(tmp_path: Path) -> None:
    path = write_json(tmp_path / "item.json", {"sku": "A-1", "attributes": {}})

    assert [r["marketplace"] for r in rows(read(path, "UK"))] == ["UK"]
    unplaced = read(path, None)
    assert rows(unplaced) == []
    assert [r.column for r in unplaced.rejected] == ["marketplace"]


# --- end to end -----------------------------------------------------------------------------------


def failing(findings: list[dict[str, Any]], rule: str) -> set[tuple[str, str]]:
    return {
        (f["entity"]["sku"], f["entity"]["marketplace"])
        for f in findings
        if f["rule_id"] == rule and f["outcome"] == "fail"
    }


def test_audit_of_an_all_listings_report_and_an_api_search_result(tmp_path: Path) -> None:
    shutil.copy(REPORT, tmp_path)
    shutil.copy(SEARCH, tmp_path)

    report = audit([tmp_path], Options(as_of=AS_OF, marketplace="US")).report

    findings = report["findings"]
    assert failing(findings, "LST-001") == {("VX-EAR-02", "US"), ("VX-EAR-09", "US")}
    assert failing(findings, "LST-003") == {("HN-BOT-750", "US"), ("HN-CUP-990", "US")}
    assert failing(findings, "LST-018") == {
        ("HN-BOT-750", "US"),
        ("HN-BOT-750", "DE"),
        ("HN-CUP-990", "US"),
    }
    clean = {("VX-SPK-05", "US"), ("0004-SUB", "US"), ("VX-SPK-01", "US"), ("VX-SPK-01", "DE")}
    for rule in ("LST-001", "LST-003", "LST-018"):
        assert not failing(findings, rule) & clean
    # an ASIN-typed product id is not a GTIN: unknown, not a failure
    [asin_only] = [
        f for f in findings if f["rule_id"] == "LST-018" and f["entity"]["sku"] == "VX-EAR-09"
    ]
    assert asin_only["outcome"] == "unknown"
    inputs = {Path(i["path"]).name: i for i in report["run"]["inputs"]}
    assert inputs[REPORT.name]["format"] == "all-listings-report"
    assert inputs[SEARCH.name]["format"] == "listings-items-api"


def test_the_same_sku_from_both_sources_is_merged_and_the_api_wins(tmp_path: Path) -> None:
    shutil.copy(REPORT, tmp_path)
    shutil.copy(SEARCH, tmp_path)

    report = audit([tmp_path], Options(as_of=AS_OF, marketplace="US")).report

    [title] = [
        f
        for f in report["findings"]
        if f["rule_id"] == "LST-003" and f["entity"]["sku"] == "HN-BOT-750"
    ]
    # The report's title is clean; the API's, which wins, is not.
    assert title["entity"]["title"] == "BEST Water Bottle!!! Only $9.99"
    source = title["evidence"]["source"]
    assert Path(source["file"]).name == SEARCH.name
    [merged] = source["merged"]
    assert Path(merged["file"]).name == REPORT.name
    assert merged["row"] == 4
    assert merged["fields"] == ["description"]  # the API item has no description


def test_several_skus_from_both_sources_are_merged(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(
        "seller-sku\titem-name\tasin1\tprice\n"
        "VX-SPK-01\tVoltix Mini Speaker\tB0C7HJ2K4M\t39.99\n"
        "HN-BOT-750\tHomeNest Bottle\tB0B0TTLE75\t18.99\n",
        encoding="utf-8",
    )
    shutil.copy(SEARCH, tmp_path)

    tables, _ = read_inputs([tmp_path], "US")

    assert len(tables["listings"].frame) == 6


# --- conformance with Amazon's own examples ---------------------------------------------------------


def test_amazons_sample_get_listings_item_response(tmp_path: Path) -> None:
    path = tmp_path / "response.json"
    shutil.copy(shared(SAMPLE), path)

    result = read(path)

    assert result.format == "listings-items-api" and result.rejected == []
    [row] = rows(result)
    assert (row["sku"], row["marketplace"], row["asin"]) == ("TEST-SKU-001", "BR", "B08N5WRWNW")
    assert (row["product_type"], row["status"], row["title"]) == (
        "PRODUCT",
        "BUYABLE",
        "Sample Product Title",
    )
    assert (row["fulfillment_channel"], row["quantity"]) == ("MFN", 100)
    assert [p.table for p in result.parts] == ["listings"]  # the sample has no issues


def model_examples() -> dict[str, Any]:
    """The response examples embedded in the Listings Items API model, by operation."""
    model = json.loads(shared(MODEL).read_text(encoding="utf-8"))
    examples = {}
    for route, operations in model["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            response = operation.get("responses", {}).get("200", {})
            if "application/json" in response.get("examples", {}):
                examples[f"{method} {route}"] = response["examples"]["application/json"]
            for n, case in enumerate(response.get("x-amzn-api-sandbox", {}).get("static", [])):
                examples[f"{method} {route} sandbox {n}"] = case["response"]
    return examples


def test_every_get_example_of_the_model_is_read_and_no_submission_is(tmp_path: Path) -> None:
    examples = model_examples()
    assert examples

    for name, example in examples.items():
        path = write_json(tmp_path / "example.json", example)
        if name.startswith("get "):
            result = read(path)
            assert result.format == "listings-items-api", name
            assert result.rejected == [], name
            assert rows(result), name
        else:
            assert not recognises(path), name


def test_the_models_get_listings_item_example(tmp_path: Path) -> None:
    example = model_examples()["get /listings/2021-08-01/items/{sellerId}/{sku}"]

    result = read(write_json(tmp_path / "item.json", example))

    us, ca = rows(result)
    assert (us["marketplace"], ca["marketplace"]) == ("US", "CA")
    assert (us["price"], us["currency"], ca["price"], ca["currency"]) == (
        100.0,
        "USD",
        130.0,
        "CAD",
    )
    assert (us["main_image_width"], us["main_image_height"]) == (500, 500)
    issues = [(r["code"], r["marketplace"]) for r in rows(result, "listing_issues")]
    assert issues == [
        ("90220", "US"),
        ("18027", "US"),
        ("18027", "CA"),
        ("99300", "US"),
        ("99300", "CA"),
        ("18155", "US"),
        ("18742", "US"),
    ]
    actions = {r["code"]: r["enforcement_actions"] for r in rows(result, "listing_issues")}
    assert actions == {
        "90220": None,
        "18027": "SEARCH_SUPPRESSED",
        "99300": "ATTRIBUTE_SUPPRESSED",
        "18155": "LISTING_SUPPRESSED",
        "18742": "CATALOG_ITEM_REMOVED",
    }
    image = next(r for r in rows(result, "listing_issues") if r["code"] == "18027")
    assert image["exemption_expiry"] == pd.Timestamp("2025-05-28")


def test_the_models_search_example_selects_attributes_by_marketplace(tmp_path: Path) -> None:
    example = model_examples()["get /listings/2021-08-01/items/{sellerId}"]

    result = read(write_json(tmp_path / "search.json", example))

    us, ca = rows(result)
    assert us["brand"] == ca["brand"] == "SAMSUNG"
    assert us["bullet_point1"].startswith("SMART TV WITH UNIVERSAL GUIDE")
    assert us["bullet_point5"].startswith("AMBIENT MODE")
    assert ca["bullet_point1"].startswith("TÉLÉVISEUR INTELLIGENT")  # fr_CA, CA only
    assert ca["bullet_point2"] is None
    assert us["search_terms"].startswith("oled 65 inch smart tv")
    assert us["contains_batteries"] is False
    assert us["battery_type"] == "alkaline"
    assert us["title"] == "Hardside Carry-On Spinner Suitcase Luggage"  # the summary's itemName
    assert {p.table for p in result.parts} == {"listings", "listing_issues"}


def test_the_audit_reads_amazons_examples_as_listings(tmp_path: Path) -> None:
    example = model_examples()["get /listings/2021-08-01/items/{sellerId}"]
    write_json(tmp_path / "search.json", example)

    report = audit([tmp_path], Options(as_of=dt.date(2026, 11, 27))).report

    assert {f["entity"]["marketplace"] for f in report["findings"]} <= {"US", "CA"}
    assert any(f["rule_id"] == "LST-011" and f["outcome"] == "fail" for f in report["findings"])


def test_image_count_takes_the_main_image_from_the_summary(tmp_path: Path) -> None:
    item = {
        "sku": "VX-SHW-20",
        "summaries": [
            {
                "marketplaceId": "ATVPDKIKX0DER",
                "asin": "B0DSHW2001",
                "mainImage": {"link": "https://m.media-amazon.com/images/I/61a.jpg", "width": 800, "height": 1200},
            }
        ],
        "attributes": {
            "other_product_image_locator_1": [{"media_location": "https://m.media-amazon.com/images/I/71a-1.jpg"}],
            "other_product_image_locator_2": [{"media_location": ""}],
        },
    }  # fmt: skip
    [row] = rows(read(write_json(tmp_path / "item.json", item)))

    assert (row["image_count"], row["main_image_width"], row["main_image_height"]) == (2, 800, 1200)


def test_a_response_without_offers_or_attributes_leaves_price_rules_not_checked(tmp_path):
    # searchListingsItems?includedData=summaries,issues: no offers, no attributes.
    response = {
        "numberOfResults": 1,
        "items": [
            {
                "sku": "VX-SPK-01",
                "summaries": [
                    {
                        "marketplaceId": "ATVPDKIKX0DER",
                        "asin": "B0CXV1SPK1",
                        "productType": "SPEAKERS",
                        "status": ["BUYABLE", "DISCOVERABLE"],
                        "itemName": "Voltix Bluetooth Speaker, 20W, IPX7 Waterproof, Black",
                        "createdDate": "2025-03-14T08:12:40Z",
                        "lastUpdatedDate": "2026-11-20T10:02:11Z",
                    }
                ],
                "issues": [],
            }
        ],
    }
    path = write_json(tmp_path / "searchListingsItems-summaries.json", response)

    result = read(path)
    listing = part(result, "listings")
    assert "price" not in listing.provided and "bullet_point1" not in listing.provided
    assert {"asin", "title", "status"} <= listing.provided
    assert any("includedData" in w and "price" in w for w in result.warnings)

    report = audit([path], Options(as_of=AS_OF, select=["LST-021", "LST-007"])).report
    assert report["findings"] == []  # never "the listing has no price"
    notes = {
        (n["rule_id"], tuple(n["fields"])) for n in report["summary"]["coverage"]["not_checked"]
    }
    assert ("LST-021", ("price",)) in notes
    assert report["summary"]["areas"]["listing"]["status"] != "healthy"  # LST-021 is high


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (
            {"sku": "A-2", "summaries": [{"marketplaceId": [US, DE], "asin": "B0C7HJ2K45"}]},
            "item 2 (A-2): summaries[0].marketplaceId is a list, not one marketplace id",
        ),
        (
            {
                "sku": "A-2",
                "summaries": [{"marketplaceId": US}],
                "offers": [{"marketplaceId": {"id": US}, "offerType": "B2C"}],
            },
            "item 2 (A-2): offers[0].marketplaceId is an object, not one marketplace id",
        ),
        (
            {
                "sku": "A-2",
                "summaries": [{"marketplaceId": US}],
                "issues": [{"marketplaceIds": [[US]]}],
            },
            "item 2 (A-2): issues[0].marketplaceIds is not a list of marketplace ids",
        ),
        (
            {
                "sku": "A-2",
                "summaries": [{"marketplaceId": US}],
                "issues": [{"marketplaceIds": US}],
            },
            "item 2 (A-2): issues[0].marketplaceIds is not a list of marketplace ids",
        ),
    ],
    ids=["summary-list", "offer-object", "issue-nested-list", "issue-string"],
)
def test_a_marketplace_id_of_another_shape_rejects_its_item(
    tmp_path: Path, item: dict[str, Any], reason: str
) -> None:
    """Issue 16, item 3: a list as `marketplaceId` was a TypeError (unhashable) ending the audit."""
    data = {
        "numberOfResults": 2,
        "items": [{"sku": "A-1", "summaries": [{"marketplaceId": US}]}, item],
    }

    result = read(write_json(tmp_path / "search.json", data))

    assert [r["sku"] for r in rows(result)] == ["A-1"]
    assert [(r.row, r.column, r.reason) for r in result.rejected] == [(2, "marketplace", reason)]


# --- a key given twice: the item is refused, never read from the last value --------------


def test_an_item_naming_its_sku_twice_is_rejected_and_the_others_read(tmp_path: Path):
    """A response merged by hand: the earbuds' old SKU left below the new one."""
    text = SEARCH.read_text(encoding="utf-8").replace(
        '"sku": "VX-EAR-02",', '"sku": "VX-EAR-02",\n      "sku": "VX-EAR-02-OLD",', 1
    )
    result = read(write_text(tmp_path / "searchListingsItems-US-DE.json", text))

    assert [r.as_dict() for r in result.rejected] == [
        {
            "row": 2,
            "column": "sku",
            "reason": "item 2: the key sku appears more than once in one object, "
            "so which value is meant is unclear",
        }
    ]
    assert {r["sku"] for r in rows(result)} == {"VX-SPK-01", "HN-BOT-750", "HN-MUG-DE"}
    assert result.rows_read == 4


def test_an_issue_naming_its_marketplaces_twice_rejects_its_item(tmp_path: Path):
    text = SINGLE.read_text(encoding="utf-8").replace(
        '"marketplaceIds": [', '"marketplaceIds": ["A1PA6795UKMFR9"],\n      "marketplaceIds": [', 1
    )
    result = read(write_text(tmp_path / "getListingsItem-VX-HDP-03.json", text))

    [rejected] = result.rejected
    assert (rejected.row, rejected.column) == (1, None)
    assert rejected.reason.startswith("item 1: the key marketplaceIds appears more than once")
    assert rows(result) == [] and result.rows_read == 1


def test_a_key_the_reader_does_not_use_is_counted_not_quoted(tmp_path: Path):
    text = SINGLE.read_text(encoding="utf-8").replace(
        '"sku": "VX-HDP-03",',
        '"sku": "VX-HDP-03",\n  "x-api-key": "sk_live_1", "x-api-key": "sk_live_2",',
        1,
    )
    result = read(write_text(tmp_path / "item.json", text))

    [rejected] = result.rejected
    assert rejected.reason == (
        "item 1: a key the reader does not use appears more than once in one object, "
        "so which value is meant is unclear"
    )
    assert "x-api-key" not in json.dumps(result.as_dict())


def test_a_response_with_two_item_lists_is_skipped_saying_so(tmp_path: Path):
    data = json.loads(SEARCH.read_text(encoding="utf-8"))
    text = json.dumps(data)[:-1] + ', "items": []}'

    result = read(write_text(tmp_path / "searchListingsItems-US-DE.json", text))

    assert result.skipped == "the key items appears more than once: which list is meant is unclear"


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
