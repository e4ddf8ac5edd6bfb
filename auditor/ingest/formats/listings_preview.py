"""Amazon's answers to `putListingsItem`: the issues it would raise on a listing, as `listing_issues`.

The Listings Items API answers a submission (and a `VALIDATION_PREVIEW` of one, which
creates nothing) with a `ListingsItemSubmissionResponse` (listingsItems_2021-08-01): `sku`,
`status` (ACCEPTED, INVALID, or VALID in preview mode), `submissionId`, `issues` and, when
asked for, `identifiers` (`[{marketplaceId, asin}]`). Recognised by shape, never by file name:

* one such response, or a JSON list of them (Amazon's answers saved by hand);
* the preview document `auditor preview` writes (auditor/model/preview.py): Amazon's
  responses for one marketplace, each beside the listing it answers, and the listings
  that were not previewed, with why.

Each issue becomes one `listing_issues` row (the Listings Items reader's mapping of an
`Issue`, shared with it), in the marketplaces the issue names, else the document's
marketplace, else the file's (the fetch manifest, or `--marketplace`); the ASIN is the one
`identifiers` gives for that marketplace. A listing Amazon answered VALID without issues
gives no row: it was checked and is clean. A listing that was not previewed, or answered
INVALID without naming an issue, is a rejected row saying so, so an audit of the answers
never passes over a listing silently. No listings rows come from here: the listing itself
is in the inputs that were previewed.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from auditor.ingest.formats.base import Ambiguous, Extracted, json_matches
from auditor.ingest.formats.listings_items import ISSUE_COLUMNS, KNOWN_KEYS, ItemReader
from auditor.ingest.probe import Probe, repeated_reason
from auditor.ingest.result import Rejected
from auditor.model.common import normalise_marketplace
from auditor.model.preview import PREVIEW_KIND, SUBMISSION_STATUSES

#: Keys of the preview document and of a submission response, named when repeated.
KNOWN = KNOWN_KEYS | {
    "kind",
    "version",
    "operation",
    "mode",
    "issueLocale",
    "listings",
    "source",
    "file",
    "row",
    "sent",
    "response",
    "notPreviewed",
    "submissionId",
    "identifiers",
    "asin",
}


def is_submission(value: Any) -> bool:
    """Whether `value` is a ListingsItemSubmissionResponse (its three required keys)."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("sku"), str)
        and isinstance(value.get("submissionId"), str)
        and value.get("status") in SUBMISSION_STATUSES
    )


def is_preview(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and value.get("kind") == PREVIEW_KIND
        and isinstance(value.get("listings"), list)
    )


def entries_of(data: Any) -> list[Any] | None:
    """The document's entries as preview entries (`{"sku", "response"}` or
    `{"sku", "notPreviewed"}`), or None when `data` is none of the shapes read here."""
    if is_preview(data):
        return list(data["listings"])
    if is_submission(data):
        return [{"sku": data["sku"], "response": data}]
    if isinstance(data, list) and data and all(is_submission(d) for d in data):
        return [{"sku": d["sku"], "response": d} for d in data]
    return None


class ListingsItemsPreview:
    name = "listings-items-preview"

    def recognise(self, probe: Probe) -> bool:
        return json_matches(probe, lambda data: entries_of(data) is not None)

    def extract(self, probe: Probe) -> list[Extracted]:
        data = probe.json
        if "listings" in getattr(data, "repeated", ()):
            raise Ambiguous(
                "the key listings appears more than once: which list is meant is unclear"
            )
        entries = entries_of(data)
        if entries is None:
            raise ValueError("not a putListingsItem response nor a preview document")
        named = data.get("marketplaceId") if isinstance(data, dict) else None
        marketplace = named if isinstance(named, str) and named else None
        issues: list[dict[str, str | None]] = []
        numbers: list[int] = []
        rejected: list[Rejected] = []
        for number, entry in enumerate(entries, start=1):
            found, why = _entry_issues(probe, entry, number, marketplace)
            if why is not None:
                rejected.append(Rejected(number, "sku", why))
            issues.extend(found)
            numbers.extend([number] * len(found))
        raw = pd.DataFrame.from_records(issues, columns=list(ISSUE_COLUMNS)).astype("string")
        return [
            Extracted(
                table="listing_issues",
                raw=raw,
                rows=pd.Series(numbers, dtype="int64"),
                format=self.name,
                rejected=rejected,
                provided=frozenset(ISSUE_COLUMNS),
                marketplace=normalise_marketplace(marketplace) if marketplace else None,
            )
        ]


def _entry_issues(
    probe: Probe, entry: Any, number: int, marketplace: str | None
) -> tuple[list[dict[str, str | None]], str | None]:
    """The issue rows of one entry, and why it is rejected (None when it is not)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("sku"), str):
        return [], f"entry {number} names no sku"
    sku = entry["sku"]
    repeated = probe.repeated_keys(entry)
    if repeated:
        return [], f"{sku}: {repeated_reason(repeated, KNOWN)}"
    if "notPreviewed" in entry:
        return [], f"{sku}: not previewed: {entry['notPreviewed']}{_source(entry)}"
    response = entry.get("response")
    if not is_submission(response) or not isinstance(response, dict):
        return [], f"{sku}: no putListingsItem response{_source(entry)}"
    listed = [i for i in response.get("issues") or [] if isinstance(i, dict)]
    if response["status"] == "INVALID" and not listed:
        return [], f"{sku}: Amazon answered INVALID without naming an issue{_source(entry)}"
    reader = ItemReader({"sku": response["sku"], "issues": listed})
    asins = {
        i.get("marketplaceId"): i.get("asin")
        for i in response.get("identifiers") or []
        if isinstance(i, dict)
    }
    rows = []
    for row in reader.issues():
        where = row["marketplace"] or marketplace
        asin = asins.get(where)
        rows.append(row | {"marketplace": where, "asin": asin if isinstance(asin, str) else None})
    return rows, None


def _source(entry: dict[str, Any]) -> str:
    """` (file row N)`: where the listing came from among the inputs previewed."""
    source = entry.get("source")
    if not isinstance(source, dict) or not isinstance(source.get("file"), str):
        return ""
    row = source.get("row")
    return f" ({source['file']}{f' row {row}' if isinstance(row, int) else ''})"
