"""The All Listings report (GET_MERCHANT_LISTINGS_ALL_DATA): recognised by its header, mapped by name."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, SHARED, column

from auditor.ingest.coerce import fulfillment_channels
from auditor.ingest.formats.all_listings import (
    AllListingsReport,
    map_product_ids,
    parse_open_dates,
)
from auditor.ingest.probe import Probe
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult

FILES = DATA / "amazon" / "all-listings"
US_29 = FILES / "All+Listings+Report+11-27-2026.txt"
OLD_27 = FILES / "Open+Listings+2015.txt"
B2B_47 = FILES / "B2B-All-Listings-47.txt"
UK_CP1252 = FILES / "uk-all-listings-cp1252.txt"
COMPILED_HEADER = (
    SHARED / "reference" / "data" / "GET_MERCHANT_LISTINGS_ALL_DATA.columns.compiled.tsv"
)

# Column lists of the variants, as amazon-policies.md §2.4 describes them.
BASE_27 = [
    "item-name",
    "item-description",
    "listing-id",
    "seller-sku",
    "price",
    "quantity",
    "open-date",
    "image-url",
    "item-is-marketplace",
    "product-id-type",
    "zshop-shipping-fee",
    "item-note",
    "item-condition",
    "zshop-category1",
    "zshop-browse-path",
    "zshop-storefront-feature",
    "asin1",
    "asin2",
    "asin3",
    "will-ship-internationally",
    "expedited-shipping",
    "zshop-boldface",
    "product-id",
    "bid-for-featured-placement",
    "add-delete",
    "pending-quantity",
    "fulfillment-channel",
]
HEADER_28 = [*BASE_27, "merchant-shipping-group"]
HEADER_29 = [*HEADER_28, "status"]
HEADER_31 = [*HEADER_29, "Minimum order quantity", "Sell remainder"]
B2B = [
    "Business Price",
    "Quantity Price Type",
    *(f"Quantity {kind} {n}" for n in range(1, 6) for kind in ("Lower Bound", "Price")),
]
PROGRESSIVE = [
    "Progressive Price Type",
    *(f"Progressive {kind} {n}" for n in range(1, 4) for kind in ("Lower Bound", "Price")),
]
HEADER_47 = [*BASE_27, *B2B, "merchant-shipping-group", *PROGRESSIVE]
VARIANTS = {27: BASE_27, 28: HEADER_28, 29: HEADER_29, 31: HEADER_31, 47: HEADER_47}

MAPPED = {
    "item-name",
    "item-description",
    "seller-sku",
    "price",
    "quantity",
    "open-date",
    "image-url",
    "product-id-type",
    "asin1",
    "product-id",
    "fulfillment-channel",
    "status",
}
ROW = {
    "item-name": "Voltix Mini Speaker 5W, Red",
    "item-description": "Pocket speaker with a lanyard.",
    "listing-id": "0712ZQ8L4K1",
    "seller-sku": "0001-BT",
    "price": "19.99",
    "quantity": "150",
    "open-date": "2023-03-14 09:21:07 PDT",
    "image-url": "https://m.media-amazon.com/images/I/41vxSpk05.jpg",
    "item-is-marketplace": "y",
    "product-id-type": "3",
    "item-condition": "11",
    "asin1": "B0C7HJ2K45",
    "product-id": "036000291452",
    "fulfillment-channel": "DEFAULT",
    "merchant-shipping-group": "Migrated Template",
    "status": "Active",
    "Business Price": "18.50",
    "Quantity Price Type": "percent",
    "Quantity Lower Bound 1": "10",
    "Quantity Price 1": "5",
    "Minimum order quantity": "2",
}


def report(
    path: Path, header: list[str], rows: list[dict[str, str]], encoding: str = "utf-8"
) -> Path:
    lines = ["\t".join(header), *("\t".join(r.get(h, "") for h in header) for r in rows)]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def read(path: Path, marketplace: str | None = "US") -> FileResult:
    return read_file(path, path.name, marketplace)


def recognises(path: Path) -> bool:
    return AllListingsReport().recognise(Probe(path, path.name, path.read_bytes()))


# --- recognition ------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", [US_29, OLD_27, B2B_47, UK_CP1252], ids=lambda p: p.name)
def test_each_fixture_is_recognised_by_its_header_whatever_its_name(
    tmp_path: Path, fixture: Path
) -> None:
    renamed = tmp_path / "export.dat"
    shutil.copy(fixture, renamed)

    result = read(renamed)

    assert (result.format, result.table, result.skipped) == (
        "all-listings-report",
        "listings",
        None,
    )
    assert recognises(renamed)


@pytest.mark.parametrize(
    "text",
    [
        "sku\tmarketplace\ttitle\n0001-BT\tUS\tMug\n",  # a canonical TSV
        "seller-sku\tprice\tquantity\n0001-BT\t9.99\t3\n",  # neither asin1 nor item-name
        "seller-sku,asin1,item-name\n0001-BT,B0C7HJ2K45,Mug\n",  # not tab-separated
        '{"seller-sku": "0001-BT", "asin1": "B0C7HJ2K45"}\n',
    ],
    ids=["canonical-tsv", "no-asin-or-name", "comma-separated", "json"],
)
def test_other_files_are_not_taken_for_the_report(tmp_path: Path, text: str) -> None:
    path = tmp_path / "All+Listings+Report.txt"
    path.write_text(text, encoding="utf-8")

    assert not recognises(path)


def test_the_header_is_matched_whatever_its_case(tmp_path: Path) -> None:
    header = [h.upper() if h in ("seller-sku", "asin1") else h for h in HEADER_29]
    path = report(
        tmp_path / "r.txt", header, [{**ROW, "SELLER-SKU": "0001-BT", "ASIN1": "B0C7HJ2K45"}]
    )

    result = read(path)

    assert column(result, "sku") == ["0001-BT"]
    assert column(result, "asin") == ["B0C7HJ2K45"]


# --- mapping by header name ---------------------------------------------------------------


@pytest.mark.parametrize("width", sorted(VARIANTS))
def test_every_variant_is_mapped_by_header_name_in_any_column_order(
    tmp_path: Path, width: int
) -> None:
    header = VARIANTS[width]
    assert len(header) == width
    shuffled = random.Random(width).sample(header, len(header))
    results = [
        read(report(tmp_path / f"{name}.txt", order, [ROW]))
        for name, order in (("ordered", header), ("shuffled", shuffled))
    ]

    for result in results:
        assert result.rejected == []
        assert column(result, "sku") == ["0001-BT"]
        assert column(result, "title") == ["Voltix Mini Speaker 5W, Red"]
        assert column(result, "description") == ["Pocket speaker with a lanyard."]
        assert column(result, "price") == [19.99]
        assert column(result, "quantity") == [150]
        assert column(result, "asin") == ["B0C7HJ2K45"]
        assert column(result, "product_id") == ["036000291452"]
        assert column(result, "product_id_type") == ["UPC"]
        assert column(result, "fulfillment_channel") == ["MFN"]
        assert column(result, "main_image_url") == [ROW["image-url"]]
        assert str(column(result, "open_date")[0])[:10] == "2023-03-14"
        assert column(result, "status") == (["Active"] if "status" in header else [None])
        assert sorted(result.unmapped) == sorted(h for h in header if h not in MAPPED)
    ordered, shuffled_result = results
    assert ordered.provided == shuffled_result.provided
    assert ("status" in ordered.provided) == ("status" in header)


def test_b2b_columns_are_listed_as_unmapped_not_as_errors() -> None:
    result = read(B2B_47)

    assert result.rejected == [] and result.warnings == []
    assert {"Business Price", "Quantity Price 1", "Progressive Price 3"} <= set(result.unmapped)
    assert column(result, "price") == [89.0, 49.0]
    assert column(result, "status") == [None, None]  # the 47-column layout has no status
    assert "status" not in result.provided


def test_provided_is_what_the_header_maps_to_so_absent_columns_are_not_checked() -> None:
    result = read(US_29)

    assert result.provided == {
        "marketplace",  # the report names none; --marketplace US put it on every row
        "sku",
        "title",
        "description",
        "price",
        "quantity",
        "open_date",
        "main_image_url",
        "asin",
        "product_id",
        "product_id_type",
        "fulfillment_channel",
        "status",
    }
    assert "bullet_point1" not in result.provided and "brand" not in result.provided


def test_the_29_column_fixture_reads_every_row() -> None:
    result = read(US_29)

    assert result.rows_read == 5 and result.rejected == []
    assert column(result, "sku") == [
        "VX-SPK-05",
        "VX-EAR-09",
        "HN-BOT-750",
        "HN-CUP-990",
        "0004-SUB",
    ]
    assert column(result, "_row") == [2, 3, 4, 5, 6]
    assert column(result, "status") == ["Active", "Active", "Active", "Active", "Inactive"]
    assert column(result, "quantity") == [150, None, 40, 75, 0]
    assert len(column(result, "title")[1]) > 200


def test_quote_marks_are_text_not_quoting() -> None:
    """Amazon does not quote its flat files: an 8" subwoofer keeps its inch mark."""
    result = read(US_29)

    assert column(result, "title")[4] == 'Soundwave 8" Wireless Subwoofer, 150W'
    assert column(result, "description")[4] == '"Deep bass" in a compact 8" cabinet'


