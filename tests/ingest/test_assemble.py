"""A seller's folder becomes canonical tables: walked, joined, de-duplicated, every row accounted for."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, REPO

from auditor.ingest.assemble import read_inputs
from auditor.ingest.files import input_files
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult

STORE = DATA / "ingest" / "store"
STORE_FILES = [
    "account_metrics.csv",
    "approvals.csv",
    "documents.csv",
    "eu/listings-eu.csv",
    "listings.csv",
    "products.csv",
]
OLD_LISTING = (
    "sku,asin,marketplace,title,price\n0009-OLD,B0OLDOLD01,US,Soundwave Retired Speaker,19.99\n"
)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A copy of the seller's folder that a test may add files to."""
    return Path(shutil.copytree(STORE, tmp_path / "store"))


def listing(tables: dict, sku: str, marketplace: str) -> pd.Series:
    frame = tables["listings"].frame
    [row] = frame[(frame["sku"] == sku) & (frame["marketplace"] == marketplace)].to_dict("records")
    return pd.Series(row)


def value(row: pd.Series, name: str) -> object:
    return None if pd.isna(row[name]) else row[name]


def result_for(files: list[FileResult], suffix: str) -> FileResult:
    [result] = [f for f in files if f.path.endswith(suffix)]
    return result


# --- walking folders -------------------------------------------------------------------


