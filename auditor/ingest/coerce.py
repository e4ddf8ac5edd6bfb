"""Raw text cells -> typed canonical columns, column by column.

Types come from the table's pydantic row model (text, number, integer, boolean,
date); a cell that does not parse rejects its row with the column and the reason.
Identifiers are text from the first byte read, so leading zeros survive.
"""

from __future__ import annotations

import json
import re
from functools import partial
from typing import Any, Protocol

import numpy as np
import pandas as pd

from auditor.frames import per_distinct, per_distinct_of_columns
from auditor.ingest.countries import country_codes
from auditor.ingest.result import Rejected
from auditor.model.common import MARKETPLACE_ALIASES, MARKETPLACE_IDS, normalise_marketplace
from auditor.model.tables import TableSpec
from auditor.model.vocab import METRICS, MetricKind

#: Booleans as sellers write them, Chinese registers included (是/否 "yes/no", 有/无 "has/has not").
TRUE = {"true", "yes", "y", "1", "t", "是", "有"}
FALSE = {"false", "no", "n", "0", "f", "否", "无", "無", "没有", "沒有"}


def cell_text(value: Any) -> str:
    """A value from JSON or a record as the text a CSV cell would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):  # JSON data (a listing's attributes): as JSON text
        return json.dumps(value, ensure_ascii=False)
    return str(value)


#: The dtype of a column no input provided, by column type (what `_coerce` would give).
BLANK_DTYPES = {
    "text": "string",
    "number": "Float64",
    "integer": "Int64",
    "boolean": "boolean",
    "date": "datetime64[ns]",
    "country": "string",
    "object": "object",
}


def blank_to_na(column: pd.Series) -> pd.Series:
    """Cells as stripped text, blank ones NA (a plain loop: the costliest step of reading)."""
    cells = column.astype("string").to_numpy(dtype=object, na_value="")
    text = [c.strip() or None for c in cells]
    return pd.Series(text, index=column.index, dtype="string")


#: Beyond 2**53 a float no longer holds every whole number, and int64 columns wrap near
#: 2**63: no count, price or age an Amazon file carries comes near either.
LARGEST = 2**53
#: Why a cell that is a number was still refused (after the cell, as EXPECTED).
NOT_FINITE = "is not a finite number"
OUT_OF_RANGE = "is out of range"
_NAN = re.compile(r"[+-]?nan", re.IGNORECASE)


def _numbers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each cell's number and, for a cell refused, why (NA where it is good or blank).

    Not-a-number, infinities and magnitudes past LARGEST are refused with their own
    reason: taken as values they compare wrongly (a NaN age is never "too old") or wrap
    to negative numbers in integer columns.
    """
    percent = text.str.endswith("%").fillna(False)
    stripped = text.str.rstrip("%").str.strip()
    parsed = pd.to_numeric(stripped.astype(object), errors="coerce")
    number = pd.Series(np.asarray(parsed, dtype="float64"), index=text.index)
    number = number.mask(percent.to_numpy(dtype=bool), number / 100)
    nan = stripped.str.fullmatch(_NAN).fillna(False).to_numpy(dtype=bool)
    infinite = np.isinf(number.to_numpy())
    huge = (number.abs() > LARGEST).to_numpy() & ~infinite
    why = pd.Series(pd.NA, index=text.index, dtype="string")
    why = why.mask(text.notna() & number.isna(), "")  # not a number: the column's EXPECTED
    why = why.mask(nan | infinite, NOT_FINITE).mask(huge, OUT_OF_RANGE)
    value = number.mask(why.notna().to_numpy(dtype=bool)).astype("Float64")
    return value, why


#: How to say what a column of each type expected, after the cell that failed.
EXPECTED = {
    "number": "is not a number (use a point as the decimal separator)",
    "integer": "is not a whole number",
    "boolean": "is not true/false, yes/no, 1/0, 是/否 or 有/无",
    "date": "is not a date as YYYY-MM-DD (also YYYY/M/D, YYYY.M.D or YYYY年M月D日)",
    "country": "is not a country (ISO 3166 code or name)",
}

