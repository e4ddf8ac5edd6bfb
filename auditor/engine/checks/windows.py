"""A share of rows over windows of days before the audit date, per group of rows.

`window_share` answers questions of the form "what part of the last N days' X was Y":
negative feedback among all feedback (per marketplace), returned units among units
sold (per SKU), quality reasons among an ASIN's returns. The rows are events (one
feedback, one return line); the verdict is about a group of them, so it is given once
per group and window, on the group's most recent row in the window (which the finding
names, with the counts as evidence). The group's other rows pass: they were counted.

Column-wise: the window and the part are masks, the counts `groupby().transform`,
the denominator from another table one `groupby().sum()` joined by key.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field, field_validator, model_validator

from auditor.engine.checks.relative import KeyedLimits, _keyed, _needs_default
from auditor.engine.conditions import Rows, condition_mask
from auditor.engine.registry import check
from auditor.engine.verdicts import (
    PASS,
    UNKNOWN,
    EvalContext,
    Verdicts,
    against_limits,
    banded,
)
from auditor.model.common import Strict
from auditor.model.rules import Band, CheckParams, Condition, condition_fields
from auditor.model.tables import TABLES


class WindowTotal(Strict):
    """The denominator from another table: `field` summed per `key` (units sold per SKU)."""

    table: str = Field(description="The table holding the totals, e.g. sales_traffic.")
    field: str = Field(description="The numeric column summed, e.g. units_ordered.")
    key: list[str] = Field(
        min_length=1,
        description="Columns both tables have that match a group to its total (e.g. sku).",
    )

    @model_validator(mode="after")
    def _known_columns(self) -> WindowTotal:
        if self.table not in TABLES:
            raise ValueError(f"unknown table {self.table!r}; known: {sorted(TABLES)}")
        columns = TABLES[self.table].columns
        unknown = [c for c in (self.field, *self.key) if c not in columns]
        if unknown:
            raise ValueError(f"the {self.table} table has no column {unknown[0]!r}")
        return self


class WindowShareParams(CheckParams):
    """The share of a group's rows (or units) in the last N days that meet `part`."""

    kind: Literal["window_share"] = "window_share"
    date_field: str = Field(description="The date each row happened on (feedback date).")
    windows: list[int] = Field(
        [30],
        min_length=1,
        description="Days back from the audit date, each judged apart: [30, 90] is the "
        "last 30 days (the audit date and the 29 before it) and the last 90.",
    )
    part: Condition | None = Field(
        None,
        description="The rows counted above the line, e.g. {field: rating, le: 2}; blank: "
        "every row (returned units over units sold).",
    )
    weight: str | None = Field(
        None,
        description="Numeric column counted instead of rows (units returned); a blank one "
        "counts as 1.",
    )
    group_by: list[str] = Field(
        default_factory=list,
        description="Columns whose equal values make one group (marketplace; sku); empty: "
        "every row the rule covers is one group.",
    )
    of: WindowTotal | None = Field(
        None,
        description="The denominator from another table (units sold per SKU from "
        "sales_traffic); blank: the group's own rows (or units) in the window.",
    )
    min_total: float = Field(
        1, ge=0, description="The least denominator judged; below it the group passes."
    )
    min_part: float = Field(
        0, ge=0, description="The least numerator that can fail or warn (3 returns)."
    )
    fail: Band
    warn: Band | None = None
    by: str | None = Field(
        None, description="Text column whose words choose the limits in `fail_by`/`warn_by`."
    )
    fail_by: KeyedLimits | None = Field(
        None, description="The fail limit per key word of `by` (the band's comparison stays)."
    )
    warn_by: KeyedLimits | None = None
    field_params: ClassVar[tuple[str, ...]] = ("date_field",)
    optional_field_params: ClassVar[tuple[str, ...]] = ("group_by", "weight", "by")
    placeholders: ClassVar[tuple[str, ...]] = (
        "window_days",
        "part",
        "total",
        "window_start",
        "warn_limit",
        "limit_key",
    )

    _defaults = field_validator("fail_by", "warn_by")(_needs_default)

    @model_validator(mode="after")
    def _total_per_group(self) -> WindowShareParams:
        """A group's total is looked up by its own keys: `of.key` are grouping columns."""
        if self.of is not None and not set(self.of.key) <= set(self.group_by):
            raise ValueError(f"of.key {self.of.key} must be among group_by {self.group_by}")
        return self

    def columns(self, include_optional: bool = False) -> list[str]:
        """The date, and (if asked) the grouping, weight and key columns and the part's."""
        names = super().columns(include_optional)
        if include_optional:
            names += [c for c in condition_fields(self.part) if c not in names]
        return names


