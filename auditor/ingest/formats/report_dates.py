"""Dates as Amazon's downloadable reports write them, as ISO text the common coercion reads.

The report API writes ISO dates and times (`2026-11-28T14:31:07+00:00`, `2026-11-28`); the
reports Seller Central offers for download write the date for people, in the store's
locale: `11/28/26` or `11/28/2026` in the US, `28/11/2026` in Europe, `2026/11/28` in
Japan, and the FBA customer returns page `28-11-2026` or `28-Nov-2026` (its help page:
"DD-MM-YYYY", "DD-MON-YYYY"). Only the date is kept: a time says nothing a window of
days needs.

Slash dates with the day or the month first are told apart by the file, never guessed
cell by cell: a date whose first part is over 12 (and the second not) makes the whole
file day-first, one whose second part is over 12 month-first. A file whose dates fit both (every part 12 or under) and a file mixing both
leave those cells undecided: their rows are rejected, asking for YYYY-MM-DD.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from auditor.ingest.formats.amounts import Kind, ReportTable, convert_columns
from auditor.ingest.formats.base import Extracted
from auditor.ingest.result import Rejected

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan",),
            ("feb",),
            ("mar", "mär", "mrz"),
            ("apr",),
            ("may", "mai", "mag", "mayo"),
            ("jun", "juin", "giu"),
            ("jul", "juil", "lug"),
            ("aug", "août", "ago"),
            ("sep", "sept", "set"),
            ("oct", "okt", "ott"),
            ("nov",),
            ("dec", "dez", "déc", "dic"),
        ],
        start=1,
    )
    for m in names
}

#: Why a cell was not read, as the rejection says it.
EXPECTED = "is not a date (e.g. 2026-11-28, 11/28/2026, 28-11-2026 or 28-Nov-2026)"
UNDECIDED = "could be day/month or month/day: write the date as YYYY-MM-DD"


def iso_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(ISO `YYYY-MM-DD` text, NA where not read; why each unread, non-blank cell was not).

    Column-wise: each shape is one regular expression over the whole column."""
    cells = text.astype("string").str.strip()
    cells = cells.mask(cells == "")
    iso = pd.Series(pd.NA, index=cells.index, dtype="string")
    why = pd.Series(pd.NA, index=cells.index, dtype="string")

    ymd = cells.str.extract(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
    iso = iso.fillna(_join(ymd[0], ymd[1], ymd[2]))

    named = cells.str.extract(r"^(\d{1,2})[- .]([^\W\d_]{3,5})\.?[- .](\d{2}|\d{4})$")
    month = named[1].str.lower().map(_MONTHS, na_action="ignore")
    iso = iso.fillna(_join(_year(named[2]), month.astype("string"), named[0]))

    dashed = cells.str.extract(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")  # DD-MM-YYYY (returns page)
    iso = iso.fillna(_join(dashed[2], dashed[1], dashed[0]))

    slash = cells.str.extract(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$")
    first, second = pd.to_numeric(slash[0]), pd.to_numeric(slash[1])
    # Evidence only from cells that can be a date one way: 13/13/26 is none.
    day_first = bool(((first > 12) & (first <= 31) & (second <= 12)).any())
    month_first = bool(((second > 12) & (second <= 31) & (first <= 12)).any())
    if day_first and not month_first:
        iso = iso.fillna(_join(_year(slash[2]), slash[1], slash[0]))
    elif month_first and not day_first:
        iso = iso.fillna(_join(_year(slash[2]), slash[0], slash[1]))
    else:  # both fit (or the file mixes them): only the cells where the two agree are read
        same = (first == second).fillna(False)
        iso = iso.fillna(_join(_year(slash[2]), slash[0], slash[1]).where(same))
        why = why.mask(slash[0].notna() & iso.isna(), UNDECIDED)
    valid = pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce").notna()
    iso = iso.where(valid)
    why = why.mask(cells.notna() & iso.isna() & why.isna(), EXPECTED)
    return iso, why.where(iso.isna())


def _year(year: pd.Series) -> pd.Series:
    """Two-digit years are this century's (`26` is 2026), as Seller Central means them."""
    text = year.astype("string")
    return text.mask(text.str.len() == 2, "20" + text)


def _join(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    parts = [pd.to_numeric(p, errors="coerce").astype("Int64") for p in (year, month, day)]
    y, m, d = (p.astype("string") for p in parts)
    return (y + "-" + m.str.zfill(2) + "-" + d.str.zfill(2)).astype("string")


def dated_report(
    report: ReportTable,
    columns: dict[str, tuple[tuple[str, ...], Kind]],
    date_column: str,
    header: str,
    table: str,
    fmt: str,
    also_rejected: Callable[[pd.DataFrame], list[tuple[pd.Series, str, str, str]]] | None = None,
) -> Extracted:
    """A report of dated events (feedback, returns) as one canonical table: its columns
    converted, its `date_column` as ISO, a row whose date cannot be read rejected naming
    the report's `header` and the cell. `also_rejected(raw)` gives further checks of the
    format's own, each (mask of bad rows, column, its name as the report says it, reason
    after the cell)."""
    raw, _, rejected, unmapped = convert_columns(report, columns)
    rows = report.rows[raw.index]
    rejected = [*report.rejected, *rejected]
    dates, why = iso_dates(raw[date_column])
    bad = [(why.notna(), date_column, why, header)]
    for mask, column, said, text in also_rejected(raw) if also_rejected else []:
        bad.append((mask.fillna(False), column, pd.Series(text, index=raw.index), said))
    keep = pd.Series(True, index=raw.index)
    for mask, column, reason, said in bad:
        for i in mask[mask].index:
            rejected.append(
                Rejected(int(rows[i]), column, f"{said} {raw[column][i]!r} {reason[i]}")
            )
        keep &= ~mask
    raw[date_column] = dates
    kept = keep.to_numpy(dtype=bool)
    return Extracted.of(
        table,
        raw[kept],
        rows[kept],
        format=fmt,
        rejected=sorted(rejected, key=lambda r: r.row or 0),
        provided=frozenset(raw.columns),
        unmapped=unmapped,
    )
