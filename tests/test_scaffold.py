"""`auditor init`'s files: registers with a header row only, and notes whose examples read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.ingest.files import NOT_AN_INPUT
from auditor.ingest.read import read_file
from auditor.model.tables import TABLES
from auditor.scaffold import EXAMPLES, REGISTERS, scaffold_files


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
