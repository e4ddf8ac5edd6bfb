"""`fetch_reports`: every requested report in every marketplace of one store, into a folder.

The entry point of `auditor fetch`: one access (one region), the token shared by all
calls; every report is requested first, then each is collected, so Amazon makes them
side by side. A refused token stops everything (AuditorError, exit 2); anything else
that goes wrong with one report is that report's `failed` record, and the rest go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from auditor.errors import AuditorError
from auditor.fetch import account, listings, product_types
from auditor.fetch.access import SpApiAccess
from auditor.fetch.fetched import Fetched
from auditor.fetch.patience import Patience
from auditor.fetch.reports import REPORTS, collect, request, window
from auditor.model.common import MARKETPLACE_IDS, normalise_marketplace

#: Every name `names` takes, in the order they are fetched.
NAMES: tuple[str, ...] = (*REPORTS, listings.NAME, product_types.NAME, account.NAME)


def fetch_reports(
    access: SpApiAccess,
    seller_id: str,
    marketplaces: Iterable[str],
    names: Iterable[str],
    since: date | None,
    until: date | None,
    folder: Path,
    *,
    patience: Patience | None = None,
    today: date | None = None,
    now: Callable[[], datetime] | None = None,
    product_type_names: Iterable[str] = (),
    locale: str = product_types.DEFAULT_LOCALE,
) -> list[Fetched]:
    """Fetch `names` (short names of NAMES) for each of `marketplaces` (country codes or
    marketplace ids) into `folder`; one `Fetched` per name and marketplace (the account:
    one in all), in the order of `marketplaces` then `names`.

    `since`/`until` bound the window of the report types that take one (sales-traffic,
    feedback, returns), by default their last 30 or 90 days up to yesterday (`today`,
    UTC, by default). Waits go through `patience.sleep` (a test passes a fake one).
    Product type definitions are fetched after the listings, for the product types of the
    listings and those in `product_type_names`. The account record (`account`) is the
    store's, fetched once, under the first marketplace.
    """
    wanted = list(dict.fromkeys(names))
    unknown = [name for name in wanted if name not in NAMES]
    if unknown:
        raise AuditorError(
            f"unknown report name(s) {', '.join(unknown)}; known: {', '.join(NAMES)}"
        )
    places: list[tuple[str, str]] = []
    for given in marketplaces:
        country = normalise_marketplace(given)
        if country is None:
            raise AuditorError(f"unknown marketplace {given!r}")
        places.append((country, MARKETPLACE_IDS[country]))
    clock = now or (lambda: datetime.now(UTC))
    day = today or clock().date()

    from auditor.fetch.sp_api import SpApi  # the SDK is an optional extra: loaded when used

    api = SpApi(access, patience)
    asked = [
        request(
            api,
            REPORTS[name],
            country,
            marketplace_id,
            window(REPORTS[name], since, until, day),
            clock,
        )
        for country, marketplace_id in places
        for name in wanted
        if name in REPORTS
    ]
    collected = iter([collect(api, one, folder, clock) for one in asked])
    results: list[Fetched] = []
    for index, (country, marketplace_id) in enumerate(places):
        for name in wanted:
            if name == account.NAME:
                if index == 0:  # the account's record, not a marketplace's: once a store
                    results.append(
                        account.fetch_account(api, country, marketplace_id, folder, clock)
                    )
            elif name == listings.NAME:
                results.append(
                    listings.fetch_listings(api, seller_id, country, marketplace_id, folder, clock)
                )
            elif name == product_types.NAME:
                continue  # after the listings, whose product types it fetches
            else:
                results.append(next(collected))
        if product_types.NAME in wanted:
            results += product_types.fetch_product_types(
                api, seller_id, country, marketplace_id, product_type_names, folder, clock,
                locale=locale,
            )  # fmt: skip
    return results
