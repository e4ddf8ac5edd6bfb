"""The FBA fee preview (`GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA`), tab-separated.

Recognised by its header: tab-separated, with `sku` and `estimated-referral-fee-per-unit`
or `estimated-fee-total`. Columns are mapped by header name, case-insensitively, in
any order; the report comes in several layouts, all read:

* US (25 columns): `product-size-tier`, `expected-fulfillment-fee-per-unit`, and the
  pick-and-pack and weight-handling parts of that fee;
* Europe and UK (28 or 29 columns): `has-local-inventory`, `product-size-weight-band`,
  `expected-domestic-fulfilment-fee-per-unit` (British spelling, one `l`) and one
  `expected-efn-fulfilment-fee-per-unit-<country>` column per store;
* Canada (22 columns): neither a size tier nor a fulfilment fee per unit;
* newer files add `amazon-store` and `estimated-future-...` columns (not read).

`fulfillment_fee` is the expected fulfilment fee per unit (the domestic fee in EU
files); `referral_fee` the estimated referral fee per unit; `price` is `your-price`,
and `sales_price` the price the fees were estimated on. Blank cells and Amazon's
`--`/`N/A` placeholders are blank.

The report does not name its marketplace: where every row's `currency` is used by one
Amazon marketplace only (USD: US, GBP: UK, JPY: JP, CAD: CA, ...), that marketplace is
the row's; otherwise (EUR) `--marketplace` or `default_marketplace` applies.
`advertising_cost_share` is not in the report: it is filled at assembly.
"""

from __future__ import annotations

import pandas as pd

from auditor.ingest.formats.base import Extracted
from auditor.ingest.formats.fba_inventory_planning import cleaned, report_cells, tab_header
from auditor.ingest.probe import Probe

#: Report columns -> fba_fees columns; the first of several names present wins.
COLUMNS: dict[str, tuple[str, ...]] = {
    "sku": ("sku",),
    "fnsku": ("fnsku",),
    "asin": ("asin",),
    "title": ("product-name",),
    "product_group": ("product-group",),
    "brand": ("brand",),
    "price": ("your-price",),
    "sales_price": ("sales-price",),
    "currency": ("currency",),
    "size_tier": ("product-size-tier", "product-size-weight-band"),
    "referral_fee": ("estimated-referral-fee-per-unit",),
    "fulfillment_fee": (
        "expected-fulfillment-fee-per-unit",
        "expected-domestic-fulfilment-fee-per-unit",
        "expected-domestic-fulfillment-fee-per-unit",
    ),
    "estimated_fee_total": ("estimated-fee-total",),
}

#: Currencies used by exactly one Amazon marketplace (EUR is used by several).
CURRENCY_MARKETPLACE: dict[str, str] = {
    "USD": "US",
    "CAD": "CA",
    "MXN": "MX",
    "BRL": "BR",
    "GBP": "UK",
    "SEK": "SE",
    "PLN": "PL",
    "TRY": "TR",
    "AED": "AE",
    "SAR": "SA",
    "EGP": "EG",
    "INR": "IN",
    "JPY": "JP",
    "AUD": "AU",
    "SGD": "SG",
    "ZAR": "ZA",
}


class FbaFeePreviewReport:
    name = "fba-fee-preview"

    def recognise(self, probe: Probe) -> bool:
        names = set(tab_header(probe))
        return "sku" in names and bool(
            names & {"estimated-referral-fee-per-unit", "estimated-fee-total"}
        )

    def extract(self, probe: Probe) -> list[Extracted]:
        known = {n: target for target, group in COLUMNS.items() for n in group}
        header, names, cells, rows, rejected = report_cells(probe, known)
        by_name = {n: i for i, n in enumerate(names)}
        raw = pd.DataFrame(index=cells.index)
        mapped: set[str] = set()
        for target, candidates in COLUMNS.items():
            name = next((c for c in candidates if c in by_name), None)
            if name is not None:
                raw[target] = cleaned(cells[by_name[name]])
                mapped.add(name)
        if "currency" in raw:
            raw["marketplace"] = raw["currency"].str.upper().map(CURRENCY_MARKETPLACE)
        return [
            Extracted.of(
                "fba_fees",
                raw,
                rows,
                format=self.name,
                rejected=rejected,
                provided=frozenset([*raw.columns, "marketplace"]),
                unmapped=[h for h, n in zip(header, names, strict=True) if n and n not in mapped],
            )
        ]
