"""The seller's image files meet the listings: one file per slot, the main image's numbers
carried into each listing of its SKU.

**Local files win.** Where a SKU has a local main image `SKU.MAIN.jpg`, its numbers
replace what a listing file or Amazon's API says of the main image (width, height):
the local file is what will be uploaded, so it is what the pre-launch audit judges.
`image_count` is the SKU's local main and PTnn images (not the swatch) where it has
any. An image has no marketplace: it belongs to every listing of its SKU.

**Provided.** A listing whose SKU has any local image carries the measured columns
(`main_image_white_background`, `main_image_fill`, `main_image_file`, and with a main
image its width and height, with a main or PTnn image the count): without a
`SKU.MAIN.jpg` among them, the main image rules are `unknown` for it, naming the field.
A listing whose SKU has no local image does not carry them: the rules reading them give
one "not checked" note over every input (engine.evaluate), not an unknown per listing, whether
the inputs hold no image at all or images of other SKUs only (a live store preparing
new images for a few of its listings).

**Provenance.** A listing that took numbers from a local image names the file in its
`_merged` sources (with the fields it filled) and in `main_image_file`, so a finding
names the image it is about.

**Ambiguous files.** Two files for one SKU and slot (`A.MAIN.jpg` and `A.MAIN.png`, or
the same name in two folders) cannot both be uploaded: neither is guessed at, both are
listed as skipped with the reason, and the SKU is judged as having no image in that slot
(with no other image, as a SKU without images).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from auditor.ingest.provenance import Sources
from auditor.ingest.result import FileResult
from auditor.model.tables import CanonicalTable
from auditor.model.vocab import COUNTED_IMAGE_SLOTS

#: Listing columns measured from the local main image, carried by every listing whose
#: SKU has local images.
MEASURED = frozenset({"main_image_white_background", "main_image_fill", "main_image_file"})
#: The main image's columns and where in the images table they come from.
FROM_MAIN = {
    "main_image_width": "width",
    "main_image_height": "height",
    "main_image_white_background": "white_border",
    "main_image_fill": "fill",
    "main_image_file": "_file",
}


def set_aside_ambiguous(results: list[FileResult]) -> None:
    """Skip every image file whose SKU and slot another file has too, naming them all."""
    owners: dict[tuple[str, str], list[FileResult]] = {}
    for result in results:
        for part in result.parts:
            if part.table == "images":
                for sku, slot in zip(part.frame["sku"], part.frame["slot"], strict=True):
                    owners.setdefault((str(sku), str(slot)), []).append(result)
    for (sku, slot), files in owners.items():
        if len(files) < 2:
            continue
        names = ", ".join(f.path for f in files)
        for result in files:
            result.parts = []
            result.rows_read = 0
            result.format = None
            result.skipped = (
                f"ambiguous: {len(files)} files are the {slot} image of SKU {sku} ({names}); "
                "keep only the one to upload"
            )


def join_images(listings: CanonicalTable, images: CanonicalTable) -> CanonicalTable:
    """Listings with their SKU's local image numbers (see the module docstring)."""
    frame = listings.frame.copy()
    table = images.frame
    main = table[table["slot"] == "MAIN"].drop_duplicates("sku").set_index("sku")
    mains = main.reindex(frame["sku"]).set_axis(frame.index)
    has_main = frame["sku"].isin(main.index).to_numpy(dtype=bool)
    for column, measured in FROM_MAIN.items():
        local = mains[measured].astype(frame[column].dtype)
        frame[column] = local.where(has_main, frame[column])
    counted = table[table["slot"].isin(COUNTED_IMAGE_SLOTS)]
    counts = counted.groupby("sku").size()
    has_count = frame["sku"].isin(counts.index).to_numpy(dtype=bool)
    local_count = counts.reindex(frame["sku"]).set_axis(frame.index).astype("Int64")
    frame["image_count"] = local_count.where(has_count, frame["image_count"])
    frame["_merged"] = _provenance(frame, mains, counted, has_main, has_count)

    # The rows of SKUs with local images carry the measured columns, and the numbers taken.
    has_any = frame["sku"].isin(table["sku"]).to_numpy(dtype=bool)
    sets = listings.sources or (listings.provided,)
    if "_src" not in frame:
        frame["_src"] = 0
    sources = Sources(tuple(sets))
    extra = [
        MEASURED | {"main_image_width", "main_image_height", "image_count"},
        MEASURED | {"image_count"},
        MEASURED,
    ]
    which = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    which[has_any] = 2
    which[has_count] = 1
    which[has_main] = 0
    frame["_src"] = sources.union(frame["_src"], which, extra).to_numpy()
    provided = set(listings.provided)
    if has_any.any():
        provided |= MEASURED
    if has_main.any():
        provided |= {"main_image_width", "main_image_height"}
    if has_count.any():
        provided.add("image_count")
    return CanonicalTable(
        listings.name, frame, frozenset(provided), tuple(sources.sets), listings.joined
    )


def _provenance(
    frame: pd.DataFrame,
    mains: pd.DataFrame,
    counted: pd.DataFrame,
    has_main: np.ndarray,
    has_count: np.ndarray,
) -> pd.Series:
    """Each listing's `_merged` sources with the image file it took numbers from: its main
    image (with the count, where the SKU has local images), else the first image counted."""
    merged: list[Any] = frame["_merged"].tolist() if "_merged" in frame else [None] * len(frame)
    first = counted.sort_values(["sku", "slot"]).drop_duplicates("sku").set_index("sku")["_file"]
    files = mains["_file"].astype(object).where(has_main, frame["sku"].map(first)).tolist()
    main_fields = [*FROM_MAIN, "image_count"]
    for row in np.flatnonzero(has_main | has_count).tolist():
        fields = main_fields if has_main[row] else ["image_count"]
        prior = merged[row] if isinstance(merged[row], list) else []
        merged[row] = [*prior, {"file": str(files[row]), "row": 1, "fields": list(fields)}]
    return pd.Series(merged, index=frame.index, dtype=object)
