"""A finding's observed value and limit as people read them, in every format.

The report keeps the data (0.509, 0.5, false, "2026-10-01"); what a reader sees is worded
once, here: rates as percentages (50.9% against 50%), yes and no for a true-or-false fact,
an expired document with how long ago, and a warning's own limit (6 images, not the 1 that
fails), never `pass / False`, raw fractions or the band a warning did not cross.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from auditor.model.vocab import METRICS, MetricKind
from auditor.outputs.i18n import format_percent, format_value, translate_with

if TYPE_CHECKING:
    from auditor.model.report import Finding

_TRUTH = {"true": True, "false": False}
#: The values of a finding worded for people.
Shown = Literal["observed", "limit"]


def worded(finding: Finding, key: Shown, language: str, blank: str = "—") -> str:
    """`finding[key]` ("observed" or "limit") as a reader should see it; `blank` where it
    has none (a spreadsheet's cell stays empty: blank="")."""
    evidence = finding["evidence"]
    value = _chosen(finding, key)
    if value is None or value == "":
        return blank
    words = evidence.get("format")
    if key == "limit" and isinstance(words, dict) and words.get(language):
        return str(words[language])  # a published format in words, not its pattern
    truth = _truth(value)
    if truth is not None:
        return translate_with("value_yes" if truth else "value_no", language)
    if METRICS.get(str(evidence.get("metric"))) is MetricKind.rate:
        return format_percent(value, language)
    if key == "observed" and isinstance(evidence.get("days_left"), int):
        return _expiry(value, evidence["days_left"], language)
    return format_value(value, language)


def cell(finding: Finding, key: Shown, language: str) -> Any:
    """`worded` for a spreadsheet: a plain number stays a number (a sheet sums and sorts
    it), anything worded (a percentage, yes or no, an expiry) is text, a blank is empty."""
    value = _chosen(finding, key)
    text = worded(finding, key, language, blank="")
    plain = isinstance(value, int | float) and not isinstance(value, bool)
    return value if plain and text == format_value(value, language) else text


def _chosen(finding: Finding, key: Shown) -> Any:
    """The value to show: a warning's limit is the band it crossed, not the failing one."""
    if key == "limit" and finding["outcome"] == "warn":
        crossed = finding["evidence"].get("warn_limit")
        if crossed is not None:
            return crossed
    return finding[key]


def _truth(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _TRUTH.get(value.strip().lower())
    return None


def _expiry(value: Any, days_left: int, language: str) -> str:
    """An expiry date with the days it is past or ahead: "2026-10-01 (expired 67 days ago)"."""
    shown = value.isoformat() if isinstance(value, dt.date) else str(value)
    if days_left < 0:
        return translate_with("value_expired", language, date=shown, days=-days_left)
    return translate_with("value_expires", language, date=shown, days=days_left)
