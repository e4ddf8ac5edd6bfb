"""A fleet of generated stores, and a Dask cluster started as an operator would start one.

Each store is a folder as a seller downloads it: an All Listings Report and a seller
performance report, the titles varied per store so that no two stores score alike.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA

LISTINGS = DATA / "amazon" / "all-listings" / "All+Listings+Report+11-27-2026.txt"
PERFORMANCE = DATA / "amazon" / "seller-performance" / "seller-performance-us-de-uk.json"


def make_store(folder: Path, overlong_titles: int) -> Path:
    """A store's downloads, with `overlong_titles` of its titles past 200 characters."""
    folder.mkdir(parents=True)
    lines = LISTINGS.read_text(encoding="utf-8").splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    for index in range(min(overlong_titles, len(rows))):
        title, rest = rows[index].split("\t", 1)
        rows[index] = f"{title} {'Extra Long Keyword Stuffing ' * 8}".strip() + "\t" + rest
    (folder / LISTINGS.name).write_text(header + "".join(rows), encoding="utf-8")
    (folder / PERFORMANCE.name).write_bytes(PERFORMANCE.read_bytes())
    return folder


def write_fleet(folder: Path, stores: dict[str, list[str]], extra: str = "") -> Path:
    """FLEET.yaml naming each store's inputs (relative to the file), marketplace US."""
    lines = ["stores:"]
    for name, inputs in stores.items():
        lines += [f"  - name: {name}", f"    inputs: {inputs}", "    marketplace: US"]
    path = folder / "FLEET.yaml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


@pytest.fixture
def fleet_dir(tmp_path: Path) -> Path:
    """Three stores that audit, each differently."""
    for index, name in enumerate(["acme-us", "bolt-us", "cedar-us"]):
        make_store(tmp_path / "data" / name, overlong_titles=index)
    return tmp_path


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dask scheduler` and two `dask worker`s on 127.0.0.1, as an operator starts them."""
    folder = tmp_path_factory.mktemp("dask")
    address_file = folder / "scheduler.json"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    cli = [sys.executable, "-m", "distributed.cli"]
    processes = [
        subprocess.Popen(
            [*cli[:2], "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--scheduler-file", str(address_file)],
            env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    ]  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        for _ in range(2):
            processes.append(
                subprocess.Popen(
                    [*cli[:2], "distributed.cli.dask_worker", "--scheduler-file",
                     str(address_file), "--nthreads", "1", "--no-dashboard", "--no-nanny",
                     "--host", "127.0.0.1"],
                    env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
            )  # fmt: skip
        import json

        yield json.loads(address_file.read_text())["address"]
    finally:
        for process in reversed(processes):  # nothing of theirs is kept: no need to wait
            process.kill()
        for process in processes:
            process.wait(timeout=10)


# The stand-in SP-API of the fetch tests, for a store the fleet fetches first.
from tests.fetch.conftest import sp_api_standin  # noqa: E402, F401


@pytest.fixture
def webhook(httpserver: Any) -> Iterator[Any]:
    """A local JSON webhook (pytest-httpserver) taking alerts, as in the alert tests."""
    from tests.alerts.conftest import serve_hooks

    yield from serve_hooks(httpserver)


@pytest.fixture(scope="module")
def smtp() -> Iterator[Any]:
    """A local SMTP server (aiosmtpd) taking alerts, as in the alert tests."""
    from tests.alerts.conftest import serve_mail

    yield from serve_mail()
