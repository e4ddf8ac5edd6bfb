"""Interface strings of the human formats, in English and Chinese.

Rule texts carry their own translations in the packs; these are the labels around
them. Chinese follows Seller Central's Chinese interface (账户状况, 订单缺陷率, ...).
"""

from __future__ import annotations

CATALOGUE: dict[str, dict[str, str]] = {
    "title": {"en": "Amazon seller audit", "zh": "亚马逊卖家合规审计"},
    "as_of": {"en": "As of", "zh": "审计日期"},
    "run": {"en": "Run", "zh": "运行编号"},
    "score": {"en": "Score", "zh": "得分"},
    "status": {"en": "Status", "zh": "状态"},
    "area": {"en": "Area", "zh": "领域"},
    "coverage": {"en": "Coverage", "zh": "覆盖情况"},
    "evaluations": {"en": "evaluations", "zh": "项评估"},
    "decided": {"en": "decided", "zh": "已判定"},
    "findings": {"en": "Findings", "zh": "问题清单"},
    "no_findings": {
        "en": "No findings: every decided check passed.",
        "zh": "未发现问题：所有已判定的检查均通过。",
    },
    "inputs": {"en": "Inputs", "zh": "输入文件"},
    "rows": {"en": "rows read / used / rejected", "zh": "读取 / 使用 / 拒绝行数"},
    "skipped": {"en": "skipped", "zh": "已跳过"},
    "rejected_rows": {"en": "Rejected rows", "zh": "被拒绝的行"},
    "row": {"en": "row", "zh": "行"},
    "not_applicable": {"en": "Rules not applicable", "zh": "未适用的规则"},
    "gate_failed": {"en": "Gate: FAILED", "zh": "门禁：未通过"},
    "gate_passed": {"en": "Gate: passed", "zh": "门禁：通过"},
    "fail_on": {"en": "fail on", "zh": "失败阈值"},
    "severity": {"en": "Severity", "zh": "严重程度"},
    "rule": {"en": "Rule", "zh": "规则"},
    "entity": {"en": "Entity", "zh": "对象"},
    "message": {"en": "Message", "zh": "说明"},
    "observed": {"en": "observed", "zh": "实际值"},
    "limit": {"en": "limit", "zh": "限值"},
    "amazon_target": {"en": "Amazon's target", "zh": "亚马逊目标值"},
    "differs": {"en": "differs from our limit", "zh": "与本规则限值不同"},
    "and_more": {"en": "and {n} more", "zh": "另有 {n} 条"},
    "pass": {"en": "pass", "zh": "通过"},
    "fail": {"en": "fail", "zh": "不合格"},
    "warn": {"en": "warn", "zh": "预警"},
    "unknown": {"en": "unknown", "zh": "无法判定"},
    "critical": {"en": "critical", "zh": "严重"},
    "high": {"en": "high", "zh": "高"},
    "medium": {"en": "medium", "zh": "中"},
    "low": {"en": "low", "zh": "低"},
    "info": {"en": "info", "zh": "提示"},
    "healthy": {"en": "healthy", "zh": "健康"},
    "at_risk": {"en": "at risk", "zh": "有风险"},
    "not_assessed": {"en": "not assessed", "zh": "未评估"},
    "health": {"en": "Account health", "zh": "账户状况"},
    "listing": {"en": "Listings", "zh": "商品信息"},
    "compliance": {"en": "Compliance", "zh": "合规"},
    "inventory": {"en": "Inventory", "zh": "库存"},
    "advertising": {"en": "Advertising", "zh": "广告"},
    "sales": {"en": "Sales", "zh": "销售"},
    "why": {"en": "Why it matters", "zh": "为什么重要"},
    "fix": {"en": "How to fix", "zh": "如何修复"},
    "source": {"en": "Source", "zh": "来源"},
    "examples": {"en": "Examples", "zh": "示例"},
    "check": {"en": "Check", "zh": "检查方式"},
    "applies_to": {"en": "Applies to", "zh": "适用对象"},
    "when": {"en": "When", "zh": "适用条件"},
    "effective": {"en": "In effect", "zh": "生效期间"},
}


def translate(key: str, language: str) -> str:
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    return entry.get(language) or entry["en"]
