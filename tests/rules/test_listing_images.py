"""The image rules on a seller's own files, end to end: a listings sheet and the images
named SKU.MAIN.jpg beside it, audited as a folder (api.audit), judged by the listing pack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import AS_OF
from image_files import LIGHT_GREY, animated_gif, drawn, saved

from auditor import api

IMAGE_RULES = ("LST-014", "LST-015", "LST-016", "LST-025", "LST-026", "LST-027")
LISTINGS = (
    "sku,marketplace,product_type,brand,title,main_image_url\n"
    "VX-WHITE,US,SPEAKERS,Voltix,Speaker on white,\n"
    "VX-GREY,US,SPEAKERS,Voltix,Speaker on grey,\n"
    "VX-SMALL,US,SPEAKERS,Voltix,Speaker filling 60%,\n"
    "VX-800,US,SPEAKERS,Voltix,Speaker at 800 px,\n"
    "VX-CUTOUT,US,SPEAKERS,Voltix,Speaker on a transparent background,\n"
    "VX-NOMAIN,US,SPEAKERS,Voltix,Speaker without a main image,\n"
    "VX-NOFILES,US,SPEAKERS,Voltix,Speaker without images,\n"
)


def audit(folder: Path) -> dict[str, Any]:
    options = api.Options(as_of=AS_OF, select=list(IMAGE_RULES))
    return api.audit([folder], options).report


def found(report: dict[str, Any]) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(rule, sku or sku.slot) -> (outcome, detail) of each finding."""
    result = {}
    for f in report["findings"]:
        entity = f["entity"]
        key = entity["sku"] if entity["type"] == "listing" else f"{entity['sku']}.{entity['slot']}"
        result[(f["rule_id"], key)] = (f["outcome"], f["detail"])
    return result


def prelaunch(tmp_path: Path) -> Path:
    folder = tmp_path / "launch"
    images = folder / "images"
    folder.mkdir()
    (folder / "listings.csv").write_text(LISTINGS, encoding="utf-8")
    saved(drawn((2000, 2000)), images / "VX-WHITE.MAIN.jpg")
    for n in range(1, 6):
        saved(drawn(fill=0.7), images / f"VX-WHITE.PT{n:02d}.jpg")
    saved(drawn(background=LIGHT_GREY), images / "VX-GREY.MAIN.jpg")
    saved(drawn(fill=0.6), images / "VX-SMALL.MAIN.png")
    saved(drawn((800, 800)), images / "VX-800.MAIN.jpg")
    cut_out = drawn(background=(0, 0, 0, 0), colour=(40, 90, 160, 255), mode="RGBA")
    saved(cut_out, images / "VX-CUTOUT.MAIN.png")
    animated_gif(images / "VX-NOMAIN.PT01.gif")
    saved(
        drawn(background=(0, 0, 0, 0), colour=(90, 40, 0, 20), mode="CMYK"),
        images / "VX-NOMAIN.PT02.jpg",
    )
    return folder


def test_each_image_rule_judges_the_local_files(tmp_path):
    report = audit(prelaunch(tmp_path))

    assert found(report) == {
        # Pure white, spanning 90%, 2,000 px and six images: nothing to say of VX-WHITE.
        ("LST-025", "VX-GREY"): ("fail", None),
        ("LST-025", "VX-CUTOUT"): ("fail", None),  # transparent is not white
        ("LST-026", "VX-SMALL"): ("fail", None),
        ("LST-015", "VX-800"): ("warn", None),  # no zoom under 1,000 px
        # One local image each (six recommended); VX-NOMAIN's two are PT01 and PT02.
        **{
            ("LST-016", sku): ("warn", None)
            for sku in ("VX-GREY", "VX-SMALL", "VX-800", "VX-CUTOUT", "VX-NOMAIN")
        },
        # Images, but no main image: the main image rules cannot decide, and say why.
        # (VX-NOFILES, without any image, is a not-checked note: see below.)
        ("LST-025", "VX-NOMAIN"): ("unknown", None),
        ("LST-026", "VX-NOMAIN"): ("unknown", None),
        # Nothing on Amazon yet and no local main image: no main image at all.
        ("LST-014", "VX-NOMAIN"): ("fail", None),
        ("LST-014", "VX-NOFILES"): ("fail", None),
        # The files themselves: an animated GIF fails, CMYK is accepted but warns.
        ("LST-027", "VX-NOMAIN.PT01"): ("fail", "animated"),
        ("LST-027", "VX-NOMAIN.PT02"): ("warn", "colour-mode"),
    }


