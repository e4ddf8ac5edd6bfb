"""An image file read into one row of the images table: what Amazon would receive, as numbers."""

from __future__ import annotations

import io

import pytest
from conftest import column
from image_files import (
    LIGHT_GREY,
    WHITE,
    animated_gif,
    drawn,
    png_header_only,
    saved,
    truncated_jpeg,
)
from PIL import Image
from PIL.JpegImagePlugin import JpegImageFile

from auditor.ingest.images.measure import FULL_RESOLUTION_PIXELS, measure
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult


def read(path) -> FileResult:
    return read_file(path, path.name, None)


def row(path) -> dict[str, object]:
    result = read(path)
    assert result.skipped is None, result.skipped
    assert (result.format, result.table, result.rows_read, result.records) == (
        "image",
        "images",
        1,
        1,
    )
    return {name: column(result, name)[0] for name in result.frame.columns}


def test_a_white_jpeg_with_the_product_spanning_90_percent(tmp_path):
    path = saved(drawn(fill=0.9), tmp_path / "VX-SPK-10.MAIN.jpg")

    found = row(path)

    assert found["sku"] == "VX-SPK-10" and found["slot"] == "MAIN"
    assert (found["file_format"], found["colour_mode"]) == ("JPEG", "RGB")
    assert (found["width"], found["height"]) == (1000, 1000)
    assert found["white_border"] is True and found["animated"] is False
    # JPEG rings around the product's edges, up to the 8-pixel block they fall in: the
    # file's own pixels, as Amazon receives them.
    assert found["fill"] == pytest.approx(0.9, abs=0.015)
    assert found["bytes"] == path.stat().st_size
    assert found["_file"] == "VX-SPK-10.MAIN.jpg" and found["_row"] == 1


def test_a_png_is_measured_to_the_pixel(tmp_path):
    found = row(saved(drawn(fill=0.6), tmp_path / "VX-SPK-10.MAIN.png"))

    assert (found["file_format"], found["fill"], found["white_border"]) == ("PNG", 0.6, True)


def test_a_light_grey_background_is_not_white(tmp_path):
    found = row(saved(drawn(background=LIGHT_GREY), tmp_path / "VX-SPK-10.MAIN.jpg"))

    assert found["white_border"] is False


def test_white_within_jpeg_noise_is_white_but_a_shade_of_cream_is_not():
    def border(background):
        data = io.BytesIO()
        drawn(background=background).save(data, "PNG")
        return measure(data.getvalue()).white_border

    assert border((252, 251, 250)) is True
    assert border((255, 255, 245)) is False


def test_a_product_touching_the_edge_leaves_no_white_border(tmp_path):
    found = row(saved(drawn(fill=1.0), tmp_path / "VX-SPK-10.MAIN.png"))

    assert (found["white_border"], found["fill"]) == (False, 1.0)


def test_the_fill_is_taken_along_the_side_the_product_spans_more_of(tmp_path):
    # 1,600 x 800: the product's box is 720 px tall (90% of the height), 360 px wide (22.5%).
    found = row(saved(drawn((1600, 800)), tmp_path / "VX-SPK-10.MAIN.png"))

    assert (found["width"], found["height"], found["fill"]) == (1600, 800, 0.9)


def test_a_blank_white_image_fills_nothing(tmp_path):
    blank = Image.new("RGB", (1000, 1000), WHITE)

    assert row(saved(blank, tmp_path / "VX-SPK-10.MAIN.png"))["fill"] == 0.0


def test_cmyk_is_measured_in_rgb(tmp_path):
    # No ink (0,0,0,0) is white once converted, as Amazon's page would show it.
    image = drawn(background=(0, 0, 0, 0), colour=(90, 40, 0, 20), mode="CMYK")

    found = row(saved(image, tmp_path / "VX-SPK-10.PT01.jpg"))

    assert (found["colour_mode"], found["white_border"]) == ("CMYK", True)
    assert found["fill"] == pytest.approx(0.9, abs=0.015)


def test_greyscale_and_palette_images(tmp_path):
    grey = drawn(background=(255,), colour=(60,), mode="L")
    palette = drawn().convert("P")

    assert row(saved(grey, tmp_path / "A.PT01.jpg"))["colour_mode"] == "greyscale"
    assert row(saved(palette, tmp_path / "A.PT02.png"))["colour_mode"] == "RGB"


