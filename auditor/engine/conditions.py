"""`when` conditions as boolean masks, with three-valued logic.

Each row of a rule's table is in scope (true), out of scope (false) or undecided
(unknown: pandas' nullable boolean NA, which implements Kleene logic: `all` is false
if any part is false, else unknown if any part is; `any` is true if any part is true,
else unknown if any part is; `not` keeps unknown). A comparison is decided like this:

- The row's inputs carry the column and the cell has a value: compared.
- The row's inputs carry the column and the cell is blank: `exists` is decided
  (`exists: false` holds). Where the table declares that a blank means "none"
  (`TableSpec.blank_means_none`: a product that is not gated) the blank is compared as
  an empty value (`eq`/`in` false, `ne`/`not_in` true); elsewhere a blank is a fact not
  stated and every other comparison is unknown.
- No input of the row carries the column at all: every comparison, `exists` included,
  is unknown, unless the comparison says `if_absent: true | false`.

An undecided row becomes an `unknown` finding naming the fields that would decide it,
never a silent "not applicable".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from auditor.engine.patterns import PackPattern
from auditor.engine.terms import Terms
from auditor.engine.verdicts import EvalContext, cut_long, pattern_found
from auditor.frames import per_distinct, present
from auditor.model.rules import All, Any_, Compare, Condition, Not
from auditor.model.tables import MAX_SEARCHED_CHARS


def _everywhere(frame: pd.DataFrame) -> Callable[[str], np.ndarray]:
    return lambda column: np.full(len(frame), column in frame, dtype=bool)


@dataclass
class Rows:
    """The rows a condition is evaluated on, and what their inputs carry."""

    frame: pd.DataFrame
    #: Per row, whether the row's inputs carry a column (`auditor.frames.present`).
    present: Callable[[str], np.ndarray] | None = None
    #: Columns whose blank cell means "none" (the table's `blank_means_none`).
    blank_means_none: frozenset[str] = field(default_factory=frozenset)
    #: Where the rule's patterns come from, and how long a value they search (the
    #: rule's EvalContext: patterns shared with the check, TableSpec.max_length).
    context: EvalContext | None = None

    def carried(self, column: str) -> np.ndarray:
        return (self.present or _everywhere(self.frame))(column)

    def pattern(self, source: str) -> PackPattern:
        return self.context.pattern(source) if self.context else PackPattern(source)

    def max_length(self, column: str) -> int:
        return self.context.max_length(column) if self.context else MAX_SEARCHED_CHARS

    @classmethod
    def of(cls, frame: pd.DataFrame, ctx: EvalContext) -> Rows:
        """`frame`'s rows (the rule's table or a part of it) with what the context says they carry."""

        def carried(column: str) -> np.ndarray:
            if not ctx.provided and not ctx.sources:  # a context without provenance
                return np.full(len(frame), column in frame, dtype=bool)
            return present(frame, ctx.provided, ctx.sources, column)

        return cls(frame, carried, ctx.blank_means_none, ctx)


def condition_mask(
    condition: Condition | None, rows: Rows | pd.DataFrame, active: np.ndarray | None = None
) -> pd.Series:
    """Nullable boolean mask: True (checked), False (out of scope), NA (undecided).

    `active` marks the rows whose value can still matter: `all` stops looking at a row
    once a part is false, `any` once a part is true, so a costly pattern (a title regex
    after `marketplace: US`) runs only where it can change the answer. Elsewhere the
    mask holds a value the enclosing `all`/`any` ignores."""
    rows = rows if isinstance(rows, Rows) else Rows(rows)
    if condition is None:
        return pd.Series(True, index=rows.frame.index, dtype="boolean")
    if isinstance(condition, All | Any_):
        parts = condition.all if isinstance(condition, All) else condition.any
        settled = not isinstance(condition, All)  # the value that settles a row
        result = condition_mask(parts[0], rows, active)
        for part in parts[1:]:
            mask = condition_mask(part, rows, _still(result, settled, active))
            result = (result | mask) if settled else (result & mask)
        return result
    if isinstance(condition, Not):
        return ~condition_mask(condition.not_, rows, active)
    return _compare(condition, rows, active)


def _still(result: pd.Series, settled: bool, active: np.ndarray | None) -> np.ndarray:
    """Rows not yet settled (false for `all`, true for `any`) among the active ones."""
    open_rows = (result != settled).fillna(True).to_numpy(dtype=bool)
    return open_rows if active is None else open_rows & active


def comparisons(condition: Condition | None) -> list[Compare]:
    """The condition's field comparisons, in order."""
    if condition is None:
        return []
    if isinstance(condition, Compare):
        return [condition]
    if isinstance(condition, Not):
        return comparisons(condition.not_)
    children = condition.all if isinstance(condition, All) else condition.any
    return [c for child in children for c in comparisons(child)]


def undecided_fields(condition: Condition | None, rows: Rows) -> pd.Series:
    """For each row, the fields whose comparison came out unknown (in the condition's
    order): what a seller would have to supply for the rule to decide the row."""
    return undecided(condition, rows).missing


@dataclass
class Undecided:
    """Per row (lists), why a condition came out unknown."""

    #: The fields whose comparison was unknown, in the condition's order.
    missing: pd.Series
    #: Of those, the ones no input of the row carries at all (to add a register).
    absent: pd.Series
    #: Of those, the ones holding a value a pattern could not search: (field, reason
    #: code, length, longest searched) with `too_long` or `pattern_budget` (engine.patterns).
    unsearched: pd.Series


