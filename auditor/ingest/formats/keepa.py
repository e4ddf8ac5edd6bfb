"""Keepa's price history export of a product (CSV or XLSX), one product or a list of them.

Keepa (keepa.com) tracks each ASIN's prices over time by series: Amazon's own offer
(`Amazon`), the lowest new offer (`New`), the Featured Offer (`Buy Box`, `Buy Box 🚚`
with shipping), the list price (`List Price`) and others (`New, 3rd Party FBA`, ...).
The series names are Keepa's own, as its exports write them (a product list export
names them `Buy Box: Current`, `Buy Box: 90 days avg.` ...: see
tests/data/keepa/SOURCES.md).

Recognised by its header: a time column (`Date` or `Time`) beside the `Buy Box`
series, or beside both the `Amazon` and `New` series. The ASIN is the `ASIN` column
of a product list; a file of one product without it names the ASIN in its file name,
as Keepa's downloads do (`B0C7HJ2K4M ...csv`), or is skipped with that reason. The
marketplace is the `Locale` column (Keepa's domain: `com`, `co.uk`, `de` ...; a
country code is read as one), else the sign the prices carry where one store uses
it (`£`: UK), else `--marketplace`.

Measured here, judged by the rules: Keepa writes a row when a series changes, so a
cell left blank holds the series' last price. The reader turns the changes into the
`prices` table's one row per product and day: each day from the product's first row
to the file's last holds the prices in force at the end of that day. Prices as Keepa writes
them for the store's locale (`$24.99`, `24,99 €`); `-` is no offer. A row whose time
or price is not readable is rejected with the column and the reason.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from auditor.ingest.formats.amounts import (
    ReportTable,
    convert_columns,
    currency_of,
    find_header,
    header_key,
)
from auditor.ingest.formats.base import Extracted
from auditor.ingest.formats.fba_fee_preview import CURRENCY_MARKETPLACE
from auditor.ingest.probe import Probe
from auditor.ingest.result import Rejected
from auditor.model.common import MARKETPLACE_OF_DOMAIN

#: Keepa's series, by the `prices` column they fill (header keys, lower case).
SERIES: dict[str, tuple[str, ...]] = {
    "buy_box_price": ("buy box 🚚", "buy box"),
    "amazon_price": ("amazon",),
    "lowest_new_price": ("new",),
    "list_price": ("list price",),
}
TIME_HEADERS = ("date", "time")

COLUMNS: dict[str, tuple[tuple[str, ...], str]] = {
    "date": (TIME_HEADERS, "text"),
    "asin": (("asin",), "text"),
    "locale": (("locale",), "text"),
    **{column: (names, "money") for column, names in SERIES.items()},
}


#: An ASIN in a file name: B0 and eight letters or digits, or a ten-digit ISBN.
ASIN_IN_NAME = re.compile(r"(?<![A-Z0-9])(B0[A-Z0-9]{8}|\d{9}[\dX])(?![A-Z0-9])")
#: The times Keepa writes: ISO dates with an optional time, or day.month.year (German).
_ISO = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
NO_OFFER = ("-", "–", "—")


def _is_keepa(keys: set[str]) -> bool:
    if not keys & set(TIME_HEADERS):
        return False
    buy_box = bool(keys & set(SERIES["buy_box_price"]))
    return buy_box or {"amazon", "new"} <= keys


def _days(text: pd.Series) -> pd.Series:
    """Each cell's day (NaT where it is no time Keepa writes)."""
    cleaned = text.astype("string").str.strip()
    iso = cleaned.str.extract(_ISO)[0]
    dotted = cleaned.str.extract(_DOTTED)
    from_dots = dotted[2] + "-" + dotted[1] + "-" + dotted[0]
    return pd.to_datetime(iso.fillna(from_dots), format="%Y-%m-%d", errors="coerce")


