"""An image file named by the convention -> one row of the `images` table."""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd

from auditor.ingest.formats.base import Extracted
from auditor.ingest.images.measure import Measures, measure
from auditor.ingest.images.names import ImageName
from auditor.model.tables import TABLES

#: The `format` of a file read as an image (the report's list of inputs).
IMAGE_FORMAT = "image"


def image_rows(name: ImageName, data: bytes) -> Extracted:
    """The file's one row, as text cells for the common coercion; raises `Unreadable`
    (a ValueError: the file is skipped with its reason) when it cannot be decoded."""
    measures = measure(data)
    cells = {"sku": name.sku, "slot": name.slot, **_cells(measures)}
    raw = pd.DataFrame([cells], dtype="string")
    return Extracted.of(
        "images",
        raw,
        pd.Series([1]),
        format=IMAGE_FORMAT,
        provided=frozenset(TABLES["images"].columns),
    )


def _cells(measures: Measures) -> dict[str, str | None]:
    return {
        key: None
        if value is None
        else str(value).lower()
        if isinstance(value, bool)
        else str(value)
        for key, value in asdict(measures).items()
    }
