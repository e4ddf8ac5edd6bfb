"""Business Report: Detail Page Sales and Traffic by Child Item (Seller Central, CSV).

Recognised by its header, never by the file's name: `(Child) ASIN` beside a
sessions column (`Sessions - Total`, or `Sessions` in older downloads) and `Units
Ordered`, or the same columns as a German store writes them (`(Untergeordnete) ASIN`,
`Sitzungen – Summe`, `Bestellte Einheiten`: see `GERMAN`). Columns are found by header name, so the older 7-column download and the
current one with its mobile/browser and B2B splits read the same; the B2B columns
(`... - B2B`) and the session/page-view percentages are listed as unmapped.

Cells as Seller Central writes them: counts `12,131`, percentages `99.80%`,
money `$12,905.25` or `1.234,56 €` (see `amounts.py`). A cell that is not a number
of its kind rejects its row with the column and the reason.

* currency: the sign the `Ordered Product Sales` amounts carry (`$` is USD);
* marketplace: the report does not name it. Where the currency of a row is used by one
  Amazon marketplace only (`$` read as USD: US, `£`: UK, `¥`: JP; the fee preview's
  `CURRENCY_MARKETPLACE`), that marketplace is the row's; otherwise (EUR, no amounts)
  `--marketplace` or the configuration's `default_marketplace` fills it. A report from a
  Canadian, Australian or Mexican store whose amounts carry a bare `$` is read as US
  unless they carry their own sign (`CA$`); the canonical `sales_traffic` CSV names the
  marketplace outright;
* category: joined at assembly from the products register by SKU.
"""

from __future__ import annotations

from auditor.ingest.formats.amounts import Kind, convert_columns, currency_of, find_header
from auditor.ingest.formats.base import Extracted
from auditor.ingest.formats.fba_fee_preview import CURRENCY_MARKETPLACE
from auditor.ingest.probe import Probe

#: Headers as Seller Central writes them in a German store (Amazon.de with German as the
#: language), as matched by `header_key`. Source: the German Business Report reader
#: maxkirchhoffrevoic/Sales-Analyzer, `app.py` (its column lists and README), which reads
#: both the en dash Amazon writes and a hyphen. Only names found there are listed: the
#: German buy-box and unit-session-percentage headers are not, so those columns stay
#: unmapped in a German file (see tests/data/amazon/business-report/SOURCES.md).
GERMAN: dict[str, tuple[str, ...]] = {
    "parent_asin": ("(übergeordnete) asin",),
    "asin": ("(untergeordnete) asin",),
    "title": ("titel",),
    "sessions": ("sitzungen – summe", "sitzungen - summe"),
    "page_views": ("seitenaufrufe – summe", "seitenaufrufe - summe"),
    "units_ordered": ("bestellte einheiten",),
    "ordered_sales": ("durch bestellte produkte erzielter umsatz",),
    "order_items": ("zahl der bestellposten",),
}

COLUMNS: dict[str, tuple[tuple[str, ...], Kind]] = {
    "parent_asin": (("(parent) asin", "parent asin", *GERMAN["parent_asin"]), "text"),
    "asin": (("(child) asin", "child asin", *GERMAN["asin"]), "text"),
    "title": (("title", *GERMAN["title"]), "text"),
    "sku": (("sku",), "text"),
    "sessions": (("sessions - total", "sessions", *GERMAN["sessions"]), "count"),
    "page_views": (("page views - total", "page views", *GERMAN["page_views"]), "count"),
    "buy_box_share": (
        ("featured offer (buy box) percentage", "buy box percentage"),
        "share",
    ),
    "units_ordered": (("units ordered", *GERMAN["units_ordered"]), "count"),
    "unit_session_share": (("unit session percentage",), "share"),
    "ordered_sales": (("ordered product sales", *GERMAN["ordered_sales"]), "money"),
    "order_items": (("total order items", *GERMAN["order_items"]), "count"),
}


def _is_business_report(keys: set[str]) -> bool:
    """A child ASIN, a sessions and a units-ordered column, in any language listed."""
    return all(keys & set(COLUMNS[c][0]) for c in ("asin", "sessions", "units_ordered"))


class BusinessReport:
    name = "business-report"

    def recognise(self, probe: Probe) -> bool:
        return find_header(probe, _is_business_report) is not None

    def extract(self, probe: Probe) -> list[Extracted]:
        report = find_header(probe, _is_business_report)
        if report is None:
            raise ValueError("not a business report")
        raw, currencies, rejected, unmapped = convert_columns(report, COLUMNS)
        rows = report.rows[raw.index]
        raw["currency"] = currency_of(None, currencies, raw.index)
        raw["marketplace"] = raw["currency"].str.upper().map(CURRENCY_MARKETPLACE)
        return [
            Extracted.of(
                "sales_traffic",
                raw,
                rows,
                format=self.name,
                rejected=[*report.rejected, *rejected],
                provided=frozenset(raw.columns),
                unmapped=unmapped,
            )
        ]