def test_a_row_with_more_cells_than_the_header_is_rejected_and_short_rows_are_padded(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "seller-sku\titem-name\tasin1\tprice\n"
        "A-1\tMug\tB0C7HJ2K45\t9.99\n"
        "A-2\tMug\tB0C7HJ2K46\t9.99\tstray\textra\n"
        "A-3\tPlate\n"
        "A-4\tBowl\tB0C7HJ2K48\t4.00\t\t\n",
        encoding="utf-8",
    )

    result = read(path)

    assert column(result, "sku") == ["A-1", "A-3", "A-4"]
    assert column(result, "price") == [9.99, None, 4.0]
    [rejected] = result.rejected
    assert (rejected.row, rejected.reason) == (3, "unreadable row: 6 cells, the header has 4")
    assert result.rows_read == 4


def test_a_report_with_only_its_header_has_no_rows(tmp_path: Path) -> None:
    path = report(tmp_path / "r.txt", HEADER_29, [])

    result = read(path)

    assert result.format == "all-listings-report"
    assert (result.rows_read, result.rejected) == (0, [])
    assert result.frame is not None and result.frame.empty


def test_a_repeated_mapped_header_skips_the_file_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("seller-sku\titem-name\tprice\tPrice\nA-1\tMug\t9.99\t8.99\n")

    result = read(path)

    assert result.frame is None
    assert result.skipped == "ambiguous header: two columns map to price (columns 3 and 4)"


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["2016-07-08 10:12:40 PDT"], ["2016-07-08"]),
        (["2016-07-08T10:12:40+00:00"], ["2016-07-08"]),
        (["2019/04/19 14:36:37 JST"], ["2019-04-19"]),
        (["29/09/2025 16:19:39 BST", "08/07/2016 10:12:40 BST"], ["2025-09-29", "2016-07-08"]),
        (["22.08.2024 18:29:56 MESZ"], ["2024-08-22"]),
        (["08/07/2016"], ["2016-07-08"]),
        (["07/30/2016 10:12:40 PDT", "07/08/2016 10:12:40 PDT"], ["2016-07-30", "2016-07-08"]),
        (["", "2016-07-08 10:12:40 PDT"], [None, "2016-07-08"]),
    ],
    ids=["us", "iso-t", "jp", "uk", "de-dots", "no-time", "month-first-proved", "blank"],
)
def test_open_dates_in_their_localized_forms(cells: list[str], expected: list[str | None]) -> None:
    iso, bad, _ = parse_open_dates(pd.Series(cells, dtype="string"))

    assert [None if pd.isna(v) else v for v in iso] == expected
    assert not bad.any()


