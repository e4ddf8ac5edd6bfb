"""Headroom of a rate metric: how many more bad events its window absorbs, or how many fewer it needs.

A rate metric of the account (ODR, late shipment rate, valid tracking rate, ...) is a
count over a count: `numerator / denominator`. Its limit is easier to act on as a
number of events: "2 more defective orders put US ODR at 1% or over". For each
metric row with whole counts this module works out, in exact integer arithmetic
(the limit is read as the decimal the rule wrote, never as a binary float):

* the **bad events** in the window: the numerator for an upper limit (`ge`/`gt`:
  defective orders, late shipments); the denominator minus the numerator for a lower
  limit (`lt`/`le`: shipments without valid tracking, late deliveries), since those
  metrics count the good events;
* **allowed**: the most bad events the window can hold without failing, keeping the
  denominator as it is (the events happen to orders already in the window; new orders
  would only widen the room, so this is the cautious count). For a bad-event rate
  `b / d` failing at `>= L`, allowed = ceil(L x d) - 1; failing at `> L`,
  allowed = floor(L x d). A lower limit `g / d < L` is the bad rate `> 1 - L`;
  `<= L` is `>= 1 - L`;
* the **headroom**: `more_allowed` with count = allowed - bad when the metric is
  within its limit (0: the next bad event fails it), else `fewer_needed` with
  count = bad - allowed.

Rows whose counts are missing, not whole, or inconsistent (numerator above the
denominator, no orders) get no headroom, and neither does a row whose counts
disagree with the outcome of its reported rate (Amazon's rate is kept as reported,
never recomputed): a failing finding never says "3 more allowed".
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from auditor.model.units import GENERIC_UNIT, UNITS
from auditor.model.vocab import METRICS, MetricKind

MORE_ALLOWED, FEWER_NEEDED = "more_allowed", "fewer_needed"


#: Original band operator -> (bad-event operator, whether the numerator counts good events).
_BAD_OP = {"ge": ("ge", False), "gt": ("gt", False), "lt": ("gt", True), "le": ("ge", True)}


def is_rate_metric(metric: str) -> bool:
    return METRICS.get(metric) == MetricKind.rate


def exact(limit: float) -> Fraction:
    """The limit as the decimal the rule wrote: 0.01 is exactly 1/100, never 0.01000000000000000020816."""
    return Fraction(Decimal(repr(float(limit))))


def allowed_bad(op: str, limit: float, denominator: int) -> int:
    """The most bad events `denominator` events can hold without failing `value op limit` (exact)."""
    bad_op, lower = _BAD_OP[op]
    bound = exact(limit)
    rate = 1 - bound if lower else bound
    product = rate * denominator
    if bad_op == "ge":
        return -((-product.numerator) // product.denominator) - 1  # ceil(L x d) - 1
    return product.numerator // product.denominator  # floor(L x d)


def headroom_columns(
    op: str,
    limit: pd.Series,
    numerator: pd.Series,
    denominator: pd.Series,
    outcome: pd.Series,
) -> pd.DataFrame:
    """Column-wise: bad, allowed, count and direction per row (NA where no headroom applies).

    `limit` holds the fail limit per row; a row's allowed count is computed once per
    distinct (limit, denominator) pair, in exact arithmetic.
    """
    index = outcome.index
    num = pd.to_numeric(numerator, errors="coerce").astype("Float64")
    den = pd.to_numeric(denominator, errors="coerce").astype("Float64")
    lim = pd.to_numeric(limit, errors="coerce").astype("Float64")
    whole = (num % 1 == 0) & (den % 1 == 0) & (num >= 0) & (den > 0) & (num <= den) & lim.notna()
    valid = whole.fillna(False).to_numpy(dtype=bool)
    result = pd.DataFrame(
        {
            "bad": pd.array([pd.NA] * len(index), dtype="Int64"),
            "allowed": pd.array([pd.NA] * len(index), dtype="Int64"),
            "count": pd.array([pd.NA] * len(index), dtype="Int64"),
            "direction": pd.array([pd.NA] * len(index), dtype="string"),
        },
        index=index,
    )
    if not valid.any():
        return result
    n = num[valid].astype("int64").to_numpy()
    d = den[valid].astype("int64").to_numpy()
    lims = lim[valid].to_numpy(dtype="float64")
    _, lower = _BAD_OP[op]
    bad = d - n if lower else n
    pairs = {(float(x), int(y)) for x, y in zip(lims, d, strict=True)}
    table = {pair: allowed_bad(op, *pair) for pair in pairs}
    allowed = np.array([table[(float(x), int(y))] for x, y in zip(lims, d, strict=True)])
    within = bad <= allowed
    decided = outcome[valid].to_numpy(dtype=object)
    # Counts that disagree with the outcome of the reported rate give no headroom.
    agrees = np.where(within, np.isin(decided, ["pass", "warn"]), decided == "fail") & (
        allowed >= 0
    )
    rows = index[valid][agrees]
    result.loc[rows, "bad"] = bad[agrees]
    result.loc[rows, "allowed"] = allowed[agrees]
    result.loc[rows, "count"] = np.where(within, allowed - bad, bad - allowed)[agrees]
    result.loc[rows, "direction"] = np.where(within, MORE_ALLOWED, FEWER_NEEDED)[agrees]
    return result


def headroom_objects(
    op: str,
    metric: pd.Series,
    limit: pd.Series,
    numerator: pd.Series,
    denominator: pd.Series,
    outcome: pd.Series,
) -> pd.Series:
    """The `headroom` object per row of a rate metric (None where none applies): counts
    and codes only. Its `text` slot is filled at the edge, in the report's language
    (auditor.outputs.wording), from these and the finding's marketplace and limit."""
    columns = headroom_columns(op, limit, numerator, denominator, outcome)
    objects: list[dict[str, Any] | None] = []
    for count, direction, bad, allowed, name, den in zip(
        columns["count"].tolist(),
        columns["direction"].tolist(),
        columns["bad"].tolist(),
        columns["allowed"].tolist(),
        metric.tolist(),
        denominator.tolist(),
        strict=True,
    ):
        if count is pd.NA or not isinstance(name, str) or not is_rate_metric(name):
            objects.append(None)
            continue
        objects.append(
            {
                "count": int(count),
                "unit": UNITS.get(name, GENERIC_UNIT).many,
                "direction": str(direction),
                "bad": int(bad),
                "allowed": int(allowed),
                "denominator": int(den),
                "text": None,  # worded at the edge; the key keeps its place in the JSON
                "op": op,
            }
        )
    return pd.Series(objects, index=outcome.index, dtype=object)
