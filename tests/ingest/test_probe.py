"""read_delimited: the one parser behind CSV, TSV and Amazon's never-quoted flat files."""

from __future__ import annotations

from auditor.ingest.probe import read_delimited

HEADER = "item-name\tseller-sku\tprice\tquantity"


def test_trailing_blank_cells_are_harmless_and_extra_text_rejects_the_row():
    text = "\n".join(
        [
            HEADER,
            "Voltix Speaker\tVX-SPK-01\t39.99\t12\t\t",  # two trailing tabs: blank cells
            "Voltix Cable\tVX-CAB-03\t9.99\t40\tstray\ttext",  # a shifted row
            "HomeNest Bottle\tHN-BOT-750\t24.99\t7",
        ]
    )
    table = read_delimited(text, "\t", quoted=False)

    assert list(table.raw["seller-sku"]) == ["VX-SPK-01", "HN-BOT-750"]
    assert list(table.rows) == [2, 4]
    [rejected] = table.rejected
    assert (rejected.row, rejected.reason) == (3, "unreadable row: 6 cells, the header has 4")


def test_a_ragged_row_is_rejected_with_its_cells_counted_as_the_csv_module_splits_them():
    """A listings sheet edited by hand: cells added, cells left off, a comma in a title."""
    text = "\n".join(
        [
            "sku,marketplace,title,price",
            "VX-SPK-01,US,Voltix Speaker,39.99",
            "VX-SPK-02,US,Voltix Mini",  # one cell short: read, the price blank
            'VX-CAB-03,US,"Voltix Cable, 2m",9.99,40',  # the quoted comma is no border
            "VX-SPK-04,US,Voltix Max,89.00,12,,,",  # trailing empty cells count too
            "HN-BOT-750,US,HomeNest Bottle," + ",".join(["x"] * 12),  # past the spare cells
            "HN-MUG-12,US,HomeNest Mug,5.00",
        ]
    )
    table = read_delimited(text, ",")

    assert [(r.row, r.reason) for r in table.rejected] == [
        (4, "unreadable row: 5 cells, the header has 4"),
        (5, "unreadable row: 8 cells, the header has 4"),
        (6, "unreadable row: 15 cells, the header has 4"),
    ]
    assert list(table.raw["sku"]) == ["VX-SPK-01", "VX-SPK-02", "HN-MUG-12"]
    assert list(table.raw["price"]) == ["39.99", "", "5.00"]
    assert list(table.rows) == [2, 3, 7]


def test_a_ragged_row_of_a_never_quoted_flat_file_counts_its_quote_marks_as_text():
    text = HEADER + '\n8" Subwoofer, "Bass\tVX-SUB-08\t89.00\t3\t\t5\t\n'
    [rejected] = read_delimited(text, "\t", quoted=False).rejected

    assert (rejected.row, rejected.reason) == (2, "unreadable row: 7 cells, the header has 4")


def test_blank_lines_and_lines_of_spaces_are_dropped_but_keep_the_numbering():
    text = "\n".join(
        [HEADER, "Voltix Speaker\tVX-SPK-01\t39.99\t12", "", "   ", "Mug\tHN-MUG\t5\t1"]
    )
    table = read_delimited(text, "\t", quoted=False)

    assert list(table.raw["seller-sku"]) == ["VX-SPK-01", "HN-MUG"]
    assert list(table.rows) == [2, 5]
    assert table.rejected == []


def test_unquoted_files_keep_their_quote_marks():
    text = HEADER + '\n8" Subwoofer "Bass\tVX-SUB-08\t89.00\t3\n'
    table = read_delimited(text, "\t", quoted=False)

    assert table.raw.at[0, "item-name"] == '8" Subwoofer "Bass'
    assert table.raw.at[0, "price"] == "89.00"


def test_a_repeated_header_is_kept_as_written_for_the_reader_to_judge():
    table = read_delimited("sku,price,price\nA-1,9.99,8.99\n", ",")

    assert list(table.raw.columns) == ["sku", "price", "price"]


def test_a_lone_carriage_return_ends_a_line_and_shifts_no_cell():
    """A lone \\r ends a line, as pandas reads it; the header is the text before it. The
    blank cell after it stays: pandas, skipping the header line, dropped it, and
    `Speaker` was read as the SKU."""
    table = read_delimited("sku,title\r,Speaker\nVX-2,Mini\n", ",")

    assert table.raw.to_numpy().tolist() == [["", "Speaker"], ["VX-2", "Mini"]]
    assert list(table.rows) == [2, 3]