#: Dates as registers write them: year first, with `-`, `/` or `.` (one kind), or 年月日.
_DATE = re.compile(
    r"^(?P<year>\d{4})(?:(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"|\s*年\s*(?P<cjk_month>\d{1,2})\s*月\s*(?P<cjk_day>\d{1,2})\s*日)$"
)


def _coerce_text(kind: str, cells: pd.Series) -> pd.DataFrame:
    return _coerce(kind, blank_to_na(cells))


def _coerce(kind: str, text: pd.Series) -> pd.DataFrame:
    """The typed `value` of each cell, whether it `failed` to parse and, if so, `why`.

    `why` is the reason after the cell: the column's EXPECTED, or a number's or a date's
    own (NOT_FINITE, OUT_OF_RANGE, DATE_OUT_OF_RANGE).
    """
    why = None
    if kind == "number":
        value, why = _numbers(text)
    elif kind == "integer":
        number, why = _numbers(text)
        fraction = (number.notna() & (number != number.round())).fillna(False)
        why = why.mask(fraction.to_numpy(dtype=bool), "")
        value = number.mask(fraction).round().astype("Int64")
    elif kind == "boolean":
        lowered = text.str.lower()
        value = pd.Series(pd.NA, index=text.index, dtype="boolean")
        value = value.mask(lowered.isin(TRUE).fillna(False), True).mask(
            lowered.isin(FALSE).fillna(False), False
        )
        bad = text.notna() & value.isna()
    elif kind == "date":
        value, far = _dates(text)
        why = pd.Series(pd.NA, index=text.index, dtype="string")
        why = why.mask((text.notna() & value.isna()).to_numpy(dtype=bool), "")
        why = why.mask(far.to_numpy(dtype=bool), DATE_OUT_OF_RANGE)
    elif kind == "country":
        value = country_codes(text)
        bad = text.notna() & value.isna()
    else:
        value, bad = text, pd.Series(False, index=text.index)
    if why is None:
        why = pd.Series(pd.NA, index=text.index, dtype="string").mask(bad.astype(bool), "")
    why = why.mask((why == "").fillna(False), EXPECTED.get(kind, ""))
    return pd.DataFrame(
        {"value": value, "failed": why.notna().astype(bool), "why": why}, index=text.index
    )


#: The dates a date column holds (nanosecond timestamps); a real date outside them, such
#: as a year typed 6026 for 2026, is refused with DATE_OUT_OF_RANGE.
FIRST_DATE = pd.Timestamp.min.ceil("D")
LAST_DATE = pd.Timestamp.max.floor("D")
DATE_OUT_OF_RANGE = (
    f"is out of range (dates from {FIRST_DATE:%Y-%m-%d} to {LAST_DATE:%Y-%m-%d} are read)"
)


def _dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """`2026-05-01`, `2026/5/1`, `2026.05.01` and `2026年5月1日` as dates, NaT otherwise; and
    which cells are real dates outside FIRST_DATE..LAST_DATE (NaT too)."""
    # A workbook's date cell arrives as "2023-02-01 00:00:00": the midnight is not data.
    parts = text.str.removesuffix(" 00:00:00").str.strip().str.extract(_DATE)
    numbers = pd.DataFrame(
        {
            "year": parts["year"],
            "month": parts["month"].fillna(parts["cjk_month"]),
            "day": parts["day"].fillna(parts["cjk_day"]),
        }
    ).apply(pd.to_numeric)
    complete = numbers.notna().all(axis=1)
    value = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    far = pd.Series(False, index=text.index)
    if complete.any():
        # pandas parses years 1 to 9999 (in microseconds); a nanosecond column holds fewer.
        dates = pd.to_datetime(numbers[complete], errors="coerce")
        outside = (dates < FIRST_DATE) | (dates > LAST_DATE)
        far[complete] = outside
        value[complete] = dates.mask(outside).astype("datetime64[ns]")
    return value, far


