"""Draw the sample product images of the demo store and of the listing rules' fixtures.

    python scripts/make_sample_images.py

Each image is a simple product (a rounded body, a band and a cap, in the product's
colour) drawn centred on a background, spanning a share of the frame, and saved under
Amazon's bulk-upload name (`SKU.MAIN.jpg`, `SKU.PT01.jpg` ...). They are drawn rather
than photographed so that every number the audit measures is known in advance: the
background colour, the share of the frame the product spans, the size, the format.
Mostly-white JPEGs at quality 70, optimised, keep each file a few KB (about 14 KB at
1,000 x 1,000 px).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
WHITE = (255, 255, 255)


def product(
    size: tuple[int, int] = (1000, 1000),
    fill: float = 0.9,
    background: tuple[int, int, int] = WHITE,
    colour: tuple[int, int, int] = (40, 90, 160),
) -> Image.Image:
    """A product spanning `fill` of the frame's height (it is taller than wide), centred."""
    width, height = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    tall = round(height * fill)
    wide = round(tall * 0.55)
    left, top = (width - wide) // 2, (height - tall) // 2
    right, bottom = left + wide - 1, top + tall - 1
    cap = tall // 8
    draw.rounded_rectangle(
        (left + wide // 4, top, right - wide // 4, top + cap), radius=cap // 4, fill=(60, 60, 60)
    )
    draw.rounded_rectangle((left, top + cap, right, bottom), radius=wide // 5, fill=colour)
    band = top + cap + (tall - cap) // 3
    draw.rectangle((left, band, right, band + tall // 10), fill=(235, 200, 60))
    return image


def save(image: Image.Image, path: Path, **options: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    jpeg = {"quality": 70, "optimize": True} if path.suffix == ".jpg" else {}
    image.save(path, **jpeg | options)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")


def demo_store() -> None:
    """examples/demo-store/images: one SKU passing both main image rules (with five more
    images), one on a light grey background (LST-025), one filling 60% (LST-026) with a
    WebP beside it (LST-027)."""
    folder = ROOT / "examples" / "demo-store" / "images"
    steel = (150, 160, 170)
    save(product(colour=steel), folder / "HN-BOT-750.MAIN.jpg")
    for n in range(1, 6):
        view = product((500, 500), 0.95 - 0.05 * n, colour=steel)
        save(view, folder / f"HN-BOT-750.PT{n:02d}.jpg")
    save(product(background=(238, 238, 238), colour=(30, 30, 30)), folder / "HN-PAN-28.MAIN.jpg")
    save(product(fill=0.6, colour=(200, 80, 50)), folder / "LS-BLOCKS-01.MAIN.jpg")
    # Exported for the web, in a format Amazon refuses (LST-027).
    save(product((500, 500), colour=(200, 80, 50)), folder / "LS-BLOCKS-01.PT01.webp", quality=60)


def listing_fixtures() -> None:
    """tests/data/rules/listing/images: see tests/data/rules/listing/SOURCES.md."""
    folder = ROOT / "tests" / "data" / "rules" / "listing" / "images"
    save(product(), folder / "VX-IMG-10.MAIN.jpg")
    save(product(background=(235, 235, 235)), folder / "VX-LST-025.MAIN.jpg")
    save(product(fill=0.6), folder / "VX-LST-026.MAIN.jpg")
    save(product(size=(800, 800)), folder / "VX-LST-015.MAIN.jpg")
    save(product(), folder / "VX-LST-027.MAIN.jpg")
    frames = [product((600, 600)), product((600, 600), colour=(160, 40, 40))]
    save(frames[0], folder / "VX-LST-027.PT01.gif", save_all=True, append_images=frames[1:])


if __name__ == "__main__":
    demo_store()
    listing_fixtures()
