"""Reading the first workbook ahead: it saves the CLI time, and never changes what a reader sees."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import random
import re
import struct
import threading
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from auditor.api import Options, audit
from auditor.cli import main
from auditor.ingest import workbook_limits, workbooks
from auditor.ingest.read import read_file
from auditor.ingest.workbook_limits import WorkbookTooLarge, WorkbookUnreadable, check_workbook
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


def test_a_damaged_workbook_is_refused_before_calamine_sees_it(tmp_path):
    damaged = tmp_path / "clr.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a zip archive")
    read_ahead([damaged])  # nothing to start: the check cannot measure it

    assert workbooks._ahead == {}
    with pytest.raises(WorkbookUnreadable, match="its zip archive is damaged or cut short"):
        sheet_cells(damaged, *digest_and_bytes(damaged), "Template")


def test_a_cell_that_makes_calamine_panic_skips_its_file_and_the_audit_goes_on(tmp_path):
    """A date-formatted cell of -9223372036854775809 makes calamine panic; pyo3 raises
    PanicException, a BaseException, which went past every `except Exception` and ended
    the audit with a traceback."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Campaign Name", "Customer Search Term", "Impressions", "Spend", "Date"])
    sheet.append(["Speakers", "speaker", 100, 1.2, -9223372036854775809])
    sheet["E2"].number_format = "yyyy-mm-dd"
    book.save(tmp_path / "search terms.xlsx")
    (tmp_path / "listings.csv").write_text("sku,brand,marketplace\nVX-1,Voltix,US\n")
    data = (tmp_path / "search terms.xlsx").read_bytes()

    with pytest.raises(ValueError, match="calamine failed"):
        parse_sheet(data, "Sheet")
    read_ahead([tmp_path])  # the sheet is parsed ahead on a thread, which must not die
    report = audit([tmp_path], Options(as_of=dt.date(2026, 11, 27))).report

    inputs = {Path(i["path"]).name: i for i in report["run"]["inputs"]}
    assert inputs["search terms.xlsx"]["skipped"] == (
        "cannot read the workbook: its only sheet could not be parsed (damaged XML or cells)"
    )
    assert inputs["listings.csv"]["rows_used"] == 1


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


# Hostile workbooks: built part by part, so that nothing but the zip archive decides
# what calamine would be asked to allocate. Each is skipped before calamine sees it.

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org'
    '/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="{target}" Type="http://schemas.openxmlformats.org'
    '/officeDocument/2006/relationships/worksheet"/></Relationships>'
)


def sheet_xml(cells: list[tuple[str, str]], dimension: str | None) -> str:
    rows = "".join(
        f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{ref}" t="inlineStr">'
        f"<is><t>{text}</t></is></c></row>"
        for ref, text in cells
    )
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{declared}<sheetData>{rows}</sheetData></worksheet>"
    )


