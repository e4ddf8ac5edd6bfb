"""per_distinct: converting each distinct value once gives what converting every row gives."""

from __future__ import annotations

import pandas as pd

from auditor.frames import per_distinct, per_distinct_of_columns


def test_per_distinct_equals_the_conversion_of_every_row_and_keeps_the_index():
    prices = pd.Series(
        ["39.99", " 9.99", pd.NA, "39.99", "12,99"], index=[10, 11, 12, 13, 14], dtype="string"
    )

    def to_number(text: pd.Series) -> pd.Series:
        return pd.to_numeric(text.str.strip(), errors="coerce").astype("Float64")

    result = per_distinct(prices, to_number)

    pd.testing.assert_series_equal(result, to_number(prices))
    assert list(result.index) == [10, 11, 12, 13, 14]


def test_per_distinct_calls_the_conversion_once_per_distinct_value_na_included():
    seen: list[int] = []

    def upper(text: pd.Series) -> pd.Series:
        seen.append(len(text))
        return text.str.upper()

    channels = pd.Series(["default", "amazon_na", pd.NA] * 1000, dtype="string")
    result = per_distinct(channels, upper)

    assert seen == [3]
    assert result.iloc[:3].tolist() == ["DEFAULT", "AMAZON_NA", pd.NA]


def test_per_distinct_of_columns_converts_the_distinct_cells_of_every_column_once():
    seen: list[list[str]] = []

    def to_number(text: pd.Series) -> pd.Series:
        seen.append(sorted(text.dropna()))
        return pd.to_numeric(text.str.strip(), errors="coerce").astype("Float64")

    # An inventory report's counts: a few values repeated over its columns and rows.
    counts = pd.DataFrame(
        {"available": ["3", "0", pd.NA], "inbound": ["0", " 12", "3"], "reserved": ["0"] * 3},
        index=[20, 21, 22],
        dtype="string",
    )
    available, inbound, reserved = per_distinct_of_columns(counts, to_number)

    assert seen == [[" 12", "0", "3"]]  # one call, NA included as one more value
    pd.testing.assert_series_equal(available, to_number(counts["available"]), check_names=False)
    assert inbound.tolist() == [0, 12, 3] and reserved.tolist() == [0, 0, 0]
    assert list(available.index) == list(reserved.index) == [20, 21, 22]