def to_canonical(
    raw: pd.DataFrame,
    spec: TableSpec,
    rows: pd.Series,
    default_marketplace: str | None,
) -> tuple[pd.DataFrame, list[Rejected], frozenset[str]]:
    """Coerce `raw` (text columns named as the table's) into the canonical frame.

    `rows` holds each raw row's number as the user sees it. Returns the frame of
    good rows (all table columns, plus `_row`), the rejections, and the columns the
    input provided.
    """
    provided = frozenset(c for c in raw.columns if c in spec.columns)
    bad_rows: dict[int, list[tuple[str, str]]] = {}

    def reject(mask: pd.Series, column: str, reason: str) -> None:
        """Reject the rows in `mask`; `reason` may quote the cell as {cell}."""
        for idx in mask[mask.fillna(False).to_numpy(dtype=bool)].index:
            cell = str(raw.at[idx, column]).strip() if column in raw else ""
            bad_rows.setdefault(idx, []).append((column, reason.format(cell=repr(cell))))

    columns: dict[str, pd.Series] = {}
    # Columns of one type (and dtype) are parsed together: one parse of their distinct cells.
    typed: dict[tuple[str, str], list[str]] = {}
    for column, kind in spec.column_types().items():
        if column not in raw:  # nothing to parse: a blank column of the right type
            columns[column] = pd.Series(pd.NA, index=raw.index, dtype=BLANK_DTYPES[kind])
        elif kind == "text":  # mostly distinct values (titles, SKUs): stripped directly
            columns[column] = blank_to_na(raw[column])
        elif kind == "object":  # JSON data written into a text cell (a CSV's attributes)
            columns[column], not_json = _json_objects(blank_to_na(raw[column]))
            reject(not_json, column, "{cell} is not a JSON object")
        else:
            columns[column] = pd.Series()  # its place in the frame, filled below
            typed.setdefault((kind, str(raw[column].dtype)), []).append(column)
    coerced: dict[str, pd.DataFrame] = {}
    for (column_type, _), same_type in typed.items():
        parsed = per_distinct_of_columns(raw[same_type], partial(_coerce_text, column_type))
        coerced.update(zip(same_type, parsed, strict=True))
    for column in (c for c in spec.column_types() if c in coerced):  # in the table's order
        parts = coerced[column]
        if parts["failed"].any():
            for why in parts["why"].dropna().unique():
                reject(parts["why"] == why, column, "{cell} " + why)
        columns[column] = parts["value"]
    frame = pd.DataFrame(columns, index=raw.index)

    if "fulfillment_channel" in spec.columns:
        frame["fulfillment_channel"] = per_distinct(
            frame["fulfillment_channel"], fulfillment_channels
        )
    if "marketplace" in spec.columns:
        frame["marketplace"] = _marketplaces(frame, spec, default_marketplace, reject)
    for column, allowed in spec.vocabularies.items():
        values = frame[column]
        frame[column] = values.astype("string").str.lower()
        outside = values.notna() & ~frame[column].isin(allowed).fillna(False)
        reject(outside, column, "{cell} is not one of: " + _listing(allowed, spec.name))
    for column in spec.required_columns:
        reject(frame[column].isna(), column, f"{column} is blank")
    if spec.identifying_columns:
        names = spec.identifying_columns
        reject(
            frame[list(names)].isna().all(axis=1),
            names[0],
            f"{' and '.join(names)} are blank: the row names no product",
        )
    if spec.name == "account_metrics":
        _check_metric_values(frame, reject)

    rejected = [
        Rejected(int(rows[idx]), column, reason)
        for idx, problems in bad_rows.items()
        for column, reason in problems
    ]
    frame["_row"] = rows.astype("int64")
    good = frame.drop(index=list(bad_rows))
    return good, sorted(rejected, key=lambda r: (r.row or 0, r.column or "")), provided


