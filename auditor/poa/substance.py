"""What a point of a plan of action says: its date, owner and frequency, whether it states a
cause or only restates the metric, and text in another language than the letter's.

Amazon reads a plan for substance (help page 201623610): a cause for each issue, actions
that were taken (so they have dates), measures someone runs at some interval. These are
word-level readings, deliberately simple and said in the lint's messages as what was (not)
found, so a seller who wrote it another way sees why and can say it plainly. The `poa`
pack's rules decide what fails; this module only reads.
"""

from __future__ import annotations

import re

from auditor.poa.letter import PLACEHOLDER

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
#: A calendar date as letters write them: 2026-11-03, 03/11/2026, 3 November 2026,
#: November 3(, 2026), 2026年11月3日, 11月3日.
_DATE = re.compile(
    r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b"
    r"|\b\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+\d{4})?(?![a-z])"
    r"|\b" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?"
    r"|(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]",
    re.IGNORECASE,
)

#: Who runs a measure: a role, or a "Responsible:" label.
_OWNER = re.compile(
    r"\bresponsible\s*(?:person)?\s*:\s*[^.;\n]{2,60}"
    r"|\b(?:our\s+|the\s+|a\s+|an\s+)?"
    r"(?:(?!every\b|each\b)[a-z][a-z-]*\s+){0,2}"
    r"(?:manager|lead|leader|officer|supervisor|team|staff|specialist|coordinator|director"
    r"|inspector|assistant|department|operator|administrator|controller|analyst|agent|packer"
    r"|clerk|buyer|owner|founder|ceo|coo|head\s+of\s+[a-z]+)s?\b"
    r"|负责人\s*[:：]?\s*[^。；\n]{1,20}|[\u4e00-\u9fff]{0,6}(?:经理|主管|负责人|专员|团队|部门|质检员|客服)",
    re.IGNORECASE,
)
#: How often: daily, weekly, every N days, per order, before each shipment, at 14:00 every…
_FREQUENCY = re.compile(
    r"\b(?:daily|weekly|monthly|quarterly|annually|yearly|hourly|fortnightly|nightly)\b"
    r"|\b(?:every|each|per)\s+(?:\d+\s+)?[a-z]+(?:\s+(?:days?|weeks?|months?|hours?|mornings?))?"
    r"|\b(?:once|twice|three\s+times)\s+(?:a|per)\s+(?:day|week|month|quarter|year)\b"
    r"|\bbefore\s+(?:[a-z]+ing\s+)?(?:a|an|any|each|every|all|the\s+first|new)\s+[a-z]+"
    r"|\b(?:when|whenever)\s+(?:a|an|any|each|every|new)\s+[a-z]+"
    r"|\b(?:on|for)\s+(?:all)\s+(?:new\s+)?[a-z]+"
    r"|每(?:天|日|周|星期|月|季度|年|个?工作日|批|单|个订单|次|\s*\d+\s*天)|逐(?:单|批|件)",
    re.IGNORECASE,
)
#: Words that make a point a cause: it says why, not only what the metric was.
_CAUSAL = re.compile(
    r"\bbecause\b|\bdue\s+to\b|\bcaused\b|\bcause\s+(?:was|is|were)\b|\bas\s+a\s+result\b"
    r"|\bresult(?:ed|ing)?\s+(?:from|in)\b|\bled\s+to\b|\bowing\s+to\b|\bsince\s+(?:we|our|the)\b"
    r"|\b(?:was|were|had\s+been)\s+(?:set|not|never|left|shipped|sent|listed|mislabel\w*"
    r"|missing|damaged|misconfigured|out\s+of\s+stock)\b"
    r"|\b(?:did|does|do|had|has|have|could|would)\s*(?:not|n['’]t)\b|\bfailed\s+to\b"
    r"|\bwithout\b|\black\s+of\b|\black(?:ed|ing)\b|\bno\s+(?:one|process|check|step)\b"
    r"|\bmistake\b|\berror\b|\bwrong(?:ly)?\b|\bincorrect(?:ly)?\b|\bdefective\b|\bbroken\b"
    r"|由于|因为|导致|造成|原因是|未能|没有|疏忽|错误",
    re.IGNORECASE,
)
#: Words of a point that restates the metric or the notice.
_RESTATES = re.compile(
    r"\d+(?:[.,]\d+)?\s*%|\brate\b|\btarget\b|\bthreshold\b|\bnotice\b|\bnotification\b"
    r"|\baccount\s+health\b|\bperformance\s+(?:team|notification)\b"
    r"|\b\d[\d,]*\s+(?:of|out\s+of)\s+(?:our\s+)?\d[\d,]*\b"
    r"|缺陷率|迟发率|取消率|追踪率|交货率|目标|通知|账户状况",
    re.IGNORECASE,
)
#: A closing line or a signature: never one of a part's points.
_CLOSING = re.compile(
    r"^\s*(?:thank|sincerely|best\s+regards|kind\s+regards|regards|respectfully|yours\b"
    r"|we\s+(?:kindly\s+)?(?:ask|request)\s+(?:you|amazon)|please\s+(?:find|see)\b"
    r"|(?:evidence\s+)?attached\b|attachments?\s*:|evidence\s*:|此致|谢谢|感谢)",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
#: A run of Chinese or Japanese text long enough to be a phrase, not a stray name.
_CJK_RUN = re.compile(
    r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"
    r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u3000-\u3007\uff0c\uff0e\uff1a\uff1b\s,.;:0-9]{2,}"
    r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u3002\uff01\uff1f]"
)
_LATIN = re.compile(r"[A-Za-z]")
#: Fewer words than this is a heading echo or a name, not a point.
_MIN_POINT_WORDS = 4


