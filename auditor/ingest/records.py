"""Records (dicts) -> a canonical table, through the same coercion as a CSV.

Used for rule examples and by library callers who hold data in memory: "0.9%",
"yes" and "0036000291452" mean what they would mean in a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from auditor.ingest.coerce import cell_text, row_numbers, to_canonical
from auditor.ingest.result import Rejected
from auditor.model.tables import TABLES, CanonicalTable


def table_from_records(
    name: str,
    records: Sequence[dict[str, Any]],
    default_marketplace: str | None = None,
    source: str = "<records>",
) -> tuple[CanonicalTable, list[Rejected]]:
    """The canonical table `name` holding `records`; every table column counts as provided."""
    spec = TABLES[name]
    raw = pd.DataFrame([{k: cell_text(v) for k, v in r.items()} for r in records], dtype="string")
    frame, rejected, _ = to_canonical(
        raw, spec, row_numbers(len(raw), first=1), default_marketplace
    )
    frame["_file"] = source
    return CanonicalTable(name, frame, frozenset(spec.columns)), rejected
