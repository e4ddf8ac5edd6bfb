"""Which columns each row's inputs carry, kept through merges and joins.

"The input has no such column" is decided per row (see model.tables.CanonicalTable):
a listing read from an All Listings report has no bullet points even when another
file's listings do; a listing joined with the products register has its facts.
"""

from __future__ import annotations

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
        """Each row's code for its own set joined with `more_sets[more]` (NA in `more`: as is)."""
        pairs = pd.DataFrame({"own": codes.to_numpy(), "more": more.to_numpy()})
        joined = {
            (own, other): self.code(self.sets[own] | more_sets[int(other)])
            for own, other in pairs.dropna().drop_duplicates().itertuples(index=False)
        }
        result = [
            own if pd.isna(other) else joined[(own, other)]
            for own, other in pairs.itertuples(index=False)
        ]
        return pd.Series(result, index=codes.index, dtype="int64")
