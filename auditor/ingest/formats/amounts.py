"""Numbers as Amazon's reports write them: money with its currency, percentages, counts.

Seller Central and the advertising console write numbers for people, in the store's
locale: `$1,234.56`, `1.234,56 €`, `£12.99`, `￥1,980`, `12,131` sessions, `12.5%`
or `12,5 %`. Each cell becomes plain decimal text the common coercion reads
(`1234.56`), and money keeps its currency (`USD`, `EUR`, ...) beside it.

The decimal separator is the last `.` or `,` when both appear; when only one kind
appears, it groups thousands when it appears more than once (`1.234.567`) or once
between one to three leading digits (not starting with 0) and exactly three after
(`1,234`, the yen's `1,980`); otherwise it is the decimal separator (`12,99`, `0.125`,
a workbook's `0.30600000000000005`). A cell that is not a number in any of these shapes is reported
as bad, never guessed.

Percentages become fractions (`12.5%` -> `0.125`); a bare number in a percentage
column is taken as already a fraction, as a workbook stores a cell formatted as a
percentage (`0.125`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from auditor.frames import per_distinct, per_distinct_of_columns
from auditor.ingest.coerce import row_numbers
from auditor.ingest.formats.base import ambiguous_header
from auditor.ingest.probe import Probe, blank_rows, guess_separator
from auditor.ingest.result import Rejected

#: Currency signs and codes written beside an amount -> ISO 4217. `$` alone is USD
#: (the prefixed dollars name their country); a three-letter code is taken as written.
CURRENCY_SIGNS: dict[str, str] = {
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "MX$": "MXN",
    "S$": "SGD",
    "R$": "BRL",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "￥": "JPY",
    "₹": "INR",
    "₺": "TRY",
    "TL": "TRY",
    "zł": "PLN",
    "kr": "SEK",
}

_SIGNS = "|".join(sorted((s.replace("$", r"\$") for s in CURRENCY_SIGNS), key=len, reverse=True))
#: Each run of spaces can be matched one way only: with `\s*` on both sides of an optional
#: part, or a number that could end in the spaces `\s*` takes, a cell of "1", 16,000
#: spaces and "x" took 36 s to refuse (the time grows with the square of the spaces).
_AMOUNT = (
    r"^(?P<neg1>-)?\s*(?:(?P<pre>" + _SIGNS + r"|[A-Z]{3})\s*)?(?:(?P<neg2>-)\s*)?"
    r"(?P<number>\d(?:[\d.,' ]*[\d.,'])?)\s*(?P<post>" + _SIGNS + r"|[A-Z]{3}|%)?$"
)


def _clean(text: pd.Series) -> pd.Series:
    """Stripped text; no-break and thin spaces (French, Swedish thousands) as plain spaces."""
    return (
        text.astype("string")
        .str.replace("\u00a0", " ", regex=False)
        .str.replace("\u202f", " ", regex=False)
        .str.strip()
    )


def _decimal_text(number: pd.Series) -> pd.Series:
    """`1.234,56` -> `1234.56`, `1,234` -> `1234`, `12,99` -> `12.99` (see the module doc)."""
    digits = number.str.replace(r"[' ]", "", regex=True)
    last_dot, last_comma = digits.str.rfind("."), digits.str.rfind(",")
    both = (last_dot >= 0) & (last_comma >= 0)
    decimal = pd.Series(pd.NA, index=number.index, dtype="string")
    decimal = decimal.mask(both & (last_dot > last_comma), ".").mask(
        both & (last_comma > last_dot), ","
    )
    for sep in (".", ","):
        only = ~both & digits.str.contains(sep, regex=False)
        once = digits.str.count("\\" + sep if sep == "." else sep) == 1
        head = digits.str.split(sep, n=1, regex=False).str[0]
        tail = digits.str.len() - digits.str.rfind(sep) - 1
        grouping = (tail == 3) & head.str.fullmatch(r"[1-9]\d{0,2}").fillna(False)
        decimal = decimal.mask(only & once & ~grouping, sep)
    thousands = decimal.map({".": ",", ",": "."}, na_action="ignore")
    out = digits.copy()
    for sep in (".", ","):
        out = out.mask((thousands == sep).fillna(False), out.str.replace(sep, "", regex=False))
    undecided = decimal.isna()  # no decimal part: every separator groups thousands
    out = out.mask(undecided, out.str.replace(r"[.,]", "", regex=True))
    return out.mask((decimal == ",").fillna(False), out.str.replace(",", ".", regex=False))


def _parse(text: pd.Series) -> pd.DataFrame:
    cleaned = _clean(text)
    parts = cleaned.str.extract(_AMOUNT)
    number = _decimal_text(parts["number"].astype("string").str.strip())
    negative = parts["neg1"].notna() | parts["neg2"].notna()
    number = number.mask(negative & number.notna(), "-" + number)
    value = pd.to_numeric(number, errors="coerce").astype("Float64")
    sign = parts["pre"].fillna(parts["post"]).astype("string")
    percent = (parts["post"] == "%").fillna(False)
    currency = sign.map(lambda s: CURRENCY_SIGNS.get(s, s), na_action="ignore").astype("string")
    currency = currency.mask(percent)
    blank = cleaned.isna() | (cleaned == "")
    return pd.DataFrame(
        {
            "value": value.mask(blank),
            "percent": percent,
            "currency": currency,
            "bad": (~blank & value.isna()).fillna(False),
        },
        index=text.index,
    )


def parse_numbers(text: pd.Series) -> pd.DataFrame:
    """Each cell's `value` (Float64), `percent` (written with %), `currency` (ISO code or
    NA) and `bad` (not blank, yet no number), once per distinct cell."""
    return per_distinct(text.astype("string"), _parse)


def as_text(value: pd.Series) -> pd.Series:
    """Numbers as the plain text the common coercion reads (`1234.56`); NA stays blank."""
    return value.map(lambda v: format(float(v), ".10g"), na_action="ignore").astype("string")


def money(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(amount as text, currency, bad): `$1,234.56` -> `1234.56`, `USD`."""
    return _money(parse_numbers(text))