def test_a_transparent_background_is_not_white_but_the_product_is_measured(tmp_path):
    # Amazon does not say what it shows a transparent pixel on: not white until flattened.
    cut_out = drawn(background=(0, 0, 0, 0), colour=(*(40, 90, 160), 255), mode="RGBA")
    opaque = drawn(background=(*WHITE, 255), mode="RGBA")

    found = row(saved(cut_out, tmp_path / "A.MAIN.png"))
    assert (found["colour_mode"], found["white_border"], found["fill"]) == ("RGB", False, 0.9)
    assert row(saved(opaque, tmp_path / "B.MAIN.png"))["white_border"] is True


def test_an_animated_gif_says_so(tmp_path):
    found = row(animated_gif(tmp_path / "A.PT01.gif"))

    assert (found["file_format"], found["animated"]) == ("GIF", True)
    still = row(saved(drawn(), tmp_path / "A.PT02.gif"))
    assert (still["file_format"], still["animated"]) == ("GIF", False)


def test_the_format_is_the_contents_not_the_extension(tmp_path):
    # A PNG renamed .jpg is still a PNG (Amazon: changing the extension changes nothing).
    path = tmp_path / "A.MAIN.jpg"
    drawn().save(path, "PNG")
    webp = saved(drawn(), tmp_path / "A.PT01.webp")

    assert row(path)["file_format"] == "PNG"
    assert row(webp)["file_format"] == "WEBP"


def test_a_truncated_jpeg_is_skipped_with_the_reason(tmp_path):
    result = read(truncated_jpeg(tmp_path / "A.MAIN.jpg"))

    assert result.skipped == "the image is damaged or cut short: it could not be decoded"
    assert result.parts == [] and result.format is None


def test_a_file_that_is_no_image_is_skipped_with_the_reason(tmp_path):
    path = tmp_path / "A.MAIN.jpg"
    path.write_text("sku,title\nA,Speaker\n", encoding="utf-8")

    assert read(path).skipped == (
        "not an image Pillow can read; Amazon accepts JPEG, TIFF, PNG and non-animated GIF"
    )


@pytest.mark.parametrize(
    "size",
    [
        (100_000, 100_000),  # past twice the limit: Pillow itself refuses it
        (10_000, 9_000),  # past the limit, where Pillow only warns: refused here too
    ],
)
def test_a_decompression_bomb_is_not_decoded(tmp_path, size):
    result = read(png_header_only(tmp_path / "A.MAIN.png", *size))

    assert result.skipped == (
        "over the decompression-bomb limit of 89,478,485 pixels: not decoded "
        "(Amazon accepts at most 10,000 pixels on the longest side)"
    )


def test_a_large_jpeg_is_measured_on_a_half_size_decode_with_its_own_size(tmp_path, monkeypatch):
    # 5,000 x 5,000 is over FULL_RESOLUTION_PIXELS: the JPEG decoder gives 2,500 x 2,500.
    assert FULL_RESOLUTION_PIXELS < 5_000 * 5_000
    path = saved(drawn((5000, 5000), fill=0.84), tmp_path / "A.MAIN.jpg", quality=80)
    grey = saved(drawn((5000, 5000), background=LIGHT_GREY), tmp_path / "B.MAIN.jpg", quality=80)
    decoded = []
    load = JpegImageFile.load

    def spy(image):
        pixels = load(image)
        decoded.append(image.size)
        return pixels

    monkeypatch.setattr(JpegImageFile, "load", spy)

    found = row(path)
    assert (found["width"], found["height"], found["white_border"]) == (5000, 5000, True)
    assert found["fill"] == pytest.approx(0.84, abs=0.002)
    assert row(grey)["white_border"] is False
    assert set(decoded) == {(2500, 2500)}


def test_an_image_not_named_by_the_convention_stays_skipped(tmp_path):
    result = read(saved(drawn(), tmp_path / "product-photo.jpg"))

    assert result.skipped.startswith("not a data file (.jpg); an image of a SKU is read when")