@check(WindowShareParams)
def window_share(
    params: WindowShareParams, frame: pd.DataFrame, ctx: EvalContext
) -> list[Verdicts]:
    """A share over a recent window per group: negative feedback, returns per unit sold.

        Amazon measures feedback and returns over the last 30, 90 and 365 days, so the
        windows end on the audit date. A group with nothing in a window is not judged in it;
        one whose denominator is below `min_total` passes (too little to measure), unless it
    is nothing against something counted (returns of a SKU with no units sold), which is
    `unknown`. A row
        whose `part` cannot be decided counts both ways: where that changes the verdict the
        group is `unknown`, naming the fields. With `of`, a group its table does not hold
        (or a missing table) is `unknown`, naming the table and column.
    """
    dates = pd.to_datetime(frame[params.date_field])
    age = (pd.Timestamp(ctx.as_of) - dates).dt.days
    rows = Rows.of(frame, ctx)
    part = condition_mask(params.part, rows)
    decided_in, maybe_in = part.fillna(False).astype(bool), part.fillna(True).astype(bool)
    weight = (
        frame[params.weight].astype("Float64").fillna(1.0)
        if params.weight and params.weight in frame
        else pd.Series(1.0, index=frame.index, dtype="Float64")
    )
    keys = _keys(frame, params.group_by)
    key_series = [keys[c] for c in keys.columns] if len(keys.columns) else None
    results = []
    for days in params.windows:
        inside = ((age >= 0) & (age < days)).fillna(False).astype(bool)
        low = _group_sum(weight.where(inside & decided_in, 0.0), key_series)
        high = _group_sum(weight.where(inside & maybe_in, 0.0), key_series)
        own = _group_sum(weight.where(inside, 0.0), key_series)
        total, missing = own, None
        if params.of is not None:
            total, missing = _lookup_total(params.of, keys, ctx)
        latest = _latest(dates.where(inside), key_series)
        judged = latest & (total >= params.min_total).fillna(True).to_numpy(dtype=bool)
        share = (low / total.where(total > 0)).astype("Float64")
        verdict = _banded(params, share, low, frame)
        high_verdict = _banded(
            params, (high / total.where(total > 0)).astype("Float64"), high, frame
        )
        undecided = (verdict.outcome != high_verdict.outcome).to_numpy(dtype=bool)
        outcome = verdict.outcome.where(judged, PASS)
        outcome = outcome.mask(judged & undecided, UNKNOWN)
        # No total, or none where something was counted (returns of a SKU the Business
        # Report shows no units of: its period does not cover them): undefined, not a pass.
        nothing = (total.isna() | ((total == 0) & (high > 0))).fillna(True)
        no_total = latest & nothing.to_numpy(dtype=bool)
        outcome = outcome.mask(no_total, UNKNOWN)
        evidence: dict[str, Any] = dict(verdict.evidence)
        evidence |= {
            "window_days": days,
            "part": low.astype("Float64"),
            "total": total.astype("Float64"),
            "window_start": (pd.Timestamp(ctx.as_of) - pd.Timedelta(days=days - 1))
            .date()
            .isoformat(),
        }
        named = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        if missing is not None and no_total.any():
            named[no_total] = [[missing]] * int(no_total.sum())
        if (judged & undecided).any():
            named[judged & undecided] = [condition_fields(params.part)] * int(
                (judged & undecided).sum()
            )
        if named.notna().any():
            evidence["_missing"] = named
        results.append(
            Verdicts(
                outcome=outcome,
                observed=share,
                limit=verdict.limit,
                detail=f"{days}d",
                evidence=evidence,
            )
        )
    return results


def _keys(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The grouping columns as text, a blank one as '' (blank marketplaces group together)."""
    return pd.DataFrame(
        {c: frame[c].astype("string").fillna("") for c in columns if c in frame}, index=frame.index
    )


def _group_sum(values: pd.Series, keys: list[pd.Series] | None) -> pd.Series:
    if keys is None:
        return pd.Series(values.sum(), index=values.index, dtype="Float64")
    return values.groupby(keys).transform("sum").astype("Float64")


def _latest(dates: pd.Series, keys: list[pd.Series] | None) -> np.ndarray:
    """Per group, its most recent row in the window (the first of equals): where its
    verdict is given."""
    inside = dates.dropna()
    chosen = np.zeros(len(dates), dtype=bool)
    if inside.empty:
        return chosen
    if keys is None:
        labels = [inside.idxmax()]
    else:
        grouped = inside.groupby([k.loc[inside.index] for k in keys])
        labels = list(grouped.idxmax())
    chosen[dates.index.get_indexer(pd.Index(labels))] = True
    return chosen


def _lookup_total(of: WindowTotal, keys: pd.DataFrame, ctx: EvalContext) -> tuple[pd.Series, str]:
    """Each row's denominator from `of.table`, summed per `of.key` (NA where that table has
    no row for the group, or is not among the inputs), and the column it names then."""
    named = f"{of.table}.{of.field}"
    other = ctx.tables.get(of.table)
    if other is None or other.empty or not all(c in keys for c in of.key):
        return pd.Series(pd.NA, index=keys.index, dtype="Float64"), named
    mine = keys[of.key]
    theirs = pd.DataFrame({c: other[c].astype("string").fillna("") for c in of.key})
    theirs["_total"] = pd.to_numeric(other[of.field], errors="coerce")
    sums = theirs.dropna(subset=["_total"]).groupby(of.key)["_total"].sum()
    joined = mine.merge(sums.rename("_total"), left_on=of.key, right_index=True, how="left")
    return joined["_total"].astype("Float64").set_axis(keys.index), named


def _banded(
    params: WindowShareParams, share: pd.Series, part: pd.Series, frame: pd.DataFrame
) -> Verdicts:
    """The bands, with limits by key word where given; below `min_part` a share passes."""
    fail, warn = params.fail, params.warn
    chosen = None
    if params.by and params.fail_by:
        keys = (
            frame[params.by].astype("string")
            if params.by in frame
            else pd.Series(pd.NA, index=frame.index, dtype="string")
        )
        fail_limit, chosen = _keyed(params.fail_by, keys)
        warn_limit = _keyed(params.warn_by, keys)[0] if params.warn_by else None
        verdict = against_limits(share, fail.op, fail_limit, warn.op if warn else None, warn_limit)
    else:
        verdict = banded(share, frame, fail, warn)
    small = (part < params.min_part).fillna(False).to_numpy(dtype=bool)
    verdict.outcome = verdict.outcome.mask(small & (verdict.outcome != UNKNOWN), PASS)
    if chosen is not None:
        verdict.evidence["limit_key"] = chosen
    return verdict
