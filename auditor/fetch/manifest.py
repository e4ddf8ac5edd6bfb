"""Write a fetched folder's manifest (`fetch.json`, auditor.model.manifest).

A fetch into a folder that already has a manifest keeps the entries of the reports it
did not fetch again and replaces those it did (by name and marketplace), so fetching one
report again leaves the rest of the folder described. Written atomically, like every file.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from auditor.fetch.ads_api import AdsFetched
from auditor.fetch.fetched import Fetched
from auditor.fetch.profiles import StoreProfile
from auditor.ingest.manifests import read_manifest
from auditor.model.common import MARKETPLACE_IDS
from auditor.model.manifest import MANIFEST_NAME, FetchedFile, Manifest
from auditor.writing import write_atomically


def write_manifest(
    folder: Path,
    profile: StoreProfile,
    records: list[FetchedFile],
    replaced: frozenset[str] = frozenset(),
) -> Manifest:
    """The folder's manifest with `records` in place of earlier entries of the same
    report and marketplace, and of every earlier entry of a name in `replaced` (a
    preview's documents are all of one run); written to `folder/fetch.json` and returned."""
    earlier = read_manifest(folder / MANIFEST_NAME)
    fresh = {(r.name, r.marketplace) for r in records}
    kept = [] if earlier is None or earlier.store != profile.name else earlier.files
    files = [
        f for f in kept if (f.name, f.marketplace) not in fresh and f.name not in replaced
    ] + records
    manifest = Manifest(
        store=profile.name,
        seller_id=profile.seller_id,
        region=profile.region.value,
        marketplaces=profile.marketplaces,
        files=sorted(files, key=lambda f: (f.marketplace or "", f.name)),
    )
    text = json.dumps(manifest.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    write_atomically(folder / MANIFEST_NAME, text)
    return manifest


def entry(record: Fetched) -> FetchedFile:
    """A Selling Partner API fetch as the manifest records it."""
    return FetchedFile(
        name=record.name,
        report_type=record.report_type,
        marketplace=record.marketplace,
        marketplace_id=record.marketplace_id,
        status=record.status,
        file=record.path.name if record.path else None,
        report_id=record.report_id,
        sha256=record.sha256,
        charset=record.charset,
        data_start=_iso(record.data_start),
        data_end=_iso(record.data_end),
        requested_at=_iso(record.requested_at),
        completed_at=_iso(record.completed_at),
        error=record.error,
    )


def ads_entry(record: AdsFetched, marketplace: str | None) -> FetchedFile:
    """The Ads API's search term report as the manifest records it; `marketplace` is the
    advertising profile's (the document names none)."""
    return FetchedFile(
        name=record.name,
        report_type=record.report_type,
        marketplace=marketplace,
        marketplace_id=MARKETPLACE_IDS.get(marketplace) if marketplace else None,
        status=record.status,
        file=record.path.name if record.path else None,
        report_id=record.report_id,
        sha256=record.sha256,
        charset=record.charset,
        data_start=record.since.isoformat(),
        data_end=record.until.isoformat(),
        requested_at=_iso(record.requested_at),
        completed_at=_iso(record.finished_at),
        error=record.error,
    )


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
