"""Shared helpers: build rules and tables the way a pack and a CSV would."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import settings

from auditor import api
from auditor.api import word_runs
from auditor.engine.evaluate import RuleRun, evaluate
from auditor.engine.registry import check_kinds
from auditor.ingest.records import table_from_records
from auditor.ingest.result import FileResult
from auditor.model.common import Language
from auditor.model.rules import Area, PackedRule, Rule
from auditor.model.tables import CanonicalTable

#: Property tests draw the same examples on every run, so CI never turns red by chance;
#: search further locally with `pytest --hypothesis-profile=explore`.
settings.register_profile("repeatable", derandomize=True, max_examples=200, deadline=None)
settings.register_profile("explore", max_examples=2000, deadline=None)
settings.load_profile("repeatable")

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
    """The rule evaluated over the tables, its findings worded as an audit words them."""
    [result] = evaluate([rule], {t.name: t for t in tables}, as_of)
    word_runs([result], Language(language))
    return result


def column(result: FileResult, name: str) -> list[object]:
    """One column of what a reader produced, blanks as None (the first table the file filled)."""
    assert result.frame is not None, result.skipped
    return [None if pd.isna(v) else v for v in result.frame[name].astype(object)]


def outcomes(result: RuleRun) -> list[tuple[str | None, str | None, str]]:
    """(sku, detail, outcome) of each finding, in order."""
    return [(f["entity"].get("sku"), f["detail"], f["outcome"]) for f in result.findings]


DEMO_STORE = REPO / "examples" / "demo-store"


@pytest.fixture
def demo_store() -> Path:
    return DEMO_STORE


@cache
def _demo_result(language: str) -> api.AuditResult:
    return api.audit([DEMO_STORE], api.Options(as_of=AS_OF, language=Language(language)))


def demo_report(language: str = "en") -> dict[str, Any]:
    """The demo store's report as of AS_OF with the default options, audited once per test
    process and language: a dozen modules read that one report, and an audit of the whole
    store takes seconds. Each caller gets its own copy, to change as it likes."""
    return copy.deepcopy(_demo_result(language).report)


def demo_exit_code(language: str = "en") -> int:
    """The exit code of the audit `demo_report` comes from."""
    return _demo_result(language).exit_code


@pytest.fixture(autouse=True, scope="session")
def _every_report_validates() -> Any:
    """Every report any test produces (library, CLI, rule cases) validates against the
    checked-in schema, docs/report.schema.json (tests/test_docs.py keeps it current)."""
    import json

    import jsonschema

    schema = json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    original = api.audit_tables

    def validated(*args: Any, **kwargs: Any) -> api.AuditResult:
        result = original(*args, **kwargs)
        validator.validate(result.report)
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(api, "audit_tables", validated)
        yield


@dataclass(frozen=True)
class Case:
    """A bundled rule seen on real input: it fires on the record built to break it and
    stays quiet on a clean one.

    `inputs` are paths under tests/data, audited together as a seller's folder would
    be; `broken` and `clean` pick a record by the fields of its findings (entity,
    evidence and detail, e.g. {"sku": "BAD-TITLE"} or {"marketplace": "US",
    "metric": "late_shipment_rate", "window_days": 10}).
    """

    rule_id: str
    inputs: tuple[str, ...]
    broken: dict[str, Any]
    clean: dict[str, Any]
    outcome: str = "fail"
    marketplace: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: An auditor.yaml under tests/data to audit with (the seller's own facts), if any.
    config: str | None = None

    def __str__(self) -> str:
        return self.rule_id


def cases_on(inputs: tuple[str, ...], marketplace: str | None = None) -> Callable[..., Case]:
    """A pack's `case(rule_id, broken, clean, outcome="fail")` over its fixtures."""

    def case(
        rule_id: str, broken: dict[str, Any], clean: dict[str, Any], outcome: str = "fail"
    ) -> Case:
        return Case(
            rule_id, inputs=inputs, broken=broken, clean=clean, outcome=outcome,
            marketplace=marketplace,
        )  # fmt: skip

    return case


@cache
def _audit_report(
    inputs: tuple[str, ...], marketplace: str | None, config: str | None = None
) -> dict[str, Any]:
    """The full audit of some fixtures with every bundled rule, once per set of inputs."""
    options = api.Options.resolve(DATA / config if config else None, marketplace=marketplace)
    options.as_of = AS_OF
    return api.audit([DATA / i for i in inputs], options).report


def _matches(finding: dict[str, Any], wanted: dict[str, Any]) -> bool:
    seen = {**finding["entity"], **finding["evidence"], "detail": finding["detail"]}
    return all(seen.get(k) == v for k, v in wanted.items())


def check_case(case: Case) -> None:
    """Assert the rule fires on the broken record and passes the clean one."""
    report = _audit_report(case.inputs, case.marketplace, case.config)
    findings = [f for f in report["findings"] if f["rule_id"] == case.rule_id]
    on_broken = [f["outcome"] for f in findings if _matches(f, case.broken)]
    assert case.outcome in on_broken, (
        f"{case.rule_id} did not give {case.outcome} on {case.broken}: "
        f"it gave {on_broken or 'nothing'}; all its findings: "
        f"{[(f['entity'], f['detail'], f['outcome']) for f in findings]}"
    )
    on_clean = [(f["outcome"], f["message"]) for f in findings if _matches(f, case.clean)]
    assert not on_clean, f"{case.rule_id} fired on the clean record {case.clean}: {on_clean}"
    [tally] = [r for r in report["summary"]["rules"] if r["rule_id"] == case.rule_id]
    assert tally["outcomes"]["pass"] >= 1, f"{case.rule_id} passed nothing: {tally}"
    problems = [i for i in report["run"]["inputs"] if i.get("skipped") or i.get("rejected")]
    assert not problems, f"fixtures not fully read: {problems}"


def bundled_rule_ids(pack: str) -> set[str]:
    """The ids of a bundled pack's rules, to check every one has a Case."""
    from auditor.packs.loader import load_packs
    from auditor.resources import rules_dir

    [loaded] = [p for p in load_packs([rules_dir()]) if p.pack.name == pack]
    return {r.id for r in loaded.pack.rules}