def _json_objects(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each cell's JSON object (NA where blank), and where a cell is no JSON object."""
    values: list[Any] = []
    for cell in text.tolist():
        if cell is None or cell is pd.NA:
            values.append(None)
            continue
        try:
            parsed = json.loads(cell)
        except ValueError:
            parsed = _NOT_JSON
        values.append(parsed if isinstance(parsed, dict) else _NOT_JSON)
    bad = pd.Series([v is _NOT_JSON for v in values], index=text.index)
    objects = pd.Series([None if v is _NOT_JSON else v for v in values], index=text.index)
    return objects.astype(object), bad


_NOT_JSON = object()


class Reject(Protocol):
    def __call__(self, mask: pd.Series, column: str, reason: str) -> None: ...


def _marketplaces(
    frame: pd.DataFrame, spec: TableSpec, default: str | None, reject: Reject
) -> pd.Series:
    code = per_distinct(
        frame["marketplace"],
        lambda c: c.str.upper().map(_marketplace_code, na_action="ignore").astype("string"),
    )
    unknown = code.notna() & ~code.isin(list(MARKETPLACE_IDS))
    reject(unknown, "marketplace", "{cell} is not an Amazon marketplace code (US, UK, DE, JP, ...)")
    if spec.blank_marketplace != "any":
        default = normalise_marketplace(default) if default else None  # a reader may name an id
        if default:
            code = code.fillna(default)
        elif spec.blank_marketplace == "required":
            reject(
                code.isna(),
                "marketplace",
                "no marketplace: give --marketplace or default_marketplace",
            )
    return code


_MARKETPLACE_OF_ID = {v: k for k, v in MARKETPLACE_IDS.items()}


def _marketplace_code(value: str) -> str:
    """An upper-case cell's marketplace code: an alias (GB) or a marketplace id as its
    code, anything else as written (rejected after). A dict lookup: `Series.replace`
    with a dict cost a millisecond a call, and every file with a marketplace calls it."""
    aliased = MARKETPLACE_ALIASES.get(value, value)
    return _MARKETPLACE_OF_ID.get(aliased, aliased)


def _check_metric_values(frame: pd.DataFrame, reject: Reject) -> None:
    kinds = frame["metric"].map({m: k.value for m, k in METRICS.items()})
    rate = (kinds == MetricKind.rate.value).fillna(False)
    out_of_range = rate & ((frame["value"] < 0) | (frame["value"] > 1)).fillna(False)
    reject(
        out_of_range,
        "value",
        "{cell}: rates are fractions (0.009 = 0.9%) or percentages with a % sign",
    )
    status = (kinds == MetricKind.status.value).fillna(False)
    no_value = ~status & frame["value"].isna() & frame["value_text"].notna()
    reject(no_value, "value", "this metric needs a number in value")


def fulfillment_channels(code: pd.Series) -> pd.Series:
    """Amazon's fulfilment codes as MFN/AFN: DEFAULT is the seller's own, AMAZON_<region> is FBA.

    Every reader's column passes through here, so flat files, reports and API items agree.
    """
    upper = code.astype("string").str.strip().str.upper()
    upper = upper.mask((upper == "DEFAULT").fillna(False), "MFN")
    return upper.mask(upper.str.startswith("AMAZON").fillna(False), "AFN")


def _listing(allowed: tuple[str, ...], table: str) -> str:
    if len(allowed) <= 8:
        return ", ".join(allowed)
    return f"{', '.join(allowed[:6])}, ... (all {len(allowed)}: `auditor schema {table}`)"


def row_numbers(count: int, first: int = 2) -> pd.Series:
    """Row numbers as a spreadsheet shows them (header is row 1)."""
    return pd.Series(np.arange(first, first + count), dtype="int64")
