"""Figures of a plan of action that contradict Amazon's notice: rate, counts, channel, window.

A plan that answers a notice about seller-fulfilled orders at 1.25% with FBA orders at 0.81%
argues against its own appeal: the reviewer reads that the seller does not know which
orders are concerned. Only sentences about the notice's own metric are compared (a late
shipment rate quoted as a cause in an ODR plan is not the ODR), and a rate is compared at
the precision the letter writes it (1.3% agrees with 1.25%).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from auditor.poa.figures import CHANNEL_NAMES, percent

if TYPE_CHECKING:
    from auditor.poa.notice import Notice

#: The words that name each rate-based violation's metric in a letter.
_RATE_WORDS: dict[str, re.Pattern[str]] = {
    name: re.compile(words, re.IGNORECASE)
    for name, words in {
        "order-defect-rate": r"\border\s+defect\s+rate\b|\bODR\b|订单缺陷率",
        "late-shipment-rate": r"\blate\s+shipment\s+rate\b|\bLSR\b|迟发率",
        "pre-fulfillment-cancel-rate": r"\bcancel(?:lation)?\s+rate\b|取消率",
        "valid-tracking-rate": r"\bvalid\s+tracking\s+rate\b|\bVTR\b|有效追踪率",
        "on-time-delivery-rate": r"\bon[-\s]time\s+delivery\s+rate\b|\bOTDR\b|准时交货率",
        "invoice-defect-rate": r"\binvoice\s+defect\s+rate\b|\bIDR\b|发票缺陷率",
    }.items()
}
_SENTENCE_END = re.compile(r"(?<=[.!?;。！？；])\s+|\n")
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,3})?)\s*%")
#: Words before a percentage that make it a target or a limit, not the seller's rate.
_TARGET_BEFORE = re.compile(
    r"(?:target|limit|threshold|under|below|less\s+than|more\s+than|above|over|at\s+least"
    r"|pass(?:es)?|reach(?:es)?|rises?\s+above|goes\s+above|when|once|if"
    r"|at\s+most|maximum|minimum|exceed\w*|of\s+no\s+more\s+than|requires?|required"
    r"|低于|高于|不超过|目标|上限)[^%\d]{0,24}$",
    re.IGNORECASE,
)
#: Words before a percentage that make it one source's share (A-to-z claims: 0.5%).
_PART_BEFORE = re.compile(
    r"(?:feedback|a-to-z|claims?|chargebacks?|差评|索赔|拒付)[^%\d]{0,30}$", re.IGNORECASE
)
_COUNT = re.compile(
    r"\b(\d[\d,]*)\s+(?:of|out\s+of)\s+(?:our\s+|the\s+|all\s+)?(\d[\d,]*)\b"
    r"|(\d[\d,]*)\s*(?:个|笔)?[^。.\d]{0,8}?(?:订单)?中(?:有)?\s*(\d[\d,]*)"
)
_WINDOW = re.compile(
    r"\b(?:last|past|previous)\s+(\d{1,3})\s+days\b|\b(\d{1,3})[-\s]day\b|最近\s*(\d{1,3})\s*天",
    re.IGNORECASE,
)
_FBA = re.compile(r"\bFBA\b|\bfulfill?ed\s+by\s+amazon\b|\bAFN\b|亚马逊配送", re.IGNORECASE)
_MFN = re.compile(
    r"\bseller[-\s]fulfill?ed\b|\bself[-\s]fulfill?ed\b|\bmerchant[-\s]fulfill?ed\b"
    r"|\bfulfill?ed\s+by\s+(?:the\s+)?(?:seller|merchant)\b|\bFBM\b|\bMFN\b|自配送|自发货",
    re.IGNORECASE,
)


def contradiction(text: str, notice: Notice | None) -> str | None:
    """What `text` states against the notice, in plain words; None when nothing does."""
    if notice is None or notice.violation not in _RATE_WORDS:
        return None
    own = _RATE_WORDS[notice.violation]
    if not own.search(text):
        return None  # another metric, or none: not the notice's figures
    others = [p for name, p in _RATE_WORDS.items() if name != notice.violation]
    # A paragraph about the notice's metric alone is compared whole ("5 of our 400 orders had
    # a defect. Our Order Defect Rate was 1.25%."); one naming other rates too, by sentence.
    units = (
        [s for s in _SENTENCE_END.split(text) if own.search(s)]
        if any(p.search(text) for p in others)
        else [text]
    )
    found: list[str] = []
    for unit in units:
        found += _rates(unit, notice) + _counts(unit, notice)
        found += _channel(unit, notice) + _window(unit, notice)
    return "; ".join(dict.fromkeys(found)) or None


def _rates(sentence: str, notice: Notice) -> list[str]:
    if notice.rate is None:
        return []
    stated = notice.rate * 100
    found = []
    for match in _PERCENT.finditer(sentence):
        before = sentence[: match.start()]
        if _TARGET_BEFORE.search(before) or _PART_BEFORE.search(before):
            continue
        written = match.group(1).replace(",", ".")
        decimals = len(written.partition(".")[2])
        if abs(float(written) - stated) > 0.5 * 10**-decimals + 1e-9:  # as rounded to write it
            found.append(f"{match.group(0)} where the notice states {percent(notice.rate)}")
    return found


def _counts(sentence: str, notice: Notice) -> list[str]:
    if notice.defects is None and notice.orders is None:
        return []
    found = []
    for match in _COUNT.finditer(sentence):
        if match.group(1):
            bad, total = _number(match.group(1)), _number(match.group(2))
        else:  # 400 个订单中有 5 个
            total, bad = _number(match.group(3)), _number(match.group(4))
        if (notice.defects is not None and bad != notice.defects) or (
            notice.orders is not None and total != notice.orders
        ):
            stated = f"{_or_dash(notice.defects)} of {_or_dash(notice.orders)}"
            found.append(f"{bad} of {total} orders where the notice states {stated}")
    return found


def _channel(sentence: str, notice: Notice) -> list[str]:
    if notice.channel not in CHANNEL_NAMES:
        return []
    other = "afn" if notice.channel == "mfn" else "mfn"
    pattern = _FBA if other == "afn" else _MFN
    figures = _PERCENT.search(sentence) or _COUNT.search(sentence)
    if (
        figures
        and pattern.search(sentence)
        and not (_MFN if other == "afn" else _FBA).search(sentence)
    ):
        return [
            f"{CHANNEL_NAMES[other]} orders where the notice is about "
            f"{CHANNEL_NAMES[notice.channel]} orders"
        ]
    return []


def _window(sentence: str, notice: Notice) -> list[str]:
    if notice.window_days is None:
        return []
    found = []
    for match in _WINDOW.finditer(sentence):
        days = int(next(g for g in match.groups() if g))
        if days != notice.window_days:
            found.append(f"a {days}-day window where the notice's is {notice.window_days} days")
    return found


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _or_dash(value: int | None) -> str:
    return "—" if value is None else str(value)
