"""Numeric checks whose value or limit is computed from other columns or other rows.

* `threshold_by`: the limit depends on a text column (ACoS targets per category);
* `relative_threshold`: the limit is a multiple of a statistic of comparable rows
  (a listing's conversion against the account's own median in its marketplace);
* `ratio`: the value is a sum of amounts over another column, plus shares
  (fees and advertising as a share of the price).

Each is one column-wise pass: limits by vectorised matching, group statistics by
pandas `groupby().transform`, never a Python loop over rows.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

import pandas as pd
from pydantic import Field, field_validator

from auditor.engine.registry import check
from auditor.engine.terms import Terms
from auditor.engine.verdicts import (
    EvalContext,
    Verdicts,
    against_limits,
    banded,
    limit_for_rows,
    text_column,
)
from auditor.frames import per_distinct
from auditor.model.rules import All, Band, CheckParams, Compare, Condition, FieldNames

Comparison = Literal["gt", "ge", "lt", "le"]

#: Limits keyed by a word the `by` column's text contains, plus `default`.
KeyedLimits = Annotated[
    dict[str, float],
    Field(
        description="Limit per key word of the `by` column (case-insensitive, whole words; "
        "the first key that matches wins) and a `default` for every other value.",
        json_schema_extra={"examples": [{"electronics": 0.25, "home": 0.30, "default": 0.30}]},
    ),
]


def _needs_default(limits: dict[str, float] | None) -> dict[str, float] | None:
    if limits is not None and "default" not in limits:
        raise ValueError("keyed limits need a 'default' value")
    return limits


# --- threshold_by ------------------------------------------------------------------------


class ThresholdByParams(CheckParams):
    """A number against a limit chosen by a text column: `{electronics: 0.25, default: 0.30}`."""

    kind: Literal["threshold_by"] = "threshold_by"
    field: str = Field(description="Numeric column to test.")
    by: str = Field(
        description="Text column whose words choose the limit (blank: the default limit)."
    )
    op: Comparison = Field(description="The comparison that fails: value `op` limit.")
    fail: KeyedLimits
    warn: KeyedLimits | None = None
    limit_field: str | None = Field(
        None,
        description="Column holding a row's own fail limit (a break-even ACoS); where it is "
        "filled it replaces the keyed limit, and the key reads as the column's name.",
    )
    minimum: dict[str, float] | None = Field(
        None,
        description="Counts a row needs before it is judged, e.g. {clicks: 10, orders_7d: 2}: "
        "below them there is too little evidence and the row is out of the rule's scope.",
    )
    field_params: ClassVar[tuple[str, ...]] = ("field",)
    optional_field_params: ClassVar[tuple[str, ...]] = ("by", "limit_field")
    placeholders: ClassVar[tuple[str, ...]] = ("warn_limit", "limit_key")

    _defaults = field_validator("fail", "warn")(_needs_default)

    def implied_condition(self) -> Condition | None:
        """Rows short of a `minimum` count are not judged (too few clicks say nothing)."""
        floors = [Compare(field=name, ge=value) for name, value in (self.minimum or {}).items()]
        if not floors:
            return None
        return floors[0] if len(floors) == 1 else All(all=floors)


def _keyed(limits: dict[str, float], keys: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(limit, the key that chose it) per row; keys are matched once per distinct text."""

    def choose(text: pd.Series) -> pd.DataFrame:
        limit = pd.Series(limits["default"], index=text.index, dtype="Float64")
        chosen = pd.Series("default", index=text.index, dtype="string")
        matched = pd.Series(False, index=text.index)
        for key, value in limits.items():
            if key == "default":
                continue
            term = Terms([key])
            hit = text.map(term.contains, na_action="ignore").fillna(False)
            hit = hit.astype(bool) & ~matched
            limit, chosen = limit.mask(hit, value), chosen.mask(hit, key)
            matched |= hit
        return pd.DataFrame({"limit": limit, "key": chosen}, index=text.index)

    found = per_distinct(keys.astype("string"), choose)
    return found["limit"], found["key"]


@check(ThresholdByParams)
def threshold_by(
    params: ThresholdByParams, frame: pd.DataFrame, ctx: EvalContext
) -> list[Verdicts]:
    """One rule, limits per kind of row: ACoS targets differ by product category.

    A per-marketplace limit covers stores; this covers any text column (a category, a
    size tier) with key words, so a seller changes one target through `overrides`
    instead of copying the rule. The key that chose the limit is kept as evidence.
    """
    value = frame[params.field].astype("Float64")
    keys = (
        text_column(frame, params.by)
        if params.by in frame
        else pd.Series(pd.NA, index=frame.index, dtype="string")
    )
    limit, chosen = _keyed(params.fail, keys)
    if params.limit_field and params.limit_field in frame:
        own = frame[params.limit_field].astype("Float64")
        limit = own.fillna(limit).astype("Float64")
        chosen = chosen.mask(own.notna().to_numpy(dtype=bool), params.limit_field)
    warn_limit = None if params.warn is None else _keyed(params.warn, keys)[0]
    return [
        against_limits(
            value,
            params.op,
            limit,
            warn_limit=warn_limit,
            evidence={"limit_key": chosen},
            missing=[params.field],
        )
    ]


# --- relative_threshold ------------------------------------------------------------------


