"""Checked-in documentation that is generated must match what the code generates."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import REPO

from auditor.cli import main


def test_rule_catalogue_page_is_current():
    """Regenerate with: auditor rules docs > docs/rules.md"""
    generated = CliRunner().invoke(main, ["rules", "docs"]).output
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == generated


@pytest.mark.parametrize("kind", ["report", "portfolio"])
def test_published_schemas_are_current(kind: str):
    """Regenerate with: auditor schema report > docs/report.schema.json (and portfolio)"""
    generated = CliRunner().invoke(main, ["schema", kind]).output
    assert (REPO / "docs" / f"{kind}.schema.json").read_text(encoding="utf-8") == generated


def test_readme_and_ci_run_the_same_test_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && python -m pytest"
    assert command in readme and command in ci
