"""Reading one file: what is counted, and what is not read at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA

from auditor.ingest.files import NOT_AN_INPUT
from auditor.ingest.read import read_file

REPORT = DATA / "amazon" / "seller-performance" / "seller-performance-us-de-uk.json"


def test_rows_count_source_entries_and_records_count_what_they_gave():
    """One performanceMetrics entry (a marketplace) gives many metric records."""
    result = read_file(REPORT, "report.json", None).as_dict()
    assert (result["rows_read"], result["rows_used"], result["rows_rejected"]) == (3, 3, 0)
    assert result["records"] > 3 * 10


def test_a_row_with_one_bad_value_among_good_ones_is_both_used_and_rejected(tmp_path: Path):
    window = {
        "reportingDateFrom": "2026-10-28T00:00:00Z",
        "reportingDateTo": "2026-11-26T23:59:59Z",
    }
    late = {
        "reportingDateRange": window,
        "orderCount": 500,
        "lateShipmentCount": 21,
        "rate": 4.2,
        "targetValue": 0.04,
        "targetCondition": "LESS_THAN",
    }  # 4.2 is not a fraction
    entry = {
        "marketplaceId": "A1VC38T7YXB528",
        "lateShipmentRate": late,
        "accountHealthRating": {
            "ahrStatus": "GREAT",
            "ahrScore": 300,
            "reportingDateRange": window,
        },
    }
    path = tmp_path / "report.json"
    path.write_text(
        json.dumps({"accountStatuses": [], "performanceMetrics": [entry]}), encoding="utf-8"
    )

    result = read_file(path, "report.json", None).as_dict()

    assert (result["rows_read"], result["rows_used"], result["rows_rejected"]) == (1, 1, 1)
    assert [(r["row"], r["column"]) for r in result["rejected"]] == [(1, "value")]


def test_notes_and_scans_beside_the_data_are_listed_not_parsed(tmp_path: Path):
    for name in ("README.md", "lucid-certificate.pdf", "auditor.yaml"):
        (tmp_path / name).write_text("sku,title\n0001-BT,Speaker\n", encoding="utf-8")
        result = read_file(tmp_path / name, name, "US")
        assert result.skipped == f"not a data file ({Path(name).suffix})"
        assert result.rows_read == 0 and result.rejected == []


def test_the_notes_the_tool_writes_are_listed_as_not_an_input(tmp_path: Path):
    """A file that starts with the marker (registers.md of `auditor init`) is never parsed,
    whatever its name, and is not reported as an unrecognised file."""
    for name in ("registers.md", "notes.csv"):
        path = tmp_path / name
        path.write_text(f"{NOT_AN_INPUT}\n\n```csv\nsku,title\n0001-BT,Speaker\n```\n", "utf-8")
        result = read_file(path, name, "US")
        assert result.skipped == "not an input (notes the tool wrote for people)"
        assert result.rows_read == 0 and result.parts == []


def test_a_gbk_file_name_from_a_chinese_archive_is_shown_as_the_seller_saw_it(tmp_path):
    import os

    from conftest import AS_OF

    from auditor.api import Options, audit

    folder = os.fsencode(tmp_path)
    name = "文件登记表.csv".encode("gbk")  # as a GBK zip unpacks on Linux: not UTF-8
    with open(os.path.join(folder, name), "w", encoding="utf-8") as register:
        register.write("document_type,identifier,brand,marketplace\n")
        register.write("epr_de_packaging,DE4702819365120,Voltix,DE\n")

    report = audit([tmp_path], Options(as_of=AS_OF)).report  # the run id hashes the name

    (read,) = report["run"]["inputs"]
    assert read["path"].endswith("文件登记表.csv") and read["table"] == "documents"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"items": ' + "[" * 100_000 + "]" * 100_000 + "}", "arrays or objects nested too deep"),
        ('[{"sku": "VX-1", "price": ' + "9" * 5000 + "}]", "a number of more than 4,300 digits"),
    ],
    ids=["nested-100000-deep", "5000-digits"],
)
def test_json_that_python_cannot_read_is_skipped_saying_why(tmp_path, text, reason):
    path = tmp_path / "listings.json"
    path.write_text(text, encoding="utf-8")

    result = read_file(path, path.name, "US")

    assert result.skipped == f"not readable JSON: {reason}"


def test_a_header_cell_longer_than_the_csv_module_takes_skips_the_file_without_quoting_it(
    tmp_path,
):
    path = tmp_path / "odd.csv"
    path.write_text("sku," + "t" * 200_000 + "\nVX-1,Speaker\n", encoding="utf-8")

    result = read_file(path, path.name, "US")

    assert result.skipped == (
        "cannot parse as CSV: a header cell on line 1 is longer than 131,072 characters"
    )
    assert result.parts == []  # skipped, not half-read; the audit goes on with the rest


def test_a_carriage_return_inside_the_header_line_ends_it_as_it_ends_a_row(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("sku,title\r,brand\nVX-1,Speaker,Voltix\n", encoding="utf-8")

    result = read_file(path, path.name, "US")

    assert (result.table, list(result.frame["sku"])) == ("listings", [])
    assert [(r.row, r.reason) for r in result.rejected] == [
        (2, "sku is blank"),  # ",brand": the line after the \r, its first cell blank
        (3, "unreadable row: 3 cells, the header has 2"),
    ]
