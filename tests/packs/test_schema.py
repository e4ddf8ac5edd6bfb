"""The published JSON Schemas: valid Draft 2020-12, and true to the packs and files they describe."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import conftest
import jsonschema
import pytest
import yaml

from auditor.engine.registry import check_kinds
from auditor.model.tables import TABLES
from auditor.packs.schema import DIALECT, schemas
from auditor.resources import rules_dir

BUNDLED_PACKS = sorted(rules_dir().glob("*.yaml"))


def as_json_data(value: Any) -> Any:
    """What an editor's YAML 1.2 / JSON tooling sees: dates are text, as the author wrote them."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schemas()[kind], format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_there_is_a_schema_for_rules_report_config_and_every_table() -> None:
    assert set(schemas()) == {"rules", "report", "config", *TABLES}


@pytest.mark.parametrize("kind", sorted(schemas()))
def test_every_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = schemas()[kind]

    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECT
    assert schema["title"]
    assert schema["type"] == "object"


def test_the_rules_schema_knows_every_check_kind() -> None:
    schema = schemas()["rules"]

    assert schema["$defs"]["CheckParams"]["properties"]["kind"]["enum"] == sorted(check_kinds())
    for kind in check_kinds():
        assert f"check.{kind}" in schema["$defs"]


@pytest.mark.parametrize("pack", BUNDLED_PACKS, ids=lambda p: p.name)
def test_the_bundled_packs_validate_against_the_rules_schema(pack: Path) -> None:
    data = as_json_data(yaml.safe_load(pack.read_text(encoding="utf-8")))

    errors = [e.message for e in validator("rules").iter_errors(data)]

    assert errors == []
    assert data["rules"]


def test_the_rules_schema_rejects_what_the_loader_rejects() -> None:
    data = as_json_data(yaml.safe_load((rules_dir() / "health.yaml").read_text(encoding="utf-8")))
    rule = data["rules"][0]
    rule["severity"] = "severe"
    rule["check"]["kind"] = "lenght"
    rule["colour"] = "red"

    messages = " ".join(e.message for e in validator("rules").iter_errors(data))

    assert "'severe'" in messages
    assert "'colour'" in messages


def test_the_rules_schema_checks_the_parameters_of_the_chosen_kind() -> None:
    data = as_json_data(yaml.safe_load((rules_dir() / "listing.yaml").read_text(encoding="utf-8")))
    data["rules"][0]["check"] = {"kind": "length", "fields": "title", "fail": {"gt": 200}, "max": 3}

    errors = list(validator("rules").iter_errors(data))

    assert errors
    assert any("max" in e.message for e in errors) or any(
        "max" in c.message for e in errors for c in e.context
    )


def test_the_config_schema_accepts_a_real_config_and_rejects_a_typo() -> None:
    config = {
        "fail_on": "medium",
        "language": "zh",
        "default_marketplace": "DE",
        "select": ["LST-", "HLT-001"],
        "disable": ["LST-002"],
        "overrides": {"HLT-001": {"severity": "high", "check": {"fail": {"ge": 0.008}}}},
    }

    assert list(validator("config").iter_errors(config)) == []
    [error] = validator("config").iter_errors({"fial_on": "medium"})
    assert "fial_on" in error.message


def test_a_table_schema_describes_a_listing_row() -> None:
    row = {"sku": "0001-BT", "asin": "B0C7HJ2K4M", "marketplace": "US", "price": 24.99}
    listings = validator("listings")

    assert list(listings.iter_errors(row)) == []
    assert list(listings.iter_errors({**row, "marketplace": "XX"}))
    assert list(listings.iter_errors({"asin": "B0C7HJ2K4M"}))  # sku is required
    assert schemas()["listings"]["description"] == TABLES["listings"].doc


def test_a_table_schema_lists_its_vocabulary() -> None:
    documents = validator("documents")

    assert list(documents.iter_errors({"document_type": "epr_de_packaging"})) == []
    assert list(documents.iter_errors({"document_type": "ce_certificate"}))


@pytest.fixture(scope="module")
def demo_report() -> dict[str, Any]:
    """The demo store's report (audited once per process, see conftest), as JSON data."""
    return json.loads(json.dumps(conftest.demo_report(), default=str))


def test_a_real_audit_report_validates_against_the_report_schema(
    demo_report: dict[str, Any],
) -> None:
    report = copy.deepcopy(demo_report)

    errors = [e.message for e in validator("report").iter_errors(report)]

    assert errors == []
    assert report["findings"]


def test_the_report_schema_rejects_a_report_missing_its_findings(
    demo_report: dict[str, Any],
) -> None:
    report = copy.deepcopy(demo_report)
    del report["findings"]

    assert list(validator("report").iter_errors(report))


def test_a_table_schema_gives_each_column_its_chinese_header() -> None:
    products = schemas()["products"]["properties"]
    assert products["contains_batteries"]["x-label-zh"] == "是否含电池"
    assert products["country_of_origin"]["x-label-zh"] == "原产国"
    documents = schemas()["documents"]["properties"]
    assert documents["identifier"]["x-label-zh"] == "证书编号/注册号"
    assert all("x-label-zh" in prop for prop in documents.values())
