"""The FBA inventory planning report (`GET_FBA_INVENTORY_PLANNING_DATA`), tab-separated.

Recognised by its header (never by the file's name): tab-separated, with `sku` and
`available` and an inventory-age (`inv-age-...`) or units-shipped (`units-shipped-t..`)
column. Columns are mapped by header name, case-insensitively, never by position:
Amazon says the fields "may vary based on the marketplace, region, and the seller's
selection of fields", and real files have from about 40 to 97 columns. Columns the
inventory table has no place for are listed in `Extracted.unmapped`.

Age buckets. The report gives units by age in days: `inv-age-0-to-90-days`,
`inv-age-91-to-180-days`, `inv-age-181-to-270-days`, `inv-age-271-to-365-days`, and
beyond a year either `inv-age-365-plus-days` (older files) or `inv-age-366-to-455-days`
plus `inv-age-456-plus-days` (newer files, summed into `age_365_plus`). Newer files
also split the first 90 days (`inv-age-0-to-30-days`, `-31-to-60-`, `-61-to-90-`),
summed into `age_0_90` when `inv-age-0-to-90-days` is absent.

Money. The aged inventory surcharge Amazon expects to charge is given per age tier
(`estimated-ais-181-210-days` ... `estimated-ais-456-plus-days`, in `currency`); the
reader sums every `estimated-ais-*` column into `estimated_aged_surcharge`.

Derived columns (computed here, column-wise, from the report's own numbers):

* `oldest_age_days`: the first day of the oldest bucket holding units (0, 91, 181,
  271 or 366); blank unless all five buckets were read.
* `annual_turnover`: units shipped in the last 90 days x 365/90, divided by the units
  available, reserved and inbound; blank when none are.
* `stranded`: the documented field list has no stranded column. A row is stranded when
  its `alert` or `recommended-action` text names stranded inventory (wording
  UNCONFIRMED: Amazon publishes no list of these values), and not stranded otherwise;
  a flag from the Stranded Inventory report can be given in a canonical inventory file.

Blank cells and Amazon's `--`/`N/A` placeholders are blank. `snapshot-date` may carry
a time (`2026-11-24T07:00:00+00:00`); the date as written is kept. The marketplace is
the report's `marketplace` column where it has one, else `--marketplace`.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from auditor.ingest.formats.all_listings import read_report
from auditor.ingest.formats.base import Extracted, ambiguous_header
from auditor.ingest.probe import Probe
from auditor.ingest.result import Rejected

#: Report columns copied as they are into an inventory column.
COLUMNS: dict[str, str] = {
    "sku": "sku",
    "fnsku": "fnsku",
    "asin": "asin",
    "product-name": "title",
    "condition": "condition",
    "marketplace": "marketplace",
    "available": "available",
    "inbound-quantity": "inbound",
    "total reserved quantity": "reserved",
    "unfulfillable-quantity": "unfulfillable",
    "inv-age-0-to-90-days": "age_0_90",
    "inv-age-91-to-180-days": "age_91_180",
    "inv-age-181-to-270-days": "age_181_270",
    "inv-age-271-to-365-days": "age_271_365",
    "inv-age-365-plus-days": "age_365_plus",
    "units-shipped-t7": "units_shipped_7d",
    "units-shipped-t30": "units_shipped_30d",
    "units-shipped-t60": "units_shipped_60d",
    "units-shipped-t90": "units_shipped_90d",
    "days-of-supply": "days_of_supply",
    "total days of supply (including units from open shipments)": "total_days_of_supply",
    "sell-through": "sell_through",
    "estimated-excess-quantity": "excess_units",
    "storage-type": "storage_type",
    "product-group": "product_group",
    "storage-volume": "storage_volume",
    "estimated-storage-cost-next-month": "estimated_storage_cost",
    "currency": "currency",
}

#: A canonical bucket summed from finer or newer buckets when the report lacks it.
SUMMED_BUCKETS: dict[str, tuple[str, ...]] = {
    "age_0_90": ("inv-age-0-to-30-days", "inv-age-31-to-60-days", "inv-age-61-to-90-days"),
    "age_365_plus": ("inv-age-366-to-455-days", "inv-age-456-plus-days"),
}

#: The age buckets, youngest first, with the first day of each.
BUCKETS: dict[str, int] = {
    "age_0_90": 0,
    "age_91_180": 91,
    "age_181_270": 181,
    "age_271_365": 271,
    "age_365_plus": 366,
}

#: Text columns that may name stranded inventory.
ALERT_COLUMNS = ("alert", "recommended-action")

#: Cells Amazon writes where a report has no value.
PLACEHOLDERS = {"--", "-", "n/a", "na", "null"}


def tab_header(probe: Probe) -> list[str]:
    """The first line's cells, lowercased, if the file is tab-separated text."""
    if probe.is_workbook:
        return []
    lines = probe.first_lines
    if not lines or "\t" not in lines[0]:
        return []
    return [cell.strip().lstrip("\ufeff").lower() for cell in lines[0].split("\t")]


