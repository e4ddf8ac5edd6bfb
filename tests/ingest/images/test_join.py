"""The seller's images meet the listings: the local main image wins, by SKU, in every
marketplace; an image file twice over is set aside, never guessed at."""

from __future__ import annotations

import pandas as pd
from image_files import LIGHT_GREY, drawn, saved

from auditor.frames import present
from auditor.ingest.assemble import read_inputs

LISTINGS = (
    "sku,marketplace,title,main_image_url,main_image_width,main_image_height,image_count\n"
    "VX-SPK-10,US,Speaker,https://m.media-amazon.com/images/I/spk.jpg,500,500,7\n"
    "VX-SPK-10,DE,Lautsprecher,https://m.media-amazon.com/images/I/spk.jpg,500,500,7\n"
    "00123.V2,US,Lamp,,,,\n"
    "HN-BOT-750,US,Bottle,https://m.media-amazon.com/images/I/bot.jpg,2000,2000,4\n"
)


def store(tmp_path):
    folder = tmp_path / "store"
    folder.mkdir()
    (folder / "listings.csv").write_text(LISTINGS, encoding="utf-8")
    return folder


def listings(folder):
    tables, results = read_inputs([folder], None)
    table = tables["listings"]
    return table, table.frame.set_index(["sku", "marketplace"]), results


def test_the_local_main_image_wins_in_every_marketplace_of_its_sku(tmp_path):
    folder = store(tmp_path)
    saved(drawn((1600, 1600)), folder / "images" / "VX-SPK-10.MAIN.jpg")
    saved(drawn(), folder / "images" / "VX-SPK-10.PT01.jpg")
    saved(drawn(), folder / "images" / "VX-SPK-10.SWCH.jpg")  # a swatch is not counted

    _, frame, _ = listings(folder)

    for marketplace in ("US", "DE"):
        row = frame.loc[("VX-SPK-10", marketplace)]
        assert (row["main_image_width"], row["main_image_height"]) == (1600, 1600)
        assert row["image_count"] == 2
        assert bool(row["main_image_white_background"]) is True
        assert row["main_image_file"] == "store/images/VX-SPK-10.MAIN.jpg"
        assert row["_merged"] == [
            {
                "file": "store/images/VX-SPK-10.MAIN.jpg",
                "row": 1,
                "fields": [
                    "main_image_width",
                    "main_image_height",
                    "main_image_white_background",
                    "main_image_fill",
                    "main_image_file",
                    "image_count",
                ],
            }
        ]
    # A SKU without local images keeps what its listing says.
    bottle = frame.loc[("HN-BOT-750", "US")]
    assert (bottle["main_image_width"], bottle["image_count"]) == (2000, 4)
    assert pd.isna(bottle["main_image_white_background"]) and pd.isna(bottle["_merged"])


def test_a_sku_with_leading_zeros_and_a_full_stop_finds_its_listing(tmp_path):
    folder = store(tmp_path)
    saved(drawn(background=LIGHT_GREY), folder / "00123.V2.MAIN.png")

    _, frame, _ = listings(folder)

    row = frame.loc[("00123.V2", "US")]
    assert bool(row["main_image_white_background"]) is False
    assert row["main_image_file"] == "store/00123.V2.MAIN.png"


def test_images_without_a_main_image_give_the_count_and_name_the_first_file(tmp_path):
    folder = store(tmp_path)
    for slot in ("PT02", "PT01"):
        saved(drawn(), folder / f"00123.V2.{slot}.jpg")

    _, frame, _ = listings(folder)

    row = frame.loc[("00123.V2", "US")]
    assert row["image_count"] == 2 and pd.isna(row["main_image_white_background"])
    assert row["_merged"] == [
        {"file": "store/00123.V2.PT01.jpg", "row": 1, "fields": ["image_count"]}
    ]


def test_the_listings_of_skus_with_images_carry_the_measured_columns(tmp_path):
    # A SKU with images but no main image is blank there (unknown to the rules); a SKU
    # without any image does not carry them (a not-checked note), nor does any listing
    # when no image is among the inputs.
    folder = store(tmp_path)
    table, _, _ = listings(folder)
    assert "main_image_white_background" not in table.provided

    saved(drawn(), folder / "VX-SPK-10.MAIN.jpg")
    saved(drawn(), folder / "00123.V2.PT01.jpg")
    table, frame, _ = listings(folder)

    def carried(name):
        flags = present(table.frame, table.provided, table.sources, name)
        return dict(zip(table.frame["sku"] + "/" + table.frame["marketplace"], flags, strict=True))

    for name in ("main_image_white_background", "main_image_fill", "main_image_file"):
        assert carried(name) == {
            "VX-SPK-10/US": True,
            "VX-SPK-10/DE": True,
            "00123.V2/US": True,
            "HN-BOT-750/US": False,
        }, name
    assert pd.isna(frame.loc[("00123.V2", "US"), "main_image_white_background"])
    assert carried("main_image_width")["00123.V2/US"]  # the CSV carries widths too


def test_two_files_for_one_slot_are_both_set_aside_naming_each_other(tmp_path):
    folder = store(tmp_path)
    saved(drawn(), folder / "VX-SPK-10.MAIN.jpg")
    saved(drawn(background=LIGHT_GREY), folder / "VX-SPK-10.MAIN.png")
    saved(drawn(), folder / "VX-SPK-10.PT01.jpg")

    _, frame, results = listings(folder)

    skipped = {r.path: r.skipped for r in results if r.skipped}
    reason = (
        "ambiguous: 2 files are the MAIN image of SKU VX-SPK-10 (store/VX-SPK-10.MAIN.jpg, "
        "store/VX-SPK-10.MAIN.png); keep only the one to upload"
    )
    assert skipped == {"store/VX-SPK-10.MAIN.jpg": reason, "store/VX-SPK-10.MAIN.png": reason}
    row = frame.loc[("VX-SPK-10", "US")]
    assert pd.isna(row["main_image_white_background"]) and row["main_image_width"] == 500
    assert row["image_count"] == 1  # the PT01 file
    for result in results:
        assert result.rows_read == result.rows_used + len(result.rejected), result.path
