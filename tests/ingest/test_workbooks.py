"""Reading the first workbook ahead: it saves the CLI time, and never changes what a reader sees."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.ingest import workbooks
from auditor.ingest.workbooks import parse_sheet, read_ahead, reading_order, sheet_cells


@pytest.fixture(autouse=True)
def nothing_read_ahead():
    workbooks._ahead.clear()
    yield
    workbooks._ahead.clear()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_and_bytes(path: Path) -> tuple[str, bytes]:
    data = path.read_bytes()
    return sha256(data), data


def workbook(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_readers_look_at_a_template_sheet_first_in_any_language():
    assert reading_order(["Anleitung", "Vorlage", "Gültige Werte"]) == [
        "Vorlage",
        "Anleitung",
        "Gültige Werte",
    ]
    assert reading_order(["Sheet1", "Sheet2"]) == ["Sheet1", "Sheet2"]


def test_the_first_workbook_of_a_folder_is_parsed_ahead_and_handed_over_once(tmp_path):
    (tmp_path / "a-register.csv").write_text("sku,brand\nVX-1,Voltix\n", encoding="utf-8")
    book = workbook(
        tmp_path / "b-clr.xlsx",
        {"Anleitung": [["Fill one row per listing"]], "Vorlage": [["sku"], ["VX-1"]]},
    )
    workbook(tmp_path / "c-later.xlsx", {"Template": [["sku"]]})

    read_ahead([tmp_path])

    assert list(workbooks._ahead) == [(book, "Vorlage")]  # the template, not the first sheet
    data = book.read_bytes()
    assert sheet_cells(book, sha256(data), data, "Vorlage") == [["sku"], ["VX-1"]]
    assert workbooks._ahead == {}  # handed over, not kept


def test_a_file_changed_after_it_was_read_ahead_is_parsed_again(tmp_path):
    book = workbook(tmp_path / "clr.xlsx", {"Template": [["sku"], ["OLD-1"]]})
    read_ahead([book])
    workbooks._ahead[book, "Template"].result()  # the old bytes are parsed
    workbook(book, {"Template": [["sku"], ["NEW-1"]]})

    assert sheet_cells(book, *digest_and_bytes(book), "Template") == [["sku"], ["NEW-1"]]


def test_another_sheet_is_parsed_on_its_own_and_the_read_ahead_one_stays(tmp_path):
    book = workbook(tmp_path / "clr.xlsx", {"Template": [["sku"]], "Notes": [["hello"]]})
    read_ahead([book])

    assert sheet_cells(book, *digest_and_bytes(book), "Notes") == [["hello"]]
    assert (book, "Template") in workbooks._ahead


def test_a_damaged_workbook_gives_the_readers_own_error(tmp_path):
    damaged = tmp_path / "clr.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a zip archive")
    read_ahead([damaged])  # nothing to start: calamine cannot list its sheets

    assert workbooks._ahead == {}
    with pytest.raises(ValueError, match="cannot read sheet 'Template'"):
        sheet_cells(damaged, *digest_and_bytes(damaged), "Template")


def test_text_files_and_missing_paths_are_left_to_the_readers(tmp_path):
    (tmp_path / "listings.txt").write_text("item-name\tseller-sku\n", encoding="utf-8")
    read_ahead([tmp_path / "listings.txt", tmp_path / "missing.xlsx"])

    assert workbooks._ahead == {}


def test_what_is_read_ahead_equals_a_parse_of_its_own(tmp_path):
    rows = [["settings=primaryMarketplaceId=amzn1.mp.o.ATVPDKIKX0DER"], ["sku", "price"]]
    rows += [[f"VX-{i}", "39.99"] for i in range(50)]
    book = workbook(tmp_path / "clr.xlsx", {"Template": rows})
    read_ahead([book])

    data = book.read_bytes()
    assert sheet_cells(book, sha256(data), data, "Template") == parse_sheet(data, "Template")


def test_auditing_a_workbook_parses_its_sheet_once_off_the_main_thread(tmp_path, monkeypatch):
    """`auditor audit` reads the Category Listing Report ahead while it starts up."""
    us = "ATVPDKIKX0DER"
    ids = [
        "contribution_sku#1.value",
        "product_type#1.value",
        f"item_name[marketplace_id={us}][language_tag=en_US]#1.value",
        f"brand[marketplace_id={us}][language_tag=en_US]#1.value",
    ]
    book = workbook(
        tmp_path / "Category Listing Report.xlsx",
        {
            "Template": [
                [f"settings=contentLanguageTag=en_US&primaryMarketplaceId=amzn1.mp.o.{us}"],
                ["Instructions: fill one row per listing."],
                ["Offer", "", "Product Identity"],
                ["SKU", "Product Type", "Title", "Brand"],
                ids,
                ["ABC123", "LUGGAGE", "Example", "Example"],
                ["VX-SPK-01", "SPEAKERS", "Voltix Bluetooth Speaker, 20W, IPX7, Black", "Voltix"],
            ]
        },
    )
    parsed_on: list[tuple[str, str]] = []

    def parse(data: bytes, name: str) -> workbooks.Cells:
        parsed_on.append((threading.current_thread().name, name))
        return parse_sheet(data, name)

    monkeypatch.setattr(workbooks, "parse_sheet", parse)
    result = CliRunner().invoke(
        main, ["audit", str(book), "--format", "json", "--as-of", "2026-11-27"]
    )

    [(thread, sheet)] = parsed_on
    assert (sheet, thread != threading.main_thread().name) == ("Template", True)
    [read] = json.loads(result.stdout)["run"]["inputs"]
    assert (read["format"], read["rows_used"]) == ("category-listing-report", 1)
