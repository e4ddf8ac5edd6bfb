"""FLEET.yaml read into one plan per store: what a worker needs, and nothing it must not see.

A plan is plain data (it travels to a Dask worker, perhaps on another machine): absolute
paths resolved on the client, the audit date fixed once for the whole fleet, the formats
to render. It carries no credential: a store that fetches reads its own from the
worker's environment, as `auditor fetch` does (the configuration holds `${ENV}`
references only), and no alert target: alerts are sent by the client.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from auditor.model.fleet import Fleet, FleetStore
from auditor.packs.yaml_source import load_model


@dataclass(frozen=True)
class StorePlan:
    """One store's audit, as a worker runs it."""

    name: str
    #: The inputs, absolute (relative ones are read from FLEET.yaml's folder).
    inputs: tuple[Path, ...]
    #: The inputs as FLEET.yaml writes them, for messages (no machine's folders in them).
    written: tuple[str, ...]
    #: The store's auditor.yaml, absolute; None: none (the defaults).
    config: Path | None
    as_of: dt.date
    #: Report formats rendered on the worker (json, html, ...).
    formats: tuple[str, ...]
    marketplace: str | None = None
    language: str | None = None
    #: A store profile of `config` fetched first, into `fetch_folder`.
    fetch: str | None = None
    fetch_folder: Path | None = None


def load_fleet(path: Path) -> Fleet:
    """FLEET.yaml validated; a mistake names the file, line and store (exit 2)."""
    return load_model(path, Fleet, "fleet")


def plan_stores(
    fleet: Fleet,
    fleet_file: Path,
    *,
    default_config: Path | None,
    as_of: dt.date,
    formats: tuple[str, ...],
    output: Path,
    language: str | None = None,
) -> list[StorePlan]:
    """A plan per store, in FLEET.yaml's order; its fetched documents go to
    OUTPUT/stores/<name>/fetched/."""
    base = fleet_file.resolve().parent
    return [
        _plan(store, base, default_config, as_of, formats, output.resolve(), language)
        for store in fleet.stores
    ]


def _plan(
    store: FleetStore,
    base: Path,
    default_config: Path | None,
    as_of: dt.date,
    formats: tuple[str, ...],
    output: Path,
    language: str | None,
) -> StorePlan:
    config = (base / store.config) if store.config else default_config
    return StorePlan(
        name=store.name,
        inputs=tuple((base / p).absolute() for p in store.inputs),
        written=tuple(store.inputs),
        config=config.resolve() if config is not None else None,
        as_of=as_of,
        formats=formats,
        marketplace=store.marketplace,
        language=language,
        fetch=store.fetch,
        fetch_folder=store_folder(output, store.name) / "fetched" if store.fetch else None,
    )


def store_folder(output: Path, name: str) -> Path:
    """Where a store's reports (and fetched documents) go: OUTPUT/stores/<name>/."""
    return output / "stores" / name
