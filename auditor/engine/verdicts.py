"""What a check returns, and the column-wise helpers checks share.

A check never builds findings: it returns, per field it examined, one outcome per
row (`pass`/`fail`/`warn`/`unknown`) with the observed value and the limit as whole
columns. The evaluator turns the non-passing rows into findings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from auditor.model.rules import Band

PASS, FAIL, WARN, UNKNOWN = "pass", "fail", "warn", "unknown"


@dataclass
class EvalContext:
    """What a check may read besides its own rows: the audit date and lookup tables."""

    as_of: dt.date
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    #: The report's language, for the few texts a check writes itself (headroom).
    language: str = "en"
    #: What the rule's own table's rows carry (CanonicalTable.provided and .sources) and
    #: which of its blank columns mean "none": a check's own conditions (a required
    #: document's `when`) are decided like the rule's (engine.conditions).
    provided: frozenset[str] = frozenset()
    sources: tuple[frozenset[str], ...] = ()
    blank_means_none: frozenset[str] = frozenset()


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


_COMPARE = {
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
}


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
        this = _COMPARE[band.op](value, band_limit).fillna(False).astype(bool) & ~hit
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


#: Scripts written without spaces between words: no word boundary applies beside them.
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def word_pattern(terms: list[str]) -> str:
    """One regex matching any term as a whole word or phrase (longest first).

    'sale' does not match 'wholesale'; a Chinese or Japanese term matches inside
    Chinese or Japanese text, which has no spaces between words.
    """
    alternatives = []
    for term in sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True):
        before = "" if _UNSPACED.match(term[0]) else r"(?<!\w)"
        after = "" if _UNSPACED.match(term[-1]) else r"(?!\w)"
        alternatives.append(before + re.escape(term) + after)
    return "(?:" + "|".join(alternatives) + ")"
