"""Amazon's All Listings report (`GET_MERCHANT_LISTINGS_ALL_DATA`), a tab-separated flat file.

Recognised by its header: tab-separated, with `seller-sku` and `asin1` or `item-name`
(never by the file's name). Columns are mapped by header name, never by position:
real files have 27 (older, no `merchant-shipping-group`/`status`), 28, 29 (the
documented list), 31 (`Minimum order quantity`, `Sell remainder`) or 47 columns (the
B2B `Business Price`, `Quantity ...` and `Progressive ...` columns). Columns the
listings table has no place for are listed in `Extracted.unmapped`.

The report is read without quote handling (Amazon does not quote its flat files), so
a title such as `8" Subwoofer` keeps its quote mark and a stray quote never swallows
the following cells. A row with more cells than the header is rejected.

`open-date` is written in the store's local form and zone, e.g. `2016-07-08 10:12:40
PDT` (US) or `29/09/2025 16:19:39 BST` (UK). It becomes the calendar date as
written (the zone is not converted):

* year first (`yyyy-mm-dd`, `yyyy/mm/dd`, as in US and JP files): year, month, day;
* year last (`dd/mm/yyyy`, also with `.` or `-`): day first, as the EU, UK, IN and JP
  stores write it, unless the file itself proves otherwise: when some date's second
  field is above 12 and no date's first field is, the whole column is month first.
  When no date settles the order, day first is assumed and a warning says so.

A date in neither form, or not a real date, rejects its row with the reason.

`product-id-type` is a numeric code: 1 = ASIN, 2 = ISBN, 3 = UPC, 4 = EAN (from old
MWS documentation, not re-verified by Amazon's current pages). An ASIN is not a
GTIN, so an ASIN-typed `product-id` never goes to `product_id`; it fills `asin` when
`asin1` is blank. A code outside the table leaves the identifier unread, with a warning.

The report does not say its marketplace: `marketplace` is left blank, so
`--marketplace` or the configuration's `default_marketplace` applies.
"""

from __future__ import annotations

import pandas as pd

from auditor.frames import per_distinct
from auditor.ingest.formats.base import Extracted, ambiguous_header
from auditor.ingest.probe import Probe, read_delimited
from auditor.ingest.result import Rejected

#: Report columns copied as they are into a listings column.
COLUMNS: dict[str, str] = {
    "seller-sku": "sku",
    "item-name": "title",
    "item-description": "description",
    "price": "price",
    "quantity": "quantity",
    "image-url": "main_image_url",
    "asin1": "asin",
    "status": "status",
}

#: Report columns turned into listings columns by a conversion below.
CONVERTED: dict[str, tuple[str, ...]] = {
    "open-date": ("open_date",),
    "fulfillment-channel": ("fulfillment_channel",),
    "product-id": ("product_id", "asin"),
    "product-id-type": ("product_id_type",),
}

#: `product-id-type` codes (and the names some files write instead).
PRODUCT_ID_TYPES: dict[str, str] = {
    "1": "ASIN",
    "2": "ISBN",
    "3": "UPC",
    "4": "EAN",
    "asin": "ASIN",
    "isbn": "ISBN",
    "upc": "UPC",
    "ean": "EAN",
    "gtin": "GTIN",
    "jan": "JAN",
}


#: An ASIN written where a product id is expected, with no type to say so.
ASIN_PATTERN = r"B0[0-9A-Z]{8}"

_YEAR_FIRST = r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:[T\s].*)?$"
_YEAR_LAST = r"^(?P<first>\d{1,2})[-/.](?P<second>\d{1,2})[-/.](?P<year>\d{4})(?:\s.*)?$"


def _header(probe: Probe) -> list[str]:
    lines = probe.first_lines
    if not lines or "\t" not in lines[0]:
        return []
    return [cell.strip().lstrip("\ufeff") for cell in lines[0].split("\t")]


class AllListingsReport:
    name = "all-listings-report"

    def recognise(self, probe: Probe) -> bool:
        if probe.is_workbook:
            return False
        names = {h.lower() for h in _header(probe)}
        return "seller-sku" in names and bool(names & {"asin1", "item-name"})

    def extract(self, probe: Probe) -> list[Extracted]:
        header, cells, rows, rejected = read_report(probe.text)
        by_name = {h.lower(): i for i, h in enumerate(header)}
        targets = {**COLUMNS, **{name: columns[0] for name, columns in CONVERTED.items()}}
        why = ambiguous_header([targets.get(h.lower()) for h in header])
        if why:
            raise ValueError(why)

        def source(name: str) -> pd.Series | None:
            index = by_name.get(name)
            return None if index is None else cells[index].astype("string")

        raw = pd.DataFrame(index=cells.index)
        for name, target in COLUMNS.items():
            column = source(name)
            if column is not None:
                raw[target] = column
        warnings: list[str] = []
        dates = source("open-date")
        if dates is not None:
            iso, bad, note = parse_open_dates(dates)
            raw["open_date"] = iso
            rejected += [
                Rejected(
                    int(rows[i]),
                    "open_date",
                    f"open-date {dates[i].strip()!r} is not a date "
                    "(expected e.g. 2016-07-08 10:12:40 PDT or 29/09/2025 16:19:39 BST)",
                )
                for i in bad[bad].index
            ]
            warnings += [note] if note else []
            raw, rows = raw[~bad], rows[~bad]
        channel = source("fulfillment-channel")
        if channel is not None:
            raw["fulfillment_channel"] = channel.loc[
                raw.index
            ]  # DEFAULT/AMAZON_* mapped by the coercion
        product_id = source("product-id")
        if product_id is not None:
            code = source("product-id-type")
            identifiers, note = map_product_ids(
                product_id.loc[raw.index],
                None if code is None else code.loc[raw.index],
                rows,
            )
            warnings += [note] if note else []
            if "asin" in raw:
                identifiers["asin"] = (
                    raw["asin"].mask(raw["asin"].str.strip() == "").fillna(identifiers["asin"])
                )
            for target in CONVERTED["product-id"] + CONVERTED["product-id-type"]:
                raw[target] = identifiers[target]
        mapped = {h for h in by_name if h in COLUMNS or h in CONVERTED}
        provided = {COLUMNS[h] for h in mapped if h in COLUMNS}
        provided |= {c for h in mapped if h in CONVERTED for c in CONVERTED[h]}
        if "product-id" not in mapped:
            provided.discard("product_id_type")  # a type without the id it qualifies
        return [
            Extracted.of(
                "listings",
                raw,
                rows,
                format=self.name,
                rejected=rejected,
                warnings=warnings,
                provided=frozenset(provided),
                unmapped=[h for h in header if h and h.lower() not in mapped],
            )
        ]