def undecided(condition: Condition | None, rows: Rows) -> Undecided:
    """Why each row's condition is unknown: a blank cell to fill, a column no input
    carries, or a value that could not be searched."""
    leaves = comparisons(condition)
    names = list(dict.fromkeys(c.field for c in leaves))
    index = rows.frame.index
    if not names or index.empty:
        empty: pd.Series = pd.Series([[] for _ in range(len(index))], index=index, dtype=object)
        return Undecided(empty, empty.copy(), empty.copy())
    unknown = np.zeros((len(index), len(names)), dtype=bool)
    for leaf in leaves:
        unknown[:, names.index(leaf.field)] |= _compare(leaf, rows).isna().to_numpy()
    carried = np.column_stack([rows.carried(n) for n in names])
    filled = np.column_stack([rows.frame[n].notna().to_numpy(dtype=bool) for n in names])
    absent = unknown & ~carried
    unsearched = unknown & carried & filled  # a value that is there: its search was stopped
    # One set of lists per pattern, not per row: thousands of rows share a few patterns.
    patterns, codes = np.unique(np.hstack([unknown, absent]), axis=0, return_inverse=True)
    width = len(names)

    def named(bits: np.ndarray) -> list[str]:
        return [n for n, hit in zip(names, bits, strict=True) if hit]

    missing = [named(p[:width]) for p in patterns]
    carried_not = [named(p[width:]) for p in patterns]
    codes = codes.ravel()
    stopped: list[list[tuple[str, str, int, int]]] = [[] for _ in range(len(index))]
    for row in np.flatnonzero(unsearched.any(axis=1)).tolist():
        stopped[row] = [
            _why_unsearched(rows, name, rows.frame[name].iat[row])
            for name, hit in zip(names, unsearched[row], strict=True)
            if hit
        ]
    return Undecided(
        pd.Series([missing[c] for c in codes], index=index, dtype=object),
        pd.Series([carried_not[c] for c in codes], index=index, dtype=object),
        pd.Series(stopped, index=index, dtype=object),
    )


def _why_unsearched(rows: Rows, name: str, value: Any) -> tuple[str, str, int, int]:
    length, limit = len(str(value)), rows.max_length(name)
    return (name, "too_long" if length > limit else "pattern_budget", length, limit)


def _compare(cond: Compare, rows: Rows, active: np.ndarray | None = None) -> pd.Series:
    frame = rows.frame
    column = frame[cond.field]
    missing = column.isna()
    absent = ~rows.carried(cond.field)
    op, operand = cond.operator, cond.operand
    if op == "exists":
        result = (~missing if operand else missing).astype("boolean")
    else:
        if op in ("eq", "ne", "in", "not_in"):
            values = operand if isinstance(operand, list) else [operand]
            hit = _isin(column, values)
            result = ~hit if op in ("ne", "not_in") else hit
        elif op in ("gt", "ge", "lt", "le"):
            result = _ordered(column, op, operand)
        else:
            result = pd.Series(False, index=frame.index, dtype="boolean")
            wanted = ~missing.to_numpy() & ~absent
            if active is not None:
                wanted &= active
            if wanted.any():  # a pattern per cell is the costliest comparison: only where it counts
                text = column[wanted].astype("string")
                result[wanted] = _searched(cond, text, rows).to_numpy()
        result = result.astype("boolean")
        if cond.field not in rows.blank_means_none:  # a fact not stated: undecided
            result = result.mask(missing, pd.NA)
    result = result.mask(absent, pd.NA if cond.if_absent is None else cond.if_absent)
    return result.astype("boolean")


def _searched(cond: Compare, text: pd.Series, rows: Rows) -> pd.Series:
    """Whether `cond`'s pattern (`regex`) or words (`contains_any`) occur in each value;
    NA where a value is too long to search or its search ran over the time budget
    (engine.patterns): the row is undecided, never out of scope by default."""
    if cond.operator == "regex":
        pattern, limit = rows.pattern(str(cond.operand)), rows.max_length(cond.field)

        def search(distinct: pd.Series) -> pd.Series:
            head, too_long = cut_long(distinct, limit)
            found, over = pattern_found(pattern, head, "first")
            # a match in the part searched decides; no match there leaves the rest unknown
            return found.notna().astype("boolean").mask(over | (too_long & found.isna()), pd.NA)

        return per_distinct(text, search)
    terms = Terms(list(cond.operand))
    return per_distinct(
        text, lambda distinct: distinct.map(terms.contains, na_action="ignore").astype("boolean")
    )


def _isin(column: pd.Series, values: list[Any]) -> pd.Series:
    if pd.api.types.is_bool_dtype(column.dtype):
        wanted = {
            bool(v) if isinstance(v, bool) else str(v).strip().lower() in ("true", "yes", "1")
            for v in values
        }
        return column.isin(list(wanted)).fillna(False)
    if pd.api.types.is_numeric_dtype(column.dtype):
        return column.isin([float(v) for v in values if _is_number(v)]).fillna(False)
    return column.astype("string").isin([str(v) for v in values]).fillna(False)


def _ordered(column: pd.Series, op: str, operand: float | dt.date) -> pd.Series:
    bound: Any = pd.Timestamp(operand) if isinstance(operand, dt.date) else operand
    if isinstance(operand, dt.date) and not pd.api.types.is_datetime64_any_dtype(column.dtype):
        column = pd.to_datetime(column, errors="coerce")
    compare = {"gt": column.gt, "ge": column.ge, "lt": column.lt, "le": column.le}[op]
    return compare(bound).fillna(False)


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True
