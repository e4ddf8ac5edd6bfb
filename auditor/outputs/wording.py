"""Findings in words: where a finding's codes and values become sentences.

The engine emits findings as data: rule id, entity, detail, outcome, observed value,
limit, evidence with its reason codes, the fields an unknown lacks (`missing`,
`undecided`) and a rate's headroom counts. Nothing below `outputs` writes a sentence.
Here, at the edge, each finding gets its `message` (the rule pack's template, filled),
and each headroom its `text`, in the report's language. An audit words its findings
once; `auditor render --lang` words a saved report again through the same calls, so the
two give the same bytes.

Texts are filled once per distinct set of the values they name: a catalogue's 20,000
listings with one image share one sentence.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from auditor.model.common import Language
from auditor.model.rules import Rule
from auditor.model.tables import (
    PATTERN_BUDGET_SECONDS,
    PRODUCT_COLUMNS,
    REGISTER_LABELS,
    field_sources,
)
from auditor.model.units import GENERIC_UNIT, UNITS, Unit
from auditor.outputs.fill import compile_template, placeholders, render
from auditor.outputs.i18n import CATALOGUE, reason_text, translate_with

MORE_ALLOWED = "more_allowed"


def word_findings(
    findings: Iterable[dict[str, Any]], rules: Mapping[str, Rule], language: Language | str
) -> None:
    """Fill each finding's `message` and its headroom's `text` in `language`, in place."""
    wording = Wording(rules, Language(language))
    for finding in findings:
        finding["message"] = wording.message(finding)
        if finding.get("headroom"):
            word_headroom(finding, finding["headroom"], wording.language)


def word_headroom(item: Mapping[str, Any], headroom: dict[str, Any], language: Language) -> None:
    """A headroom's sentence from its counts and comparison, the metric's unit, and the
    limit and marketplace of the finding (or summary item) `item` that holds it."""
    metric = item.get("metric") or (item.get("evidence") or {}).get("metric")
    headroom["text"] = headroom_text(
        int(headroom["count"]),
        str(headroom["direction"]),
        UNITS.get(str(metric), GENERIC_UNIT),
        str(headroom["op"]),
        float(item["limit"]),
        (item.get("entity") or {}).get("marketplace"),
        language.value,
    )


def not_applicable_text(why: Mapping[str, Any], as_of: str, language: Language | str) -> str:
    """Why a rule did not apply, from its code and values (engine.evaluate), in `language`;
    an end of a rule's window it does not have reads "…"."""
    values = {"as_of": as_of, "effective_from": "…", "effective_until": "…", **why}
    # A table the tool builds from something other than the inputs (the account's own
    # facts from auditor.yaml) says where it comes from: `na_no_table_account`.
    key = f"na_{why['code']}"
    if f"{key}_{why.get('table')}" in CATALOGUE:
        key = f"{key}_{why['table']}"
    return translate_with(key, Language(language).value, **values)


class Wording:
    """The messages of one report's findings: a template per rule, each distinct set of
    values worded once."""

    def __init__(self, rules: Mapping[str, Rule], language: Language) -> None:
        self.rules, self.language = rules, language
        self._messages: dict[str, tuple[Messages, str | None]] = {}
        self._unknown: dict[tuple[Any, ...], str] = {}

    def message(self, finding: Mapping[str, Any], rule_id: str | None = None) -> str:
        """The finding's sentence: why it is undecided, or its rule's message filled.
        `rule_id` for a finding as a history keeps it (its codes, without the rule's id)."""
        if finding["outcome"] == "unknown":
            return self._undecided(finding)
        rule_id = rule_id or finding["rule_id"]
        if rule_id not in self._messages:
            rule = self.rules[rule_id]
            columns = rule.check.columns()
            self._messages[rule_id] = (
                Messages(rule.message.get(self.language), self.language),
                columns[0] if len(columns) == 1 else None,
            )
        messages, single_field = self._messages[rule_id]
        entity, evidence, fixed = _from_report(finding, single_field)
        return messages.render(entity, evidence, **fixed)

    def _undecided(self, finding: Mapping[str, Any]) -> str:
        undecided = finding.get("undecided") or {}
        evidence = finding.get("evidence") or {}
        code = evidence.get("reason")
        text = reason_text(code, self.language.value) if isinstance(code, str) else None
        if text and not undecided:  # the check said why (no definition for the product type)
            values = {**(finding.get("entity") or {}), **evidence, "detail": finding.get("detail")}
            said = render(text, values)
            return (
                f"无法判定：{said}。" if self.language == Language.zh else f"Cannot decide: {said}."
            )
        key = (
            tuple(finding.get("missing") or ()),
            tuple(undecided.get("absent") or ()),
            tuple(undecided.get("unlisted") or ()),
            tuple(tuple(u) for u in undecided.get("unsearched") or ()),
        )
        text = self._unknown.get(key)
        if text is None:
            text = self._unknown[key] = unknown_message(
                list(key[0]), self.language, list(key[1]), list(key[2]), list(key[3])
            )
        return text


def _in_language(value: Any, language: str) -> Any:
    """A value that names its text per language ({"en": ..., "zh": ...}, as evidence may:
    the data stays the same whatever the report's language) as that language's text."""
    if isinstance(value, dict) and language in value and set(value) <= {"en", "zh"}:
        return value[language]
    return value


