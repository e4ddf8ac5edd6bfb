"""Column helpers shared by the readers and the checks (pandas only, no knowledge of either)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pandas as pd

Converted = TypeVar("Converted", pd.Series, pd.DataFrame)


def per_distinct(column: pd.Series, convert: Callable[[pd.Series], Converted]) -> Converted:
    """`convert` applied once per distinct value of `column`, then spread back over its rows.

    Amazon's files repeat a few values (prices, quantities, dates, channel, type and
    marketplace codes, identifiers) over thousands of rows: converting each once keeps
    the Python-level string work proportional to the distinct values, not the rows.
    `convert` sees NA as one of the values.
    """
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    converted = convert(pd.Series(uniques, dtype=column.dtype))
    return converted.iloc[codes].set_axis(column.index)
