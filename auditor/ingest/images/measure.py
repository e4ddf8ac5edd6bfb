"""One image file into numbers: format, colour mode, size, white border, fill, animation.

**What is measured on which pixels.** Every image is measured as Amazon's page would
show it, in RGB: a CMYK or greyscale image is converted by Pillow (no ink, CMYK
0,0,0,0, and greyscale 255 both become RGB 255,255,255), a palette image by its palette.
A pixel is white when each channel is at least `WHITE` (250): JPEG compression leaves
pure white a few levels under 255, and a background that is visibly grey or cream is
well under it. Transparency is measured twice, for the two questions asked of it:

- the border is white only where its pixels are white and fully opaque. Amazon's main
  image must have a pure white background, RGB 255,255,255, so that its edge does not
  show on the white page (Seller Central help 75PWC4THA8J269P); a transparent pixel has
  no colour of its own, Amazon does not say what it shows it on (sellers report grey or
  black), so a transparent border is not white until the seller flattens it onto white;
- the fill is measured on the image flattened onto white: the product's extent does
  not depend on how its background is shown.

`fill` is the bounding box of the non-white pixels as a share of the image's width or
height, whichever the box spans more of: 0.9 when the product spans 90% of the width of
a square image and less of its height (Amazon: the product fills 85% of the frame).
It is measured on the file's own pixels, as Amazon receives them: the faint ringing
JPEG compression leaves around a product's edges, up to the 8-pixel block it falls in,
counts as product (a drawn 90% reads about 91% in a 1,000 px JPEG).

**Bounded decoding.** Pillow's decompression-bomb limit (`Image.MAX_IMAGE_PIXELS`,
89.5 megapixels) is kept, and its warning, which Pillow only prints between 1 and 2
times the limit, is an error here: such a file is skipped, not decoded. A JPEG of more
than `FULL_RESOLUTION_PIXELS` (24 megapixels, 4,900 x 4,900) is decoded at half its
size by the JPEG decoder itself (`Image.draft`: it leaves out the finest frequencies,
so it costs a fraction of a full decode and of its memory; under the bomb limit half
is always enough). That keeps the verdicts: the width and height are the file's own,
from its header; the bounding box of the reduced copy is off by at most 2 pixels of
the 4,900 or more the longest side has (under 0.05%, next to an 85% limit); and every
reduced pixel is the average of the 2 x 2 block it stands for, so a background or
border that is grey, cream, shadowed or framed stays non-white in it: only a lone pixel
a few levels under 250 among white ones can average out, a difference within the JPEG
noise the threshold is there to forgive. Other formats are decoded whole: they have no
cheaper decode, and the bomb limit bounds them. A 2,000 x 2,000 JPEG is measured in
about 40 ms.

A file Pillow cannot read, cut short or damaged is `Unreadable`, with a reason that
names no byte of it (Pillow's messages can hold memory addresses).
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageChops

#: Every channel at or above this counts as white (JPEG noise around pure white).
WHITE = 250
#: Pixels measured at full resolution; a larger JPEG is measured on a reduced decode.
FULL_RESOLUTION_PIXELS = 24_000_000
#: Formats that are one picture in Pillow's terms but have several frames for
#: another purpose (a camera's JPEG with its preview images): never animated.
_STILL = {"MPO": "JPEG"}
#: Pillow's modes by the colour model they are in (the colour_mode column).
_RGB = {"RGB", "RGBA", "RGBX", "RGBa", "P", "PA", "YCbCr"}
_GREY = {"1", "L", "LA", "La", "I", "I;16", "I;16L", "I;16B", "I;16N", "F"}
#: 255 where a channel value is not white, 0 where it is (a Pillow lookup table).
_NOT_WHITE = [255 if v < WHITE else 0 for v in range(256)]
_NOT_OPAQUE = [255 if v < 255 else 0 for v in range(256)]


class Unreadable(ValueError):
    """An image file that cannot be measured, with the reason a report shows."""


@dataclass(frozen=True)
class Measures:
    """What an image file is, as numbers (the images table's columns)."""

    file_format: str
    colour_mode: str
    width: int
    height: int
    #: None (and fill None) for a colour mode Pillow cannot convert to RGB (LAB, HSV).
    white_border: bool | None
    fill: float | None
    animated: bool
    bytes: int


def measure(data: bytes) -> Measures:
    """The numbers of one image file; `Unreadable` when it cannot be decoded."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise Unreadable(_too_large()) from None
        except MemoryError:
            raise
        except Image.UnidentifiedImageError:
            raise Unreadable(
                "not an image Pillow can read; Amazon accepts JPEG, TIFF, PNG and non-animated GIF"
            ) from None
        except Exception:  # Pillow's plugins raise many kinds on a malformed header
            raise Unreadable(_damaged()) from None
        with image:
            file_format = str(image.format or "unknown")
            mode, (width, height) = image.mode, image.size
            try:
                animated = bool(getattr(image, "is_animated", False))
                if file_format == "JPEG" and width * height > FULL_RESOLUTION_PIXELS:
                    scale = _jpeg_scale(width, height)
                    image.draft(mode, (math.ceil(width / scale), math.ceil(height / scale)))
                image.load()
            except (Image.DecompressionBombWarning, Image.DecompressionBombError):
                raise Unreadable(_too_large()) from None
            except MemoryError:
                raise
            except Exception:  # truncated data, a broken stream: the file, not the tool
                raise Unreadable(_damaged()) from None
            white_border, fill = _background(image)
    return Measures(
        file_format=_STILL.get(file_format, file_format),
        colour_mode=colour_mode(mode),
        width=width,
        height=height,
        white_border=white_border,
        fill=fill,
        animated=animated and file_format not in _STILL,
        bytes=len(data),
    )


def colour_mode(mode: str) -> str:
    """RGB, CMYK, greyscale, or Pillow's name of another mode (LAB, HSV)."""
    if mode in _RGB:
        return "RGB"
    if mode in _GREY:
        return "greyscale"
    return mode


def _background(image: Image.Image) -> tuple[bool | None, float | None]:
    """(every border pixel white and opaque, the non-white bounding box's share of the
    frame); (None, None) for a colour mode Pillow cannot show in RGB."""
    try:
        return _measured(image)
    except ValueError:  # "conversion from LAB to RGB not supported"
        return None, None


def _measured(image: Image.Image) -> tuple[bool, float]:
    if image.has_transparency_data:
        rgba = image.convert("RGBA")
        opaque_border = not _border_hit(rgba.getchannel("A").point(_NOT_OPAQUE))
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        rgb = Image.alpha_composite(white, rgba).convert("RGB")
    else:
        opaque_border = True
        rgb = image if image.mode == "RGB" else image.convert("RGB")
    red, green, blue = rgb.split()
    darkest = ImageChops.darker(ImageChops.darker(red, green), blue)
    not_white = darkest.point(_NOT_WHITE)  # 255 where some channel is under WHITE
    white_border = opaque_border and not _border_hit(not_white)
    box = not_white.getbbox()
    if box is None:
        return white_border, 0.0
    left, top, right, bottom = box
    width, height = not_white.size
    fill = max((right - left) / width, (bottom - top) / height)
    return white_border, round(fill, 4)


def _border_hit(mask: Image.Image) -> bool:
    """Whether any pixel of the outermost rows and columns of `mask` is set."""
    pixels = np.asarray(mask)
    return bool(pixels[0].any() or pixels[-1].any() or pixels[:, 0].any() or pixels[:, -1].any())


def _jpeg_scale(width: int, height: int) -> int:
    """The smallest of the JPEG decoder's scales (2, 4, 8) that brings the image within
    `FULL_RESOLUTION_PIXELS`."""
    return next((s for s in (2, 4, 8) if (width / s) * (height / s) <= FULL_RESOLUTION_PIXELS), 8)


def _too_large() -> str:
    return (
        f"over the decompression-bomb limit of {Image.MAX_IMAGE_PIXELS or 0:,} pixels: not "
        "decoded (Amazon accepts at most 10,000 pixels on the longest side)"
    )


def _damaged() -> str:
    return "the image is damaged or cut short: it could not be decoded"