class Messages:
    """A rule's message template applied to its findings.

    A message depends only on the placeholders its template names; findings with the
    same values for those share one text (every listing with one image gets the same
    sentence), so each distinct combination is rendered once."""

    def __init__(self, template: str, language: Language) -> None:
        self.apply = compile_template(template)
        self.names = placeholders(template)
        self.language = language
        self.rendered: dict[tuple[Any, ...], str] = {}
        #: Per reason code: its text in the report's language and the names it uses.
        self.reasons: dict[str, tuple[str | None, list[str]]] = {}

    def render(self, entity: Mapping[str, Any], evidence: Mapping[str, Any], **fixed: Any) -> str:
        """The message for one finding; `fixed` (value, limit, detail, field) wins over
        its evidence, which wins over its entity."""
        names = self.names
        code = evidence.get("reason")
        reason = None
        if "reason" in names and isinstance(code, str):
            # A reason code is worded in the report's language, itself a template whose
            # placeholders join the message's.
            reason = self.reasons.get(code)
            if reason is None:
                text = reason_text(code, self.language.value)
                reason = self.reasons[code] = (text, placeholders(text or ""))
            names = [*names, *reason[1]]
        language = self.language.value
        used = [
            _in_language(
                fixed[n] if n in fixed else evidence[n] if n in evidence else entity.get(n),
                language,
            )
            for n in names
        ]
        key = tuple((type(x), x) for x in used)  # 1 and 1.0 are equal keys, not equal texts
        if reason is not None:
            try:
                message = self.rendered.get(key)
            except TypeError:
                message = None
            if message is None:
                values = {
                    k: _in_language(x, language) for k, x in {**entity, **evidence, **fixed}.items()
                }
                text = reason[0]
                values["reason"] = render(text, values) if text else code
                message = self.apply(values)
                with contextlib.suppress(TypeError):
                    self.rendered[key] = message
            return message
        try:
            message = self.rendered.get(key)
        except TypeError:  # a list or mapping among the values: render it each time
            return self.apply(dict(zip(self.names, used, strict=True)))
        if message is None:
            message = self.rendered[key] = self.apply(dict(zip(self.names, used, strict=True)))
        return message


def unknown_message(
    missing: list[str],
    language: Language,
    absent: list[str] | None = None,
    unlisted: list[str] | None = None,
    unsearched: list[tuple[str, str, int, int]] | None = None,
) -> str:
    """Names what would decide the finding and where each piece can come from: a blank
    cell to fill (a product fact in the products register), a register row the entity
    lacks, a field no input carries (and which inputs can), a register not among the
    inputs, or a value a pattern could not search (too long, or over its time budget)."""
    zh = language == Language.zh
    absent, unlisted, unsearched = absent or [], unlisted or [], unsearched or []
    stopped = [name for name, *_ in unsearched]
    registers = [m.removesuffix(" register") for m in missing if m.endswith(" register")]
    blank = [
        m for m in missing if not m.endswith(" register") and m not in absent + unlisted + stopped
    ]
    product = ", ".join(f for f in [*blank, *unlisted] if f in PRODUCT_COLUMNS)
    parts = []
    if blank:
        parts.append(
            f"缺少判定所需的字段：{', '.join(blank)}" if zh else f"{', '.join(blank)} is missing"
        )
    if unlisted:
        names = ", ".join(unlisted)
        parts.append(
            f"商品登记表中没有该 SKU（缺少 {names}）"
            if zh
            else f"the products register has no row for this SKU ({names})"
        )
    for name in absent:
        where = field_sources(name, language.value)
        if zh:
            parts.append(f"输入中没有 {name} 字段" + (f"（来源：{where}）" if where else ""))
        else:
            parts.append(f"no input has {name}" + (f" (it comes from {where})" if where else ""))
    for name, code, length, limit in unsearched:
        text = reason_text(code, language.value) or code
        values = {"field": name, "length": length, "max_length": limit}
        parts.append(render(text, values | {"budget_ms": round(PATTERN_BUDGET_SECONDS * 1000)}))
    for table in registers:
        en_label, zh_label = REGISTER_LABELS.get(table, (table, table))
        parts.append(
            f"输入中没有{zh_label}（{table}）" if zh else f"no {en_label} among the inputs"
        )
    if zh:
        hint = f"请在商品登记表（products）中填写该 SKU 的 {product} 列。" if product else ""
        if blank and not absent and not unlisted and not registers:  # as sellers know it
            return f"{parts[0]}，无法判断是否合规。{hint}"
        return "无法判定：" + "；".join(parts or ["？"]) + "。" + hint
    columns = "columns" if "," in product else "column"
    hint = (
        f" Fill the {product} {columns} for this SKU in the products register." if product else ""
    )
    return "Cannot decide: " + "; ".join(parts or ["?"]) + "." + hint


def _from_report(
    finding: Mapping[str, Any], field: str | None = None
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(entity, evidence, fixed values) of a finding as a report holds it: what a rule's
    texts are filled from, as the engine fills the message (`_findings`)."""
    detail = finding.get("detail")
    fixed = {
        "value": finding.get("observed"),
        "limit": finding.get("limit"),
        "detail": detail,
        "field": detail or field,
    }
    return finding.get("entity") or {}, finding.get("evidence") or {}, fixed


def finding_text(template: str, finding: Mapping[str, Any], language: Language) -> str | None:
    """Another text of a finding's rule (its plan-of-action statement) for one finding as the
    report holds it, filled as its message is. None when a placeholder cannot take the
    finding's value (a blank count in a `{value:.0f}`)."""
    entity, evidence, fixed = _from_report(finding)
    messages = Messages(template, language)
    values = {**entity, **evidence, **fixed}
    if any(values.get(name) is None for name in messages.names if name != "reason"):
        return None  # a blank would read "None" in a sentence the seller signs
    try:
        return messages.render(entity, evidence, **fixed)
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def finding_message(rule: Rule, finding: Mapping[str, Any], language: Language) -> str:
    """One finding's message, from its values and codes as a report or a history holds them."""
    return Wording({rule.id: rule}, Language(language)).message(finding, rule.id)


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
