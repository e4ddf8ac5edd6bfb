"""Shared helpers: build rules and tables the way a pack and a CSV would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from auditor.engine.evaluate import RuleRun, evaluate
from auditor.engine.registry import check_kinds
from auditor.ingest.records import table_from_records
from auditor.ingest.result import FileResult
from auditor.model.common import Language
from auditor.model.rules import Area, PackedRule, Rule
from auditor.model.tables import CanonicalTable

AS_OF = dt.date(2026, 11, 27)
DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
SHARED = REPO.parent / "shared"


def make_rule(check: dict[str, Any], applies_to: str = "listings", **fields: Any) -> PackedRule:
    """A valid rule around `check`, with placeholder texts (tests assert on outcomes)."""
    params = check_kinds()[check["kind"]].params.model_validate(check)
    data = {
        "id": "TST-001",
        "name": "test-rule",
        "severity": "high",
        "applies_to": applies_to,
        "check": params,
        "message": {"en": "value {value} limit {limit}", "zh": "值 {value} 限值 {limit}"},
        "why": {"en": "why", "zh": "原因"},
        "fix": {"en": "fix", "zh": "修复"},
        "source": {
            "url": "https://example.com",
            "checked": "2026-11-27",
            "confidence": "best-practice",
        },
        "examples": {"pass": [{}], "fail": [{}]},
        **fields,
    }
    return PackedRule(rule=Rule.model_validate(data), area=Area.listing, pack="test")


def table(name: str, *records: dict[str, Any], marketplace: str | None = "US") -> CanonicalTable:
    """A canonical table from records, coerced exactly as a CSV row would be."""
    result, rejected = table_from_records(name, list(records), marketplace)
    assert not rejected, rejected
    return result


def run(
    rule: PackedRule, *tables: CanonicalTable, as_of: dt.date = AS_OF, language: str = "en"
) -> RuleRun:
    [result] = evaluate([rule], {t.name: t for t in tables}, as_of, Language(language))
    return result


def column(result: FileResult, name: str) -> list[object]:
    """One column of what a reader produced, blanks as None (the first table the file filled)."""
    assert result.frame is not None, result.skipped
    return [None if pd.isna(v) else v for v in result.frame[name].astype(object)]


def outcomes(result: RuleRun) -> list[tuple[str | None, str | None, str]]:
    """(sku, detail, outcome) of each finding, in order."""
    return [(f["entity"].get("sku"), f["detail"], f["outcome"]) for f in result.findings]


@pytest.fixture
def demo_store() -> Path:
    return REPO / "examples" / "demo-store"