def test_a_finding_names_the_image_file_it_is_about(tmp_path):
    report = audit(prelaunch(tmp_path))

    [grey] = [
        f
        for f in report["findings"]
        if f["rule_id"] == "LST-025" and f["outcome"] == "fail" and f["entity"]["sku"] == "VX-GREY"
    ]
    assert grey["message"] == (
        "The main image launch/images/VX-GREY.MAIN.jpg is not on a pure white background: "
        "pixels on its border are darker than RGB 250,250,250, or transparent."
    )
    assert grey["severity"] == "high"
    assert grey["evidence"]["source"]["merged"][0]["file"] == "launch/images/VX-GREY.MAIN.jpg"
    [small] = [
        f for f in report["findings"] if f["rule_id"] == "LST-026" and f["outcome"] == "fail"
    ]
    assert small["message"] == (
        "The product spans 60% of the main image launch/images/VX-SMALL.MAIN.png; Amazon asks "
        "it to fill at least 85% of the frame."
    )
    [gif] = [f for f in report["findings"] if f["rule_id"] == "LST-027" and f["outcome"] == "fail"]
    assert gif["evidence"]["source"] == {"file": "launch/images/VX-NOMAIN.PT01.gif", "row": 1}
    assert gif["message"].startswith(
        "Image file VX-NOMAIN.PT01 (GIF, RGB, 600 x 600 px) fails Amazon's technical "
        "requirements on animated:"
    )


def test_a_listing_without_any_image_file_is_one_not_checked_note(tmp_path):
    report = audit(prelaunch(tmp_path))

    notes = [
        (n["rule_id"], n["input"], n["fields"], n["entities"])
        for n in report["summary"]["coverage"]["not_checked"]
        if n["rule_id"] in ("LST-025", "LST-026")
    ]
    assert notes == [
        ("LST-025", "", ["main_image_white_background"], 1),
        ("LST-026", "", ["main_image_fill"], 1),
    ]


def test_a_listing_without_a_main_image_file_is_unknown_naming_the_field(tmp_path):
    report = audit(prelaunch(tmp_path))

    [unknown] = [
        f
        for f in report["findings"]
        if f["rule_id"] == "LST-025" and f["entity"]["sku"] == "VX-NOMAIN"
    ]
    assert unknown["missing"] == ["main_image_white_background"]
    assert unknown["message"] == "Cannot decide: main_image_white_background is missing."


def test_without_any_image_the_image_rules_give_one_note_over_every_input(tmp_path):
    folder = tmp_path / "launch"
    folder.mkdir()
    (folder / "listings.csv").write_text(LISTINGS, encoding="utf-8")

    report = audit(folder)

    rules = {f["rule_id"] for f in report["findings"]}
    assert not rules & {"LST-025", "LST-026"}
    notes = [
        n
        for n in report["summary"]["coverage"]["not_checked"]
        if n["rule_id"] in ("LST-025", "LST-026")
    ]
    assert notes == [
        {
            "rule_id": "LST-025",
            "area": "listing",
            "severity": "high",
            "input": "",
            "fields": ["main_image_white_background"],
            "entities": 7,
        },
        {
            "rule_id": "LST-026",
            "area": "listing",
            "severity": "medium",
            "input": "",
            "fields": ["main_image_fill"],
            "entities": 7,
        },
    ]


def test_unreadable_and_ambiguous_images_are_listed_with_their_reasons(tmp_path):
    folder = prelaunch(tmp_path)
    saved(drawn(), folder / "images" / "VX-SMALL.MAIN.jpg")  # beside VX-SMALL.MAIN.png
    (folder / "images" / "VX-800.PT01.jpg").write_bytes(b"\xff\xd8\xff\xe0 not the rest")

    report = audit(folder)

    skipped = {i["path"]: i["skipped"] for i in report["run"]["inputs"] if i["skipped"]}
    assert skipped["launch/images/VX-800.PT01.jpg"] == (
        "the image is damaged or cut short: it could not be decoded"
    )
    assert skipped["launch/images/VX-SMALL.MAIN.jpg"].startswith(
        "ambiguous: 2 files are the MAIN image of SKU VX-SMALL"
    )
    # Neither main image is judged: with no other image, VX-SMALL joins VX-NOFILES in
    # the not-checked note, its files listed as skipped above.
    assert ("LST-025", "VX-SMALL") not in found(report)
    [note] = [n for n in report["summary"]["coverage"]["not_checked"] if n["rule_id"] == "LST-025"]
    assert note["entities"] == 2
