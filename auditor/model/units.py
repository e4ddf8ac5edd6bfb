"""The bad event each rate metric counts against the seller, in words.

A headroom object names its unit by the English plural (`"unit": "defective orders"`,
a code in the JSON report); its sentence is worded at the edge (auditor.outputs.wording)
in the report's language from these names.
"""

from __future__ import annotations

from dataclasses import dataclass


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
