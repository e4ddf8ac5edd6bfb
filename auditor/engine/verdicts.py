"""What a check returns, and the column-wise helpers checks share.

A check never builds findings: it returns, per field it examined, one outcome per
row (`pass`/`fail`/`warn`/`unknown`) with the observed value and the limit as whole
columns. The evaluator turns the non-passing rows into findings.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from auditor.engine.patterns import OVER_BUDGET, PackPattern
from auditor.model.rules import Band
from auditor.model.tables import MAX_SEARCHED_CHARS

PASS, FAIL, WARN, UNKNOWN = "pass", "fail", "warn", "unknown"


@dataclass
class EvalContext:
    """What a check may read besides its own rows: the audit date and lookup tables."""

    as_of: dt.date
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    #: What the rule's own table's rows carry (CanonicalTable.provided and .sources) and
    #: which of its blank columns mean "none": a check's own conditions (a required
    #: document's `when`) are decided like the rule's (engine.conditions).
    provided: frozenset[str] = frozenset()
    sources: tuple[frozenset[str], ...] = ()
    blank_means_none: frozenset[str] = frozenset()
    #: The longest value of a column that a pattern searches (TableSpec.max_length).
    max_length: Callable[[str], int] = lambda column: MAX_SEARCHED_CHARS
    #: The rule's patterns, compiled once per rule and sharing their time budget
    #: (engine.patterns): a condition's pattern is run again to name undecided fields.
    patterns: dict[tuple[str, bool], PackPattern] = field(default_factory=dict)
    #: The rule's whole table, rows out of its scope too: a series check judges the
    #: entities in scope against their own earlier rows (engine.checks.series).
    whole: pd.DataFrame | None = None

    def pattern(self, source: str, ignore_case: bool = False) -> PackPattern:
        key = (source, ignore_case)
        if key not in self.patterns:
            self.patterns[key] = PackPattern(source, ignore_case)
        return self.patterns[key]


@dataclass
class Verdicts:
    """Outcomes of one check over the rows of a frame, for one field or detail."""

    outcome: pd.Series  # str per row, indexed like the frame
    observed: pd.Series | Any = None
    limit: pd.Series | Any = None
    #: Which part of the entity this is about (a field, a window); a column or one value.
    detail: pd.Series | str | None = None
    #: Fields whose absence makes a row `unknown`.
    missing: list[str] = field(default_factory=list)
    evidence: dict[str, pd.Series | Any] = field(default_factory=dict)
    #: Rate metrics: the `headroom` object per row (None where none applies), see engine.headroom.
    headroom: pd.Series | None = None


def outcomes(
    index: pd.Index,
    fail: pd.Series,
    warn: pd.Series | None = None,
    unknown: pd.Series | None = None,
) -> pd.Series:
    """Combine boolean masks into one outcome column; unknown wins, then fail, then warn."""
    result = np.full(len(index), PASS, dtype=object)
    if warn is not None:
        result[_mask(warn)] = WARN
    result[_mask(fail)] = FAIL
    if unknown is not None:
        result[_mask(unknown)] = UNKNOWN
    return pd.Series(result, index=index, dtype=object)


def _mask(series: pd.Series) -> np.ndarray:
    return np.asarray(series.fillna(False).astype(bool))


def limit_for_rows(limit: float | Mapping[str, float], frame: pd.DataFrame) -> pd.Series:
    """Resolve a scalar or per-marketplace limit to one value per row."""
    if not isinstance(limit, Mapping):
        return pd.Series(float(limit), index=frame.index, dtype="Float64")
    default = float(limit["default"])
    if "marketplace" not in frame:
        return pd.Series(default, index=frame.index, dtype="Float64")
    per_marketplace = {k: float(v) for k, v in limit.items() if k != "default"}
    resolved = frame["marketplace"].map(per_marketplace).astype("Float64")
    return resolved.fillna(default)


#: How a value is held against its limit, by the name a rule gives the comparison.
COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
}


def holds(value: pd.Series, op: str, limit: pd.Series | Any) -> pd.Series:
    """Rows where `value op limit` holds; a blank value or limit holds nothing (whether
    it is unknown is the check's to say)."""
    return COMPARE[op](value, limit).fillna(False).astype(bool)


def against_limits(
    value: pd.Series,
    op: str,
    limit: pd.Series | Any,
    warn_op: str | None = None,
    warn_limit: pd.Series | None = None,
    *,
    evidence: dict[str, Any] | None = None,
    missing: list[str] | None = None,
) -> Verdicts:
    """Fail where `value op limit`, else warn where `value warn_op warn_limit` (the fail
    comparison when `warn_op` is None); a warned row keeps its warn limit as evidence.
    Blank values are unknown."""
    is_fail = holds(value, op, limit)
    is_warn = None
    evidence = dict(evidence or {})
    if warn_limit is not None:
        is_warn = holds(value, warn_op or op, warn_limit) & ~is_fail
        evidence["warn_limit"] = warn_limit.where(is_warn)
    return Verdicts(
        outcome=outcomes(value.index, is_fail, is_warn, unknown=value.isna()),
        observed=value,
        limit=limit,
        missing=list(missing or []),
        evidence=evidence,
    )


def band_hits(
    value: pd.Series, bands: Band | list[Band], frame: pd.DataFrame
) -> tuple[pd.Series, pd.Series]:
    """Rows where `value` falls in any of `bands`, and the limit of the band each row hit.

    Rows that hit no band get the first band's limit, so a passing row still shows
    the limit it was held against.
    """
    bands = bands if isinstance(bands, list) else [bands]
    hit = pd.Series(False, index=frame.index)
    limit = limit_for_rows(bands[0].limit, frame)
    for band in bands:
        band_limit = limit_for_rows(band.limit, frame)
        this = holds(value, band.op, band_limit) & ~hit
        limit = limit.mask(this, band_limit)
        hit |= this
    return hit, limit


def banded(
    value: pd.Series,
    frame: pd.DataFrame,
    fail: Band | list[Band] | None,
    warn: Band | list[Band] | None,
) -> Verdicts:
    """Soda-style bands: fail is evaluated first; warn only where fail did not hit.

    A check with only a warn band (advice, such as a letter's length) has the warn
    band's limit as its limit.
    """
    evidence: dict[str, Any] = {}
    is_warn = None
    if fail is None:
        assert warn is not None, "a band check needs fail or warn"
        is_warn, limit = band_hits(value, warn, frame)
        is_fail = pd.Series(False, index=frame.index)
    else:
        is_fail, limit = band_hits(value, fail, frame)
    if warn is not None and fail is not None:
        warn_hit, warn_limit = band_hits(value, warn, frame)
        is_warn = warn_hit & ~is_fail
        evidence["warn_limit"] = warn_limit.where(is_warn)
    return Verdicts(
        outcome=outcomes(frame.index, is_fail, is_warn, unknown=value.isna()),
        observed=value,
        limit=limit,
        evidence=evidence,
    )


def text_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column as nullable strings (blank cells are already NA after ingest)."""
    column = frame[name]
    return column if isinstance(column.dtype, pd.StringDtype) else column.astype("string")


def searchable(frame: pd.DataFrame, name: str, ctx: EvalContext) -> tuple[pd.Series, pd.Series]:
    """A column as text for a pattern to search, and per row the length of a value too long
    to search whole (NA elsewhere); see `cut_long`."""
    text = text_column(frame, name)
    lengths = text.str.len()
    text, too_long = cut_long(text, ctx.max_length(name))
    return text, lengths.where(too_long).astype("Int64")


def cut_long(text: pd.Series, limit: int) -> tuple[pd.Series, np.ndarray]:
    """`text` with each value longer than `limit` cut to it (back to its last space, so
    that no word is cut in two: a cut 'bestseller' must not read as 'best'), and which
    values were cut (TableSpec.max_length)."""
    too_long = text.str.len().gt(limit).fillna(False).to_numpy(dtype=bool)
    if not too_long.any():
        return text, too_long
    text = text.copy()
    text[too_long] = [_cut(value, limit) for value in text[too_long]]
    return text, too_long


def _cut(value: str, limit: int) -> str:
    head = value[:limit]
    space = head.rfind(" ")
    return head[:space] if space > 0 else head


def cells(text: pd.Series) -> list[Any]:
    """A column's values as plain Python objects, None for NA (through numpy: on the few
    rows a finding has, `astype(object).where(...)` costs ten times as much)."""
    values = text.to_numpy(dtype=object, copy=True)
    values[text.isna().to_numpy(dtype=bool)] = None
    return values.tolist()


def pattern_found(
    pattern: PackPattern, text: pd.Series, how: Literal["first", "joined", "each"] = "joined"
) -> tuple[pd.Series, np.ndarray]:
    """What `pattern` found in each value, NA where nothing, and per value whether the search
    ran over its budget (undecided). `text` holds distinct values (frames.per_distinct).

    `first`: the first match. `joined`: the distinct matches joined by ', ' in order of
    appearance, lower-cased for a case-insensitive pattern. `each`: the list of distinct
    matches as written (one finding per match)."""
    fold = str.lower if pattern.ignore_case and how == "joined" else str
    found: list[Any] = []
    over: list[bool] = []
    for cell in cells(text):
        if cell is None:
            result: Any = None
        else:
            result = pattern.search(cell) if how == "first" else pattern.matches(cell)
        over.append(result is OVER_BUDGET)
        if result is None or result is OVER_BUDGET or (isinstance(result, list) and not result):
            found.append(None)
        elif how == "first":
            found.append(result.group(0))
        else:
            distinct = list(dict.fromkeys(fold(m) for m in result))
            found.append(distinct if how == "each" else ", ".join(distinct))
    dtype = object if how == "each" else "string"
    return pd.Series(found, index=text.index, dtype=dtype), np.array(over, dtype=bool)
