"""Checks over a history: each entity's latest value against its own recent values.

A price history has one row per product and day; the pricing rules judge the product
as it stands on the audit date (its latest day on or before it) against what it was in
the days before (a 90-day median, the highest price charged in 90 days). Windows are
counted back from the audit date, so an audit of last month's data reads last month's
90 days. One column-wise pass: the latest row and the window's statistic per series by
pandas `groupby`, never a loop over products.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

import pandas as pd
from pydantic import BeforeValidator, Field, WithJsonSchema

from auditor.engine.registry import check
from auditor.engine.verdicts import EvalContext, Verdicts, holds, limit_for_rows, outcomes
from auditor.model.rules import Band, CheckParams


def _listed(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


#: Columns read in turn: per row, the first that has a value.
Columns = Annotated[
    list[str],
    BeforeValidator(_listed),
    Field(min_length=1),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}, "minItems": 1},
            ],
            "description": "One column, or several read in turn (the first filled per row).",
        }
    ),
]


class SeriesReferenceParams(CheckParams):
    """The latest value of each series against a factor of a statistic of its recent values."""

    kind: Literal["series_reference"] = "series_reference"
    field: Columns = Field(
        description="The value judged, on the series' latest day: the first of these columns "
        "that row fills (e.g. [price, buy_box_price]: the seller's price, else the Buy Box's)."
    )
    reference_field: Columns | None = Field(
        None,
        description="The values the statistic is taken of, the first filled per row; "
        "blank: the same columns as `field`.",
    )
    series_by: list[str] = Field(
        default_factory=lambda: ["sku", "asin", "marketplace"],
        description="Columns whose equal values make one series (one product in one store).",
    )
    date_field: str = Field("date", description="The column dating each row.")
    statistic: Literal["median", "mean", "max", "min", "latest"] = Field(
        "median",
        description="What the window's values are summed up by; `latest`: the reference "
        "column on the latest row itself (the Buy Box price the same day).",
    )
    window_days: int = Field(
        90, ge=0, description="Days back from the audit date whose rows make the reference."
    )
    include_latest: bool = Field(
        False,
        description="Whether the latest day's own value counts in the reference (the highest "
        "price charged includes today's; a spike is measured against the days before it).",
    )
    current_days: int = Field(
        7,
        ge=0,
        description="How old the latest row may be, in days before the audit date; an older "
        "history is unknown (it says nothing of the price today).",
    )
    min_points: int = Field(
        3, ge=1, description="Fewest rows with a value the window needs for its statistic."
    )
    fail: Band = Field(description="Factor of the reference, e.g. {gt: 1.5}: above 150%.")
    warn: Band | None = None
    field_params: ClassVar[tuple[str, ...]] = ("field", "date_field")
    optional_field_params: ClassVar[tuple[str, ...]] = ("reference_field", "series_by")
    placeholders: ClassVar[tuple[str, ...]] = (
        "reference",
        "factor",
        "points",
        "latest_date",
        "value_field",
        "window_days",
        "warn_limit",
        "days_old",
    )


def first_filled(frame: pd.DataFrame, columns: list[str]) -> tuple[pd.Series, pd.Series]:
    """Per row, the first of `columns` that has a value, and the column's name."""
    value = pd.Series(pd.NA, index=frame.index, dtype="Float64")
    source = pd.Series(pd.NA, index=frame.index, dtype="string")
    for column in columns:
        if column not in frame:
            continue
        this = frame[column].astype("Float64")
        fill = value.isna() & this.notna()
        value = value.mask(fill, this)
        source = source.mask(fill.to_numpy(dtype=bool), column)
    return value, source