def raw_xlsx(
    path: Path,
    sheet: str,
    target: str = "worksheets/sheet1.xml",
    extra: dict[str, bytes] | None = None,
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.format(target=target))
        archive.writestr(f"xl/{target}", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


GRID_CELLS = [("A1", "sku"), ("XFD1048576", "x")]


def test_a_sheet_declaring_the_whole_grid_is_refused_before_calamine_sees_it(tmp_path):
    book = raw_xlsx(tmp_path / "grid.xlsx", sheet_xml(GRID_CELLS, "A1:XFD1048576"))
    assert book.stat().st_size < 2000

    with pytest.raises(WorkbookTooLarge, match="1,048,576 rows × 16,384 columns, over the limit"):
        check_workbook(book)
    with pytest.raises(WorkbookTooLarge):
        parse_sheet(book.read_bytes(), "Sheet1")


def test_without_a_dimension_the_largest_cell_reference_counts(tmp_path):
    book = raw_xlsx(tmp_path / "grid.xlsx", sheet_xml(GRID_CELLS, None))
    with pytest.raises(WorkbookTooLarge, match="1,048,576 rows × 16,384 columns"):
        check_workbook(book.read_bytes())


@pytest.mark.parametrize(
    ("far", "grid"),
    [
        ("A1234567890", "1,234,567,890 rows × 26 columns"),  # calamine aborted the process
        ("ZZZZ1", "3 rows × 475,254 columns"),  # past Excel's XFD, not past calamine
        ("A" + "9" * 5000, "1,000,000,000,000 rows × 26 columns"),  # counted, not converted
    ],
)
def test_a_reference_longer_than_excel_writes_is_measured_too(tmp_path, far, grid):
    cells = [("A1", "sku"), ("Z2", "VX-1"), (far, "x")]
    book = raw_xlsx(tmp_path / "far.xlsx", sheet_xml(cells, None))

    with pytest.raises(WorkbookTooLarge, match=f"declares a sheet of {grid}, over the limit"):
        check_workbook(book)


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>sku</t></is></c></row>'


def worksheet(rows: str, namespace: str = "") -> str:
    """A worksheet without <dimension> whose <sheetData> holds `rows` as written; with
    `namespace`, its tags carry that prefix (as some generators write them)."""
    x = f"{namespace}:" if namespace else ""
    declared = f' xmlns:{namespace}="{MAIN}"' if namespace else f' xmlns="{MAIN}"'
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><{x}worksheet{declared}>'
        f"<{x}sheetData>{rows}</{x}sheetData></{x}worksheet>"
    )


def test_a_cell_named_past_its_own_row_is_measured_by_its_reference(tmp_path):
    """The rows' numbers only speed the measure up: a cell counts where it says it is."""
    rows = HEADER + '<row r="2"><c r="ZZ999999" t="inlineStr"><is><t>x</t></is></c></row>'
    book = raw_xlsx(tmp_path / "far.xlsx", worksheet(rows))

    with pytest.raises(WorkbookTooLarge, match="999,999 rows × 702 columns, over the limit"):
        check_workbook(book)


@pytest.mark.parametrize(
    ("attribute", "grid"),
    [
        ('r="zzzz2"', "2 rows × 475,254 columns"),  # letters in lower case
        ('r = "XFD1048576"', "1,048,576 rows × 16,384 columns"),  # spaces around "="
        ("r='XFD1048576'", "1,048,576 rows × 16,384 columns"),  # single quotes
        ("r\n=\t'A0001234567890'", "1,234,567,890 rows × 1 columns"),  # leading zeros
    ],
)
def test_a_reference_spelt_as_xml_allows_is_measured(tmp_path, attribute, grid):
    rows = HEADER + f'<row r="2"><c {attribute} t="inlineStr"><is><t>x</t></is></c></row>'
    book = raw_xlsx(tmp_path / "far.xlsx", worksheet(rows))

    with pytest.raises(WorkbookTooLarge, match=f"declares a sheet of {grid}, over the limit"):
        check_workbook(book)


def test_rows_without_numbers_are_counted_by_their_tags_prefixed_or_not(tmp_path):
    # 25,001 rows by 2,000 columns (BXX) is 50,002,000 cells, just over the limit.
    cell = '<x:c r="BXX1" t="inlineStr"><x:is><x:t>sku</x:t></x:is></x:c>'
    rows = f"<x:row>{cell}</x:row>" + "<x:row/>" * 25_000
    book = raw_xlsx(tmp_path / "rows.xlsx", worksheet(rows, namespace="x"))

    with pytest.raises(WorkbookTooLarge, match="25,001 rows × 2,000 columns, over the limit"):
        check_workbook(book)
    fewer = raw_xlsx(tmp_path / "fewer.xlsx", worksheet(rows[: -len("<x:row/>")], "x"))
    check_workbook(fewer)  # 50,000,000 cells: at the limit, not over it


