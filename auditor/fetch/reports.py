"""The Reports API 2021-06-30 lifecycle of one report type in one marketplace.

createReport (the type, the marketplace, and the data window when the type takes one),
then getReport polled with a growing wait until Amazon says:

* DONE: getReportDocument gives the document's URL; the document is downloaded,
  gunzipped when `compressionAlgorithm` is GZIP, and written as it came, its charset
  taken from the download's Content-Type;
* CANCELLED: Amazon made no report, which it does when there is no data (not an error);
* FATAL: an error, with the text of the error document when `reportDocumentId` names one.

Requesting and collecting are separate steps so that a batch requests every report
first and Amazon makes them side by side while the first is polled.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from email.message import Message
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.fetch.fetched import Fetched
from auditor.fetch.patience import CallFailed
from auditor.writing import write_atomically

if TYPE_CHECKING:  # the SDK behind SpApi is loaded only when a fetch runs
    from auditor.fetch.sp_api import SpApi


@dataclass(frozen=True)
class ReportKind:
    """A report the tool fetches: its short name, Amazon's type, its default window in
    days (None: the type is a snapshot and takes no window), its file suffix, and the
    `reportOptions` createReport sends (pairs, so the kind stays hashable)."""

    name: str
    report_type: str
    window_days: int | None
    suffix: str
    options: tuple[tuple[str, str], ...] = ()


#: The reports by the short names `auditor fetch --reports` takes (issue 20).
REPORTS: dict[str, ReportKind] = {
    kind.name: kind
    for kind in (
        ReportKind("performance", "GET_V2_SELLER_PERFORMANCE_REPORT", None, ".json"),
        ReportKind("all-listings", "GET_MERCHANT_LISTINGS_ALL_DATA", None, ".txt"),
        ReportKind("fba-inventory", "GET_FBA_INVENTORY_PLANNING_DATA", None, ".txt"),
        ReportKind("fba-fees", "GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA", None, ".txt"),
        # By SKU: Amazon's default granularity, PARENT, gives no child ASIN, and the audit
        # reads sales and traffic per child ASIN and SKU, as the Business Report CSV has them
        # (schemas/reports/sellerSalesAndTrafficReport.json, reportOptions.asinGranularity).
        ReportKind(
            "sales-traffic",
            "GET_SALES_AND_TRAFFIC_REPORT",
            30,
            ".json",
            options=(("asinGranularity", "SKU"),),
        ),
        ReportKind("feedback", "GET_SELLER_FEEDBACK_DATA", 90, ".txt"),
        ReportKind("returns", "GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA", 30, ".txt"),
    )
}

#: How much of a FATAL report's error document an error message quotes.
ERROR_TEXT_LIMIT = 500


def window(
    kind: ReportKind, since: date | None, until: date | None, today: date
) -> tuple[datetime | None, datetime | None]:
    """The data window (UTC, whole days) for `kind`: by default its last `window_days`
    days up to yesterday; `since`/`until` replace either end. A snapshot type has none."""
    if kind.window_days is None:
        return None, None
    last = until or today - timedelta(days=1)
    first = since or last - timedelta(days=kind.window_days - 1)
    return (
        datetime.combine(first, time.min, tzinfo=UTC),
        datetime.combine(last, time(23, 59, 59), tzinfo=UTC),
    )


def file_name(kind: ReportKind, marketplace: str) -> str:
    """`performance-DE.json`: one file per report type and marketplace in a folder."""
    return f"{kind.name}-{marketplace}{kind.suffix}"


@dataclass(frozen=True)
class Requested:
    """A report asked for: what `collect` needs to finish it (or its failure)."""

    kind: ReportKind
    marketplace: str
    marketplace_id: str
    data_start: datetime | None
    data_end: datetime | None
    requested_at: datetime
    report_id: str | None = None
    error: str | None = None

    def record(self, **fields: Any) -> Fetched:
        return Fetched(
            name=self.kind.name,
            report_type=self.kind.report_type,
            marketplace=self.marketplace,
            marketplace_id=self.marketplace_id,
            report_id=self.report_id,
            data_start=self.data_start,
            data_end=self.data_end,
            requested_at=self.requested_at,
            **fields,
        )


def request(
    api: SpApi,
    kind: ReportKind,
    marketplace: str,
    marketplace_id: str,
    span: tuple[datetime | None, datetime | None],
    now: Callable[[], datetime],
) -> Requested:
    """createReport for `kind` in one marketplace; a failure is kept, not raised."""
    start, end = span
    asked = now()
    try:
        report_id = api.create_report(
            kind.report_type, [marketplace_id], start, end, dict(kind.options) or None
        )
    except CallFailed as failure:
        return Requested(
            kind, marketplace, marketplace_id, start, end, asked, error=failure.message
        )
    return Requested(kind, marketplace, marketplace_id, start, end, asked, report_id=report_id)


def collect(api: SpApi, requested: Requested, folder: Path, now: Callable[[], datetime]) -> Fetched:
    """Poll the report until Amazon is done with it, then write its document into `folder`."""
    if requested.report_id is None:
        return requested.record(status="failed", error=requested.error)
    try:
        report = _finished(api, requested.report_id)
    except CallFailed as failure:
        return requested.record(status="failed", error=failure.message)
    status = report.get("processingStatus")
    completed = _moment(report.get("processingEndTime")) or now()
    if status == "CANCELLED":
        return requested.record(status="cancelled", completed_at=completed)
    document_id = report.get("reportDocumentId")
    if status == "FATAL":
        why = "Amazon could not make the report (FATAL)"
        if isinstance(document_id, str) and document_id:
            try:
                content, charset = _document(api, document_id)
                why += f": {_error_text(content, charset)}"
            except CallFailed as failure:
                why += f"; its error document could not be read: {failure.message}"
        return requested.record(status="failed", completed_at=completed, error=why)
    if status != "DONE":
        return requested.record(
            status="failed", error=f"getReport answered processingStatus {status!r}"
        )
    if not isinstance(document_id, str) or not document_id:
        return requested.record(
            status="failed", error="getReport said DONE without a reportDocumentId"
        )
    try:
        content, charset = _document(api, document_id)
    except CallFailed as failure:
        return requested.record(status="failed", completed_at=completed, error=failure.message)
    path = folder / file_name(requested.kind, requested.marketplace)
    write_atomically(path, content)
    return requested.record(
        status="done",
        completed_at=completed,
        path=path,
        sha256=hashlib.sha256(content).hexdigest(),
        charset=charset,
    )


def _finished(api: SpApi, report_id: str) -> dict[str, Any]:
    """getReport until the status is final (`Patience.poll`); CallFailed past `poll_total`."""

    def pending(report: dict[str, Any]) -> str | None:
        status = report.get("processingStatus")
        return str(status) if status in ("IN_QUEUE", "IN_PROGRESS") else None

    return api.patience.poll(lambda: api.get_report(report_id), pending, f"report {report_id}")


def _document(api: SpApi, document_id: str) -> tuple[bytes, str | None]:
    """The document's bytes (gunzipped when Amazon compressed them) and its charset."""
    document = api.get_report_document(document_id)
    url = document.get("url")
    if not isinstance(url, str) or not url:
        raise CallFailed("getReportDocument answered without a url")
    download = api.download(url)
    content = download.content
    algorithm = document.get("compressionAlgorithm")
    if algorithm == "GZIP":
        try:
            content = gzip.decompress(content)
        except (OSError, EOFError, zlib.error):
            raise CallFailed("the report document is not the GZIP file Amazon said it is") from None
    elif algorithm:
        raise CallFailed(
            f"the report document is compressed with {algorithm}, which is not supported"
        )
    return content, charset_of(download.content_type)


def charset_of(content_type: str | None) -> str | None:
    """The charset a Content-Type names, as Python's codec name (`Cp1252` -> `cp1252`)."""
    if not content_type:
        return None
    header = Message()
    header["Content-Type"] = content_type
    label = header.get_param("charset")
    if not isinstance(label, str) or not label.strip():
        return None
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return label.strip()


def _error_text(content: bytes, charset: str | None) -> str:
    """A FATAL report's error document in one line (its `errorDetails` when JSON)."""
    try:
        text = content.decode(charset or "utf-8", "replace")
    except LookupError:
        text = content.decode("utf-8", "replace")
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("errorDetails"), str):
        text = data["errorDetails"]
    line = " ".join(text.split())
    return line[:ERROR_TEXT_LIMIT] + ("…" if len(line) > ERROR_TEXT_LIMIT else "")


def _moment(value: Any) -> datetime | None:
    """An ISO 8601 time from Amazon as an aware datetime, or None."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
