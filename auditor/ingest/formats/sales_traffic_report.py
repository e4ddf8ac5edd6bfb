"""SP-API `GET_SALES_AND_TRAFFIC_REPORT` (Reports API 2021-06-30, JSON) -> `sales_traffic`.

`auditor fetch --reports sales-traffic` saves this document as Amazon serves it. It holds
the figures of the Business Report "Detail Page Sales and Traffic by Child Item" that a
seller downloads from Seller Central as CSV (`business_report.py`), so it fills the same
canonical columns with the same meaning and units, and the sales rules judge both alike.

Shape: Amazon's published schema, `schemas/reports/sellerSalesAndTrafficReport.json` in
github.com/amzn/selling-partner-api-models (last changed in commit 310d4a5b, 2022-11-09;
see tests/data/amazon/sales-traffic/SOURCES.md): an object with
`reportSpecification` {reportType, reportOptions {dateGranularity, asinGranularity},
dataStartTime, dataEndTime, marketplaceIds}, `salesAndTrafficByDate` (the account's daily,
weekly or monthly totals) and `salesAndTrafficByAsin` (one entry per ASIN or SKU).

Recognised by content, never by file name: `reportSpecification.reportType` is
`GET_SALES_AND_TRAFFIC_REPORT`, or the object has a `salesAndTrafficByAsin` list. A
damaged (truncated) file is recognised by those names in its text and skipped saying
where it breaks.

Each `salesAndTrafficByAsin` entry is one row, numbered by its 1-based position:

* parent_asin `parentAsin`, asin `childAsin`, sku `sku`;
* units_ordered `salesByAsin.unitsOrdered`, order_items `salesByAsin.totalOrderItems`,
  ordered_sales and currency `salesByAsin.orderedProductSales` {amount, currencyCode};
* sessions `trafficByAsin.sessions`, page_views `trafficByAsin.pageViews` (browser and
  mobile app together, as the CSV's `Sessions - Total` and `Page Views - Total`);
* buy_box_share `trafficByAsin.buyBoxPercentage` and unit_session_share
  `trafficByAsin.unitSessionPercentage`: Amazon writes percentages (0 to 100: `95.24`),
  the CSV `95.24%`; both are stored as the fraction 0.9524 (`amounts.share`).

Not mapped, and listed as unmapped: the B2B figures, the browser/mobile splits, the
session and page-view percentages, and `salesAndTrafficByDate`, whose totals per day
name no ASIN (the table is per child ASIN).

`asinGranularity` decides what an entry must name. Amazon's default, PARENT, gives
figures per parent ASIN only: such a report is skipped with that reason, since a parent's
figures are no child's (`auditor fetch` asks for SKU). CHILD gives `childAsin`; SKU gives `childAsin` and `sku`. An entry
without the child ASIN, or without the SKU in a report by SKU, is rejected with the reason;
so is an entry whose count or amount is not a number, or whose `salesByAsin` or
`trafficByAsin` is not an object, or that names a key twice.

The marketplace is the report's own `reportSpecification.marketplaceIds` (one id, mapped to
its country code); without one, rows take the fetch manifest's, `--marketplace` or the
configuration's `default_marketplace`. A report over several marketplaces is skipped: its
figures are totals across them and no one marketplace's.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from auditor.ingest.coerce import cell_text
from auditor.ingest.formats.amounts import share
from auditor.ingest.formats.base import Ambiguous, Extracted, recognise_json_report
from auditor.ingest.probe import Probe, repeated_reason
from auditor.ingest.result import Rejected
from auditor.model.common import normalise_marketplace

REPORT_TYPE = "GET_SALES_AND_TRAFFIC_REPORT"
SECTION = "salesAndTrafficByAsin"
SECTIONS = ("reportSpecification", "salesAndTrafficByDate", SECTION)
_DAMAGED_REPORT = re.compile(rf'"{SECTION}"\s*:\s*\[|"{REPORT_TYPE}"')

#: Canonical column <- (object of the entry, field) for the entry's counts.
COUNTS: dict[str, tuple[str, str]] = {
    "units_ordered": ("salesByAsin", "unitsOrdered"),
    "order_items": ("salesByAsin", "totalOrderItems"),
    "sessions": ("trafficByAsin", "sessions"),
    "page_views": ("trafficByAsin", "pageViews"),
}
#: Canonical column <- (object, field) for the percentages (0 to 100) stored as fractions.
SHARES: dict[str, tuple[str, str]] = {
    "buy_box_share": ("trafficByAsin", "buyBoxPercentage"),
    "unit_session_share": ("trafficByAsin", "unitSessionPercentage"),
}
SALES = ("salesByAsin", "orderedProductSales")
IDENTIFIERS = {"parent_asin": "parentAsin", "asin": "childAsin", "sku": "sku"}

COLUMNS = (
    *IDENTIFIERS,
    *COUNTS,
    *SHARES,
    "ordered_sales",
    "currency",
)
#: The entry's fields this reader reads, as paths (a repeated key among them is named).
USED = frozenset(
    {
        *IDENTIFIERS.values(),
        *(f"{part}.{name}" for part, name in (*COUNTS.values(), *SHARES.values(), SALES)),
    }
)
KNOWN_KEYS = frozenset(
    {
        *SECTIONS,
        *IDENTIFIERS.values(),
        "salesByAsin",
        "trafficByAsin",
        "amount",
        "currencyCode",
        *(name for _, name in (*COUNTS.values(), *SHARES.values(), SALES)),
    }
)
GRANULARITIES = ("PARENT", "CHILD", "SKU")

Record = dict[str, Any]


def _is_report(data: Record) -> bool:
    spec = data.get("reportSpecification")
    is_sales_traffic = isinstance(spec, dict) and spec.get("reportType") == REPORT_TYPE
    return is_sales_traffic or isinstance(data.get(SECTION), list)


class SalesTrafficReport:
    name = "sp-api-sales-traffic"

    def recognise(self, probe: Probe) -> bool:
        return recognise_json_report(probe, _DAMAGED_REPORT, _is_report)

    def extract(self, probe: Probe) -> list[Extracted]:
        try:
            data = probe.json
        except ValueError as error:
            raise ValueError(
                f"a sales and traffic report that is damaged or cut short: {error}"
            ) from None
        repeated = [key for key in SECTIONS if key in getattr(data, "repeated", ())]
        if repeated:
            raise Ambiguous(
                f"the key {repeated[0]} appears more than once: which one is meant is unclear"
            )
        spec = data.get("reportSpecification")
        spec = spec if isinstance(spec, dict) else {}
        if probe.repeated_keys(spec):
            raise Ambiguous(
                "reportSpecification: "
                + repeated_reason(probe.repeated_keys(spec), {"reportType", "marketplaceIds"})
            )
        entries = data.get(SECTION)
        if not isinstance(entries, list):
            raise ValueError(f"a sales and traffic report without a {SECTION} list")
        granularity = _granularity(spec, entries)
        warnings: list[str] = []
        marketplace = _marketplace(spec, warnings)
        records: list[Record] = []
        rows: list[int] = []
        rejected: list[Rejected] = []
        unmapped: dict[str, None] = {}
        for number, entry in enumerate(entries, start=1):
            record, problem = _read_entry(probe, entry, granularity)
            if problem is not None:
                column, reason = problem
                rejected.append(Rejected(number, column, f"{SECTION} #{number}: {reason}"))
                continue
            records.append(record)
            rows.append(number)
            unmapped.update(dict.fromkeys(_unused(entry)))
        if data.get("salesAndTrafficByDate"):
            unmapped["salesAndTrafficByDate"] = None
        raw = _frame(records)
        return [
            Extracted.of(
                "sales_traffic",
                raw,
                pd.Series(rows, dtype="int64"),
                format=self.name,
                rejected=rejected,
                warnings=warnings,
                provided=frozenset(COLUMNS) | ({"marketplace"} if marketplace else set()),
                marketplace=marketplace,
                unmapped=list(unmapped),
            )
        ]


def _granularity(spec: dict[str, Any], entries: list[Any]) -> str | None:
    """The report's asinGranularity (None: not stated); a report by parent is refused."""
    options = spec.get("reportOptions")
    stated = options.get("asinGranularity") if isinstance(options, dict) else None
    granularity = stated.upper() if isinstance(stated, str) else None
    if granularity not in GRANULARITIES:
        granularity = None
    by_parent = granularity == "PARENT" or (
        granularity is None
        and any(isinstance(e, dict) for e in entries)
        and not any(isinstance(e, dict) and "childAsin" in e for e in entries)
    )
    if by_parent:
        raise ValueError(
            "a sales and traffic report by parent ASIN (asinGranularity PARENT, Amazon's "
            "default): its figures are per parent, not per child ASIN; request it with "
            "asinGranularity CHILD or SKU"
        )
    if granularity is None and any(isinstance(e, dict) and "sku" in e for e in entries):
        return "SKU"
    return granularity