def test_the_date_order_is_day_first_unless_the_file_proves_otherwise() -> None:
    _, _, settled = parse_open_dates(pd.Series(["29/09/2025 16:19:39 BST", "08/07/2016 BST"]))
    _, _, assumed = parse_open_dates(pd.Series(["08/07/2016 10:12:40 BST"]))
    _, _, month_first = parse_open_dates(pd.Series(["07/30/2016", "07/08/2016"]))
    _, _, iso = parse_open_dates(pd.Series(["2016-07-08 10:12:40 PDT"]))

    assert settled is None and iso is None
    assert assumed == "open-date read day first (dd/mm/yyyy): no date in the file settles the order"
    assert month_first is not None and "month first" in month_first


def test_the_uk_fixture_dates_are_read_day_first() -> None:
    result = read(UK_CP1252, "UK")

    assert [str(d)[:10] for d in column(result, "open_date")] == [
        "2025-09-29",
        "2016-07-08",
        "2024-01-03",
    ]
    assert result.warnings == []  # 29/09 settles the order for the whole column


def test_an_unparseable_date_rejects_its_row_with_the_reason(tmp_path: Path) -> None:
    path = report(
        tmp_path / "r.txt",
        HEADER_29,
        [
            {**ROW, "seller-sku": "A-1", "open-date": "sometime in May"},
            {**ROW, "seller-sku": "A-2", "open-date": "31/02/2024 10:00:00 GMT"},
            {**ROW, "seller-sku": "A-3"},
        ],
    )

    result = read(path)

    assert column(result, "sku") == ["A-3"]
    assert [(r.row, r.column) for r in result.rejected] == [(2, "open_date"), (3, "open_date")]
    assert result.rejected[0].reason.startswith("open-date 'sometime in May' is not a date")
    assert result.rows_read == 3


# --- channel and product ids -------------------------------------------------------------------


def test_fulfillment_channels_map_to_mfn_and_afn() -> None:
    """The common coercion maps every reader's codes (DEFAULT is MFN, AMAZON_<region> is FBA)."""
    channels = pd.Series(
        ["DEFAULT", "AMAZON_NA", "AMAZON_EU", "amazon_jp", "MFN", None], dtype="string"
    )

    mapped = fulfillment_channels(channels)

    assert list(mapped[:5]) == ["MFN", "AFN", "AFN", "AFN", "MFN"] and pd.isna(mapped[5])