def test_a_formatted_row_far_below_the_cells_does_not_refuse_the_sheet(tmp_path):
    """A template formatted down to Excel's last row: 165 columns by 1,048,576 rows
    would be over the limit, but calamine makes its grid from the cells, 165 by 3."""
    columns = [openpyxl.utils.get_column_letter(n) for n in range(1, 166)]
    rows = "".join(
        f'<row r="{row}">'
        + "".join(f'<c r="{c}{row}" t="inlineStr"><is><t>v</t></is></c>' for c in columns)
        + "</row>"
        for row in (1, 2, 3)
    )
    rows += '<row r="1048576" ht="20" customHeight="1"/>'
    book = raw_xlsx(tmp_path / "template.xlsx", worksheet(rows))

    check_workbook(book)
    assert len(parse_sheet(book.read_bytes(), "Sheet1")) == 3


def test_a_run_longer_than_any_cell_holds_is_refused(tmp_path):
    """The sheet is read in pieces cut between tags or at punctuation; a run of letters,
    digits and spaces past 1 MiB (Excel's cells hold 32,767 characters) would be carried
    from piece to piece and read again each time, so it is refused instead."""
    alphabet = b"abcdefghijklmnopqrstuvwxyz "
    noise = random.Random(19).randbytes(2_200_000)  # zipped, under the limit of its ratio
    text = noise.translate(bytes(alphabet[b % len(alphabet)] for b in range(256))).decode()
    rows = HEADER + f'<row r="2"><c r="A2" t="inlineStr"><is><t>{text}</t></is></c></row>'
    book = raw_xlsx(tmp_path / "long.xlsx", worksheet(rows))

    with pytest.raises(WorkbookTooLarge, match="has over 1 MiB of letters, digits and spaces in"):
        check_workbook(book)
    within = raw_xlsx(tmp_path / "within.xlsx", worksheet(rows.replace("a", ",")))
    check_workbook(within)  # the same text with punctuation in it


class Trickle(io.RawIOBase):
    """A worksheet's bytes handed out at most `size` at a time, as the pieces it is
    read in would cut it."""

    def __init__(self, data: bytes, size: int) -> None:
        self.data, self.size, self.at = data, size, 0

    def read(self, n: int = -1) -> bytes:
        piece = self.data[self.at : self.at + min(self.size, n if n >= 0 else self.size)]
        self.at += len(piece)
        return piece


def measured_whole(xml: bytes) -> tuple[int, int]:
    """The grid as one reading of the whole sheet finds it: the largest row and
    column any reference names, and the rows counted by their tags."""
    refs = re.findall(rb"\br\s*=\s*[\"']([A-Za-z]+)([0-9]+)[\"']", xml)
    column = max(
        (functools.reduce(lambda n, c: n * 26 + (c | 32) - 96, letters, 0) for letters, _ in refs),
        default=0,
    )
    row = max((int(digits) for _, digits in refs), default=0)
    return max(row, len(re.findall(rb"<(?:[\w.-]+:)?row\b", xml))), column


SPACES = st.sampled_from(["", " ", "\n\t"])
REFS = st.tuples(
    st.text("ABCDFIQXZabz", min_size=1, max_size=4),
    st.text("0", max_size=2),
    st.integers(0, 99_999_999).map(str),
)
CELLS = st.builds(
    lambda spaces, quote, ref, text: (
        f'<c{spaces[0] or " "}r{spaces[1]}={spaces[2]}{quote}{"".join(ref)}{quote} t="inlineStr">'
        f"<is><t>{text}</t></is></c>"
    ),
    st.tuples(SPACES, SPACES, SPACES),
    st.sampled_from(['"', "'"]),
    REFS,
    st.text("ab r=\"'19.,:-<>", max_size=30),
)
ROWS = st.builds(
    lambda tag, number, cells: (
        f"<{tag}{f' r={number!r}' if number else ''}>{''.join(cells)}</{tag}>"
    ),
    st.sampled_from(["row", "x:row"]),
    st.one_of(st.none(), st.integers(1, 99_999_999).map(str)),
    st.lists(CELLS, max_size=5),
)


