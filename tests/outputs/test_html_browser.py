"""The HTML report in headless Chromium: scores, a finding row, the hostile title as text,
no dialog, no console error, no request (scripts/check_html_in_browser.py does the work).

Skipped where no Chromium is installed; `.ci/run` installs Debian's chromium and runs
the script itself after the test suite.
"""

from __future__ import annotations

import importlib.util

import pytest
from conftest import REPO

SCRIPT = REPO / "scripts" / "check_html_in_browser.py"
_spec = importlib.util.spec_from_file_location("check_html_in_browser", SCRIPT)
assert _spec is not None and _spec.loader is not None
browser_check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(browser_check)

CHROMIUM = browser_check.find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium (apt-get install chromium)")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_html_report_in_headless_chromium(language, tmp_path):
    assert browser_check.check(CHROMIUM, tmp_path, language) == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_portfolio_page_in_a_narrow_window(language, tmp_path):
    assert browser_check.check_portfolio(CHROMIUM, tmp_path, language) == []
