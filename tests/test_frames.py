"""per_distinct: converting each distinct value once gives what converting every row gives."""

from __future__ import annotations

import pandas as pd

from auditor.frames import per_distinct


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