def report_cells(
    probe: Probe, known: dict[str, str]
) -> tuple[list[str], list[str], pd.DataFrame, pd.Series, list[Rejected]]:
    """(header as written, lowercased, cells by position as text, row numbers, rows rejected).

    A header name the reader maps (`known`: to the tool's column) that appears twice
    makes the file ambiguous: it is skipped with that reason, naming the tool's column
    and the positions, rather than read from either column.
    """
    header, cells, rows, rejected = read_report(probe.text)
    names = [h.lower() for h in header]
    repeated = {n for n, count in Counter(n for n in names if n in known).items() if count > 1}
    why = ambiguous_header([known[n] if n in repeated else None for n in names])
    if why:
        raise ValueError(why)
    return header, names, cells, rows, rejected


def cleaned(column: pd.Series) -> pd.Series:
    """Stripped text; blank cells and Amazon's placeholders (`--`, `N/A`) as NA."""
    text = column.astype("string").str.strip()
    return text.mask(text.str.lower().isin(PLACEHOLDERS) | (text == ""))


def as_number(column: pd.Series) -> pd.Series:
    """Numbers for derivations; a cell that is not one stays NA here (coercion rejects it)."""
    return pd.to_numeric(column, errors="coerce").astype("Float64")


def number_text(values: pd.Series) -> pd.Series:
    """Numbers back to text cells for the common coercion (whole numbers without `.0`)."""
    whole = values.notna() & (values == values.round())
    text = values.astype("string")
    integers = values.where(whole).astype("Int64").astype("string")
    return integers.where(whole.fillna(False), text)


class FbaInventoryPlanningReport:
    name = "fba-inventory-planning-report"

    def recognise(self, probe: Probe) -> bool:
        names = set(tab_header(probe))
        if not {"sku", "available"} <= names:
            return False
        return any(n.startswith(("inv-age-", "units-shipped-t")) for n in names)

    def extract(self, probe: Probe) -> list[Extracted]:
        known = COLUMNS | {n: target for target, group in SUMMED_BUCKETS.items() for n in group}
        header, names, cells, rows, rejected = report_cells(probe, known)
        by_name = {n: i for i, n in enumerate(names)}

        def source(name: str) -> pd.Series | None:
            index = by_name.get(name)
            return None if index is None else cleaned(cells[index])

        raw = pd.DataFrame(index=cells.index)
        mapped: set[str] = set()
        for name, target in COLUMNS.items():
            column = source(name)
            if column is not None:
                raw[target] = column
                mapped.add(name)
        for target, parts in SUMMED_BUCKETS.items():
            present = [p for p in parts if p in by_name]
            mapped.update(present)
            if target in raw or not present:
                continue
            numbers = pd.concat([as_number(cleaned(cells[by_name[p]])) for p in present], axis=1)
            raw[target] = number_text(numbers.sum(axis=1, min_count=1))
        surcharge = [n for n in names if n.startswith("estimated-ais-")]
        if surcharge:
            mapped.update(surcharge)
            numbers = pd.concat([as_number(cleaned(cells[by_name[n]])) for n in surcharge], axis=1)
            raw["estimated_aged_surcharge"] = number_text(numbers.sum(axis=1, min_count=1))
        snapshot = source("snapshot-date")
        if snapshot is not None:
            mapped.add("snapshot-date")
            raw["snapshot_date"] = snapshot.str.slice(0, 10)
        alerts = [a for a in ALERT_COLUMNS if a in by_name]
        if alerts:
            mapped.update(alerts)
            # Column by column, not DataFrame.apply: on a report with only its header row
            # (no FBA stock) apply hands back the empty text frame, which `any` refuses.
            named = pd.Series(False, index=cells.index)
            for a in alerts:
                text = cleaned(cells[by_name[a]]).fillna("")
                named |= text.str.contains("stranded", case=False).astype(bool)
            raw["stranded"] = named.map({True: "true", False: "false"}).astype("string")
        self._derive(raw)
        return [
            Extracted.of(
                "inventory",
                raw,
                rows,
                format=self.name,
                rejected=rejected,
                provided=frozenset([*raw.columns, "marketplace"]),
                unmapped=[h for h, n in zip(header, names, strict=True) if n and n not in mapped],
            )
        ]

    @staticmethod
    def _derive(raw: pd.DataFrame) -> None:
        """`oldest_age_days` and `annual_turnover`, only where their inputs were read."""
        if all(b in raw for b in BUCKETS):
            units = pd.concat([as_number(raw[b]) for b in BUCKETS], axis=1)
            complete = units.notna().all(axis=1)
            oldest = pd.Series(0, index=raw.index, dtype="Int64")
            for bucket, first_day in BUCKETS.items():
                oldest = oldest.mask((as_number(raw[bucket]) > 0).fillna(False), first_day)
            raw["oldest_age_days"] = oldest.where(complete).astype("string")
        if "units_shipped_90d" in raw and "available" in raw:
            stock = sum(
                (as_number(raw[c]).fillna(0) for c in ("reserved", "inbound") if c in raw),
                start=as_number(raw["available"]),
            )
            yearly = as_number(raw["units_shipped_90d"]) * 365 / 90
            turnover = (yearly / stock.where(stock > 0)).round(2)
            raw["annual_turnover"] = number_text(turnover)
