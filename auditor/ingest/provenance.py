"""Which columns each row's inputs carry, kept through merges and joins.

"The input has no such column" is decided per row (see model.tables.CanonicalTable):
a listing read from an All Listings report has no bullet points even when another
file's listings do; a listing joined with the products register has its facts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


class Sources:
    """The column sets rows came with, numbered: a row's `_src` is its set's number.

    A row read from one file has that file's columns; a row merged from several files,
    or joined with the products register, has the union of theirs."""

    def __init__(self, sets: tuple[frozenset[str], ...] = ()) -> None:
        self.sets: list[frozenset[str]] = list(sets)

    def code(self, columns: frozenset[str]) -> int:
        if columns not in self.sets:
            self.sets.append(columns)
        return self.sets.index(columns)

    def union(
        self, codes: pd.Series, more: pd.Series, more_sets: list[frozenset[str]]
    ) -> pd.Series:
        """Each row's code for its own set joined with `more_sets[more]` (NA in `more`: as is).

        Column-wise: a catalogue has a few distinct (own, more) pairs over many rows, so
        each pair's union is computed once and spread back by its factorized code."""
        own = codes.to_numpy(dtype="int64")
        other = pd.to_numeric(more, errors="coerce").fillna(-1).to_numpy(dtype="int64")
        keys, pairs = pd.factorize(pd.MultiIndex.from_arrays([own, other]))
        joined = np.array(
            [
                mine if theirs < 0 else self.code(self.sets[mine] | more_sets[theirs])
                for mine, theirs in pairs
            ],
            dtype="int64",
        )
        return pd.Series(joined[keys], index=codes.index, dtype="int64")
