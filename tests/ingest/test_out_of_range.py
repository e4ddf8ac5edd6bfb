"""Numbers a float or an int64 cannot hold, and dates a timestamp cannot, are refused cells,
never wrapped or passed (issue 16, item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, column

from auditor.ingest.coerce import DATE_OUT_OF_RANGE
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult

FBA_REPORT = DATA / "amazon" / "fba-inventory-planning" / "Inventory+Planning+11-24-2026.txt"


def read(path: Path, marketplace: str | None = "US") -> FileResult:
    return read_file(path, path.name, marketplace)


def test_out_of_range_and_non_finite_cells_reject_their_rows(tmp_path: Path) -> None:
    path = tmp_path / "listings.csv"
    path.write_text(
        "sku,marketplace,price,quantity\n"
        "A-1,US,10,1e20\n"
        "A-2,US,10,inf\n"
        "A-3,US,10,-inf\n"
        "A-4,US,10,nan\n"
        "A-5,US,10,9223372036854775807\n"
        "A-6,US,inf,1\n"
        "A-7,US,1e20,1\n"
        "A-8,US,9.99,3\n",
        encoding="utf-8",
    )

    result = read(path)

    assert [(r.row, r.column, r.reason) for r in result.rejected] == [
        (2, "quantity", "'1e20' is out of range"),
        (3, "quantity", "'inf' is not a finite number"),
        (4, "quantity", "'-inf' is not a finite number"),
        (5, "quantity", "'nan' is not a finite number"),
        (6, "quantity", "'9223372036854775807' is out of range"),
        (7, "price", "'inf' is not a finite number"),
        (8, "price", "'1e20' is out of range"),
    ]
    assert column(result, "sku") == ["A-8"]
    assert column(result, "quantity") == [3]


@pytest.mark.parametrize("value", ["9007199254740992", "-9007199254740992", "0", "12.0"])
def test_whole_numbers_up_to_two_to_the_53_are_kept(tmp_path: Path, value: str) -> None:
    path = tmp_path / "listings.csv"
    path.write_text(f"sku,marketplace,quantity\nA-1,US,{value}\n", encoding="utf-8")

    result = read(path)

    assert result.rejected == []
    assert column(result, "quantity") == [int(float(value))]


def test_a_canonical_inventory_age_of_1e20_is_rejected_not_passed(tmp_path: Path) -> None:
    path = tmp_path / "inventory.csv"
    path.write_text(
        "sku,marketplace,available,age_365_plus,oldest_age_days\n"
        "OLD-1,US,80,80,1e20\n"
        "OLD-2,US,80,80,366\n",
        encoding="utf-8",
    )

    result = read(path)

    assert result.table == "inventory"
    assert [(r.row, r.column, r.reason) for r in result.rejected] == [
        (2, "oldest_age_days", "'1e20' is out of range")
    ]
    assert column(result, "oldest_age_days") == [366]


@pytest.mark.parametrize("value", ["1e20", "inf"])
def test_an_fba_report_age_bucket_out_of_range_rejects_its_row(tmp_path: Path, value: str) -> None:
    lines = FBA_REPORT.read_bytes().decode("cp1252").splitlines()
    header = lines[0].split("\t")
    cells = lines[1].split("\t")
    cells[header.index("inv-age-456-plus-days")] = value
    path = tmp_path / "planning.txt"
    path.write_text("\n".join([lines[0], "\t".join(cells)]) + "\n", encoding="cp1252")

    result = read(path)

    assert result.table == "inventory"
    assert [(r.row, r.column) for r in result.rejected] == [(2, "age_365_plus")]
    assert result.rows_used == 0


def test_a_date_a_timestamp_cannot_hold_rejects_its_row(tmp_path: Path) -> None:
    """A year typed 6026 for 2026 is a real date, but not one a date column holds."""
    path = tmp_path / "documents.csv"
    path.write_text(
        "document_type,identifier,brand,marketplace,expires_on\n"
        "epr_de_packaging,DE4702819365120,Voltix,DE,6026-11-24\n"
        "epr_de_packaging,DE4702819365121,Voltix,DE,1500/1/1\n"
        "epr_de_packaging,DE4702819365122,Voltix,DE,2027-11-24\n",
        encoding="utf-8",
    )

    result = read(path)

    assert [(r.row, r.column, r.reason) for r in result.rejected] == [
        (2, "expires_on", "'6026-11-24' " + DATE_OUT_OF_RANGE),
        (3, "expires_on", "'1500/1/1' " + DATE_OUT_OF_RANGE),
    ]
    assert DATE_OUT_OF_RANGE == ("is out of range (dates from 1677-09-22 to 2262-04-11 are read)")
    assert column(result, "identifier") == ["DE4702819365122"]


def test_an_fba_report_snapshot_in_the_year_6026_rejects_its_row(tmp_path: Path) -> None:
    lines = FBA_REPORT.read_bytes().decode("cp1252").splitlines()
    header = lines[0].split("\t")
    cells = lines[1].split("\t")
    cells[header.index("snapshot-date")] = "6026-11-24T07:00:00+00:00"
    path = tmp_path / "planning.txt"
    path.write_text("\n".join([lines[0], "\t".join(cells)]) + "\n", encoding="cp1252")

    result = read(path)

    assert [(r.row, r.column) for r in result.rejected] == [(2, "snapshot_date")]
