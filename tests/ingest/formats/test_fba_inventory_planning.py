"""The FBA inventory planning report (GET_FBA_INVENTORY_PLANNING_DATA): recognised by its header."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from conftest import DATA, column

from auditor.ingest.formats.fba_inventory_planning import FbaInventoryPlanningReport
from auditor.ingest.probe import Probe
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult

FILES = DATA / "amazon" / "fba-inventory-planning"
NEW_97 = FILES / "Inventory+Planning+11-24-2026.txt"
OLD_CP1252 = FILES / "inventory-planning-2022-cp1252.txt"


def read(path: Path, marketplace: str | None = None) -> FileResult:
    return read_file(path, path.name, marketplace)


def recognises(path: Path) -> bool:
    return FbaInventoryPlanningReport().recognise(Probe(path, path.name, path.read_bytes()))


def header_of(path: Path) -> list[str]:
    return path.read_bytes().decode("cp1252").splitlines()[0].split("\t")


@pytest.mark.parametrize("fixture", [NEW_97, OLD_CP1252], ids=lambda p: p.name)
def test_each_layout_is_recognised_by_its_header_whatever_its_name(
    tmp_path: Path, fixture: Path
) -> None:
    renamed = tmp_path / "export.dat"
    shutil.copy(fixture, renamed)

    result = read(renamed)

    assert (result.format, result.table, result.skipped) == (
        "fba-inventory-planning-report",
        "inventory",
        None,
    )
    assert result.rejected == []


@pytest.mark.parametrize(
    "text",
    [
        "sku\tmarketplace\tavailable\nA-1\tUS\t3\n",  # a canonical inventory TSV: no age or sales
        "sku,available,inv-age-0-to-90-days\nA-1,3,3\n",  # not tab-separated
        "seller-sku\tasin1\titem-name\nA-1\tB0C7HJ2K45\tMug\n",  # All Listings
        "sku\tfnsku\tasin\testimated-referral-fee-per-unit\nA-1\tX0\tB0C7HJ2K45\t1.50\n",  # fees
    ],
    ids=["canonical-tsv", "comma-separated", "all-listings", "fee-preview"],
)
def test_other_files_are_not_taken_for_the_report(tmp_path: Path, text: str) -> None:
    path = tmp_path / "Inventory+Planning.txt"
    path.write_text(text, encoding="utf-8")

    assert not recognises(path)


def test_the_97_column_layout_is_mapped_by_name() -> None:
    result = read(NEW_97)

    assert result.rows_read == 3 and result.rejected == []
    assert column(result, "sku") == ["HN-MUG-350", "HN-CUP-990", "0017-LAMP"]
    assert column(result, "marketplace") == ["US", "US", "US"]
    assert column(result, "available") == [240, 170, 0]
    assert column(result, "inbound") == [120, 0, 0]
    assert column(result, "reserved") == [12, 0, 0]
    assert column(result, "units_shipped_90d") == [480, 270, 0]
    assert column(result, "days_of_supply") == [55.0, 58.0, None]  # '--' for a SKU without sales
    assert column(result, "sell_through") == [2.6, 2.2, None]
    assert column(result, "currency") == ["USD", "USD", "USD"]
    assert [str(d)[:10] for d in column(result, "snapshot_date")] == ["2026-11-24"] * 3
    assert "pending-removal-quantity" in result.unmapped
    assert "Recommended ship-in quantity" in result.unmapped  # as written, not lowercased


def test_the_years_beyond_365_days_are_one_bucket() -> None:
    """inv-age-366-to-455-days + inv-age-456-plus-days (newer files) = age_365_plus."""
    result = read(NEW_97)

    assert column(result, "age_271_365") == [0, 30, 0]
    assert column(result, "age_365_plus") == [0, 60, 0]  # 45 + 15
    assert column(result, "oldest_age_days") == [0, 366, 0]


def test_the_aged_inventory_surcharge_is_the_sum_of_amazons_tier_estimates() -> None:
    result = read(NEW_97)

    assert column(result, "estimated_aged_surcharge") == [0.0, 82.63, 0.0]  # 20.52+46.58+15.53
    assert column(result, "estimated_storage_cost") == [1.12, 1.12, 0.0]


def test_annual_turnover_is_derived_from_90_day_sales_and_stock() -> None:
    result = read(NEW_97)

    # 480 x 365/90 / (240 + 12 + 120) = 5.23; nothing on hand or inbound: blank
    assert column(result, "annual_turnover") == [5.23, 6.44, None]


def test_the_older_layout_in_cp1252_with_one_bucket_over_365_days() -> None:
    result = read(OLD_CP1252)

    assert result.encoding == "cp1252"
    assert column(result, "title")[0] == "Voltix™ Mini Bluetooth Speaker 5W – Red"
    assert column(result, "age_365_plus") == [0, 60]
    assert column(result, "oldest_age_days") == [91, 366]
    assert column(result, "excess_units") == [520, 0]
    assert "estimated_aged_surcharge" not in result.provided  # no estimated-ais-* columns
    assert "inbound" not in result.provided


def test_stranded_is_read_from_the_alert_and_recommended_action_texts(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "sku\tavailable\tunits-shipped-t30\talert\trecommended-action\tmarketplace\n"
        "A-1\t5\t1\tStranded inventory\t\tUS\n"
        "A-2\t5\t1\t\tFix stranded inventory\tUS\n"
        "A-3\t5\t1\tLow traffic\tCreate sales\tUS\n",
        encoding="utf-8",
    )

    result = read(path)

    assert column(result, "stranded") == [True, True, False]


def test_a_report_without_alert_columns_does_not_provide_stranded(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("sku\tavailable\tunits-shipped-t30\nA-1\t5\t1\n", encoding="utf-8")

    result = read(path, "DE")

    assert "stranded" not in result.provided
    assert column(result, "marketplace") == ["DE"]  # no marketplace column: --marketplace


def test_columns_are_mapped_in_any_order(tmp_path: Path) -> None:
    lines = NEW_97.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    order = random.Random(97).sample(range(len(header)), len(header))
    shuffled = ["\t".join(line.split("\t")[i] for i in order) for line in lines]
    path = tmp_path / "shuffled.txt"
    path.write_text("\n".join(shuffled) + "\n", encoding="utf-8")

    original, moved = read(NEW_97), read(path)

    assert original.frame is not None and moved.frame is not None
    columns = [c for c in original.frame.columns if c != "_file"]
    assert original.frame[columns].equals(moved.frame[columns])


def test_a_bad_number_rejects_its_row_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "sku\tavailable\tunits-shipped-t90\tmarketplace\nA-1\t12\t30\tUS\nA-2\ttwelve\t30\tUS\n",
        encoding="utf-8",
    )

    result = read(path)

    assert column(result, "sku") == ["A-1"]
    assert {(r.row, r.column) for r in result.rejected} == {(3, "available")}
    assert "'twelve' is not a whole number" in [r.reason for r in result.rejected]


def test_a_row_without_a_marketplace_is_rejected_when_none_is_given(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("sku\tavailable\tunits-shipped-t30\nA-1\t5\t1\n", encoding="utf-8")

    result = read(path, None)

    [rejected] = result.rejected
    assert rejected.reason == "no marketplace: give --marketplace or default_marketplace"


def test_a_repeated_mapped_header_skips_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("sku\tavailable\tavailable\tunits-shipped-t30\nA-1\t5\t6\t1\n")

    result = read(path, "US")

    assert result.skipped == "ambiguous header: two columns map to available (columns 2 and 3)"


def test_two_columns_summed_into_one_bucket_named_twice_are_ambiguous_too(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    header = "sku\tavailable\tinv-age-0-to-30-days\tunits-shipped-t30\tinv-age-0-to-30-days"
    path.write_text(header + "\nA-1\t5\t6\t1\t2\n")

    assert read(path, "US").skipped == (
        "ambiguous header: two columns map to age_0_90 (columns 3 and 5)"
    )


def test_the_fixture_header_is_the_97_field_list() -> None:
    header = header_of(NEW_97)

    assert len(header) == 97 and len(set(header)) == 97
    assert header[:7] == [
        "snapshot-date",
        "sku",
        "fnsku",
        "asin",
        "product-name",
        "condition",
        "available",
    ]
    assert len(header_of(OLD_CP1252)) == 41


@pytest.mark.parametrize("fixture", [NEW_97, OLD_CP1252], ids=lambda p: p.name)
def test_a_report_with_only_its_header_row_reads_as_no_rows(tmp_path: Path, fixture: Path) -> None:
    """A seller with no FBA stock downloads the header alone (issue 16, item 3)."""
    path = tmp_path / "planning.txt"
    path.write_bytes(fixture.read_bytes().splitlines(keepends=True)[0])

    result = read(path, "US")

    assert (result.table, result.skipped, result.rows_read, result.rows_used) == (
        "inventory",
        None,
        0,
        0,
    )
    assert result.rejected == []
