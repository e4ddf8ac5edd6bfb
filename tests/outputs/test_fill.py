"""Filling a text's placeholders: lenient, because rule packs and catalogues are data."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.outputs.fill import MAX_FORMAT_WIDTH, placeholders, render


@pytest.mark.parametrize(
    ("template", "values", "text"),
    [
        ("{value:.2%}", {"value": 0.0123}, "1.23%"),
        ("{value:.2%}", {"value": 0}, "0.00%"),
        ("{value:.2%}", {"value": "AT_RISK"}, "AT_RISK"),
        ("{value:.2%}", {"value": None}, "—"),
        ("{limit:.0%}", {}, "—"),
        ("{value:,}", {"value": 1234567}, "1,234,567"),
        ("{sku} {nonexistent}", {"sku": "VX-SPK-01"}, "VX-SPK-01 —"),
        ("{value:%Y-%m}", {"value": dt.date(2026, 11, 27)}, "2026-11"),
    ],
)
def test_render(template, values, text):
    assert render(template, values) == text


def test_a_message_template_cannot_ask_for_a_gigabyte_field():
    assert len(render("{value:>1000000000}", {"value": 3})) == MAX_FORMAT_WIDTH
    assert len(render("{value:.1000000000f}", {"value": 0.5})) == MAX_FORMAT_WIDTH + 2
    # Ordinary specs are untouched, zero padding included.
    assert render(
        "{value:.2%} {limit:010.3f} {detail:>8}", {"value": 0.0123, "limit": 2.5, "detail": "x"}
    ) == ("1.23% 000002.500        x")


def test_placeholders_are_named_once_in_order():
    assert placeholders("{sku}: {value:.2%} of {limit}, {value}") == ["sku", "value", "limit"]