def share(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(fraction as text, bad): `12.5%` and `12,5 %` -> `0.125`; a bare `0.125` as written."""
    return _share(parse_numbers(text))


def count(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(number as text, bad): `12,131` -> `12131`; a currency or % sign is bad."""
    return _count(parse_numbers(text))


def _money(parsed: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    bad = parsed["bad"] | parsed["percent"]
    return as_text(parsed["value"].mask(bad)), parsed["currency"], bad


def _share(parsed: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    bad = parsed["bad"] | parsed["currency"].notna()
    value = parsed["value"].mask(parsed["percent"], parsed["value"] / 100)
    return as_text(value.mask(bad)), bad


def _count(parsed: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    bad = parsed["bad"] | parsed["percent"] | parsed["currency"].notna()
    return as_text(parsed["value"].mask(bad)), bad


# --- report tables: headers matched by name, cells converted by kind -------------------

#: How a report column's cells become a canonical column's text.
Kind = str  # "text", "money", "share" or "count"

#: Country names the advertising console writes in its Country column -> marketplace codes.
COUNTRIES: dict[str, str] = {
    "united states": "US",
    "canada": "CA",
    "mexico": "MX",
    "brazil": "BR",
    "united kingdom": "UK",
    "ireland": "IE",
    "germany": "DE",
    "france": "FR",
    "italy": "IT",
    "spain": "ES",
    "netherlands": "NL",
    "sweden": "SE",
    "poland": "PL",
    "belgium": "BE",
    "turkey": "TR",
    "türkiye": "TR",
    "united arab emirates": "AE",
    "saudi arabia": "SA",
    "egypt": "EG",
    "india": "IN",
    "japan": "JP",
    "australia": "AU",
    "singapore": "SG",
    "south africa": "ZA",
}

_CURRENCY_SUFFIX = re.compile(r"\s*\((?:[$£€¥₹]|[a-z]{3})\)$")


def header_key(name: object) -> str:
    """A header as matched: lower case, single spaces, no BOM, no trailing `($)`/`(USD)`.

    Amazon's own files write `7 Day Total Sales ` with a trailing space and some
    exports add the currency to money headers; neither changes what the column is.
    """
    text = re.sub(r"\s+", " ", str(name).replace("\ufeff", "").strip().lower())
    return _CURRENCY_SUFFIX.sub("", text)


@dataclass
class ReportTable:
    """A report's cells under its own header (as written), each row's number, and rows
    that did not parse."""

    header: list[str]
    cells: pd.DataFrame  # text cells, columns by position
    rows: pd.Series
    rejected: list[Rejected]
    format: str  # csv, tsv or xlsx


def find_header(probe: Probe, matches: Callable[[set[str]], bool]) -> ReportTable | None:
    """The report table of a CSV/TSV (header on the first line) or a workbook (header on
    one of the first rows of its first sheet), if its header `matches`."""
    try:
        if probe.is_workbook:
            if not probe.sheet_names:  # a damaged workbook.xml can list none
                return None
            sheet = probe.sheet(probe.sheet_names[0])
            for line in range(min(10, len(sheet))):
                header = [str(c) for c in sheet.iloc[line]]
                if matches({header_key(h) for h in header}):
                    cells = sheet.iloc[line + 1 :]
                    keep = ~blank_rows(cells)
                    rows = row_numbers(len(cells), first=line + 2)[keep]
                    return ReportTable(
                        header,
                        cells[keep].set_axis(range(len(header)), axis=1).reset_index(drop=True),
                        rows.reset_index(drop=True),
                        [],
                        "xlsx",
                    )
            return None
        if not probe.first_lines:
            return None
        sep = guess_separator(probe.first_lines[0])
        first = next(csv.reader([probe.first_lines[0]], delimiter=sep), [])
        if not matches({header_key(h) for h in first}):
            return None
        table = probe.delimited
    except ValueError:
        return None
    header = [str(h) for h in table.raw.columns]
    cells = table.raw.set_axis(range(len(header)), axis=1)
    return ReportTable(header, cells, table.rows, list(table.rejected), table.format)


def convert_columns(
    report: ReportTable, columns: dict[str, tuple[tuple[str, ...], Kind]]
) -> tuple[pd.DataFrame, dict[str, pd.Series], list[Rejected], list[str]]:
    """Canonical text columns from the report's columns found by header name.

    Returns (raw text columns, the currency each money column wrote, rejections for
    cells that are not numbers of their kind, report columns left unmapped). A header
    that appears twice among the mapped ones makes the file ambiguous (ValueError).
    """
    keys = [header_key(h) for h in report.header]
    raw = pd.DataFrame(index=report.cells.index)
    currencies: dict[str, pd.Series] = {}
    rejected: list[Rejected] = []
    bad_rows = pd.Series(False, index=report.cells.index)
    found: dict[str, tuple[int, Kind]] = {}
    for target, (aliases, kind) in columns.items():
        position = next((keys.index(a) for a in aliases if a in keys), None)
        if position is None:
            continue
        if keys.count(keys[position]) > 1:
            why = ambiguous_header([target if k == keys[position] else None for k in keys])
            raise ValueError(why)
        found[target] = (position, kind)
    used = {position for position, _ in found.values()}
    # Every number column parsed at once: one parse of the distinct cells of them all.
    numbers = [t for t, (_, kind) in found.items() if kind != "text"]
    cells = report.cells.iloc[:, [found[t][0] for t in numbers]].astype("string")
    parsed = dict(zip(numbers, per_distinct_of_columns(cells, _parse), strict=True))
    for target, (position, kind) in found.items():
        text = report.cells[position].astype("string")
        if kind == "text":
            raw[target] = text
            continue
        if kind == "money":
            value, currency, bad = _money(parsed[target])
            currencies[target] = currency
        elif kind == "share":
            value, bad = _share(parsed[target])
        else:
            value, bad = _count(parsed[target])
        raw[target] = value
        expected = EXPECTED[kind]
        for i in bad[bad.fillna(False)].index:
            rejected.append(
                Rejected(
                    int(report.rows[i]),
                    target,
                    f"{report.header[position].strip()} {str(text[i]).strip()!r} is not {expected}",
                )
            )
        bad_rows |= bad.fillna(False)
    unmapped = [h.strip() for i, h in enumerate(report.header) if i not in used and h.strip()]
    keep = ~bad_rows
    return (
        raw[keep],
        {k: v[keep] for k, v in currencies.items()},
        rejected,
        unmapped,
    )


EXPECTED = {
    "money": "an amount (e.g. $1,234.56 or 1.234,56 €)",
    "share": "a percentage (e.g. 12.5%)",
    "count": "a whole number (e.g. 1,234)",
}


def currency_of(
    declared: pd.Series | None, written: dict[str, pd.Series], index: pd.Index
) -> pd.Series:
    """The currency of each row: the report's Currency column, else the sign its amounts
    carry (the first money column that has one)."""
    currency = pd.Series(pd.NA, index=index, dtype="string")
    if declared is not None:
        upper = declared.astype("string").str.strip().str.upper()
        currency = upper.mask(upper == "")
    for column in written.values():
        currency = currency.fillna(column.reindex(index))
    return currency


def marketplace_of(country: pd.Series) -> pd.Series:
    """Country names (`United States`) as marketplace codes; codes and ids pass through."""
    text = country.astype("string").str.strip()
    named = text.str.lower().map(COUNTRIES, na_action="ignore").astype("string")
    code = named.fillna(text)
    return code.mask(code == "")
