"""Control characters in a report's data reach no output as themselves (issue 16, item 6).

A SKU that sets the terminal's title (`ESC ] 0 ; title BEL`) or clears it (`ESC [ 2 J`),
a file name whose newline starts a fake `[critical:fail]` line, a NUL in a message:
each is shown as a visible symbol in every text format.
"""

from __future__ import annotations

import io
import re
from typing import Any

import openpyxl
import pytest
from conftest import demo_report

from auditor.outputs.controls import CELL, LINES, visible
from auditor.outputs.render import render
from auditor.outputs.rows import neutralise

TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
FAKE = "\n[critical:fail] HLT-001 all clear"
#: Controls no text output may carry but those it writes itself (newlines, tabs; CR in CSV).
_ANY_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def hostile() -> dict[str, Any]:
    report = demo_report()  # the demo store's, a copy of its own
    finding = report["findings"][0]
    finding["entity"]["sku"] = f"SKU{TITLE}{CLEAR}-1"
    finding["entity"]["title"] = f"Mug\x00{FAKE}\x9b2J"
    finding["message"] = f"too long\x00{FAKE}\r\x1b[1A"
    finding["detail"] = f"60d{FAKE}"
    inputs = report["run"]["inputs"]
    skipped = next(i for i in inputs if i.get("skipped"))
    skipped["path"] = f"store/evil{FAKE}.csv"
    skipped["skipped"] = f"not a data file{FAKE}\x1b[2J"
    return report


def assert_safe(text: str, allowed: str = "\n\t", lines: bool = True) -> None:
    """No control character but those `allowed`; with `lines` (a format read line by line),
    no line of the data's own."""
    bad = {c for c in _ANY_CONTROL.findall(text) if c not in allowed}
    assert not bad, sorted(bad)
    if lines:
        assert not re.search(r"^\W*\[critical:fail\] HLT-001 all clear", text, re.MULTILINE)


@pytest.mark.parametrize("fmt", ["table", "md", "junit", "html"])
def test_text_formats_show_control_characters(hostile: dict[str, Any], fmt: str) -> None:
    text = render(hostile, fmt, "en", verbose=True)
    assert isinstance(text, str)

    assert_safe(text, lines=fmt != "html")  # HTML has no lines: a newline is a space
    assert "SKU␛]0;pwned␇␛[2J-1" in text
    if fmt in ("table", "md"):  # read line by line; junit and html list no skipped file by name
        assert "evil␊[critical:fail] HLT-001 all clear.csv" in text


def test_the_colour_table_keeps_its_own_colours_and_only_them(hostile: dict[str, Any]) -> None:
    text = render(hostile, "table", "en", color=True, verbose=True)
    assert isinstance(text, str)

    escapes = set(re.findall(r"\x1b[^m]*m?", text))
    assert escapes and all(re.fullmatch(r"\x1b\[[0-9;]*m", e) for e in escapes), escapes
    assert_safe(text.replace("\x1b", ""))
    assert "SKU␛]0;pwned␇␛[2J-1" in text


def test_csv_cells_hold_no_nul_or_escape(hostile: dict[str, Any]) -> None:
    text = render(hostile, "csv", "en")
    assert isinstance(text, str)

    assert_safe(text, allowed="\n\t\r", lines=False)  # a quoted cell holds line breaks
    assert "␀" in text and "\\x9b2J" in text


def test_xlsx_cells_hold_no_control_characters(hostile: dict[str, Any]) -> None:
    data = render(hostile, "xlsx", "en")
    assert isinstance(data, bytes)
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)

    cells = [
        str(v) for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row if v
    ]

    assert any("SKU␛]0;pwned␇␛[2J-1" in c for c in cells)
    for cell in cells:
        assert_safe(cell, allowed="\n\t\r", lines=False)


@pytest.mark.parametrize(
    ("text", "keep", "shown"),
    [
        ("a\x1b[2Jb", "", "a␛[2Jb"),
        ("a\nb\tc\rd", "", "a␊b␉c␍d"),
        ("a\nb\tc\rd", LINES, "a\nb\tc␍d"),
        ("a\nb\tc\rd", CELL, "a\nb\tc\rd"),
        ("nul\x00del\x7fcsi\x9b", "", "nul␀del␡csi\\x9b"),
        ("声浪 Mug — ½", "", "声浪 Mug — ½"),
    ],
)
def test_visible(text: str, keep: str, shown: str) -> None:
    assert visible(text, keep) == shown


def test_a_cell_is_made_visible_before_it_is_neutralised() -> None:
    assert neutralise("\x00=1+1") == "␀=1+1"
    assert neutralise("=cmd\x1b") == "'=cmd␛"
