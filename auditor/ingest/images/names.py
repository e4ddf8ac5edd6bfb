"""Which image files an audit reads: Amazon's bulk image-upload file names.

Amazon's bulk image upload names a file `IDENTIFIER.VARIANT.ext`: three parts separated
by full stops, the variant a four-character code (MAIN, PT01..., SWCH), the extension
that of an image (Seller Central help JV4FNMT7563SF5F "Name your image files"; the
older help 201995020). Amazon's tool takes an ASIN or a barcode as the identifier;
before launch there is no ASIN yet, so an audit reads the identifier as the seller SKU
its listings carry: `VX-SPK-10.MAIN.jpg`, `VX-SPK-10.PT01.png`.

- The SKU is everything before the variant, as written: leading zeros and case are
  kept, and a SKU may hold full stops itself (`00123.V2.MAIN.jpg` is SKU `00123.V2`),
  so the variant is the second-to-last part.
- The variant code is read whatever its case (`.main.jpg` is MAIN: a file system that
  ignores case cannot tell them apart). Read are MAIN, PT01 to PT08 and SWCH
  (model.vocab.IMAGE_SLOTS); a file named with another code Amazon knows (PT09, BACK,
  PS01 ...) is listed as skipped, naming its code, never taken for another slot.
- A file without a variant code (`SKU.jpg`, which Amazon's tool takes as MAIN) is not
  read: a logo or a scan kept beside the data (`logo.png`, `invoice.jpg`) would become
  the main image of a SKU nobody sells. It is skipped with a reason saying how to name it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from auditor.model.vocab import IMAGE_SLOTS

#: Extensions of the image files an audit looks at: those Amazon accepts (JPEG, TIFF,
#: PNG, GIF: help G9FUUH87RBNXGKB7) and those sellers have that Amazon refuses (WebP,
#: BMP, HEIC), so that a main image in the wrong format is reported, not ignored.
IMAGE_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".jpe", ".png", ".gif", ".tif", ".tiff", ".webp", ".bmp", ".heic", ".heif"}
)

_NAME = re.compile(r"(?s)^(?P<sku>.+)\.(?P<code>[A-Za-z0-9]{4})\.(?P<ext>[A-Za-z]{3,4})$")


class ImageName(NamedTuple):
    """The SKU and slot an image file's name gives."""

    sku: str
    slot: str


def is_image_file(file_name: str) -> bool:
    """Whether the file's extension is that of an image."""
    return _suffix(file_name) in IMAGE_SUFFIXES


def image_name(file_name: str) -> ImageName | None:
    """The SKU and slot of an image named by the convention, or None (see `why_not_named`)."""
    found = _NAME.match(file_name)
    if found is None or _suffix(file_name) not in IMAGE_SUFFIXES:
        return None
    slot = found["code"].upper()
    if slot not in IMAGE_SLOTS:
        return None
    return ImageName(found["sku"], slot)


def why_not_named(file_name: str) -> str:
    """Why an image file is not read as an image of a SKU (its name does not follow the
    convention), in words that say how to name it."""
    found = _NAME.match(file_name)
    how = "an image of a SKU is read when named SKU.MAIN.jpg, SKU.PT01.jpg to SKU.PT08.jpg or SKU.SWCH.jpg"
    if found is not None and found["code"].upper() not in IMAGE_SLOTS:
        code = found["code"]
        return f"{code} is not an image variant code an audit reads; {how}"
    return f"not a data file ({_suffix(file_name)}); {how}"


def _suffix(file_name: str) -> str:
    dot = file_name.rfind(".")
    return file_name[dot:].lower() if dot > 0 else ""
