"""The FBA customer returns report (`GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA`).

Recognised by its header, never by the file's name: a `return-date` and a
`detailed-disposition` or `reason` column beside `sku` or `asin`, as the report API and
Seller Central's download write them (tab-separated; a CSV reads the same), or the
headers of the report's page (`Returned Date`, `Merchant SKU`, `Disposition`,
`Customer Return Reason`), which its help page lists beside the download's. The order
column is `order-id` in some stores and `amazon-order-id` in others (both on Amazon's
help pages, JP and BR); both are read.

Cells: `return-date` ISO with a time from the API (`2026-11-20T14:31:07+00:00`),
`DD-MM-YYYY` or `DD-MON-YYYY` from the page (`report_dates`); `quantity` a whole number
(a row with another value is rejected, naming the cell); the codes (`reason`,
`detailed-disposition`) as written. `customer-comments` is only in the download. The
report does not name its marketplace: `--marketplace` or the configuration's
`default_marketplace` fills it.
"""

from __future__ import annotations

from auditor.ingest.formats.amounts import Kind, find_header
from auditor.ingest.formats.base import Extracted
from auditor.ingest.formats.report_dates import dated_report
from auditor.ingest.probe import Probe

COLUMNS: dict[str, tuple[tuple[str, ...], Kind]] = {
    "return_date": (("return-date", "returned date", "return date"), "text"),
    "order_id": (("order-id", "amazon-order-id", "order id"), "text"),
    "sku": (("sku", "merchant sku"), "text"),
    "asin": (("asin",), "text"),
    "fnsku": (("fnsku",), "text"),
    "title": (("product-name", "product name", "title"), "text"),
    "quantity": (("quantity",), "count"),
    "fulfillment_center": (("fulfillment-center-id", "fulfilment-centre-id", "fc"), "text"),
    "disposition": (("detailed-disposition", "disposition"), "text"),
    "reason": (("reason", "customer return reason"), "text"),
    "status": (("status",), "text"),
    "license_plate_number": (("license-plate-number", "license plate number"), "text"),
    "customer_comments": (("customer-comments", "customer comments"), "text"),
}


def _is_returns_report(keys: set[str]) -> bool:
    has = {c: bool(keys & set(COLUMNS[c][0])) for c in COLUMNS}
    return (
        has["return_date"] and (has["disposition"] or has["reason"]) and (has["sku"] or has["asin"])
    )


class FbaReturnsReport:
    name = "fba-returns-report"

    def recognise(self, probe: Probe) -> bool:
        return find_header(probe, _is_returns_report) is not None

    def extract(self, probe: Probe) -> list[Extracted]:
        report = find_header(probe, _is_returns_report)
        if report is None:
            raise ValueError("not an FBA customer returns report")
        return [dated_report(report, COLUMNS, "return_date", "return-date", "returns", self.name)]
