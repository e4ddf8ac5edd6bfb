"""How reports and history name the inputs: from the folder named on the command line,
whichever way its path was written, so one store's audits line up in history."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from auditor.api import Options, audit
from auditor.cli import main
from auditor.ingest.files import input_files, shown_names

STORE = REPO / "examples" / "demo-store"
AS_OF = "2026-11-27"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo store's account and listing files copied to `<tmp>/agency/big`, audited
    from `<tmp>/agency` (the other folders add time, not paths to spell)."""
    rest = ("advertising", "customer", "images", "inventory", "pricing", "product-types", "sales")
    copy = Path(
        shutil.copytree(STORE, tmp_path / "agency" / "big", ignore=shutil.ignore_patterns(*rest))
    )
    monkeypatch.chdir(copy.parent)
    return copy


def spellings(store: Path) -> list[Path]:
    """One folder, written five ways: relative, with `./`, absolute, through `..`, and
    through a link to its parent folder."""
    link = store.parent.parent / "current"
    link.symlink_to(store.parent, target_is_directory=True)
    return [
        Path("big"),
        Path("./big"),
        store,
        Path("../agency/big"),
        link / "big",
    ]


def test_inputs_are_named_from_the_folder_named_however_it_is_written(store: Path):
    for path in spellings(store):
        names = [display for _, display, _ in input_files([path])]
        assert names[:3] == [
            "big/README.md",
            "big/account-health/GET_V2_SELLER_PERFORMANCE_REPORT.json",
            "big/account-health/account-health-page.csv",
        ], path


def test_a_file_named_on_the_command_line_is_named_by_its_name(store: Path):
    products = store / "products.csv"
    for path in (products, Path("big/products.csv"), Path("./big/../big/products.csv")):
        [(_, display, _)] = input_files([path])
        assert display == "products.csv"


def test_two_inputs_of_the_same_name_keep_the_folders_that_tell_them_apart(tmp_path: Path):
    for market in ("us", "de"):
        (tmp_path / market).mkdir()
        (tmp_path / market / "products.csv").write_text("sku,category\nVX-1,toys\n")

    paths = [tmp_path / "us" / "products.csv", tmp_path / "de" / "products.csv"]

    assert shown_names(paths) == ["us/products.csv", "de/products.csv"]
    # The same file named twice is one input, with one name.
    assert shown_names([paths[0], paths[0]]) == ["products.csv", "products.csv"]


def test_the_report_and_run_id_do_not_depend_on_how_the_path_was_written(store: Path):
    reports = [
        audit([path], Options(as_of=dt.date(2026, 11, 27))).report for path in spellings(store)
    ]

    assert len({json.dumps(r, sort_keys=True) for r in reports}) == 1
    inputs = [i["path"] for i in reports[0]["run"]["inputs"]]
    assert all(path.startswith("big/") for path in inputs)
    assert not any(str(store.parent) in json.dumps(r) for r in reports)


def test_history_records_one_run_for_the_folder_however_it_is_written(store: Path):
    history = store.parent / "history.sqlite"
    runner = CliRunner()
    ids = set()
    for path in spellings(store):
        result = runner.invoke(
            main,
            ["audit", str(path), "--as-of", AS_OF, "--history", str(history), "--format", "json"],
            catch_exceptions=False,
        )
        assert result.exit_code == 1, result.output
        ids.add(json.loads(result.stdout)["run"]["id"])

    listed = runner.invoke(main, ["history", "list", "--history", str(history), "--format", "json"])
    runs = json.loads(listed.stdout)
    assert len(ids) == 1 and [run["run_id"] for run in runs] == list(ids)
    assert os.path.islink(store.parent.parent / "current")
