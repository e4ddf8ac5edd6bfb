"""`when` conditions as boolean masks, with three-valued logic.

A comparison on a missing value is neither true nor false but unknown (pandas'
nullable boolean, which implements Kleene logic for and/or/not), so a rule whose
condition cannot be decided for a row reports `unknown` for it instead of silently
skipping it. Only `exists` is always decided.
"""

from __future__ import annotations

import datetime as dt
from functools import reduce
from typing import Any

import pandas as pd

from auditor.engine.verdicts import word_pattern
from auditor.model.rules import All, Any_, Compare, Condition, Not


def condition_mask(condition: Condition | None, frame: pd.DataFrame) -> pd.Series:
    """Nullable boolean mask: True (checked), False (out of scope), NA (undecidable)."""
    if condition is None:
        return pd.Series(True, index=frame.index, dtype="boolean")
    if isinstance(condition, All):
        return reduce(lambda a, b: a & b, (condition_mask(c, frame) for c in condition.all))
    if isinstance(condition, Any_):
        return reduce(lambda a, b: a | b, (condition_mask(c, frame) for c in condition.any))
    if isinstance(condition, Not):
        return ~condition_mask(condition.not_, frame)
    return _compare(condition, frame)


def undecidable_fields(condition: Condition | None) -> list[str]:
    """Fields whose blank value can leave the condition undecided (all but `exists`)."""
    if condition is None:
        return []
    if isinstance(condition, Compare):
        return [] if condition.operator == "exists" else [condition.field]
    if isinstance(condition, Not):
        return undecidable_fields(condition.not_)
    children = condition.all if isinstance(condition, All) else condition.any
    return list(dict.fromkeys(f for child in children for f in undecidable_fields(child)))


def _compare(cond: Compare, frame: pd.DataFrame) -> pd.Series:
    column = frame[cond.field]
    missing = column.isna()
    op, operand = cond.operator, cond.operand
    if op == "exists":
        return (~missing if operand else missing).astype("boolean")
    if op in ("eq", "ne", "in", "not_in"):
        values = operand if isinstance(operand, list) else [operand]
        hit = _isin(column, values)
        result = ~hit if op in ("ne", "not_in") else hit
    elif op in ("gt", "ge", "lt", "le"):
        result = _ordered(column, op, operand)
    else:
        pattern = operand if op == "regex" else word_pattern(list(operand))
        text = column.astype("string")
        result = text.str.contains(pattern, case=op == "regex", regex=True).fillna(False)
    return result.astype("boolean").mask(missing, pd.NA)


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
