"""What one fetch of one report (or listings search) in one marketplace came to."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from auditor.writing import write_atomically

#: done: the document is written at `path`. cancelled: Amazon made no report, which it
#: does when there is no data for the window (not an error; nothing written).
#: failed: the report could not be had; `error` says why (the other reports go on).
Status = Literal["done", "cancelled", "failed"]


@dataclass(frozen=True)
class Fetched:
    """The record of one report type (or the listings search) in one marketplace.

    * `name`: the short name (`performance`, `all-listings`, `listings-items`, ...).
    * `report_type`: Amazon's report type (`GET_V2_SELLER_PERFORMANCE_REPORT`, ...), or
      `searchListingsItems` for the Listings Items API.
    * `marketplace`: the country code (`DE`); `marketplace_id` Amazon's id of it.
    * `report_id`: the id createReport gave (None for listings, or when createReport failed).
    * `status`: `done`, `cancelled` or `failed` (see `Status`).
    * `path`: the file written (atomically, under its final name only once whole), for
      `done` only. Its bytes are Amazon's document as it came, gunzipped when Amazon
      compressed it; the listings search is written as one `searchListingsItems`
      response holding every page's items (UTF-8 JSON).
    * `sha256`: the hex digest of the bytes written, for `done` only.
    * `charset`: the encoding the document is in, from its download's Content-Type
      (normalised to Python's codec name: `cp1252`, `shift_jis`, `utf-8`), so readers
      decode it right; None when the download did not say.
    * `data_start` / `data_end`: the window asked for (UTC), None for report types
      that take none (a snapshot such as all listings).
    * `requested_at`: when createReport (or the first listings page) was called (UTC).
    * `completed_at`: when Amazon finished the report (getReport's `processingEndTime`
      when it gives one, else when it was seen finished), or when the last listings
      page came; None when it never finished.
    * `error`: for `failed`, one line saying what went wrong (for a FATAL report, with
      the text of Amazon's error document); None otherwise. It never holds a secret.
    """

    name: str
    report_type: str
    marketplace: str
    marketplace_id: str
    status: Status
    report_id: str | None = None
    path: Path | None = None
    sha256: str | None = None
    charset: str | None = None
    data_start: datetime | None = None
    data_end: datetime | None = None
    requested_at: datetime | None = None
    completed_at: datetime | None = None
    error: str | None = None


@dataclass(frozen=True)
class Asked:
    """One call of an operation in one marketplace, asked at `requested_at`: the records
    it comes to. A fetch that writes a document writes it through `done`, so every file
    of a fetch is written the same way (atomically, UTF-8, its digest recorded)."""

    name: str
    report_type: str
    marketplace: str
    marketplace_id: str
    requested_at: datetime

    def failed(self, error: str) -> Fetched:
        return self._record(status="failed", error=error)

    def cancelled(self, why: str) -> Fetched:
        return self._record(status="cancelled", error=why)

    def done(self, path: Path, content: bytes, completed_at: datetime) -> Fetched:
        """`content` written at `path`, and its record."""
        write_atomically(path, content)
        return self._record(
            status="done",
            path=path,
            sha256=hashlib.sha256(content).hexdigest(),
            charset="utf-8",
            completed_at=completed_at,
        )

    def _record(self, **fields: Any) -> Fetched:
        return Fetched(
            name=self.name,
            report_type=self.report_type,
            marketplace=self.marketplace,
            marketplace_id=self.marketplace_id,
            requested_at=self.requested_at,
            **fields,
        )
