"""Loading .auditor-suppressions.yaml: entries with their lines, mistakes located at file:line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.errors import AuditorError
from auditor.packs.suppressions import (
    SUPPRESSIONS_NAME,
    find_suppressions,
    load_suppressions,
    suppressions_schema,
)

GOOD = """\
# Accepted findings of the HomeNest store; reviewed every month.
suppressions:
  - rule: CMP-008
    entity: {sku: HN-LAMP-01, marketplace: US}
    detail: uflpa_supply_chain_map
    reason: Supplier map requested from the factory; due before the Q1 buy.
    by: li.wei
    expires: 2027-01-31

  - rule: LST-002
    entity:
      sku: '00123'
      marketplace: de
    reason: "Brand name repeated on purpose: it is the product line."
    by: Anna (brand team)
    expires: 2026-12-31
"""


def write(folder: Path, text: str, name: str = SUPPRESSIONS_NAME) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(AuditorError) as caught:
        load_suppressions(path)
    assert caught.value.summary == "invalid suppressions file"
    return [str(p) for p in caught.value.problems]


def test_entries_load_with_the_line_they_start_on(tmp_path: Path) -> None:
    loaded = load_suppressions(write(tmp_path, GOOD))

    assert loaded.path == (tmp_path / SUPPRESSIONS_NAME).as_posix()
    assert [e.line for e in loaded.entries] == [3, 10]
    first, second = (e.entry for e in loaded.entries)
    assert first.rule == "CMP-008"
    assert first.entity == {"sku": "HN-LAMP-01", "marketplace": "US"}
    assert first.detail == "uflpa_supply_chain_map"
    assert first.expires == dt.date(2027, 1, 31)
    assert second.entity == {"sku": "00123", "marketplace": "de"}
    assert second.detail is None and second.by == "Anna (brand team)"


def test_an_entry_without_expiry_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("    expires: 2026-12-31\n", ""))

    [problem] = problems(path)

    assert problem.startswith(f"{path.as_posix()}:10: suppressions.1.expires: ")
    assert "expiry date" in problem and "reviewed" in problem


def test_a_missing_or_blank_reason_and_a_missing_author_are_refused(tmp_path: Path) -> None:
    text = GOOD.replace("    by: li.wei\n", "").replace(
        'reason: "Brand name repeated on purpose: it is the product line."', 'reason: "  "'
    )
    path = write(tmp_path, text)

    found = problems(path)

    assert found == [
        f"{path.as_posix()}:3: suppressions.0.by: every suppression needs `by`: who accepted it",
        f"{path.as_posix()}:13: suppressions.1.reason: every suppression needs a reason: "
        "why is the finding accepted? (it is empty)",
    ]


def test_unknown_keys_bad_ids_and_empty_entities_are_refused(tmp_path: Path) -> None:
    text = (
        GOOD.replace("    detail: uflpa", "    details: uflpa")
        .replace("rule: LST-002", "rule: lst-2")
        .replace("entity: {sku: HN-LAMP-01, marketplace: US}", "entity: {}")
    )
    path = write(tmp_path, text)

    found = problems(path)

    assert found[0].startswith(f"{path.as_posix()}:4: suppressions.0.entity: ")
    assert found[1].startswith(f"{path.as_posix()}:5: suppressions.0.details: Extra inputs")
    assert found[2].startswith(f"{path.as_posix()}:10: suppressions.1.rule: String should match")
    assert len(found) == 3


def test_a_date_that_is_not_a_date_and_broken_yaml_are_located(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("expires: 2027-01-31", "expires: end of January"))
    [problem] = problems(path)
    assert problem.startswith(f"{path.as_posix()}:8: suppressions.0.expires: ")

    path = write(tmp_path, "suppressions:\n  - rule: [LST-001\n")
    [problem] = problems(path)
    assert problem.startswith(f"{path.as_posix()}:3: not valid YAML")


def test_an_empty_file_suppresses_nothing(tmp_path: Path) -> None:
    assert load_suppressions(write(tmp_path, "# nothing accepted yet\n")).entries == []


def test_the_default_file_sits_beside_the_config_or_in_the_current_folder(
    tmp_path: Path,
) -> None:
    config = tmp_path / "store" / "auditor.yaml"
    config.parent.mkdir()
    config.write_text("language: en\n", encoding="utf-8")
    assert find_suppressions(None, config, tmp_path) is None
    beside = write(config.parent, GOOD)
    write(tmp_path, GOOD)

    assert find_suppressions(None, config, tmp_path) == beside
    assert find_suppressions(None, None, tmp_path) == tmp_path / SUPPRESSIONS_NAME
    explicit = write(tmp_path, GOOD, "waivers.yaml")
    assert find_suppressions(explicit, config, tmp_path) == explicit


def test_an_explicit_file_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(AuditorError, match=r"suppressions file not found: .*nope\.yaml"):
        find_suppressions(tmp_path / "nope.yaml", None, tmp_path)


def test_the_schema_is_printed_and_checks_a_file_as_the_loader_does() -> None:
    result = CliRunner().invoke(main, ["schema", "suppressions"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    assert schema == suppressions_schema()
    validator = jsonschema.Draft202012Validator(schema)
    entry = {
        "rule": "LST-002",
        "entity": {"sku": "00123"},
        "reason": "accepted",
        "by": "li.wei",
        "expires": "2026-12-31",
    }
    assert validator.is_valid({"suppressions": [entry]})
    without_expiry = {k: v for k, v in entry.items() if k != "expires"}
    assert not validator.is_valid({"suppressions": [without_expiry]})
    assert not validator.is_valid({"suppressions": [entry | {"note": "typo"}]})
