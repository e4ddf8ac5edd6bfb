"""Golden reports: the demo store in every format this suite owns, in English and Chinese.

Compared by content: text formats as text, the xlsx workbook by its cells' values
(never by bytes). Regenerate with `python3 -m tests.outputs.regenerate_golden` (see
tests/outputs/golden/README.md) and review the diff.
"""

from __future__ import annotations

import json

import pytest
from conftest import demo_report
from regenerate_golden import FORMATS, GOLDEN, LANGUAGES, as_golden, golden_name, rendered

REGENERATE = "python3 -m tests.outputs.regenerate_golden"


@pytest.fixture(scope="module")
def reports():
    """The reports `regenerate_golden` writes: the demo store's, audited once per process
    (conftest), as the golden files hold them. Its inputs are named `demo-store/...`
    however the folder is given (tests/ingest/test_file_names.py)."""
    return {language: as_golden(demo_report(language)) for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(reports, fmt, language):
    path = GOLDEN / golden_name(fmt, language)
    assert path.exists(), f"no golden {path.name}: run {REGENERATE}"
    expected = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    actual = rendered(reports[language], fmt, language).replace("\r\n", "\n")
    if fmt in ("json", "xlsx"):  # a structural diff reads better than a text one
        assert json.loads(actual) == json.loads(expected), f"{path.name} changed: run {REGENERATE}"
    assert actual == expected, f"{path.name} changed: run {REGENERATE} and review the diff"


def test_golden_reports_are_in_their_language():
    assert (GOLDEN / "report.zh.txt").read_text(encoding="utf-8").startswith("亚马逊卖家合规审计")
    assert (GOLDEN / "report.en.md").read_text(encoding="utf-8").startswith("# Amazon seller audit")
    zh = json.loads((GOLDEN / "report.zh.xlsx.json").read_text(encoding="utf-8"))
    assert next(iter(zh)) == "概览"  # the summary, then a sheet per area, named in Chinese
    assert {"广告", "账户资料", "买家反馈与退货", "定价"} <= set(zh)
