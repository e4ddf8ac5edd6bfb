"""The seller's own facts (the `seller:` section of auditor.yaml) on every listing.

Rules decide per listing, so facts about the business (where it is established, the
GS1 prefixes it licenses) become the listings' `seller_*` columns, provided for every
row when the section is there. Without it the columns are absent, and a rule that needs
them is `unknown`, naming `seller.country in auditor.yaml`, never silently passed.
"""

from __future__ import annotations

import pandas as pd

from auditor.model.config import Seller
from auditor.model.tables import SELLER_COLUMNS, CanonicalTable


def with_seller_facts(listings: CanonicalTable, seller: Seller | None) -> CanonicalTable:
    if seller is None:
        return listings
    frame = listings.frame.copy()
    values = {
        "seller_country": seller.country,
        "seller_tax_residence": ";".join(seller.tax_residence) or None,
        "seller_ships_to_california": seller.ships_to_california,
        "seller_gs1_prefixes": ";".join(seller.gs1_prefixes) or None,
    }
    for column, value in values.items():
        frame[column] = pd.Series(value, index=frame.index, dtype=frame[column].dtype)
    facts = frozenset(SELLER_COLUMNS)
    sources = tuple(columns | facts for columns in listings.sources)  # `_src` codes unchanged
    return CanonicalTable(listings.name, frame, listings.provided | facts, sources, listings.joined)
