"""searchListingsItems, page after page, into one document the Listings Items reader reads."""

from __future__ import annotations

import json
from datetime import date

from auditor.fetch.batch import fetch_reports
from auditor.ingest.read import read_file
from tests.fetch.documents import listing_item

DE = "A1PA6795UKMFR9"


def test_every_page_goes_into_one_document_per_marketplace(
    sp_api_standin, patience, tmp_path
) -> None:
    sp_api_standin.add_listings("A1EXAMPLESELLER", DE, [listing_item(n) for n in range(1, 46)])
    sp_api_standin.throttle("searchListingsItems", times=1)  # the first page is throttled once

    [fetched] = fetch_reports(
        sp_api_standin.access(), "A1EXAMPLESELLER", ["DE"], ["listings-items"], None, None, tmp_path,
        patience=patience, today=date(2026, 11, 27),
    )  # fmt: skip

    assert (fetched.status, fetched.report_type, fetched.report_id) == (
        "done",
        "searchListingsItems",
        None,
    )
    assert fetched.path == tmp_path / "listings-items-DE.json" and fetched.charset == "utf-8"
    document = json.loads(fetched.path.read_bytes())
    assert document["numberOfResults"] == 45
    assert [item["sku"] for item in document["items"]] == [f"SKU-{n:03d}" for n in range(1, 46)]
    assert document["items"][0] == listing_item(1)  # kept as Amazon sent it
    queries = sp_api_standin.searched
    assert len(queries) == 3 and sp_api_standin.calls["searchListingsItems"] == 4  # one retried
    assert queries[0]["includedData"] == ["summaries,attributes,issues,offers"]
    assert queries[0]["marketplaceIds"] == [DE] and "pageToken" not in queries[0]
    assert queries[-1]["pageToken"] == ["40"]

    read = read_file(fetched.path, fetched.path.name, None)
    assert read.format == "listings-items-api" and read.rows_read == 45


def test_a_seller_without_listings_gets_an_empty_search(sp_api_standin, patience, tmp_path) -> None:
    [fetched] = fetch_reports(
        sp_api_standin.access(), "A1EXAMPLESELLER", ["FR"], ["listings-items"], None, None, tmp_path,
        patience=patience,
    )  # fmt: skip
    assert fetched.status == "done" and fetched.marketplace == "FR"
    assert json.loads(fetched.path.read_bytes()) == {"numberOfResults": 0, "items": []}  # type: ignore[union-attr]