def read_report(text: str) -> tuple[list[str], pd.DataFrame, pd.Series, list[Rejected]]:
    """(header, text cells by header position, each row's line number, rows rejected)."""
    table = read_delimited(text, "\t", quoted=False)
    header = [str(h).strip().lstrip("\ufeff") for h in table.raw.columns]
    cells = table.raw.set_axis(range(len(header)), axis=1)
    return header, cells, table.rows, table.rejected


def parse_open_dates(text: pd.Series) -> tuple[pd.Series, pd.Series, str | None]:
    """(ISO dates as text, mask of unparseable cells, a note on the order assumed)."""
    text = text.fillna("").str.strip()
    # Most files write year first: parsed by pandas' own ISO parser, the rest by pattern.
    iso_date = pd.to_datetime(text.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    iso_date = iso_date.where(text.str.slice(10, 11).isin(["", " ", "T"]))
    if iso_date.notna().all():
        return iso_date.dt.strftime("%Y-%m-%d").astype("string"), text != text, None
    fast = iso_date.notna()
    iso, bad, note = _parse_patterns(text[~fast])
    return (
        iso_date.dt.strftime("%Y-%m-%d").astype("string").mask(~fast, iso),
        bad.reindex(text.index, fill_value=False),
        note,
    )


def _parse_patterns(text: pd.Series) -> tuple[pd.Series, pd.Series, str | None]:
    first = text.str.extract(_YEAR_FIRST)
    last = text.str.extract(_YEAR_LAST)
    a, b = (_numbers(last[part]) for part in ("first", "second"))
    month_first = bool((b > 12).any() and not (a > 12).any())
    note = None
    if a.notna().any() and not ((a > 12).any() or (b > 12).any()):
        note = "open-date read day first (dd/mm/yyyy): no date in the file settles the order"
    elif month_first:
        note = "open-date read month first (mm/dd/yyyy): some dates have a second field above 12"
    parts = pd.DataFrame(
        {
            "year": _numbers(first["year"]).fillna(_numbers(last["year"])),
            "month": _numbers(first["month"]).fillna(a if month_first else b),
            "day": _numbers(first["day"]).fillna(b if month_first else a),
        }
    )
    dates = pd.to_datetime(parts, errors="coerce")
    iso = dates.dt.strftime("%Y-%m-%d").astype("string")
    bad = (text != "") & dates.isna()
    return iso, bad, note


def _numbers(text: pd.Series) -> pd.Series:
    return pd.to_numeric(text, errors="coerce").astype("float64")


def map_product_ids(
    value: pd.Series, code: pd.Series | None, rows: pd.Series
) -> tuple[pd.DataFrame, str | None]:
    """product_id, product_id_type and asin (an ASIN-typed product id) from the two columns."""
    value = value.fillna("").str.strip()
    code = (
        pd.Series("", index=value.index, dtype="string")
        if code is None
        else per_distinct(code, lambda c: c.fillna("").str.strip())
    )
    kind = per_distinct(code, lambda c: c.str.lower().map(PRODUCT_ID_TYPES).astype("string"))
    untyped = (code == "").to_numpy(dtype=bool)
    untyped_asin = pd.Series(False, index=value.index)
    untyped_asin[untyped] = value[untyped].str.fullmatch(ASIN_PATTERN).fillna(False)
    is_asin = ((kind == "ASIN").fillna(False) | untyped_asin) & (value != "")
    unknown = (code != "") & kind.isna() & (value != "")
    keep = (value != "") & ~is_asin & ~unknown
    note = None
    if unknown.any():
        codes = ", ".join(sorted(set(code[unknown])))
        where = ", ".join(str(int(r)) for r in rows.loc[unknown[unknown].index][:5])
        note = (
            f"product-id-type {codes} is not a known code (1 ASIN, 2 ISBN, 3 UPC, 4 EAN): "
            f"product-id not read in rows {where}"
        )
    frame = pd.DataFrame(
        {
            "product_id": value.where(keep),
            "product_id_type": kind.where(keep),
            "asin": value.where(is_asin),
        },
        index=value.index,
    ).astype("string")
    return frame, note
