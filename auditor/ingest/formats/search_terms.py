"""Sponsored Products search term report (advertising console download, CSV or XLSX).

Recognised by its header, never by the file's name: a `Customer Search Term` (or
`Search Term`) column beside `Campaign Name`, `Impressions` and `Spend` (or
`Cost`). In a workbook the header is looked for on the first rows of the first
sheet. Columns are found by header name (case, spacing, a trailing space as in
Amazon's `7 Day Total Sales ` and a currency suffix such as `(USD)` do not
matter), so the daily (`Date`) and summary (`Start Date`, `End Date`) variants
and the extra columns of newer downloads (`Portfolio name`, `Retailer`, the
advertised/other SKU split) read the same; unmapped columns are listed.

Cells as the console writes them: money `$1,234.56` or `1.234,56 €` (see
`amounts.py`), ACoS `30.60%` (a CSV) or `0.306` (a workbook cell formatted as a
percentage), counts `12,131`. A cell that is not a number of its kind rejects its
row with the column and the reason.

* currency: the report's `Currency` (or `Budget currency`) column, else the sign its
  amounts carry;
* marketplace: the `Country` column (`United States` -> US), else `--marketplace`;
* acos: the report's ACoS; where it is blank and the term has 7-day sales, spend /
  sales (the report's own definition); blank where there are no sales (ACoS is
  undefined without sales: wasted spend is ADS-002's business, not ACoS).

The report carries no product category: `category` comes from the seller's campaigns
register (`ad_campaigns`), joined at assembly by campaign name.
"""

from __future__ import annotations

import pandas as pd

from auditor.ingest.formats.amounts import (
    Kind,
    as_text,
    convert_columns,
    currency_of,
    find_header,
    marketplace_of,
)
from auditor.ingest.formats.base import Extracted
from auditor.ingest.probe import Probe

#: Canonical column <- the report's header names (as `header_key` writes them), and how
#: its cells are read.
COLUMNS: dict[str, tuple[tuple[str, ...], Kind]] = {
    "campaign": (("campaign name", "campaign", "campaign name (informational only)"), "text"),
    "ad_group": (("ad group name", "ad group", "ad group name (informational only)"), "text"),
    "targeting": (("targeting", "keyword"), "text"),
    "match_type": (("match type",), "text"),
    "search_term": (("customer search term", "search term"), "text"),
    "impressions": (("impressions",), "count"),
    "clicks": (("clicks",), "count"),
    "spend": (("spend", "cost", "total cost"), "money"),
    "sales_7d": (("7 day total sales", "7 day sales"), "money"),
    "orders_7d": (("7 day total orders (#)", "7 day total orders"), "count"),
    "acos": (
        ("total advertising cost of sales (acos)", "advertising cost of sales (acos)", "acos"),
        "share",
    ),
    "currency": (("currency", "budget currency"), "text"),
    "marketplace": (("country", "marketplace"), "text"),
}


def _is_search_term_report(keys: set[str]) -> bool:
    return (
        bool(keys & {"customer search term", "search term"})
        and bool(keys & {"campaign name", "campaign", "campaign name (informational only)"})
        and "impressions" in keys
        and bool(keys & {"spend", "cost", "total cost"})
    )


class SearchTermReport:
    name = "search-term-report"

    def recognise(self, probe: Probe) -> bool:
        return find_header(probe, _is_search_term_report) is not None

    def extract(self, probe: Probe) -> list[Extracted]:
        report = find_header(probe, _is_search_term_report)
        if report is None:
            raise ValueError("not a search term report")
        raw, currencies, rejected, unmapped = convert_columns(report, COLUMNS)
        rows = report.rows[raw.index]
        raw["currency"] = currency_of(raw.get("currency"), currencies, raw.index)
        if "marketplace" in raw:
            raw["marketplace"] = marketplace_of(raw["marketplace"])
        if "spend" in raw and "sales_7d" in raw:
            spend = pd.to_numeric(raw["spend"], errors="coerce")
            sales = pd.to_numeric(raw["sales_7d"], errors="coerce")
            derived = as_text((spend / sales).where(sales > 0).astype("Float64"))
            given = raw["acos"] if "acos" in raw else pd.Series(pd.NA, index=raw.index)
            raw["acos"] = given.astype("string").fillna(derived)
        provided = frozenset(raw.columns)
        return [
            Extracted.of(
                "ad_search_terms",
                raw,
                rows,
                format=self.name,
                rejected=[*report.rejected, *rejected],
                provided=provided,
                unmapped=unmapped,
            )
        ]