def has_placeholder(text: str) -> str | None:
    match = PLACEHOLDER.search(text)
    return match.group(0) if match else None


def _found(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return " ".join(match.group(0).split()) if match else None


#: An Amazon order id: a point that gives one is a line of evidence (the affected orders),
#: not a cause, an action or a measure of its own.
_ORDER_ID = re.compile(r"\b\d{3}-\d{7}-\d{7}\b")


def is_point_text(text: str) -> bool:
    """Whether a paragraph can be one of a part's points (not a closing line, a name or a
    line of a list of affected orders)."""
    words = text.split()
    return (
        not _CLOSING.match(text)
        and not _ORDER_ID.search(text)
        and (len(words) >= _MIN_POINT_WORDS or len(_CJK.findall(text)) >= 6)
    )


def date_of(text: str) -> str | None:
    """The date a corrective action gives; a placeholder stands for one still to write."""
    return _found(_DATE, text) or has_placeholder(text)


def owner_of(text: str) -> str | None:
    return _found(_OWNER, text) or has_placeholder(text)


def frequency_of(text: str) -> str | None:
    return _found(_FREQUENCY, text) or has_placeholder(text)


def restatement(text: str) -> str | None:
    """The metric or notice words of a point that gives no cause; None when it gives one.

    A point states a cause when it says why (because, due to, was set to, did not…), when
    it holds a placeholder for the cause, or when it is about something other than the
    metric and the notice at all (a batch without its outer carton is a cause)."""
    if _CAUSAL.search(text) or has_placeholder(text):
        return None
    return _found(_RESTATES, text)


def letter_language(text: str) -> str:
    """ "zh" when Chinese or Japanese characters outnumber Latin letters, else "en"."""
    return "zh" if len(_CJK.findall(text)) > len(_LATIN.findall(text)) else "en"


def other_language(text: str, language: str) -> str | None:
    """Chinese or Japanese text in a letter written in English (the text, shortened)."""
    if language != "en":
        return None
    for match in _CJK_RUN.finditer(text):
        before, after = text[: match.start()].rstrip()[-1:], text[match.end() :].lstrip()[:1]
        if _ENCLOSED.get(before) == after:
            continue  # a name given beside its English form: "Voltix Co., Ltd. (伏特电子)"
        found = match.group(0).strip()
        return found if len(found) <= 40 else found[:39] + "…"
    return None


#: Brackets and quotes that may hold a name in its own script.
_ENCLOSED = {"(": ")", "（": "）", '"': '"', "“": "”", "「": "」"}