@pytest.mark.parametrize(
    ("code", "value", "product_id", "product_id_type", "asin"),
    [
        ("1", "B0C7HJ2K45", None, None, "B0C7HJ2K45"),
        ("2", "9780306406157", "9780306406157", "ISBN", None),
        ("3", "036000291452", "036000291452", "UPC", None),
        ("4", "4006381333931", "4006381333931", "EAN", None),
        ("", "B0C7HJ2K45", None, None, "B0C7HJ2K45"),  # an ASIN with no type
        ("", "036000291452", "036000291452", None, None),
        ("9", "036000291452", None, None, None),  # unknown code: not read
    ],
)
def test_product_id_types_and_an_asin_is_never_a_gtin(
    code: str, value: str, product_id: str | None, product_id_type: str | None, asin: str | None
) -> None:
    frame, _ = map_product_ids(
        pd.Series([value], dtype="string"), pd.Series([code], dtype="string"), pd.Series([2])
    )

    row = {k: (None if pd.isna(v) else v) for k, v in frame.iloc[0].items()}
    assert row == {"product_id": product_id, "product_id_type": product_id_type, "asin": asin}


def test_an_unknown_product_id_type_is_a_warning(tmp_path: Path) -> None:
    path = report(tmp_path / "r.txt", HEADER_29, [{**ROW, "product-id-type": "9"}])

    result = read(path)

    assert column(result, "product_id") == [None]
    assert result.warnings == [
        "product-id-type 9 is not a known code (1 ASIN, 2 ISBN, 3 UPC, 4 EAN): "
        "product-id not read in rows 2"
    ]


def test_an_asin_typed_product_id_fills_a_blank_asin1(tmp_path: Path) -> None:
    path = report(
        tmp_path / "r.txt",
        HEADER_29,
        [{**ROW, "asin1": "", "product-id-type": "1", "product-id": "B0C7HJ2K45"}],
    )

    result = read(path)

    assert column(result, "asin") == ["B0C7HJ2K45"]
    assert column(result, "product_id") == [None]


def test_fixture_channels_and_ids() -> None:
    result = read(US_29)

    assert column(result, "fulfillment_channel") == ["MFN", "AFN", "MFN", "MFN", "MFN"]
    assert column(result, "product_id") == [
        "036000291452",
        None,  # product-id-type 1: the ASIN is not a GTIN
        "4006381333932",
        "5012345678901",
        "036000291452",
    ]
    assert column(result, "product_id_type") == ["UPC", None, "EAN", "EAN", "UPC"]


# --- marketplace ------------------------------------------------------------------------------


def test_the_marketplace_comes_from_the_default() -> None:
    result = read(OLD_27, "DE")

    assert column(result, "marketplace") == ["DE", "DE"]
    assert result.marketplace is None  # the file itself names none


def test_without_a_default_marketplace_every_row_is_rejected() -> None:
    result = read(OLD_27, None)

    assert result.frame is not None and result.frame.empty
    assert [(r.row, r.column) for r in result.rejected] == [(2, "marketplace"), (3, "marketplace")]
    assert result.rejected[0].reason == "no marketplace: give --marketplace or default_marketplace"


# --- encoding -----------------------------------------------------------------------------------


def test_a_cp1252_uk_report_is_decoded() -> None:
    data = UK_CP1252.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    result = read(UK_CP1252, "UK")

    assert result.encoding == "cp1252"
    assert column(result, "title") == [
        "Café Crème Coffee Mugs, Set of 2 – 350 ml",
        "Soundwave™ Crème Brûlée Torch, Refillable",
        "Señorita Piñata Party Bag – Fiesta Édition",
    ]
    assert column(result, "description")[0] == "Dishwasher-safe stoneware; Müller’s glaze."
    assert column(result, "fulfillment_channel") == ["MFN", "AFN", "MFN"]
    assert {"Minimum order quantity", "Sell remainder"} <= set(result.unmapped)


# --- conformance with the documented header ------------------------------------------------------


def test_the_documented_29_column_header_is_read(tmp_path: Path) -> None:
    if not COMPILED_HEADER.exists():
        pytest.skip(f"{COMPILED_HEADER} is not available")
    header = COMPILED_HEADER.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert len(header) == 29
    assert set(header) >= MAPPED, "a header name the reader maps is not in Amazon's list"
    path = report(tmp_path / "report.txt", header, [ROW])

    result = read(path)

    assert result.format == "all-listings-report"
    assert result.rejected == []
    assert column(result, "sku") == ["0001-BT"]
    assert column(result, "status") == ["Active"]
    assert result.unmapped == [h for h in header if h not in MAPPED]


def test_without_a_marketplace_the_rows_do_not_carry_one() -> None:
    result = read(US_29, marketplace=None)

    assert "marketplace" not in result.provided
