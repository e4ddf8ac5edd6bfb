"""Which files an audit opens: regular files only, and links only within the folder."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from auditor.ingest import workbooks
from auditor.ingest.assemble import read_inputs
from auditor.ingest.files import LINK_OUT, input_files
from auditor.ingest.read import read_file
from auditor.ingest.workbooks import read_ahead
from tests.ingest.test_workbooks import nothing_read_ahead, workbook  # noqa: F401

STORE = REPO / "examples" / "demo-store"
SECRET = "sku,marketplace,title\nhunter2,US,SECRET=hunter2\n"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def within(seconds: float, work: Callable[[], Any]) -> Any:
    """`work()`, failing the test (not hanging it) when it blocks, as a FIFO would."""
    done: list[Any] = []
    thread = threading.Thread(target=lambda: done.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert done, f"blocked for more than {seconds} s"
    return done[0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A store folder beside a folder of secrets it must not reach."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.csv").write_text(SECRET)
    return Path(shutil.copytree(STORE, tmp_path / "store"))


def reasons(paths: list[Path], follow_links: bool = False) -> dict[str, str | None]:
    return {Path(f.display).name: f.skipped for f in input_files(paths, follow_links)}


def test_a_link_out_of_the_folder_is_listed_not_read(folder: Path):
    (folder / "shared.csv").symlink_to(folder.parent / "outside" / "secret.csv")

    assert reasons([folder])["shared.csv"] == LINK_OUT
    _, files = read_inputs([folder], None)
    (shared,) = [f for f in files if f.path.endswith("shared.csv")]
    assert (shared.skipped, shared.rows_read, shared.parts) == (LINK_OUT, 0, [])


def test_follow_links_reads_a_link_out_of_the_folder(folder: Path):
    (folder / "shared.csv").symlink_to(folder.parent / "outside" / "secret.csv")

    assert reasons([folder], follow_links=True)["shared.csv"] is None
    _, files = read_inputs([folder], None, follow_links=True)
    (shared,) = [f for f in files if f.path.endswith("shared.csv")]
    assert (shared.skipped, shared.rows_read) == (None, 1)
    assert "hunter2" in set(shared.parts[0].frame["sku"])


def test_a_link_within_the_folder_is_read(folder: Path):
    (folder / "again.csv").symlink_to(folder / "products.csv")
    (folder / "relative.csv").symlink_to("products.csv")

    found = reasons([folder])
    assert found["again.csv"] is None and found["relative.csv"] is None


def test_a_link_out_to_the_environment_is_never_read_even_when_following_links(folder: Path):
    (folder / "env.csv").symlink_to("/proc/self/environ")

    assert reasons([folder])["env.csv"] == LINK_OUT
    assert (
        reasons([folder], follow_links=True)["env.csv"] == "a system file under /proc (never read)"
    )


def test_system_files_named_as_arguments_are_not_read():
    found = reasons([Path("/proc/self/environ"), Path("/dev/null")])

    assert found == {
        "environ": "a system file under /proc (never read)",
        "null": "not a regular file (a character device)",
    }
    assert read_file(Path("/proc/self/environ"), "environ", None).skipped == (
        "a system file under /proc (never read)"
    )


@needs_fifo
def test_a_fifo_in_a_folder_or_named_is_skipped_without_blocking(folder: Path):
    fifo = folder / "orders.csv"
    os.mkfifo(fifo)

    assert reasons([folder])["orders.csv"] == "not a regular file (a FIFO)"
    assert reasons([fifo])["orders.csv"] == "not a regular file (a FIFO)"
    _, files = within(20, lambda: read_inputs([folder, fifo], None))
    assert [f.skipped for f in files if f.path.endswith("orders.csv")] == [
        "not a regular file (a FIFO)"
    ] * 2
    result = within(20, lambda: read_file(fifo, "orders.csv", None))
    assert result.skipped == "not a regular file (a FIFO)"
    within(20, lambda: read_ahead([fifo, folder]))


def test_a_link_to_a_workbook_out_of_the_folder_is_not_read_ahead(tmp_path: Path):
    (tmp_path / "outside").mkdir()
    book = workbook(tmp_path / "outside" / "book.xlsx", {"Template": [["sku"], ["SECRET"]]})
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "book.xlsx").symlink_to(book)

    read_ahead([tmp_path / "store"])
    assert workbooks._ahead == {}
    read_ahead([tmp_path / "store"], follow_links=True)
    assert list(workbooks._ahead) == [(tmp_path / "store" / "book.xlsx", "Template")]
