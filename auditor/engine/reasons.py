"""Reason codes a check puts in `evidence.reason`, and their texts for `{reason}` in messages.

Evidence keeps the code (stable for machines, POA drafts and history); a message
shows the text in the report's language, filled from the same placeholders.
"""

from __future__ import annotations

REASONS: dict[str, dict[str, str]] = {
    "document_missing": {"en": "no document in the register", "zh": "文件登记表中没有该文件"},
    "prohibited": {
        "en": "no document makes this product allowed for this seller",
        "zh": "无论登记了什么文件，该卖家都不得销售此商品",
    },
    "document_not_valid": {
        "en": "the document is not valid on the audit date",
        "zh": "该文件在审计日期不在有效期内",
    },
    "identifier_format": {
        "en": "identifier {identifier} does not match the published format",
        "zh": "编号 {identifier} 与官方公布的格式不符",
    },
    "document_expiring": {"en": "expires on {expires_on}", "zh": "将于 {expires_on} 到期"},
    "identifier_unconfirmed_format": {
        "en": "identifier {identifier} does not match the format third parties describe"
        " (the official format is unconfirmed: check it in the registry)",
        "zh": "编号 {identifier} 与第三方描述的格式不符（官方格式未经确认，请到登记系统核实）",
    },
    "document_too_old": {
        "en": "issued on {issued_on}, before {oldest_allowed}, the oldest issue date accepted",
        "zh": "签发日期为 {issued_on}，早于可接受的最早签发日期 {oldest_allowed}",
    },
    "document_undated": {
        "en": "the register gives no issued_on date, so it cannot be shown to be issued"
        " on or after {oldest_allowed}",
        "zh": "登记表中没有签发日期（issued_on），无法证明其签发于 {oldest_allowed} 或之后",
    },
    "gtin_length": {
        "en": "it has {digits} digits; a UPC has 12, an EAN 13, a GTIN 8 or 14",
        "zh": "共 {digits} 位数字；UPC 为 12 位，EAN 为 13 位，GTIN 为 8 或 14 位",
    },
    "gtin_format": {"en": "it contains characters other than digits", "zh": "包含数字以外的字符"},
    "isbn_invalid": {
        "en": "it is not a valid ISBN-10 or ISBN-13",
        "zh": "不是有效的 ISBN-10 或 ISBN-13",
    },
    "gs1_prefix_foreign": {
        "en": "it does not start with your GS1 company prefixes ({gs1_prefixes}), though other"
        " GTINs of this brand do",
        "zh": "它不以贵公司的 GS1 厂商识别代码（{gs1_prefixes}）开头，而该品牌的其他 GTIN 是",
    },
    "gtin_check_digit": {
        "en": "the check digit is {check_digit}, GS1 mod-10 gives {expected_check_digit}",
        "zh": "校验位为 {check_digit}，按 GS1 模 10 算法应为 {expected_check_digit}",
    },
    # A value that is there but was not searched (engine.patterns): the finding is unknown.
    "too_long": {
        "en": "{field} has {length:,} characters; the rule's pattern is not in the first"
        " {max_length:,} (twice what Amazon accepts), and the rest was not searched"
        " (shorten it first)",
        "zh": "{field} 共 {length:,} 个字符；前 {max_length:,} 个字符（亚马逊上限的两倍）中未发现规则所查内容，"
        "其余部分未检查（请先缩短）",
    },
    "pattern_budget": {
        "en": "the rule's pattern ran over its time budget of {budget_ms} ms on {field}"
        " (a pattern that backtracks: check the rule's pattern)",
        "zh": "规则的匹配模式在 {field} 上超出 {budget_ms} 毫秒的时间预算（模式存在回溯问题，请检查规则的匹配模式）",
    },
}

#: Reasons a value was not searched: its finding is unknown, though the field is filled.
UNSEARCHED_REASONS = frozenset({"too_long", "pattern_budget"})


def reason_text(code: str, language: str) -> str | None:
    entry = REASONS.get(code)
    return None if entry is None else entry.get(language, entry["en"])
