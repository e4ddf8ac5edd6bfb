"""The Sponsored Products search term report as the Amazon Ads API serves it (reporting v3,
`spSearchTerm`, the GZIP_JSON document gunzipped): read into the same rows as the console's
CSV download of the same data. See tests/data/amazon/ads-api-search-term/SOURCES.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import AS_OF, DATA, column

from auditor import api
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult

FILES = DATA / "amazon" / "ads-api-search-term"
API_JSON = FILES / "sp-search-terms-US-ads-api.json"
CONSOLE_CSV = FILES / "sp-search-terms-US-console.csv"

#: The columns both downloads carry, compared cell for cell (ACoS apart: the console
#: rounds it to two decimals of a percent).
SHARED = [
    "marketplace",
    "campaign",
    "ad_group",
    "targeting",
    "match_type",
    "search_term",
    "impressions",
    "clicks",
    "spend",
    "sales_7d",
    "orders_7d",
    "currency",
]


def read(path: Path, marketplace: str | None = "US") -> FileResult:
    return read_file(path, path.name, marketplace)


def write(tmp_path: Path, records: list[Any]) -> Path:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def record(**fields: Any) -> dict[str, Any]:
    """One spSearchTerm record with the fields the reader needs, `fields` on top."""
    return {
        "campaignName": "SP - Mugs - Exact",
        "adGroupName": "Exact",
        "targeting": "stoneware coffee mug",
        "matchType": "EXACT",
        "searchTerm": "stoneware coffee mug",
        "impressions": 100,
        "clicks": 4,
        "cost": 2.8,
        "sales7d": 24.99,
        "purchases7d": 1,
        "campaignBudgetCurrencyCode": "USD",
        **fields,
    }


def test_the_api_document_gives_the_rows_the_console_csv_gives() -> None:
    from_api, from_console = read(API_JSON), read(CONSOLE_CSV, None)

    assert (from_api.format, from_api.table, from_api.skipped, from_api.rejected) == (
        "ads-api-search-term-report",
        "ad_search_terms",
        None,
        [],
    )
    assert from_api.provided == from_console.provided
    assert from_api.frame is not None and from_console.frame is not None
    pd.testing.assert_frame_equal(from_api.frame[SHARED], from_console.frame[SHARED])
    assert column(from_api, "acos") == [
        pytest.approx(a, abs=5e-5) if a is not None else None for a in column(from_console, "acos")
    ]


def test_the_advertising_rules_judge_both_downloads_alike() -> None:
    def findings(path: Path) -> list[tuple[Any, ...]]:
        options = api.Options.resolve(None, marketplace="US")
        options.as_of = AS_OF
        report = api.audit([path], options).report
        return sorted(
            (f["rule_id"], f["outcome"], json.dumps(f["entity"], sort_keys=True))
            for f in report["findings"]
            if f["rule_id"].startswith("ADS-")
        )

    from_api = findings(API_JSON)
    assert from_api and from_api == findings(CONSOLE_CSV)


def test_targeting_expressions_are_written_as_the_console_writes_them() -> None:
    result = read(API_JSON)

    assert column(result, "match_type") == ["EXACT", "PHRASE", "BROAD", "-", "-", "-"]
    assert column(result, "targeting")[3:] == ["close-match", "substitutes", 'asin="B0CXJ4Q7NZ"']


def test_acos_is_spend_over_sales_and_blank_without_sales() -> None:
    result = read(API_JSON)

    assert column(result, "acos")[0] == pytest.approx(61.6 / 279.84)
    assert column(result, "acos")[1] is None  # $30.34 spent, no sales: no ACoS
    assert "acosClicks7d" in result.unmapped  # a percentage or a fraction: not guessed


def test_the_document_names_no_marketplace_so_the_default_applies() -> None:
    assert column(read(API_JSON, None), "marketplace") == [None] * 6
    assert column(read(API_JSON, "US"), "marketplace") == ["US"] * 6


def test_a_daily_report_reads_the_same_fields(tmp_path: Path) -> None:
    path = write(tmp_path, [record(date="2026-11-25"), record(date="2026-11-26", clicks=6)])

    result = read(path)

    assert result.format == "ads-api-search-term-report"
    assert column(result, "clicks") == [4, 6]
    assert result.unmapped == ["date"]


def test_nulls_are_blank_cells_and_a_bad_count_rejects_its_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [record(adGroupName=None), record(impressions="many"), "not a record", record()],
    )

    result = read(path)

    assert column(result, "ad_group") == [None, "Exact"]
    assert [(r.row, r.column) for r in result.rejected] == [(2, "impressions"), (3, None)]
    assert result.rejected[1].reason == "record 3 is not an object"


def test_a_nested_value_rejects_its_record_without_quoting_it(tmp_path: Path) -> None:
    path = write(tmp_path, [record(searchTerm={"text": "mug"}), record()])

    result = read(path)

    [rejected] = result.rejected
    assert (rejected.row, rejected.column) == (1, "search_term")
    assert rejected.reason == "searchTerm is an object, not a value"
    assert result.rows_used == 1


def test_a_key_named_twice_rejects_its_record(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    one = json.dumps(record())
    path.write_text(f'[{one[:-1]}, "cost": 99.0}}, {one}]', encoding="utf-8")

    result = read(path)

    [rejected] = result.rejected
    assert (rejected.row, rejected.reason) == (
        1,
        "the key cost appears more than once in one object, so which value is meant is unclear",
    )
    assert result.rows_used == 1


@pytest.mark.parametrize(
    "content",
    [
        "[]",  # an empty report says nothing about its kind
        '[{"sku": "A-1", "title": "Mug"}]',  # a canonical listings file
        '[{"campaignId": 1, "impressions": 5, "cost": 1.0}]',  # a campaigns report
    ],
)
def test_other_json_is_not_taken_for_the_report(tmp_path: Path, content: str) -> None:
    path = tmp_path / "other.json"
    path.write_text(content, encoding="utf-8")

    assert read(path).format != "ads-api-search-term-report"