@given(rows=st.lists(ROWS, max_size=8), size=st.integers(1, 300))
def test_the_sheet_is_measured_as_if_read_whole_whatever_its_pieces(rows, size):
    """Read in pieces of any size, with only the references past what was met before
    searched for, the grid is the one a reading of the whole sheet finds; with the
    rows' numbers as hints, the rows are at most those numbers more."""
    xml = worksheet("".join(rows)).encode()
    whole = measured_whole(xml)
    stream = Trickle(xml, size)
    exact = workbook_limits._scan("sheet1.xml", stream.read(), stream, hinted=False)
    stream = Trickle(xml, size)
    hinted = workbook_limits._scan("sheet1.xml", stream.read(), stream, hinted=True)

    numbered = [int(n) for n in re.findall(rb"<(?:x:)?row r='([0-9]+)'", xml)]
    assert exact == whole
    assert hinted[1] == whole[1] and whole[0] <= hinted[0] <= max([whole[0], *numbered])


def test_a_worksheet_outside_xl_worksheets_is_found_by_its_relationship(tmp_path):
    sheet = sheet_xml(GRID_CELLS, "A1:XFD1048576")
    book = raw_xlsx(tmp_path / "grid.xlsx", sheet, target="elsewhere/data.xml")
    with pytest.raises(WorkbookTooLarge, match="16,384 columns"):
        check_workbook(book)


def test_a_member_that_unzips_far_beyond_its_size_is_refused(tmp_path):
    zeros = {"xl/media/padding.bin": bytes(50 * 1024 * 1024)}
    book = raw_xlsx(tmp_path / "bomb.xlsx", sheet_xml([("A1", "sku")], "A1"), extra=zeros)
    assert book.stat().st_size < 200_000

    with pytest.raises(WorkbookTooLarge, match=r"xl/media/padding.bin unzips [0-9,]+ times"):
        check_workbook(book)


def test_the_unzipped_total_is_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_limits, "MAX_UNZIPPED_BYTES", 1000)
    book = raw_xlsx(tmp_path / "big.xlsx", sheet_xml([("A1", "sku")], "A1"))
    with pytest.raises(WorkbookTooLarge, match=r"unzips to [0-9,]+ bytes, over the limit of 1,000"):
        check_workbook(book)


def test_an_over_the_limit_workbook_is_skipped_with_its_reason_and_the_audit_goes_on(tmp_path):
    register = "sku,brand,marketplace\nVX-1,Voltix,US\n"
    (tmp_path / "listings.csv").write_text(register, encoding="utf-8")
    raw_xlsx(tmp_path / "grid.xlsx", sheet_xml(GRID_CELLS, "A1:XFD1048576"))
    raw_xlsx(
        tmp_path / "bomb.xlsx",
        sheet_xml([("A1", "sku")], "A1"),
        extra={"xl/media/padding.bin": bytes(50 * 1024 * 1024)},
    )

    read_ahead([tmp_path])  # as the CLI does first: neither is parsed ahead
    assert workbooks._ahead == {}
    result = audit([tmp_path], Options(as_of=dt.date(2026, 11, 27)))

    inputs = {Path(i["path"]).name: i for i in result.report["run"]["inputs"]}
    assert "declares a sheet of 1,048,576 rows × 16,384 columns" in inputs["grid.xlsx"]["skipped"]
    assert "a zip bomb" in inputs["bomb.xlsx"]["skipped"]
    assert (inputs["listings.csv"]["skipped"], inputs["listings.csv"]["rows_used"]) == (None, 1)
    assert result.exit_code == 0


DAMAGED = "cannot read the workbook: its zip archive is damaged or cut short"


