"""Column helpers shared by the readers and the checks (pandas only, no knowledge of either)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy as np
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


def per_distinct_of_columns(
    frame: pd.DataFrame, convert: Callable[[pd.Series], Converted]
) -> list[Converted]:
    """`per_distinct` of each column of `frame` (one dtype), with one call of `convert`
    for the distinct values of them all, in the order of the columns.

    A file has many columns of one type (an inventory report's twenty counts, an image's
    measures) and often only a few rows: `convert`'s fixed cost, a few dozen pandas
    operations, is then most of the work, and is paid once rather than per column.
    """
    count = len(frame)
    parts = [frame.iloc[:, i] for i in range(frame.shape[1])]
    if not parts:
        return []
    stacked = pd.concat(parts, ignore_index=True)
    codes, uniques = pd.factorize(stacked, use_na_sentinel=False)
    converted = convert(pd.Series(uniques, dtype=stacked.dtype))
    return [
        converted.iloc[codes[i * count : (i + 1) * count]].set_axis(frame.index)
        for i in range(len(parts))
    ]


def present(
    frame: pd.DataFrame,
    provided: frozenset[str],
    sources: tuple[frozenset[str], ...],
    column: str,
) -> np.ndarray:
    """Per row: whether the inputs the row came from carry `column` at all.

    A blank cell in a column the row's input has is a value (empty); a column its
    input does not have is no value at all. Rows are numbered by `_src` into `sources`
    (see model.tables.CanonicalTable); without them every row has `provided`.
    """
    if not sources or "_src" not in frame:
        return np.full(len(frame), column in provided, dtype=bool)
    carrying = [code for code, columns in enumerate(sources) if column in columns]
    return np.isin(frame["_src"].to_numpy(), carrying)
