"""The seller's listings in one marketplace through the Listings Items API 2021-08-01.

searchListingsItems with `includedData` summaries, attributes, issues and offers, its
`pagination.nextToken` followed page by page (`pageToken`), every page's items gathered
into ONE document per marketplace: a `searchListingsItems` response
(`{"numberOfResults": N, "items": [...]}`), the shape the Listings Items reader
(auditor/ingest/formats/listings_items.py) reads. The items are kept as Amazon sent
them. Amazon pages through at most 1,000 items (its model says so); a larger catalogue
is read whole from the all-listings report.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.fetch.fetched import Asked, Fetched
from auditor.fetch.patience import CallFailed

if TYPE_CHECKING:  # the SDK behind SpApi is loaded only when a fetch runs
    from auditor.fetch.sp_api import SpApi

NAME = "listings-items"
OPERATION = "searchListingsItems"
INCLUDED_DATA = ["summaries", "attributes", "issues", "offers"]
#: The most searchListingsItems returns in a page.
PAGE_SIZE = 20
#: 1,000 items at 20 a page, and a margin: a token that never runs out is an error.
MOST_PAGES = 60


def file_name(marketplace: str) -> str:
    return f"{NAME}-{marketplace}.json"


def fetch_listings(
    api: SpApi,
    seller_id: str,
    marketplace: str,
    marketplace_id: str,
    folder: Path,
    now: Callable[[], datetime],
) -> Fetched:
    """Every page of the seller's listings in one marketplace, written as one document."""
    asked = Asked(NAME, OPERATION, marketplace, marketplace_id, now())
    items: list[Any] = []
    total: int | None = None
    token: str | None = None
    seen: set[str] = set()
    try:
        for _ in range(MOST_PAGES):
            page = api.search_listings_items(
                seller_id, marketplace_id, INCLUDED_DATA, token, PAGE_SIZE
            )
            page_items = page.get("items")
            if not isinstance(page_items, list):
                raise CallFailed(f"{OPERATION} answered a page without items")
            items.extend(page_items)
            if total is None and isinstance(page.get("numberOfResults"), int):
                total = page["numberOfResults"]
            pagination = page.get("pagination")
            token = pagination.get("nextToken") if isinstance(pagination, dict) else None
            if not token:
                break
            if token in seen:
                raise CallFailed(f"{OPERATION} gave the same nextToken twice")
            seen.add(token)
        else:
            raise CallFailed(f"{OPERATION} had more than {MOST_PAGES} pages")
    except CallFailed as failure:
        return asked.failed(failure.message)
    document = {"numberOfResults": total if total is not None else len(items), "items": items}
    content = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    return asked.done(folder / file_name(marketplace), content, now())