def _marketplace(spec: dict[str, Any], warnings: list[str]) -> str | None:
    """The country code of the report's one marketplace id, else None (the default)."""
    ids = spec.get("marketplaceIds")
    if not isinstance(ids, list) or not ids:
        return None
    if len(ids) > 1:
        raise ValueError(
            f"a sales and traffic report over {len(ids)} marketplaces: its figures are "
            "totals across them, not one marketplace's; fetch it for one marketplace"
        )
    code = normalise_marketplace(ids[0]) if isinstance(ids[0], str) else None
    if code is None:
        warnings.append(
            "reportSpecification.marketplaceIds names a marketplace the tool does not know; "
            "the rows take the default marketplace"
        )
    return code


def _read_entry(
    probe: Probe, entry: Any, granularity: str | None
) -> tuple[Record, tuple[str | None, str] | None]:
    """(the entry's canonical cells, None), or ({}, (column, why it is rejected))."""
    if not isinstance(entry, dict):
        return {}, (None, "not an object")
    if repeated := probe.repeated_keys(entry):
        return {}, (None, repeated_reason(repeated, KNOWN_KEYS))
    for part in ("salesByAsin", "trafficByAsin"):
        if part in entry and not isinstance(entry[part], dict):
            return {}, (None, f"{part} is not an object")
    record: Record = {}
    for column, key in IDENTIFIERS.items():
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            return {}, (column, f"{key} is not text")
        record[column] = value
    if not record["asin"]:
        return {}, ("asin", "no childAsin: the entry names no child ASIN")
    if granularity == "SKU" and not record["sku"]:
        return {}, ("sku", "no sku, though the report is by SKU (asinGranularity SKU)")
    for column, path in COUNTS.items():
        value, problem = _number(entry, path, column, whole=True)
        if problem:
            return {}, problem
        record[column] = value
    for column, path in SHARES.items():
        value, problem = _number(entry, path, column)
        if problem:
            return {}, problem
        record[column] = None if value is None else share(pd.Series([f"{value}%"]))[0][0]
    sales = entry.get("salesByAsin", {}).get("orderedProductSales")
    if sales is not None:
        if not isinstance(sales, dict):
            return {}, ("ordered_sales", "salesByAsin.orderedProductSales is not an object")
        amount, problem = _number(sales, ("", "amount"), "ordered_sales")
        if problem:
            return {}, ("ordered_sales", f"salesByAsin.orderedProductSales.{problem[1]}")
        currency = sales.get("currencyCode")
        if currency is not None and not isinstance(currency, str):
            return {}, ("currency", "salesByAsin.orderedProductSales.currencyCode is not text")
        record["ordered_sales"] = amount
        record["currency"] = currency.strip().upper() if currency else None
    return record, None


