"""One listing from several sources is merged field by field, most authoritative source first."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from auditor.ingest.assemble import LISTING_PRECEDENCE, _merge, read_inputs
from auditor.ingest.provenance import Sources


def frame(rows: list[dict], file: str) -> pd.DataFrame:
    data = pd.DataFrame(rows)
    data["_file"], data["_row"] = file, range(2, 2 + len(rows))
    for column in ("title", "brand", "price"):
        if column not in data:
            data[column] = pd.NA
    return data.astype({"title": "string", "brand": "string", "price": "Float64"})


def test_blank_fields_are_filled_from_the_lower_source_and_the_higher_source_wins():
    api = frame(
        [{"sku": "VX-SPK-01", "marketplace": "US", "title": "Voltix Speaker", "brand": None}],
        "items.json",
    )
    report = frame(
        [
            {
                "sku": "VX-SPK-01",
                "marketplace": "US",
                "title": "Old title",
                "brand": "Voltix",
                "price": 39.99,
            },
            {
                "sku": "HN-BOT-750",
                "marketplace": "US",
                "title": "HomeNest Bottle",
                "brand": "HomeNest",
                "price": 18.99,
            },
        ],
        "All Listings Report.txt",
    )
    merged = _merge(
        api.assign(_src=0),
        report.assign(_src=1),
        ["sku", "marketplace"],
        Sources((frozenset(api), frozenset(report))),
    ).set_index("sku")
    assert merged.at["VX-SPK-01", "title"] == "Voltix Speaker"  # the API's value wins
    assert merged.at["VX-SPK-01", "brand"] == "Voltix"  # a blank is filled from the report
    assert merged.at["VX-SPK-01", "price"] == 39.99
    assert merged.at["VX-SPK-01", "_file"] == "items.json"
    assert merged.at["VX-SPK-01", "_merged"] == [
        {"file": "All Listings Report.txt", "row": 2, "fields": ["brand", "price"]}
    ]
    assert (
        merged.at["HN-BOT-750", "title"] == "HomeNest Bottle"
    )  # rows only the report has are kept
    assert pd.isna(merged.at["HN-BOT-750", "_merged"])


def test_precedence_is_documented_from_api_to_all_listings_report():
    assert LISTING_PRECEDENCE[0] == "listings-items-api"
    assert LISTING_PRECEDENCE[-1] == "all-listings-report"
    assert LISTING_PRECEDENCE.index("canonical") < LISTING_PRECEDENCE.index("all-listings-report")


def test_two_canonical_files_repeating_a_listing_still_reject_the_repeat(tmp_path: Path):
    header = "sku,marketplace,title\n"
    (tmp_path / "a.csv").write_text(header + "VX-SPK-01,US,Voltix Speaker\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(header + "VX-SPK-01,US,Voltix Speaker copy\n", encoding="utf-8")
    tables, files = read_inputs([tmp_path], None)
    assert len(tables["listings"].frame) == 1
    [rejected] = files[1].rejected
    assert (
        rejected.reason
        == f"repeats sku VX-SPK-01 and marketplace US of {tmp_path.name}/a.csv row 2"
    )


def test_a_listing_carries_the_columns_of_every_file_it_was_merged_from(tmp_path):
    """Provenance per row: the flat file carries bullets, the All Listings report does not.
    A SKU in both is checked for bullets; a SKU only in the report is a not-checked note."""
    from conftest import AS_OF, DATA

    from auditor.api import Options, audit

    flat = DATA / "stores" / "prelaunch-us" / "Flat.File.Home.us.txt"
    (tmp_path / flat.name).write_bytes(flat.read_bytes())
    header = (
        "item-name\titem-description\tlisting-id\tseller-sku\tprice\tquantity\topen-date\t"
        "image-url\titem-is-marketplace\tproduct-id-type\tzshop-shipping-fee\titem-note\t"
        "item-condition\tzshop-category1\tzshop-browse-path\tzshop-storefront-feature\tasin1\t"
        "asin2\tasin3\twill-ship-internationally\texpedited-shipping\tzshop-boldface\t"
        "product-id\tbid-for-featured-placement\tadd-delete\tpending-quantity\t"
        "fulfillment-channel\tmerchant-shipping-group\tstatus"
    )

    def row(sku: str, title: str) -> str:
        cells = [title, "", "0712ZQ8L4K1", sku, "19.99", "40", "2023-03-14 09:21:07 PDT", "", "y"]
        cells += ["3", "", "", "11", "", "", "", "B0C7HJ2K45", "", "", "", "", "", "036000291452"]
        cells += ["", "", "0", "DEFAULT", "Migrated Template", "Active"]
        return "\t".join(cells)

    report_file = tmp_path / "All+Listings+Report+11-27-2026.txt"
    report_file.write_text(
        "\n".join(
            [
                header,
                row("HN-BOT-750", "HomeNest Tritan Water Bottle 750 ml"),
                row("HN-MUG-01", "HomeNest Stoneware Mug 350 ml"),
            ]
        )
        + "\n",
        encoding="cp1252",
    )

    result = audit([tmp_path], Options(as_of=AS_OF, marketplace="US", select=["LST-007"])).report

    notes = result["summary"]["coverage"]["not_checked"]
    assert [(Path(n["input"]).name, n["entities"]) for n in notes] == [(report_file.name, 1)]
    checked = {f["entity"]["sku"] for f in result["findings"]}
    assert "HN-MUG-01" not in checked  # only in the report: not checked, not "no bullets"
