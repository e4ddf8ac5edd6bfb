"""Observed values and limits as people read them, the same in every format."""

from __future__ import annotations

from auditor.outputs.values import cell, worded

ODR = {
    "outcome": "warn",
    "observed": 0.0081,
    "limit": 0.01,
    "evidence": {"metric": "order_defect_rate", "warn_limit": 0.0075},
}


def test_a_rate_reads_as_a_percentage_and_a_warning_shows_the_band_it_crossed():
    assert worded(ODR, "observed", "en") == "0.81%"
    assert worded(ODR, "limit", "en") == "0.75%"  # not the 1% a failure would cross
    assert worded({**ODR, "outcome": "fail", "observed": 0.0125}, "limit", "en") == "1%"


def test_a_true_or_false_fact_reads_yes_or_no_never_pass_or_false():
    stranded = {"outcome": "fail", "observed": True, "limit": "False", "evidence": {}}
    assert (worded(stranded, "observed", "en"), worded(stranded, "limit", "en")) == ("yes", "no")
    assert worded(stranded, "observed", "zh") == "是"


def test_an_expiry_says_how_long_ago_or_how_soon():
    expired = {"outcome": "fail", "observed": "2026-10-01", "evidence": {"days_left": -57}}
    assert worded(expired, "observed", "en") == "2026-10-01 (expired 57 days ago)"
    assert worded(expired, "observed", "zh") == "2026-10-01（已过期 57 天）"
    soon = {"outcome": "warn", "observed": "2026-12-20", "evidence": {"days_left": 23}}
    assert worded(soon, "observed", "en") == "2026-12-20 (expires in 23 days)"


def test_a_spreadsheet_keeps_plain_numbers_as_numbers_and_blanks_empty():
    images = {"outcome": "warn", "observed": 3, "limit": 1, "evidence": {"warn_limit": 6}}
    assert (cell(images, "observed", "en"), cell(images, "limit", "en")) == (3, 6)
    assert cell(ODR, "observed", "en") == "0.81%"
    assert cell({"outcome": "fail", "observed": None, "evidence": {}}, "observed", "en") == ""
    assert worded({"outcome": "fail", "observed": None, "evidence": {}}, "observed", "en") == "—"


def test_an_identifier_format_reads_in_words_not_as_its_pattern():
    lucid = {
        "outcome": "fail",
        "observed": "DE47028193",
        "limit": r"^DE\d{13}$",
        "evidence": {"format": {"en": "DE followed by 13 digits", "zh": "DE 加 13 位数字"}},
    }
    assert worded(lucid, "limit", "en") == "DE followed by 13 digits"
    assert cell(lucid, "limit", "zh") == "DE 加 13 位数字"
