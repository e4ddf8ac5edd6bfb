"""The FBA fee preview (GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA): US, EU/UK and Canada layouts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, column

from auditor.ingest.formats.fba_fee_preview import FbaFeePreviewReport
from auditor.ingest.probe import Probe
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult

FILES = DATA / "amazon" / "fba-fee-preview"
US_25 = FILES / "fee-preview-US-25.txt"
UK_29 = FILES / "fee-preview-UK-29.txt"
DE_29 = FILES / "fee-preview-DE-29.txt"
CA_22 = FILES / "fee-preview-CA-22.txt"


def read(path: Path, marketplace: str | None = None) -> FileResult:
    return read_file(path, path.name, marketplace)


def recognises(path: Path) -> bool:
    return FbaFeePreviewReport().recognise(Probe(path, path.name, path.read_bytes()))


@pytest.mark.parametrize(
    ("fixture", "width"), [(US_25, 25), (UK_29, 29), (DE_29, 29), (CA_22, 22)], ids=str
)
def test_each_layout_is_recognised_by_its_header_whatever_its_name(
    tmp_path: Path, fixture: Path, width: int
) -> None:
    assert len(fixture.read_bytes().decode("cp1252").splitlines()[0].split("\t")) == width
    renamed = tmp_path / "fees.dat"
    shutil.copy(fixture, renamed)

    result = read(renamed, "DE")

    assert (result.format, result.table, result.skipped, result.rejected) == (
        "fba-fee-preview",
        "fba_fees",
        None,
        [],
    )


@pytest.mark.parametrize(
    "text",
    [
        "sku\treferral_fee\tmarketplace\nA-1\t1.50\tUS\n",  # a canonical fba_fees TSV
        "sku,estimated-referral-fee-per-unit\nA-1,1.50\n",  # not tab-separated
        "sku\tavailable\tinv-age-0-to-90-days\nA-1\t3\t3\n",  # inventory planning
    ],
    ids=["canonical-tsv", "comma-separated", "inventory-planning"],
)
def test_other_files_are_not_taken_for_the_report(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fees.txt"
    path.write_text(text, encoding="utf-8")

    assert not recognises(path)


def test_the_us_layout() -> None:
    result = read(US_25)

    assert column(result, "sku") == ["HN-MUG-350", "0004-SUB", "0023-CBL"]
    assert column(result, "marketplace") == ["US", "US", "US"]  # USD is the US store's only
    assert column(result, "price") == [24.99, 149.0, 9.99]
    assert column(result, "size_tier") == [
        "Large Standard-Size",
        "Large Bulky",
        "Small Standard-Size",
    ]
    assert column(result, "referral_fee") == [3.75, 11.92, 1.5]
    assert column(result, "fulfillment_fee") == [4.7, 21.22, 3.05]
    assert column(result, "estimated_fee_total") == [8.45, 33.14, 4.55]
    assert column(result, "advertising_cost_share") == [None, None, None]
    assert "estimated-pick-pack-fee-per-unit" in result.unmapped


def test_the_uk_layout_reads_the_domestic_fulfilment_fee_and_weight_band() -> None:
    result = read(UK_29)

    assert column(result, "marketplace") == ["UK", "UK"]  # GBP
    assert column(result, "fulfillment_fee") == [3.07, 3.0]
    assert column(result, "size_tier") == ["Standard Parcel 1 kg", "Small Parcel 250 g"]
    assert "expected-efn-fulfilment-fee-per-unit-de" in result.unmapped


def test_euro_files_need_the_marketplace_given() -> None:
    without = read(DE_29)
    given = read(DE_29, "DE")

    assert [r.reason for r in without.rejected] == [
        "no marketplace: give --marketplace or default_marketplace"
    ]
    assert column(given, "marketplace") == ["DE"]
    assert column(given, "title") == ["Hearth & Nook Isolierflasche 750 ml, Edelstahl"]
    assert given.encoding == "cp1252"


def test_the_canadian_layout_has_no_fulfilment_fee_per_unit() -> None:
    result = read(CA_22)

    assert column(result, "marketplace") == ["CA"]
    assert column(result, "referral_fee") == [4.95]
    assert "fulfillment_fee" not in result.provided
    assert "size_tier" not in result.provided


def test_amazons_placeholder_is_blank_not_a_bad_number() -> None:
    result = read(US_25)

    assert result.rejected == []  # the subwoofer's pick-pack cells are '--' (not read anyway)


def test_a_placeholder_in_a_read_column_is_blank(tmp_path: Path) -> None:
    path = tmp_path / "fees.txt"
    path.write_text(
        "sku\tcurrency\testimated-referral-fee-per-unit\texpected-fulfillment-fee-per-unit\n"
        "A-1\tUSD\t1.50\t--\n"
        "A-2\tUSD\t1.50\tN/A\n",
        encoding="utf-8",
    )

    result = read(path)

    assert result.rejected == []
    assert column(result, "fulfillment_fee") == [None, None]