class KeepaPriceHistory:
    name = "keepa"

    def recognise(self, probe: Probe) -> bool:
        return find_header(probe, _is_keepa) is not None

    def extract(self, probe: Probe) -> list[Extracted]:
        report = find_header(probe, _is_keepa)
        if report is None:
            raise ValueError("not a Keepa price history")
        no_offer = _no_offer(report)
        raw, currencies, rejected, unmapped = convert_columns(report, COLUMNS)
        rows = report.rows[raw.index]
        no_offer = no_offer.loc[raw.index]
        days = _days(raw["date"])
        bad = days.isna()
        header = next(h.strip() for h in report.header if header_key(h) in TIME_HEADERS)
        rejected += [
            Rejected(
                int(rows[i]),
                "date",
                f"{header} {str(raw.at[i, 'date']).strip()!r} is not a time as Keepa writes "
                "it (2026-11-20 14:05 or 20.11.2026)",
            )
            for i in raw.index[bad.to_numpy(dtype=bool)]
        ]
        raw, rows, days = raw[~bad], rows[~bad], days[~bad]
        if "asin" not in raw:
            asin = _asin_from_name(probe)
            raw["asin"] = asin
        raw["currency"] = currency_of(None, currencies, raw.index)
        by_locale = (
            raw["locale"].astype("string").str.strip().str.lower().map(_marketplace)
            if "locale" in raw
            else pd.Series(pd.NA, index=raw.index, dtype="object")
        )
        by_sign = raw["currency"].str.upper().map(CURRENCY_MARKETPLACE)
        raw["marketplace"] = by_locale.fillna(by_sign)
        for column in ("marketplace", "currency"):  # a row without prices is the product's too
            raw[column] = raw[column].fillna(raw.groupby("asin")[column].transform("first"))
        for column in no_offer.columns.intersection(raw.columns):
            raw[column] = raw[column].astype(object).mask(no_offer[column], _NONE)
        daily, numbers = _daily(raw.drop(columns=["locale", "date"], errors="ignore"), days, rows)
        series = [c for c in SERIES if c in raw]
        return [
            Extracted.of(
                "prices",
                daily,
                numbers,
                format=self.name,
                rejected=[*report.rejected, *rejected],
                provided=frozenset(["date", "asin", "marketplace", "currency", *series]),
                unmapped=unmapped,
            )
        ]


def _marketplace(locale: str) -> str | None:
    """Keepa's `Locale` (the store's domain: com, co.uk, de) or a country code."""
    if locale in MARKETPLACE_OF_DOMAIN:
        return MARKETPLACE_OF_DOMAIN[locale]
    code = locale.upper()
    return "UK" if code == "GB" else code if len(code) == 2 else None


#: Marks a series' "no offer" until the changes are carried forward (then blank).
_NONE = "\x00none"


def _no_offer(report: ReportTable) -> pd.DataFrame:
    """Where a price series holds Keepa's `-` (no offer that moment), by `prices` column;
    those cells are made blank so that they read as amounts."""
    keys = [header_key(h) for h in report.header]
    cells = report.cells.astype("string")
    dash = cells.apply(lambda c: c.str.strip().isin(NO_OFFER)).fillna(False).astype(bool)
    report.cells = cells.mask(dash)
    found = {}
    for column, names in SERIES.items():
        position = next((keys.index(n) for n in names if n in keys), None)
        if position is not None:
            found[column] = dash[position]
    return pd.DataFrame(found, index=cells.index, dtype=bool)


def _asin_from_name(probe: Probe) -> str:
    found = set(ASIN_IN_NAME.findall(probe.path.name.upper()))
    if len(found) != 1:
        raise ValueError(
            "a Keepa price history without an ASIN column names its product in the file "
            f"name (e.g. B0C7HJ2K4M.csv); {probe.path.name!r} names "
            + ("none" if not found else f"{len(found)} ASINs")
        )
    return found.pop()


def _daily(raw: pd.DataFrame, days: pd.Series, rows: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Keepa's changes as one row per product, marketplace and day: each series carried
    forward from its last change, the last state of each day, every day from the
    product's first row to the file's last (Keepa tracked every product of the file
    until then and saw no change: a product list's quiet product is not a stale one).
    A day's row number is that of the file's last row on or before it (where the prices
    in force were written). Column-wise: group-wise forward fills over one frame of
    every product's days, no loop over products."""
    keys = ["asin", "marketplace"]
    frame = raw.copy()
    frame[keys] = frame[keys].astype("string").fillna("")
    frame["_day"] = days.to_numpy()
    frame["_number"] = rows.to_numpy()
    frame = frame.sort_values("_day", kind="stable")
    values = [c for c in frame.columns if c not in (*keys, "_day")]
    product = frame.groupby(keys, sort=False).ngroup()
    frame[values] = frame[values].groupby(product).ffill()
    frame["_product"] = product
    changes = frame.groupby(["_product", "_day"], sort=False).tail(1)
    if changes.empty:
        return pd.DataFrame(columns=[*raw.columns, "date"]), pd.Series([], dtype="int64")
    # Every day of every product: from its first change to the file's last day.
    first = changes.groupby("_product")["_day"].min()
    lengths = (changes["_day"].max() - first).dt.days.to_numpy() + 1
    ids = np.repeat(first.index.to_numpy(), lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    grid = pd.DataFrame(
        {
            "_product": ids,
            "_day": np.repeat(first.to_numpy(), lengths) + pd.to_timedelta(offsets, "D"),
        }
    )
    daily = grid.merge(changes, on=["_product", "_day"], how="left", sort=False)
    daily[[*keys, *values]] = daily[[*keys, *values]].groupby(daily["_product"]).ffill()
    daily["date"] = daily["_day"].dt.strftime("%Y-%m-%d")
    result = daily.drop(columns=["_product", "_day"])
    result = result.mask(result == _NONE)
    numbers = result.pop("_number").astype("int64")
    for key in keys:
        result[key] = result[key].mask(result[key] == "")
    return result, numbers
