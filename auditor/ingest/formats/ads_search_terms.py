"""Sponsored Products search term report from the Amazon Ads API (reporting v3,
`spSearchTerm`), saved as the JSON document Amazon serves (gunzipped, otherwise as it came).

`auditor fetch` keeps this document beside the SP-API reports; a seller may also save
one from another tool. It fills `ad_search_terms` with the same columns as the console
download (`search_terms.py`), so the advertising rules judge both alike.

Recognised by content, never by file name: a JSON list of objects that carry
`searchTerm`, `campaignName`, `impressions` and `cost`, the report's own field names
(Amazon Ads API guide, "Search term reports" and "Reporting columns (version 3)").
An empty list says nothing about its kind and is left to the other readers.

Fields, each record one row (its 1-based position in the list is its row number):

* campaign `campaignName`, ad_group `adGroupName`, search_term `searchTerm`;
* targeting `targeting` (the keyword text, `close-match`, `asin="B0..."`), else `keyword`;
* match_type `matchType`, else `keywordType`: `EXACT`, `PHRASE`, `BROAD` as given; the
  targeting expressions (`TARGETING_EXPRESSION`, `TARGETING_EXPRESSION_PREDEFINED`,
  what automatic and product targeting carry) become `-`, as the console writes them;
* impressions, clicks; spend `cost`; sales_7d `sales7d`; orders_7d `purchases7d` (the
  console's "7 Day Total Sales" and "7 Day Total Orders (#)");
* currency `campaignBudgetCurrencyCode` (the profile's currency);
* acos = cost / sales7d where there are sales, blank where there are none (as the
  console reader derives it). `acosClicks7d` is not read: Amazon's column guide calls
  it a Decimal without saying whether 0.33 or 33 is meant (documents seen in public
  code carry 32.93 for a cost/sales of 0.3293); the report's own definition needs no
  such guess.

The document names no marketplace (a profile is one marketplace): rows take the
marketplace of the fetch manifest or `--marketplace`. Values are passed on as text
and the common coercion rejects a row whose count or amount is not a number, as it
does for every format. A record that is not an object, or that names a key twice,
is rejected with the reason. Fields not mapped (ids, dates, the other metrics) are
listed as unmapped.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from auditor.ingest.coerce import cell_text
from auditor.ingest.formats.amounts import as_text
from auditor.ingest.formats.base import Extracted
from auditor.ingest.probe import Probe, repeated_reason
from auditor.ingest.result import Rejected

#: Canonical column <- the report's fields, the first one present wins.
FIELDS: dict[str, tuple[str, ...]] = {
    "campaign": ("campaignName",),
    "ad_group": ("adGroupName",),
    "targeting": ("targeting", "keyword"),
    "match_type": ("matchType", "keywordType"),
    "search_term": ("searchTerm",),
    "impressions": ("impressions",),
    "clicks": ("clicks",),
    "spend": ("cost",),
    "sales_7d": ("sales7d",),
    "orders_7d": ("purchases7d",),
    "currency": ("campaignBudgetCurrencyCode",),
}

#: The fields every record of the report has, whatever columns were requested beside.
SIGNATURE = ("searchTerm", "campaignName", "impressions", "cost")

#: Match types that are targeting expressions, not keywords: the console writes `-`.
EXPRESSIONS = frozenset({"TARGETING_EXPRESSION", "TARGETING_EXPRESSION_PREDEFINED"})

KNOWN_KEYS = frozenset(name for names in FIELDS.values() for name in names)


def _is_record(value: Any) -> bool:
    return isinstance(value, dict) and all(key in value for key in SIGNATURE)


class AdsApiSearchTermReport:
    name = "ads-api-search-term-report"

    def recognise(self, probe: Probe) -> bool:
        if not probe.looks_like_json:
            return False
        try:
            data = probe.json
        except ValueError:
            return False
        if not isinstance(data, list) or not data:
            return False
        records = [value for value in data if isinstance(value, dict)]
        # Most records must be the report's: one stray object does not make a file ours.
        return bool(records) and sum(map(_is_record, records)) * 2 > len(records)

    def extract(self, probe: Probe) -> list[Extracted]:
        data = probe.json
        rejected: list[Rejected] = []
        kept: list[tuple[int, dict[str, Any]]] = []
        for number, record in enumerate(data, start=1):
            if not isinstance(record, dict):
                rejected.append(Rejected(number, None, f"record {number} is not an object"))
                continue
            if repeated := probe.repeated_keys(record):
                rejected.append(Rejected(number, None, repeated_reason(repeated, KNOWN_KEYS)))
                continue
            if nested := _nested(record):
                target, name = nested
                shape = "a list" if isinstance(record[name], list) else "an object"
                rejected.append(Rejected(number, target, f"{name} is {shape}, not a value"))
                continue
            kept.append((number, record))
        present = {key for _, record in kept for key in record}
        columns = {
            target: next((name for name in names if name in present), None)
            for target, names in FIELDS.items()
        }
        raw = pd.DataFrame(
            {
                target: [_value(record, FIELDS[target]) for _, record in kept]
                for target, name in columns.items()
                if name is not None
            },
            index=range(len(kept)),
        ).astype("string")
        if "match_type" in raw:
            raw["match_type"] = raw["match_type"].mask(raw["match_type"].isin(EXPRESSIONS), "-")
        if "spend" in raw and "sales_7d" in raw:
            spend = pd.to_numeric(raw["spend"], errors="coerce")
            sales = pd.to_numeric(raw["sales_7d"], errors="coerce")
            raw["acos"] = as_text((spend / sales).where(sales > 0).astype("Float64"))
        used = {name for name in columns.values() if name is not None}
        unmapped = sorted(present - used, key=_first_seen(kept))
        rows = pd.Series([n for n, _ in kept], dtype="int64")
        return [
            Extracted.of(
                "ad_search_terms",
                raw,
                rows,
                format=self.name,
                rejected=rejected,
                provided=frozenset(raw.columns),
                unmapped=unmapped,
            )
        ]


def _value(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """The first of `names` the record has, as the text a CSV cell would hold; a null
    (Amazon writes null where a metric has no value) is a blank cell."""
    for name in names:
        if name in record:
            value = record[name]
            return None if value is None else cell_text(value)
    return None


def _nested(record: dict[str, Any]) -> tuple[str, str] | None:
    """The first mapped field whose value is a list or an object (column, field), or None:
    such a value is no cell, so its record is rejected rather than read as its repr."""
    for target, names in FIELDS.items():
        for name in names:
            if isinstance(record.get(name), dict | list):
                return target, name
    return None


def _first_seen(kept: list[tuple[int, dict[str, Any]]]) -> Any:
    """Sort key: unmapped fields in the order the document first names them."""
    order: dict[str, int] = {}
    for _, record in kept:
        for key in record:
            order.setdefault(key, len(order))
    return order.__getitem__