class RelativeThresholdParams(CheckParams):
    """A number against a multiple of the same number's statistic over comparable rows."""

    kind: Literal["relative_threshold"] = "relative_threshold"
    field: str = Field(description="Numeric column to test.")
    group_by: list[str] = Field(
        default_factory=list,
        description="Columns whose equal values make rows comparable (e.g. marketplace, "
        "category); empty: every row the rule covers.",
    )
    statistic: Literal["median", "mean"] = "median"
    min_group: int = Field(
        3, ge=2, description="Fewest rows with a value a group needs for its statistic to count."
    )
    fallback: float | None = Field(
        None,
        description="The reference for rows of a smaller group; blank: such rows pass "
        "(nothing comparable to judge them by).",
    )
    fail: Band = Field(description="Factor of the reference, e.g. {lt: 0.5}: below half.")
    warn: Band | None = None
    field_params: ClassVar[tuple[str, ...]] = ("field",)
    optional_field_params: ClassVar[tuple[str, ...]] = ("group_by",)
    placeholders: ClassVar[tuple[str, ...]] = ("reference", "group_size", "factor", "warn_limit")


def group_reference(
    value: pd.Series, frame: pd.DataFrame, params: RelativeThresholdParams
) -> tuple[pd.Series, pd.Series]:
    """(each row's reference statistic, the number of values in its group)."""
    if params.group_by:
        keys = [frame[c] for c in params.group_by]
        grouped = value.groupby(keys, dropna=False)
        stat = grouped.transform(params.statistic).astype("Float64")
        size = grouped.transform("count").astype("Int64")
    else:
        total = value.median() if params.statistic == "median" else value.mean()
        stat = pd.Series(total, index=value.index, dtype="Float64")
        size = pd.Series(int(value.count()), index=value.index, dtype="Int64")
    fallback = pd.NA if params.fallback is None else params.fallback
    reference = stat.mask(size < params.min_group, fallback).astype("Float64")
    return reference, size


@check(RelativeThresholdParams)
def relative_threshold(
    params: RelativeThresholdParams, frame: pd.DataFrame, ctx: EvalContext
) -> list[Verdicts]:
    """Far below (or above) what comparable rows of the same account achieve.

    Some numbers have no absolute limit: a good conversion rate depends on the
    category and price. The account's own statistic for comparable rows (the rows the
    rule covers, grouped by `group_by`) is the reference; the bands are factors of it
    ({lt: 0.5}: below half the median). Groups too small to say what is usual use
    `fallback`, or pass.
    """
    value = frame[params.field].astype("Float64")
    reference, size = group_reference(value, frame, params)
    factor = limit_for_rows(params.fail.limit, frame)
    limit = (factor * reference).astype("Float64")
    warn_limit = None
    if params.warn is not None:
        warn_limit = (limit_for_rows(params.warn.limit, frame) * reference).astype("Float64")
    evidence: dict[str, Any] = {"reference": reference, "group_size": size, "factor": factor}
    warn_op = params.warn.op if params.warn is not None else None
    return [
        against_limits(
            value,
            params.fail.op,
            limit,
            warn_op,
            warn_limit,
            evidence=evidence,
            missing=[params.field],
        )
    ]


# --- ratio -------------------------------------------------------------------------------


class RatioParams(CheckParams):
    """(sum of `numerator` columns) / `denominator` + sum of `add` shares, against bands."""

    kind: Literal["ratio"] = "ratio"
    numerator: FieldNames = Field(description="Amounts summed above the line (fees per unit).")
    denominator: str = Field(description="The amount they are a share of (the price).")
    add: list[str] = Field(
        default_factory=list,
        description="Columns that are shares already (advertising cost of sale), added as is.",
    )
    optional: list[str] = Field(
        default_factory=list,
        description="Amounts added above the line where a row has them (fees beyond the "
        "main ones); a blank one counts as nothing instead of making the row unknown.",
    )
    fail: Band | list[Band]
    warn: Band | list[Band] | None = None
    field_params: ClassVar[tuple[str, ...]] = ("numerator", "denominator", "add")
    optional_field_params: ClassVar[tuple[str, ...]] = ("optional",)
    placeholders: ClassVar[tuple[str, ...]] = ("amount", "warn_limit")


@check(RatioParams)
def ratio(params: RatioParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """A cost structure: fees and advertising per unit as a share of the price.

    The share is computed per row; any blank part, or a denominator that is not
    above zero, makes the row `unknown` naming the columns. `optional` amounts (other
    fees) count where a row has them, so every cost the input shows is counted. `amount` in the evidence
    is the total per unit in the denominator's money (parts + shares x denominator).
    """
    parts = frame[params.numerator].astype("Float64")
    denominator = frame[params.denominator].astype("Float64")
    shares = frame[params.add].astype("Float64") if params.add else None
    total = parts.sum(axis=1).astype("Float64").mask(parts.isna().any(axis=1))
    present = [c for c in params.optional if c in frame]
    if present:
        total = total + frame[present].astype("Float64").fillna(0).sum(axis=1).astype("Float64")
    value = total / denominator.where(denominator > 0)
    if shares is not None:
        value = value + shares.sum(axis=1).astype("Float64").mask(shares.isna().any(axis=1))
    value = value.astype("Float64")
    verdicts = banded(value, frame, params.fail, params.warn)
    verdicts.missing = [*params.numerator, params.denominator, *params.add]
    verdicts.evidence["amount"] = (value * denominator).round(2)
    return [verdicts]
