"""The seller feedback report (`GET_SELLER_FEEDBACK_DATA`; Feedback Manager's download).

Recognised by its header, never by the file's name: a `Date`, a `Rating`, a `Comments`
and an `Order ID` column, tab-separated as the report API serves it or comma-separated
as Seller Central's Feedback Manager downloads it (any encoding the probe decodes: UTF-8,
UTF-16, GBK). Columns are found by name, case-insensitively, so both layouts read the
same: `Date, Rating, Comments, Your Response, Order ID, Rater Email` and the longer one
with the buyer's three answers (`Arrived on Time, Item as Described, Customer Service`)
and `Rater Role`.

Amazon's report lists negative and neutral feedback only (1 to 3 stars); a seller's own
export with every rating reads the same. So a share of negative feedback is taken against
orders (the Business Report), never against the rows of this file (rules/customer.yaml).

`Rater Email` is the buyer's personal data: it is never read into a table, never shown
and never written anywhere; only its header name is listed among the unmapped columns.

Cells: `Rating` a whole number of stars 1 to 5 (a row with another value is rejected);
`Date` as the report writes it (`report_dates`: ISO from the API, `11/28/26` or
`28/11/2026` from a download); `Your Response` blank where the seller did not respond.
The report does not name its marketplace: `--marketplace` or the configuration's
`default_marketplace` fills it.
"""

from __future__ import annotations

import pandas as pd

from auditor.ingest.formats.amounts import Kind, find_header
from auditor.ingest.formats.base import Extracted
from auditor.ingest.formats.report_dates import dated_report
from auditor.ingest.probe import Probe

COLUMNS: dict[str, tuple[tuple[str, ...], Kind]] = {
    "date": (("date", "feedback date"), "text"),
    "rating": (("rating",), "count"),
    "comments": (("comments", "comment"), "text"),
    "response": (("your response", "response", "seller response"), "text"),
    "order_id": (("order id", "order-id", "amazon order id"), "text"),
    "arrived_on_time": (("arrived on time",), "text"),
    "item_as_described": (("item as described",), "text"),
    "customer_service": (("customer service",), "text"),
}


def _is_feedback_report(keys: set[str]) -> bool:
    return all(keys & set(COLUMNS[c][0]) for c in ("date", "rating", "comments", "order_id"))


class SellerFeedbackReport:
    name = "seller-feedback-report"

    def recognise(self, probe: Probe) -> bool:
        return find_header(probe, _is_feedback_report) is not None

    def extract(self, probe: Probe) -> list[Extracted]:
        report = find_header(probe, _is_feedback_report)
        if report is None:
            raise ValueError("not a seller feedback report")
        return [dated_report(report, COLUMNS, "date", "Date", "feedback", self.name, _off_scale)]


def _off_scale(raw: pd.DataFrame) -> list[tuple[pd.Series, str, str, str]]:
    """A rating that is not 1 to 5 stars rejects its row."""
    stars = pd.to_numeric(raw["rating"], errors="coerce")
    off = raw["rating"].notna() & ~stars.isin([1, 2, 3, 4, 5])
    return [(off, "rating", "Rating", "is not 1 to 5 stars")]
