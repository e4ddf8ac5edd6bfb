"""`auditor init`'s files: registers with a header row only, and notes whose examples read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from auditor.fetch.profiles import sp_api_access, store_profile
from auditor.ingest.files import NOT_AN_INPUT
from auditor.ingest.read import read_file
from auditor.model.config import Config
from auditor.model.credentials import variable_of
from auditor.model.tables import TABLES
from auditor.scaffold import EXAMPLES, REGISTERS, config_text, scaffold_files


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_example_rows_of_the_notes_are_rows_the_registers_read(language, tmp_path: Path):
    """Each register's example block in registers.md, saved as that register, reads with
    every row used: a seller who copies an example gets what the notes describe."""
    files = scaffold_files(language)
    notes = files["registers.md"]
    assert notes.startswith(NOT_AN_INPUT + "\n")
    blocks = re.findall(r"## (\w+)\.csv.*?```csv\n(.*?)```", notes, flags=re.S)
    assert [table for table, _ in blocks] == list(REGISTERS)
    for table, block in blocks:
        assert block.splitlines()[0] + "\n" == files[f"{table}.csv"]  # same header as the register
        path = tmp_path / f"{table}.csv"
        path.write_text(block, encoding="utf-8")
        result = read_file(path, path.name, "US")
        assert [p.table for p in result.parts] == [table], result.skipped
        assert result.rejected == [] and result.unmapped == []
        assert len(result.parts[0].frame) == len(EXAMPLES[table])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_notes_explain_every_column_of_every_register(language):
    notes = scaffold_files(language)["registers.md"]
    for table in REGISTERS:
        section = notes.split(f"## {table}.csv", 1)[1].split("\n## ", 1)[0]
        for column in TABLES[table].columns:
            assert f"`{column}`" in section, (table, column)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_config_shows_a_store_profile_that_works_once_uncommented(language):
    """The scaffolded auditor.yaml loads with no variable set (the example is commented
    out); uncommented, the example is a valid profile whose credentials the environment
    supplies."""
    text = config_text(language)
    assert Config.model_validate(yaml.safe_load(text)).stores == {}

    lines = text.splitlines()
    start = lines.index("# stores:")
    block = []
    for line in lines[start:]:
        if not line.startswith("# "):
            break
        block.append(line[2:])
    config = Config.model_validate(yaml.safe_load("\n".join(block)))

    profile = store_profile(config, "acme-eu")
    assert profile.marketplaces == ["DE", "FR", "UK"]
    environ = {
        variable_of(reference): f"value-of-{key}"
        for key, reference in profile.store.sp_api.references().items()
    }
    assert sp_api_access(profile, environ).client_secret == "value-of-client_secret"
    assert profile.seller is not None and profile.seller.country == "CN"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_config_shows_the_sellers_account_facts_valid_once_uncommented(language):
    """The seller: example, the account's own facts included (rules/account.yaml), is a
    valid section as soon as its comment marks are taken off."""
    lines = config_text(language).splitlines()
    start = lines.index("# seller:")
    block = []
    for line in lines[start:]:
        if not line.startswith("# "):
            break
        block.append(line[2:])
    seller = Config.model_validate(yaml.safe_load("\n".join(block))).seller

    assert seller is not None and seller.vat == {"DE": "DE123456789", "UK": "GB123456789"}
    assert seller.inform_certified_on is not None and seller.fba_countries == ["DE", "UK"]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_config_shows_alert_targets_usable_once_uncommented(language):
    """The notify: example: email and a DingTalk robot, their secrets as references, which
    the alerts accept once the variables are set."""
    from auditor.alerts import check_targets
    from auditor.alerts.targets import variables

    lines = config_text(language).splitlines()
    start = lines.index("# notify:")
    block = []
    for line in lines[start:]:
        if not line.startswith("# "):
            break
        block.append(line[2:])
    targets = Config.model_validate(yaml.safe_load("\n".join(block))).notify

    assert [t.min_severity for t in targets] == ["high", "low"]
    environ = {name: "b3f2a1c4d5e6f7a8" for t in targets for name in variables(t.url)}
    assert sorted(environ) == ["DINGTALK_TOKEN", "SMTP_PASSWORD"]
    check_targets(targets, environ)
