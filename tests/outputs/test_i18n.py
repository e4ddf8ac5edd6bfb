"""The one catalogue of the tool's own texts: labels, reasons and why a rule did not apply."""

from __future__ import annotations

import pytest

from auditor.engine.reasons import UNSEARCHED_REASONS
from auditor.outputs.fill import placeholders
from auditor.outputs.i18n import CATALOGUE, reason_text, translate, translate_with


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_text_is_in_both_languages_with_the_same_placeholders(key):
    entry = CATALOGUE[key]

    assert entry["en"].strip() and entry["zh"].strip()
    assert sorted(placeholders(entry["en"])) == sorted(placeholders(entry["zh"]))


def test_a_label_is_filled_through_the_filler_rule_messages_use():
    assert translate_with("sku_totals", "en", listed=3, listings="1,204", clean=1201) == (
        "3 of 1,204 listings have findings; 1201 are clean."
    )
    # A value the caller did not give reads as a dash, never as a raw {placeholder}.
    assert translate_with("rate_count", "zh", num=5) == "5 / —"


def test_reason_codes_read_in_the_reports_language():
    assert reason_text("gtin_check_digit", "zh") == (
        "校验位为 {check_digit}，按 GS1 模 10 算法应为 {expected_check_digit}"
    )
    assert all(reason_text(code, "en") for code in UNSEARCHED_REASONS)
    assert reason_text("a_code_of_a_newer_pack", "en") is None


def test_an_unknown_key_reads_as_itself():
    assert translate("LST-001", "zh") == "LST-001"
