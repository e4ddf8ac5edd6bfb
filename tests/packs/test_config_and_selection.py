"""Options: flags over auditor.yaml over defaults; which rules run, and with what overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run, table

from auditor.api import Options, load_rules
from auditor.errors import AuditorError
from auditor.model.common import Language, Severity
from auditor.model.config import RuleOverride
from auditor.model.rules import LoadedPack
from auditor.packs.loader import load_packs
from auditor.packs.selection import select_rules
from auditor.resources import rules_dir

SELLER_CONFIG = """\
# auditor.yaml of a seller selling in the UK and the EU
default_marketplace: GB
language: zh
fail_on: medium
strict: true
select: [LST-, HLT-001]
disable: [LST-002]
overrides:
  HLT-001:
    severity: high
    check: {fail: {ge: 0.008}}
"""


def write_config(folder: Path, text: str, name: str = "auditor.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def rule_ids(options: Options) -> list[str]:
    return [p.rule.id for p in load_rules(options)[1]]


@pytest.fixture(scope="module")
def bundled() -> list[LoadedPack]:
    return load_packs([rules_dir()])


# --- precedence ------------------------------------------------------------------------


def test_defaults_without_any_config(tmp_path: Path) -> None:
    options = Options.resolve(cwd=tmp_path)

    assert options.config_path is None
    assert options.fail_on is Severity.high
    assert options.language is Language.en
    assert options.marketplace is None
    assert options.strict is False
    assert options.select == [] and options.ignore == []


def test_auditor_yaml_in_the_working_folder_wins_over_defaults(tmp_path: Path) -> None:
    path = write_config(tmp_path, SELLER_CONFIG)

    options = Options.resolve(cwd=tmp_path)

    assert options.config_path == path
    assert options.fail_on is Severity.medium
    assert options.language is Language.zh
    assert options.marketplace == "UK"  # GB is what sellers write; Amazon says UK
    assert options.strict is True
    assert options.select == ["LST-", "HLT-001"]
    assert options.ignore == ["LST-002"]


def test_flags_win_over_auditor_yaml(tmp_path: Path) -> None:
    write_config(tmp_path, SELLER_CONFIG)

    options = Options.resolve(
        cwd=tmp_path,
        fail_on="critical",
        language="en",
        marketplace="ATVPDKIKX0DER",
        strict=False,
        select=["HLT-"],
        ignore=["HLT-006"],
    )

    assert options.fail_on is Severity.critical
    assert options.language is Language.en
    assert options.marketplace == "US"
    assert options.strict is False
    assert options.select == ["HLT-"]
    assert options.ignore == ["LST-002", "HLT-006"]  # disable and --ignore add up


def test_an_explicit_config_path_wins_over_the_one_in_the_working_folder(tmp_path: Path) -> None:
    write_config(tmp_path, "fail_on: low\n")
    (tmp_path / "ci").mkdir()
    explicit = write_config(tmp_path / "ci", "fail_on: critical\n", name="audit-ci.yaml")

    options = Options.resolve(explicit, cwd=tmp_path)

    assert options.config_path == explicit
    assert options.fail_on is Severity.critical


def test_rule_dirs_are_relative_to_the_config_file(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    path = write_config(project, "rule_dirs: [our-rules]\n")

    options = Options.resolve(path, cwd=tmp_path)

    assert options.rule_dirs == [project / "our-rules"]


def test_a_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(AuditorError) as caught:
        Options.resolve(tmp_path / "auditor-prod.yaml", cwd=tmp_path)

    assert "auditor-prod.yaml" in str(caught.value)
    assert "not found" in str(caught.value)


def test_an_unknown_key_in_the_config_is_located(tmp_path: Path) -> None:
    path = write_config(tmp_path, "fail_on: high\nlanguage: en\nfial_on: low\n")

    with pytest.raises(AuditorError) as caught:
        Options.resolve(cwd=tmp_path)

    [problem] = caught.value.problems
    assert (problem.file, problem.line) == (path.as_posix(), 3)
    assert "fial_on" in problem.message
    assert "Traceback" not in str(caught.value)


def test_a_bad_value_in_the_config_is_located(tmp_path: Path) -> None:
    path = write_config(tmp_path, "overrides:\n  HLT-001:\n    severity: severe\n")

    with pytest.raises(AuditorError) as caught:
        Options.resolve(path)

    [problem] = caught.value.problems
    assert problem.line == 3
    assert "overrides.HLT-001.severity" in problem.message


def test_a_config_that_is_not_yaml_is_located(tmp_path: Path) -> None:
    path = write_config(tmp_path, "fail_on: high\nselect: [LST-\n")

    with pytest.raises(AuditorError) as caught:
        Options.resolve(path)

    [problem] = caught.value.problems
    assert problem.file == path.as_posix()
    assert problem.line is not None
    assert "not valid YAML" in problem.message


def test_an_unknown_default_marketplace_is_an_error(tmp_path: Path) -> None:
    write_config(tmp_path, "default_marketplace: EU\n")

    with pytest.raises(AuditorError, match="'EU'"):
        Options.resolve(cwd=tmp_path)


# --- overrides -------------------------------------------------------------------------


def test_an_override_changes_severity_and_threshold(tmp_path: Path) -> None:
    write_config(tmp_path, SELLER_CONFIG)

    [hlt001] = [p for p in load_rules(Options.resolve(cwd=tmp_path))[1] if p.rule.id == "HLT-001"]

    assert hlt001.rule.severity is Severity.high
    assert hlt001.rule.check.fail.ge == 0.008
    assert hlt001.rule.check.warn.ge == 0.0075  # untouched parts stay
    assert hlt001.rule.check.metric == "order_defect_rate"


def test_an_overridden_threshold_changes_the_outcome(tmp_path: Path) -> None:
    write_config(tmp_path, SELLER_CONFIG)
    odr = table(
        "account_metrics",
        {"metric": "order_defect_rate", "channel": "mfn", "value": "0.85%", "window_days": 60},
    )
    stock = next(p for p in load_rules(Options())[1] if p.rule.id == "HLT-001")
    tightened = next(
        p for p in load_rules(Options.resolve(cwd=tmp_path))[1] if p.rule.id == "HLT-001"
    )

    assert run(stock, odr).counts["warn"] == 1
    assert run(tightened, odr).counts["fail"] == 1


def test_an_invalid_override_is_an_error_naming_the_rule(tmp_path: Path) -> None:
    path = write_config(
        tmp_path, "overrides:\n  HLT-001:\n    check: {fail: {ge: 0.008, le: 0.5}}\n"
    )

    with pytest.raises(AuditorError) as caught:
        load_rules(Options.resolve(path))

    assert caught.value.problems
    assert all(p.rule_id == "HLT-001" for p in caught.value.problems)
    assert any("exactly one of gt, ge, lt, le" in p.message for p in caught.value.problems)
    assert all(p.file == str(path) for p in caught.value.problems)


def test_an_override_with_an_unknown_parameter_is_an_error(tmp_path: Path) -> None:
    path = write_config(tmp_path, "overrides:\n  LST-001:\n    check: {maximum: 150}\n")

    with pytest.raises(AuditorError) as caught:
        load_rules(Options.resolve(path))

    assert [p.rule_id for p in caught.value.problems] == ["LST-001"]
    assert "LST-001" in str(caught.value)


def test_an_invalid_override_names_the_parameter_at_fault(tmp_path: Path) -> None:
    path = write_config(tmp_path, "overrides:\n  LST-001:\n    check: {maximum: 150}\n")

    with pytest.raises(AuditorError) as caught:
        load_rules(Options.resolve(path))

    assert "maximum" in str(caught.value)


def test_an_override_with_an_unknown_marketplace_is_an_error(tmp_path: Path) -> None:
    path = write_config(
        tmp_path, "overrides:\n  LST-011:\n    check: {fail: {gt: {default: 249, XX: 199}}}\n"
    )

    with pytest.raises(AuditorError) as caught:
        load_rules(Options.resolve(path))

    assert any("'XX'" in p.message for p in caught.value.problems)


def test_an_override_keyed_by_a_prefix_is_applied_or_rejected(tmp_path: Path) -> None:
    path = write_config(tmp_path, "overrides:\n  HLT-:\n    severity: low\n")

    try:
        rules = load_rules(Options.resolve(path))[1]
    except AuditorError as error:
        assert "HLT-" in str(error)
    else:
        health = [p.rule for p in rules if p.rule.id.startswith("HLT-")]
        assert health and all(r.severity is Severity.low for r in health)


# --- select, ignore, disable -----------------------------------------------------------


def test_disable_in_the_config_removes_the_rule(tmp_path: Path) -> None:
    write_config(tmp_path, "disable: [LST-002, HLT-007]\n")

    ids = rule_ids(Options.resolve(cwd=tmp_path))

    assert "LST-002" not in ids and "HLT-007" not in ids
    assert {"LST-001", "HLT-001"} <= set(ids)


def test_select_keeps_only_the_named_ids_and_prefixes(bundled: list[LoadedPack]) -> None:
    chosen = select_rules(bundled, ["LST-", "HLT-001"], [], {})

    ids = [p.rule.id for p in chosen]
    assert "HLT-001" in ids
    assert any(i.startswith("LST-") for i in ids)
    assert all(i.startswith("LST-") or i == "HLT-001" for i in ids)
    every_listing = [r.id for p in bundled for r in p.pack.rules if r.id.startswith("LST-")]
    assert [i for i in ids if i.startswith("LST-")] == every_listing


def test_ignore_takes_precedence_over_select(bundled: list[LoadedPack]) -> None:
    chosen = select_rules(bundled, ["LST-001", "LST-002"], ["LST-002"], {})

    assert [p.rule.id for p in chosen] == ["LST-001"]


def test_ignore_by_prefix_removes_a_whole_area(bundled: list[LoadedPack]) -> None:
    ids = [p.rule.id for p in select_rules(bundled, [], ["CMP-"], {})]

    assert ids
    assert not any(i.startswith("CMP-") for i in ids)
    assert "LST-001" in ids and "HLT-001" in ids


def test_selected_rules_keep_their_area_and_pack(bundled: list[LoadedPack]) -> None:
    [packed] = select_rules(bundled, ["HLT-003"], [], {})

    assert (packed.rule.id, packed.area.value, packed.pack) == ("HLT-003", "health", "health")


@pytest.mark.parametrize(
    ("select", "ignore", "overrides", "named"),
    [
        (["LST-099"], [], {}, "LST-099"),
        (["XYZ-"], [], {}, "XYZ-"),
        ([], ["HLT-0O1"], {}, "HLT-0O1"),
        ([], [], {"CMP-404": {"severity": "low"}}, "CMP-404"),
        (["LST"], [], {}, "LST"),  # a prefix ends with '-'
    ],
)
def test_an_unknown_id_is_an_error(
    bundled: list[LoadedPack], select: list[str], ignore: list[str], overrides: dict, named: str
) -> None:
    parsed = {k: RuleOverride.model_validate(v) for k, v in overrides.items()}

    with pytest.raises(AuditorError) as caught:
        select_rules(bundled, select, ignore, parsed, origin="auditor.yaml")

    [problem] = caught.value.problems
    assert problem.file == "auditor.yaml"
    assert repr(named) in problem.message


def test_a_typo_in_disable_is_reported_with_the_config_file(tmp_path: Path) -> None:
    path = write_config(tmp_path, "disable: [LST-02]\n")

    with pytest.raises(AuditorError) as caught:
        load_rules(Options.resolve(path))

    [problem] = caught.value.problems
    assert problem.file == str(path)
    assert "'LST-02'" in problem.message
