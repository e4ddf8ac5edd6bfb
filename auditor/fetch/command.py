"""`auditor fetch --store NAME`: a store's reports into a folder, with its manifest.

Reads the store profile, its credentials from the environment, fetches the Selling
Partner API's reports and listings (batch.py) and, when asked and configured, the Ads
API's search term report (ads_api.py), then writes the folder's manifest. What the
user must fix (an unknown store, a missing variable, a refused token) raises
AuditorError (exit 2); a report that fails is recorded as failed and the others are
written (exit 3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import AuditorError
from auditor.fetch.access import redact
from auditor.fetch.batch import NAMES
from auditor.fetch.manifest import ads_entry, entry, write_manifest
from auditor.fetch.patience import Patience
from auditor.fetch.profiles import StoreProfile, ads_api_access, sp_api_access, store_profile
from auditor.model.common import normalise_marketplace
from auditor.model.config import Config
from auditor.model.manifest import FetchedFile

#: The Ads API's report, beside the Selling Partner API's NAMES.
SEARCH_TERMS = "search-terms"
#: Every name `--reports` takes.
ALL_NAMES: tuple[str, ...] = (*NAMES, SEARCH_TERMS)
#: Exit codes (README, "Exit codes"): every report arrived or had no data; some failed.
EXIT_FETCHED, EXIT_PARTIAL = 0, 3
#: The search term report's window by default: the last 30 days to yesterday.
SEARCH_TERM_DAYS = 30


@dataclass(frozen=True)
class FetchRun:
    """What one `auditor fetch` did: the store, the folder and a record per report."""

    profile: StoreProfile
    folder: Path
    records: list[FetchedFile]

    @property
    def failed(self) -> list[FetchedFile]:
        return [r for r in self.records if r.status == "failed"]

    @property
    def exit_code(self) -> int:
        return EXIT_PARTIAL if self.failed else EXIT_FETCHED


def default_folder(store: str, today: dt.date) -> Path:
    """Where a store's fetch goes without `-o`: auditor-data/<store>/<date>/."""
    return Path("auditor-data") / store / today.isoformat()


def fetch_store(
    config: Config,
    store: str,
    *,
    names: list[str] | None = None,
    marketplaces: list[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    folder: Path | None = None,
    today: dt.date | None = None,
    environ: Mapping[str, str] | None = None,
    patience: Patience | None = None,
    product_types: list[str] | None = None,
    locale: str = "DEFAULT",
) -> FetchRun:
    """Fetch `names` (default: every report, the search terms when the store has an
    `ads_api:` section) for `marketplaces` (default: the profile's) into `folder`;
    `product_types` are fetched beside those of the seller's listings. `patience` bounds
    the waits of both APIs; None gives each its defaults (`Patience()` for the SP-API,
    `ADS_PATIENCE` for the Ads API, whose reports take longer)."""
    profile = store_profile(config, store)
    day = today or dt.datetime.now(dt.UTC).date()
    wanted = _names(names, profile)
    places = _marketplaces(marketplaces, profile)
    target = folder or default_folder(profile.name, day)
    records: list[FetchedFile] = []
    secrets: tuple[str, ...] = ()
    sp_names = [n for n in wanted if n != SEARCH_TERMS]
    if sp_names:
        from auditor.fetch.batch import fetch_reports

        access = sp_api_access(profile, environ)
        secrets += access.secrets()
        fetched = fetch_reports(
            access, profile.seller_id, places, sp_names, since, until, target,
            patience=patience, today=day, product_type_names=product_types or (), locale=locale,
        )  # fmt: skip
        records += [entry(r) for r in fetched]
    if SEARCH_TERMS in wanted:
        from auditor.fetch.ads_api import fetch_search_terms

        ads = ads_api_access(profile, environ)
        secrets += ads.secrets()
        last = until or day - dt.timedelta(days=1)
        first = since or last - dt.timedelta(days=SEARCH_TERM_DAYS - 1)
        report = fetch_search_terms(ads, first, last, target, patience=patience)
        records.append(ads_entry(report, _ads_marketplace(profile)))
    records = [_redacted(r, secrets) for r in records]
    write_manifest(target, profile, records)
    return FetchRun(profile, target, records)


def _names(names: list[str] | None, profile: StoreProfile) -> list[str]:
    if not names:
        has_ads = profile.store.ads_api is not None
        return [n for n in ALL_NAMES if n != SEARCH_TERMS or has_ads]
    unknown = [n for n in names if n not in ALL_NAMES]
    if unknown:
        raise AuditorError(
            f"unknown report name(s) {', '.join(unknown)}; --reports takes: {', '.join(ALL_NAMES)}"
        )
    return list(dict.fromkeys(names))


def _marketplaces(given: list[str] | None, profile: StoreProfile) -> list[str]:
    """The marketplaces asked for, each one of the profile's (it was authorised for those)."""
    if not given:
        return profile.marketplaces
    chosen = []
    for code in given:
        country = normalise_marketplace(code)
        if country not in profile.marketplaces:
            raise AuditorError(
                f"store {profile.name!r} has no marketplace {code!r}; its marketplaces: "
                f"{', '.join(profile.marketplaces)}"
            )
        chosen.append(country)
    return list(dict.fromkeys(chosen))


def _ads_marketplace(profile: StoreProfile) -> str | None:
    """The advertising profile's marketplace: as configured, else the store's only one."""
    ads = profile.store.ads_api
    if ads is not None and ads.marketplace:
        return normalise_marketplace(ads.marketplace)
    return profile.marketplaces[0] if len(profile.marketplaces) == 1 else None


def _redacted(record: FetchedFile, secrets: tuple[str, ...]) -> FetchedFile:
    """A record whose error text cannot carry a secret (the last guard before the file)."""
    if record.error is None:
        return record
    return record.model_copy(update={"error": redact(record.error, secrets)})