def test_a_sheet_whose_zipped_bytes_are_damaged_is_refused(tmp_path):
    """A download damaged mid-sheet: the zip directory is sound, the deflated bytes of the
    sheet are not. The check cannot measure that sheet, so calamine never opens it: the
    file is skipped with that reason and the audit goes on."""
    book = raw_xlsx(tmp_path / "damaged.xlsx", sheet_xml([("A1", "sku"), ("A2", "VX-1")], "A1:A2"))
    data = bytearray(book.read_bytes())
    with zipfile.ZipFile(book) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    start = sheet.header_offset + 30 + len(sheet.filename) + len(sheet.extra)
    data[start : start + sheet.compress_size] = b"\xff" * sheet.compress_size  # no deflate block
    book.write_bytes(data)

    with pytest.raises(WorkbookUnreadable, match=DAMAGED):
        check_workbook(bytes(data))
    assert read_file(book, "damaged.xlsx", "US").skipped == DAMAGED


def with_wrong_checksum(path: Path, member: str) -> Path:
    """The archive at `path` with `member`'s CRC-32 off by one, in its local header and in
    the central directory (the bytes themselves untouched)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info, directory = archive.getinfo(member), archive.start_dir
    wrong = struct.pack("<I", (info.CRC + 1) & 0xFFFFFFFF)
    data[info.header_offset + 14 : info.header_offset + 18] = wrong
    while data[directory : directory + 4] == b"PK\x01\x02":
        name, extra, comment = struct.unpack("<HHH", data[directory + 28 : directory + 34])
        if data[directory + 46 : directory + 46 + name] == member.encode():
            data[directory + 16 : directory + 20] = wrong
        directory += 46 + name + extra + comment
    path.write_bytes(data)
    return path


def test_a_sheet_failing_its_checksum_is_refused_though_calamine_would_read_it(tmp_path):
    """zipfile refuses a member whose CRC-32 is wrong, calamine reads it: a sheet with no
    <dimension> and a cell at ZZ999999 (702 million cells), the check unable to measure
    it, took calamine 450 s."""
    cells = [("A1", "sku"), ("A2", "VX-1"), ("ZZ999999", "x")]
    book = raw_xlsx(tmp_path / "far.xlsx", sheet_xml(cells, None))
    with_wrong_checksum(book, "xl/worksheets/sheet1.xml")

    with pytest.raises(WorkbookUnreadable, match=DAMAGED):
        check_workbook(book)
    assert read_file(book, "far.xlsx", "US").skipped == DAMAGED


def test_a_sheet_within_the_limits_reads_without_its_trailing_blank_rows(tmp_path):
    cells = [("A1", "sku"), ("A2", "VX-1"), ("A3", " "), ("B900", "")]
    book = raw_xlsx(tmp_path / "ok.xlsx", sheet_xml(cells, "A1:B900"))
    check_workbook(book)

    assert parse_sheet(book.read_bytes(), "Sheet1") == [["sku", ""], ["VX-1", ""]]


def test_a_workbook_is_measured_once_whoever_asks(tmp_path, monkeypatch):
    # Reading ahead, recognising and parsing each ask; a sheet written without its
    # <dimension> is read whole to be measured, so the verdict is kept by content.
    path = workbook(tmp_path / "Inventory.xlsx", {"Template": [["sku", "price"], ["A-1", "9.99"]]})
    measured: list[int] = []
    real = workbook_limits._check
    monkeypatch.setattr(
        workbook_limits, "_check", lambda source: measured.append(1) or real(source)
    )
    monkeypatch.setattr(workbook_limits, "_VERDICTS", {})
    data = path.read_bytes()
    check_workbook(path)
    check_workbook(data)
    check_workbook(data, sha256(data))
    assert measured == [1]
    other = workbook(tmp_path / "Other.xlsx", {"Template": [["sku"], ["B-2"]]})
    check_workbook(other)
    assert measured == [1, 1]


def test_a_refused_workbook_is_refused_again_from_its_kept_verdict(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_limits, "_VERDICTS", {})
    path = tmp_path / "cut.xlsx"
    path.write_bytes(b"PK\x03\x04 not a whole archive")
    for _ in range(2):
        with pytest.raises(WorkbookUnreadable, match="damaged or cut short"):
            check_workbook(path)
