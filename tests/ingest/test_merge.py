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
        == f"repeats sku VX-SPK-01 and marketplace US of {tmp_path.as_posix()}/a.csv row 2"
    )