def test_a_folder_is_walked_in_order_and_hidden_files_are_ignored(store: Path) -> None:
    (store / ".listings-old.csv").write_text(OLD_LISTING)
    (store / ".backup").mkdir()
    (store / ".backup" / "listings.csv").write_text(OLD_LISTING)
    (store / ".~lock.listings.csv#").write_text(
        ",seller,MacBook,27.11.2026 09:12,file:///Users/seller;\n"
    )
    (store / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1\x00\x00\x10\x00")
    # Not ignored for being hidden, these would be read as listings:
    assert read_file(store / ".listings-old.csv", "x", None).table == "listings"

    found = input_files([store])

    assert [display for _, display, _ in found] == [f"store/{name}" for name in STORE_FILES]
    tables, files = read_inputs([store], None)
    assert "0009-OLD" not in set(tables["listings"].frame["sku"])
    assert len(files) == len(STORE_FILES)


def test_files_and_folders_can_be_mixed(store: Path, tmp_path: Path) -> None:
    extra = tmp_path / "listings-jp.csv"
    extra.write_text(
        "sku,marketplace,title,price,currency\n0001-BT,JP,声浪 迷你蓝牙音箱,2980,JPY\n"
    )

    tables, files = read_inputs([store, extra], None)

    assert files[-1].path == "listings-jp.csv"
    assert value(listing(tables, "0001-BT", "JP"), "title") == "声浪 迷你蓝牙音箱"


def test_a_missing_input_is_reported_not_raised(tmp_path: Path) -> None:
    missing = tmp_path / "listings-2026-11.csv"

    tables, [result] = read_inputs([missing], None)

    assert tables == {}
    assert result.skipped == "no such file"
    assert result.path == "listings-2026-11.csv"


# --- assembling tables -----------------------------------------------------------------


def test_each_table_is_assembled_from_every_file_holding_it() -> None:
    tables, files = read_inputs([STORE], "US")

    assert set(tables) == {"listings", "account_metrics", "documents", "approvals"}
    listings = tables["listings"].frame
    assert len(listings) == 6  # 4 in listings.csv and 2 in eu/listings-eu.csv
    assert set(listings["_file"]) == {"store/listings.csv", "store/eu/listings-eu.csv"}
    assert sorted(zip(listings["sku"], listings["marketplace"], strict=True)) == [
        ("0001-BT", "DE"),
        ("0001-BT", "UK"),
        ("0001-BT", "US"),
        ("0002-BT", "FR"),
        ("0003-CB", "US"),
        ("LS-BLOCKS-01", "US"),
    ]
    assert all(not f.rejected for f in files)


def test_the_products_register_is_joined_into_listings_by_sku() -> None:
    tables, _ = read_inputs([STORE], None)

    speaker = listing(tables, "0001-BT", "US")
    assert value(speaker, "category") == "Electronics"
    assert value(speaker, "contains_batteries") is True
    assert value(speaker, "battery_type") == "lithium_ion"
    assert value(speaker, "country_of_origin") == "CN"
    blocks = listing(tables, "LS-BLOCKS-01", "US")
    assert (value(blocks, "for_children"), value(blocks, "minimum_age")) == (True, 3)
    # A listing from another file joins the same register.
    assert value(listing(tables, "0002-BT", "FR"), "is_electrical") is True
    assert {"is_electrical", "minimum_age", "contains_batteries"} <= tables["listings"].provided


def test_the_registers_value_wins_over_the_listing_and_a_disagreement_is_noted() -> None:
    tables, _ = read_inputs([STORE], None)

    assert value(listing(tables, "0001-BT", "UK"), "category") == "Electronics"
    assert value(listing(tables, "0001-BT", "US"), "category") == "Electronics"
    # The register says the cable contains batteries; its listing says no.
    cable = listing(tables, "0003-CB", "US")
    assert value(cable, "contains_batteries") is True
    assert value(cable, "facts_disagreement") == (
        "contains_batteries: products register yes, listing no"
    )
    # The toy's product type makes it a children's product, as the register says.
    assert value(listing(tables, "LS-BLOCKS-01", "US"), "facts_disagreement") is None
    assert "facts_disagreement" in tables["listings"].provided


def test_a_listing_without_a_register_row_keeps_blanks(store: Path) -> None:
    (store / "new-listings.csv").write_text(
        "sku,marketplace,title\n0004-SB,UK,Soundwave Soundbar 2.1 120W\n"
    )

    tables, _ = read_inputs([store], None)

    soundbar = listing(tables, "0004-SB", "UK")
    assert value(soundbar, "category") is None
    assert value(soundbar, "contains_batteries") is None


def test_a_products_register_alone_gives_no_table_to_audit() -> None:
    tables, [result] = read_inputs([STORE / "products.csv"], None)

    assert tables == {}
    assert (result.table, result.rows_used) == ("products", 4)


# --- repeated rows ---------------------------------------------------------------------


def test_a_repeated_sku_and_marketplace_is_rejected_naming_the_row_it_repeats(
    store: Path,
) -> None:
    (store / "uk-relist.csv").write_text(
        "sku,asin,marketplace,title,price,currency\n"
        "0005-SUB,B0C9UK5SUB,UK,Soundwave 8in Wireless Subwoofer,129.00,GBP\n"
        "0001-BT,B0C7HJ2K4M,GB,Soundwave Mini Bluetooth Speaker (relisted),19.99,GBP\n"
    )

    tables, files = read_inputs([store], None)

    relist = result_for(files, "uk-relist.csv")
    [rejected] = relist.rejected
    assert (rejected.row, rejected.column) == (3, "sku")
    assert rejected.reason == "repeats sku 0001-BT and marketplace UK of store/listings.csv row 3"
    assert relist.rows_used == 1
    # The first row stays, untouched by the repeat.
    assert value(listing(tables, "0001-BT", "UK"), "price") == 21.99
    assert value(listing(tables, "0005-SUB", "UK"), "price") == 129.0


def test_a_repeat_inside_one_file_is_rejected_too(tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text(
        "sku,category,contains_batteries\n"
        "0001-BT,Electronics,yes\n"
        "0003-CB,Electronics,no\n"
        "0001-BT,Toys & Games,no\n"
    )

    _, [result] = read_inputs([path], None)

    [rejected] = result.rejected
    assert rejected.row == 4
    assert rejected.reason == "repeats sku 0001-BT of products.csv row 2"
    assert list(result.frame["_row"]) == [2, 3]


def test_a_register_pasted_in_200_times_is_de_duplicated_in_one_pass(tmp_path: Path) -> None:
    """Each repeat was looked up, and its file's rows copied, one at a time: 1,449 repeats
    took 2 s, these 9,950 over 10 s. One pass takes milliseconds."""
    rows = [f"VX-{n:04d},Electronics,yes" for n in range(50)]
    path = tmp_path / "products.csv"
    path.write_text("sku,category,contains_batteries\n" + "\n".join(rows * 200) + "\n")

    started = time.perf_counter()
    _, [result] = read_inputs([path], None)

    assert time.perf_counter() - started < 10  # seconds, not minutes; on a loaded machine too
    assert list(result.frame["_row"]) == list(range(2, 52))
    assert len(result.rejected) == 9950
    last = result.rejected[-1]
    assert (last.row, last.reason) == (10001, "repeats sku VX-0049 of products.csv row 51")


# --- every row accounted for -------------------------------------------------------------


@pytest.mark.parametrize(
    "folder",
    [DATA / "ingest", STORE, REPO / "examples" / "demo-store"],
    ids=["ingest-fixtures", "store", "demo-store"],
)
def test_every_row_read_is_either_used_or_rejected(folder: Path) -> None:
    _, files = read_inputs([folder], None)

    read = [f for f in files if f.table is not None]
    assert read
    for result in read:
        counts = result.as_dict()
        assert counts["rows_read"] == counts["rows_used"] + counts["rows_rejected"], result.path
        used = set(result.frame["_row"])
        rejected = {r.row for r in result.rejected}
        assert used.isdisjoint(rejected), result.path
        assert len(used | rejected) == result.rows_read, result.path


def test_the_fixture_folder_does_reject_rows() -> None:
    """The check above is not vacuous: these inputs reject rows for many reasons."""
    _, files = read_inputs([DATA / "ingest"], None)

    reasons = " | ".join(r.reason for f in files for r in f.rejected)
    for expected in ("repeats sku", "unreadable row", "is not a date", "is not a number", "rates"):
        assert expected in reasons


def test_a_fetch_json_that_is_no_manifest_gives_no_marketplace_and_is_read_as_an_input(
    tmp_path: Path,
) -> None:
    # Another tool's fetch.json beside an All Listings report: nothing the tool wrote.
    listings = DATA / "amazon" / "all-listings" / "All+Listings+Report+11-27-2026.txt"
    shutil.copy(listings, tmp_path / "all-listings-UK.txt")
    (tmp_path / "fetch.json").write_text(
        '{"store": "acme-eu", "files": [{"file": "all-listings-UK.txt", "marketplace": "UK"}]}',
        encoding="utf-8",
    )

    tables, files = read_inputs([tmp_path], "US", False)

    assert set(tables["listings"].frame["marketplace"]) == {"US"}  # the default, not "UK"
    manifest = next(f for f in files if f.path.endswith("fetch.json"))
    assert manifest.format != "fetch-manifest"