def series_ids(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """One number per series: rows equal in every `columns` (blank equal to blank)."""
    present = [c for c in columns if c in frame]
    if not present:
        return pd.Series(0, index=frame.index, dtype="int64")
    keys = frame[present].astype("string").fillna("\x00")
    return keys.groupby(present, sort=False).ngroup()


def _dated(params: SeriesReferenceParams, whole: pd.DataFrame, ctx: EvalContext) -> pd.Series:
    """The date of each row dated on or before the audit date (later rows are not yet seen)."""
    dates = pd.to_datetime(whole[params.date_field], errors="coerce")
    return dates[(dates <= pd.Timestamp(ctx.as_of)).fillna(False).to_numpy(dtype=bool)]


def latest_rows(params: SeriesReferenceParams, frame: pd.DataFrame, ctx: EvalContext) -> pd.Index:
    """The latest row of each series dated on or before the audit date (of two rows of
    the same day, the later one in the file): the row that stands for the product."""
    dates = _dated(params, frame, ctx).sort_values(kind="stable")
    ids = series_ids(frame.loc[dates.index], params.series_by)
    return ids.groupby(ids).tail(1).index


@check(SeriesReferenceParams, entities=latest_rows)
def series_reference(
    params: SeriesReferenceParams, frame: pd.DataFrame, ctx: EvalContext
) -> list[Verdicts]:
    """Far above (or below) its own recent level: a price spike, a list price never charged.

    Each series (a product in one store) is judged once, on its latest row dated on or
    before the audit date (the rule's scope is decided on that row); its earlier rows
    are the evidence. The reference is `statistic` of the series' values dated within
    `window_days` before the audit date (without the latest day unless
    `include_latest`); the bands are factors of it ({gt: 1.5}: more than 150% of the
    median). A history whose latest row is more than `current_days` old, or a window
    with fewer than `min_points` values, is `unknown`: too little to judge today's price.
    """
    whole = ctx.whole if ctx.whole is not None else frame
    as_of = pd.Timestamp(ctx.as_of)
    dates = _dated(params, whole, ctx)
    seen = whole.loc[dates.index]
    ids = series_ids(seen, params.series_by)
    judged = frame.index
    latest_date = dates.groupby(ids[dates.index]).max()
    latest = pd.Series(latest_date.reindex(ids[judged].to_numpy()).to_numpy(), index=judged)

    observed, value_field = first_filled(frame, params.field)
    if params.statistic == "latest":
        reference, _ = first_filled(frame, params.reference_field or params.field)
        points = reference.notna().astype("Int64")
    else:
        values, _ = first_filled(seen, params.reference_field or params.field)
        start = as_of - pd.Timedelta(days=params.window_days)
        own_latest = latest_date.reindex(ids[seen.index].to_numpy()).to_numpy()
        in_window = (dates >= start).to_numpy(dtype=bool) & values.notna().to_numpy(dtype=bool)
        if not params.include_latest:
            in_window &= dates.to_numpy() < own_latest
        window = values[in_window]
        grouped = window.groupby(ids[window.index])
        series = ids[judged].to_numpy()
        reference = pd.Series(
            grouped.agg(params.statistic).reindex(series).to_numpy(), index=judged, dtype="Float64"
        )
        points = pd.Series(
            grouped.count().reindex(series).fillna(0).to_numpy(), index=judged, dtype="Int64"
        )
        reference = reference.mask(points < params.min_points)

    factor = limit_for_rows(params.fail.limit, frame)
    limit = (factor * reference).astype("Float64")
    is_fail = holds(observed, params.fail.op, limit)
    is_warn = None
    evidence: dict[str, Any] = {
        "reference": reference.round(2),
        "factor": factor,
        "points": points,
        "latest_date": latest.dt.date.astype(object),
        "value_field": value_field,
        "window_days": params.window_days,
    }
    if params.warn is not None:
        warn_limit = (limit_for_rows(params.warn.limit, frame) * reference).astype("Float64")
        is_warn = holds(observed, params.warn.op, warn_limit) & ~is_fail
        evidence["warn_limit"] = warn_limit.where(is_warn).round(2)
    days_old = (as_of - latest).dt.days.astype("Int64")
    stale = (days_old > params.current_days).to_numpy(dtype=bool)
    short = (points < params.min_points).fillna(False).to_numpy(dtype=bool) & ~stale
    unknown = observed.isna().to_numpy(dtype=bool) | reference.isna().to_numpy(dtype=bool)
    # Why a filled value is undecided, worded at the edge (outputs.i18n `why_history_*`).
    reason = pd.Series(pd.NA, index=judged, dtype="string")
    reason[short & observed.notna().to_numpy(dtype=bool)] = "history_short"
    reason[stale] = "history_stale"
    evidence["reason"] = reason
    evidence["days_old"] = days_old.where(stale)
    evidence["current_days"] = pd.Series(params.current_days, index=judged).where(stale)
    evidence["min_points"] = pd.Series(params.min_points, index=judged).where(
        reason == "history_short"
    )
    return [
        Verdicts(
            outcome=outcomes(judged, is_fail, is_warn, pd.Series(unknown | stale, index=judged)),
            observed=observed,
            limit=limit.round(2),
            missing=list(dict.fromkeys([*params.field, *(params.reference_field or [])])),
            evidence=evidence,
        )
    ]


__all__ = [
    "SeriesReferenceParams",
    "first_filled",
    "latest_rows",
    "series_ids",
    "series_reference",
]
