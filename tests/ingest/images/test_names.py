"""Which files are images of which SKU: Amazon's bulk-upload names, SKU.VARIANT.ext."""

from __future__ import annotations

import pytest

from auditor.ingest.images.names import ImageName, image_name, is_image_file, why_not_named


@pytest.mark.parametrize(
    ("file_name", "sku", "slot"),
    [
        ("VX-SPK-10.MAIN.jpg", "VX-SPK-10", "MAIN"),
        ("VX-SPK-10.PT01.png", "VX-SPK-10", "PT01"),
        ("VX-SPK-10.PT08.tif", "VX-SPK-10", "PT08"),
        ("VX-SPK-10.SWCH.gif", "VX-SPK-10", "SWCH"),
        # Leading zeros are the SKU's own; a SKU may hold full stops itself.
        ("000123.MAIN.jpeg", "000123", "MAIN"),
        ("00123.V2.PT03.JPG", "00123.V2", "PT03"),
        # A file system that ignores case cannot tell .main from .MAIN.
        ("vx-spk-10.main.jpg", "vx-spk-10", "MAIN"),
        # Amazon refuses WebP: the file is read so that the audit can say so.
        ("VX-SPK-10.MAIN.webp", "VX-SPK-10", "MAIN"),
    ],
)
def test_an_image_named_by_the_convention_gives_its_sku_and_slot(file_name, sku, slot):
    assert image_name(file_name) == ImageName(sku, slot)


def test_a_variant_code_the_audit_does_not_read_is_named_in_the_reason():
    # Amazon knows PT09 and BACK; the nine images an audit counts are MAIN and PT01-PT08.
    assert image_name("VX-SPK-10.PT09.jpg") is None
    assert why_not_named("VX-SPK-10.PT09.jpg").startswith(
        "PT09 is not an image variant code an audit reads; an image of a SKU is read when "
        "named SKU.MAIN.jpg, SKU.PT01.jpg to SKU.PT08.jpg or SKU.SWCH.jpg"
    )
    assert image_name("VX-SPK-10.BACK.jpg") is None


def test_an_image_without_a_variant_code_is_not_taken_for_a_main_image():
    # Amazon's tool would take logo.png as the MAIN image of a product "logo".
    assert image_name("logo.png") is None
    assert image_name("VX-SPK-10.jpg") is None
    assert why_not_named("logo.png").startswith("not a data file (.png); an image of a SKU")


def test_image_files_are_told_by_their_extension():
    assert is_image_file("VX-SPK-10.MAIN.JPEG") and is_image_file("scan.tiff")
    assert not is_image_file("listings.csv") and not is_image_file("README.md")
    assert not is_image_file(".jpg")
