"""Image files as a seller prepares them for Amazon's bulk upload, drawn with Pillow.

The product is a plain rectangle, taller than wide, so that the share of the frame it
spans is known to the pixel: `fill` of the image's height, centred.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

from PIL import Image

WHITE = (255, 255, 255)
LIGHT_GREY = (235, 235, 235)
BLUE = (40, 90, 160)


def drawn(
    size: tuple[int, int] = (1000, 1000),
    fill: float = 0.9,
    background: tuple[int, ...] = WHITE,
    colour: tuple[int, ...] = BLUE,
    mode: str = "RGB",
) -> Image.Image:
    """A product spanning `fill` of the height (and half of that in width), centred."""
    width, height = size
    tall = round(height * fill)
    wide = tall // 2
    left, top = (width - wide) // 2, (height - tall) // 2
    image = Image.new(mode, size, background)
    image.paste(colour, (left, top, left + wide, top + tall))
    return image


def saved(image: Image.Image, path: Path, **options: Any) -> Path:
    """`image` saved at `path` (JPEG at quality 90 unless told), its folders made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in (".jpg", ".jpeg") and "quality" not in options:
        options["quality"] = 90
    image.save(path, **options)
    return path


def animated_gif(path: Path, frames: int = 2) -> Path:
    colours = [BLUE, (160, 40, 40), (40, 160, 40)]
    images = [drawn((600, 600), colour=colours[i % 3]) for i in range(frames)]
    return saved(images[0], path, save_all=True, append_images=images[1:], duration=200)


def truncated_jpeg(path: Path) -> Path:
    """A JPEG cut off half way, as an interrupted download leaves it."""
    saved(drawn(), path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims `width` x `height` pixels and that holds no pixel at all:
    a decompression bomb costs its maker a few bytes, its reader gigabytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")
    )
    return path
