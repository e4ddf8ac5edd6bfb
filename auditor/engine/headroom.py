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

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from auditor.model.vocab import METRICS, MetricKind

MORE_ALLOWED, FEWER_NEEDED = "more_allowed", "fewer_needed"


@dataclass(frozen=True)
class Unit:
    """The bad event of a metric: English singular and plural (the JSON `unit` is the plural), Chinese."""

    one: str
    many: str
    zh: str
    label_en: str
    label_zh: str


#: Rate metric -> the event it counts against the seller, and the metric's name.
UNITS: dict[str, Unit] = {
    "order_defect_rate": Unit(
        "defective order", "defective orders", "缺陷订单", "ODR", "订单缺陷率"
    ),
    "negative_feedback_rate": Unit(
        "negative feedback",
        "negative feedbacks",
        "负面反馈",
        "negative feedback rate",
        "负面反馈率",
    ),
    "a_to_z_claim_rate": Unit(
        "A-to-z claim",
        "A-to-z claims",
        "亚马逊商城交易保障索赔",
        "A-to-z claim rate",
        "亚马逊商城交易保障索赔率",
    ),
    "chargeback_rate": Unit(
        "chargeback", "chargebacks", "信用卡拒付", "chargeback rate", "信用卡拒付率"
    ),
    "late_shipment_rate": Unit(
        "late shipment", "late shipments", "迟发订单", "late shipment rate", "迟发率"
    ),
    "pre_fulfillment_cancel_rate": Unit(
        "cancellation",
        "cancellations",
        "配送前取消的订单",
        "pre-fulfilment cancel rate",
        "配送前取消率",
    ),
    "valid_tracking_rate": Unit(
        "untracked shipment",
        "untracked shipments",
        "无有效追踪的包裹",
        "valid tracking rate",
        "有效追踪率",
    ),
    "on_time_delivery_rate": Unit(
        "late delivery",
        "late deliveries",
        "未准时送达的包裹",
        "on-time delivery rate",
        "准时交货率",
    ),
    "unit_on_time_delivery_rate": Unit(
        "late unit",
        "late units",
        "未准时送达的商品",
        "unit on-time delivery rate",
        "准时交货率（按件）",
    ),
    "invoice_defect_rate": Unit(
        "invoice defect", "invoice defects", "发票缺陷订单", "invoice defect rate", "发票缺陷率"
    ),
    "missing_invoice_rate": Unit(
        "missing invoice",
        "missing invoices",
        "缺失发票的订单",
        "missing invoice rate",
        "发票缺失率",
    ),
    "late_invoice_rate": Unit(
        "late invoice", "late invoices", "发票上传延迟的订单", "late invoice rate", "发票延迟率"
    ),
    "contact_response_24h_share": Unit(
        "late response",
        "late responses",
        "超过 24 小时回复的买家消息",
        "24-hour response rate",
        "24 小时内回复率",
    ),
    "return_dissatisfaction_rate": Unit(
        "dissatisfied return",
        "dissatisfied returns",
        "退货不满意",
        "return dissatisfaction rate",
        "退货不满意率",
    ),
    "customer_service_dissatisfaction_rate": Unit(
        "dissatisfied contact",
        "dissatisfied contacts",
        "客户服务不满意",
        "customer service dissatisfaction rate",
        "客户服务不满意率",
    ),
}
GENERIC_UNIT = Unit("defect", "defects", "缺陷", "rate", "比率")

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
    marketplace: pd.Series | None,
    language: str,
) -> pd.Series:
    """The `headroom` object per row of a rate metric (None where none applies)."""
    columns = headroom_columns(op, limit, numerator, denominator, outcome)
    objects: list[dict[str, Any] | None] = []
    markets = marketplace if marketplace is not None else pd.Series(None, index=outcome.index)
    for count, direction, bad, allowed, name, lim, den, market in zip(
        columns["count"].tolist(),
        columns["direction"].tolist(),
        columns["bad"].tolist(),
        columns["allowed"].tolist(),
        metric.tolist(),
        limit.tolist(),
        denominator.tolist(),
        markets.tolist(),
        strict=True,
    ):
        if count is pd.NA or not isinstance(name, str) or not is_rate_metric(name):
            objects.append(None)
            continue
        unit = UNITS.get(name, GENERIC_UNIT)
        objects.append(
            {
                "count": int(count),
                "unit": unit.many,
                "direction": str(direction),
                "bad": int(bad),
                "allowed": int(allowed),
                "denominator": int(den),
                "text": headroom_text(
                    int(count),
                    str(direction),
                    unit,
                    op,
                    float(lim),
                    market if isinstance(market, str) else None,
                    language,
                ),
                "op": op,
            }
        )
    return pd.Series(objects, index=outcome.index, dtype=object)


def percent(limit: float) -> str:
    """A rate limit as a person writes it: 0.01 -> 1%, 0.025 -> 2.5%, 0.0075 -> 0.75%."""
    text = format(Decimal(repr(float(limit))) * 100, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"


_CROSS = {  # original op -> (en: crosses the limit, en: back within, zh: crosses, zh: back)
    "ge": ("at {limit} or over", "under {limit}", "达到或超过 {limit}", "降到 {limit} 以下"),
    "gt": ("over {limit}", "to {limit} or under", "超过 {limit}", "回到 {limit} 或以下"),
    "lt": ("under {limit}", "to {limit} or over", "低于 {limit}", "回到 {limit} 或以上"),
    "le": ("at {limit} or under", "over {limit}", "降到 {limit} 或以下", "高于 {limit}"),
}


def headroom_text(
    count: int,
    direction: str,
    unit: Unit,
    op: str,
    limit: float,
    marketplace: str | None,
    language: str,
) -> str:
    """One sentence a seller acts on, in the report's language."""
    cross_en, back_en, cross_zh, back_zh = (s.format(limit=percent(limit)) for s in _CROSS[op])
    if language == "zh":
        subject = f"{marketplace} 站点{unit.label_zh}" if marketplace else unit.label_zh
        if direction == MORE_ALLOWED:
            room = "已无余量" if count == 0 else f"还可容纳 {count} 个{unit.zh}"
            return f"当前统计窗口{room}；再增加 {count + 1} 个{unit.zh}，{subject}将{cross_zh}。"
        return f"需减少 {count} 个{unit.zh}，{subject}才能{back_zh}。"
    subject = f"{marketplace} {unit.label_en}" if marketplace else unit.label_en
    if direction == MORE_ALLOWED:
        room = "No more" if count == 0 else str(count) + " more"
        return (
            f"{room} {unit.one if count == 1 else unit.many} allowed in this window; "
            f"{count + 1} more would put {subject} {cross_en}."
        )
    noun = unit.one if count == 1 else unit.many
    return f"{count} fewer {noun} needed to bring {subject} back {back_en}."
