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

from auditor.ingest.formats.amounts import Kind, convert_columns, find_header
from auditor.ingest.formats.base import Extracted
from auditor.ingest.formats.report_dates import iso_dates
from auditor.ingest.probe import Probe
from auditor.ingest.result import Rejected

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
        raw, _, rejected, unmapped = convert_columns(report, COLUMNS)
        rows = report.rows[raw.index]
        rejected = [*report.rejected, *rejected]
        dates, why = iso_dates(raw["date"])
        stars = pd.to_numeric(raw["rating"], errors="coerce")
        off_scale = raw["rating"].notna() & ~stars.isin([1, 2, 3, 4, 5])
        for i in why[why.notna()].index:
            rejected.append(Rejected(int(rows[i]), "date", f"Date {raw['date'][i]!r} {why[i]}"))
        for i in off_scale[off_scale.fillna(False)].index:
            rejected.append(
                Rejected(int(rows[i]), "rating", f"Rating {raw['rating'][i]!r} is not 1 to 5 stars")
            )
        keep = (why.isna() & ~off_scale.fillna(False)).to_numpy(dtype=bool)
        raw["date"] = dates
        raw = raw[keep]
        return [
            Extracted.of(
                "feedback",
                raw,
                rows[keep],
                format=self.name,
                rejected=sorted(rejected, key=lambda r: r.row or 0),
                provided=frozenset(raw.columns),
                unmapped=unmapped,
            )
        ]