def _number(
    obj: dict[str, Any], path: tuple[str, str], column: str, whole: bool = False
) -> tuple[str | None, tuple[str, str] | None]:
    """(the number at `path` as text, None), (None, None) when absent, or (None, the
    problem) when it is not a JSON number (a `whole` one for a count)."""
    part, name = path
    holder = obj.get(part, {}) if part else obj
    value = holder.get(name)
    where = f"{part}.{name}" if part else name
    if value is None:
        return None, None
    if isinstance(value, bool) or not isinstance(value, int | float):
        shown = repr(value) if isinstance(value, str) else f"a {_kind(value)}"
        return None, (column, f"{where} {shown} is not a number")
    if not math.isfinite(value):
        return None, (column, f"{where} {value} is not a finite number")
    if whole:
        if not float(value).is_integer():
            return None, (column, f"{where} {value} is not a whole number")
        return str(int(value)), None
    return cell_text(value), None


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false value"
    return "list" if isinstance(value, list) else "object"


def _unused(entry: dict[str, Any]) -> list[str]:
    """The entry's fields this reader does not read, as paths (`trafficByAsin.sessionsB2B`)."""
    found = []
    for key, value in entry.items():
        if isinstance(value, dict) and key in ("salesByAsin", "trafficByAsin"):
            found += [f"{key}.{name}" for name in value if f"{key}.{name}" not in USED]
        elif key not in USED and key not in ("salesByAsin", "trafficByAsin"):
            found.append(key)
    return found


def _frame(records: list[Record]) -> pd.DataFrame:
    return pd.DataFrame(
        [{c: r.get(c) for c in COLUMNS} for r in records],
        columns=list(COLUMNS),
        dtype="string",
    )
