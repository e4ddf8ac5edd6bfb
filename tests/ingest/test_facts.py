"""Product facts a listing file states: ages, batteries, materials, audience, for_children,
and how they meet the products register (its value wins; a disagreement warns, CMP-028)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from conftest import AS_OF, DATA

from auditor.api import Options, audit
from auditor.ingest.assemble import read_inputs
from auditor.ingest.facts import age_months, children_from_facts

FLAT_FILE = DATA / "amazon" / "flat-file" / "Flat.File.Toys.Home.us.txt"
US = "ATVPDKIKX0DER"
#: The flat file's fact columns: without them, it is a listing file that states no facts.
FACT_FIELDS = {
    "mfg_minimum",
    "mfg_minimum_unit_of_measure",
    "mfg_maximum",
    "mfg_maximum_unit_of_measure",
    "target_audience_keywords1",
    "target_audience_keywords2",
    "material_type",
    "material_composition",
    "fabric_type",
    "country_of_origin",
    "batteries_required",
    "are_batteries_included",
    "battery_cell_composition",
}
#: The same facts as the flat file states them, typed into a products register.
REGISTER = [
    {"sku": "LS-PLUSH-BR", "for_children": "yes", "minimum_age": "3", "materials": "polyester",
     "country_of_origin": "CN", "contains_batteries": "no"},
    {"sku": "VX-PB-10K", "for_children": "no", "materials": "plastic", "country_of_origin": "CN",
     "contains_batteries": "yes", "battery_type": "lithium_ion"},
    {"sku": "HN-TWL-BATH", "materials": "cotton", "country_of_origin": "CN"},
    {"sku": "HN-BOT-750", "materials": "Tritan plastic", "country_of_origin": "VN",
     "contains_batteries": "no"},
    {"sku": "LS-BLOCKS-02", "minimum_age": "3", "materials": "wood", "country_of_origin": "DE"},
]  # fmt: skip


def listings(*paths: Path) -> dict[str, dict[str, Any]]:
    tables, files = read_inputs(list(paths), None)
    assert all(not f.rejected for f in files), [f.rejected for f in files]
    frame = tables["listings"].frame.astype(object)
    return {
        r["sku"]: {k: (None if pd.isna(v) else v) for k, v in r.items()}
        for r in frame.to_dict("records")
    }


def write_register(path: Path, records: list[dict[str, str]]) -> Path:
    columns = list(dict.fromkeys(k for r in records for k in r))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(records)
    return path


def flat_file_without_facts(path: Path) -> Path:
    lines = FLAT_FILE.read_text(encoding="utf-8").splitlines()
    fields = lines[2].split("\t")
    keep = [i for i, name in enumerate(fields) if name not in FACT_FIELDS]
    rows = [lines[0], *("\t".join(line.split("\t")[i] for i in keep) for line in lines[1:])]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


# --- what the flat file states ----------------------------------------------------------


def test_a_us_flat_file_states_ages_batteries_materials_origin_and_audience() -> None:
    found = listings(FLAT_FILE)

    plush, bank = found["LS-PLUSH-BR"], found["VX-PB-10K"]
    assert (plush["marketplace"], plush["minimum_age_months"], plush["minimum_age"]) == (
        "US",
        36,
        3,
    )
    assert (plush["target_audience"], plush["item_type_keyword"]) == (
        "kids;toddlers",
        "stuffed-animal-toys",
    )
    assert plush["for_children"] is True
    assert (bank["contains_batteries"], bank["battery_type"]) == (True, "lithium_ion")
    assert bank["for_children"] is False  # an audience of adults only
    towels = found["HN-TWL-BATH"]
    assert "cotton" in towels["materials"].lower().split(";")
    assert towels["country_of_origin"] == "CN"
    assert found["HN-BOT-750"]["materials"] == "Tritan plastic"
    assert found["HN-BOT-750"]["country_of_origin"] == "VN"


def test_a_toy_with_only_a_minimum_age_is_not_known_to_be_for_children() -> None:
    blocks = listings(FLAT_FILE)["LS-BLOCKS-02"]

    assert (blocks["minimum_age_months"], blocks["product_type"]) == (36, "toysandgames")
    assert blocks["for_children"] is None


def compliance_verdicts(folder: Path) -> set[tuple[str, str, str, str | None]]:
    report = audit([folder], Options(as_of=AS_OF, select=["CMP-"])).report
    return {
        (f["rule_id"], f["entity"]["sku"], f["outcome"], f["detail"])
        for f in report["findings"]
        if f["rule_id"] in ("CMP-008", "CMP-009", "CMP-014")
    }


@pytest.mark.parametrize("categories", [False, True])
def test_the_flat_file_gives_the_same_compliance_verdicts_as_a_products_register(
    tmp_path: Path, categories: bool
) -> None:
    """Without a register, and with one naming only each SKU's category: CMP-008 reads
    `category`, which no listing file carries. A register that holds every SKU with a
    category column decides it (blank: no category); a SKU it does not hold stays unknown."""
    category = {"sku": "HN-TWL-BATH", "category": "Home & Kitchen"}
    alone, register = tmp_path / "alone", tmp_path / "register"
    for folder in (alone, register):
        folder.mkdir()
        (folder / "documents.csv").write_text(  # one certificate, for another SKU
            "document_type,identifier,sku,issued_on\ncpc,CPC-LS-2025-014,LS-BLOCKS-01,2025-01-10\n"
        )
    (alone / FLAT_FILE.name).write_bytes(FLAT_FILE.read_bytes())
    if categories:
        every = [{"sku": r["sku"], "category": ""} for r in REGISTER]
        write_register(
            alone / "products.csv",
            [category if r["sku"] == category["sku"] else r for r in every],
        )
    flat_file_without_facts(register / FLAT_FILE.name)
    write_register(
        register / "products.csv",
        [{**r, **category} if r["sku"] == category["sku"] else r for r in REGISTER]
        if categories
        else REGISTER,
    )

    from_listing = compliance_verdicts(alone)

    assert from_listing == compliance_verdicts(register)
    found = {(rule, sku): outcome for rule, sku, outcome, _ in from_listing}
    assert found[("CMP-009", "LS-PLUSH-BR")] == "fail"  # a children's product without a CPC
    assert found[("CMP-014", "VX-PB-10K")] == "fail"  # lithium ion, without UN 38.3 or SDS
    assert ("CMP-009", "VX-PB-10K") not in found  # for adults
    assert found[("CMP-009", "LS-BLOCKS-02")] == "unknown"  # a minimum age alone
    assert found.get(("CMP-008", "HN-BOT-750")) != "fail"  # made in Vietnam: at most a warning
    if categories:  # Chinese cotton
        assert found[("CMP-008", "HN-TWL-BATH")] == "fail"


# --- the products register and the listing ----------------------------------------------


def test_the_register_wins_and_a_disagreement_names_both_values(tmp_path: Path) -> None:
    register = write_register(
        tmp_path / "products.csv",
        [
            {"sku": "LS-PLUSH-BR", "for_children": "no"},
            {"sku": "VX-PB-10K", "contains_batteries": "no", "country_of_origin": "VN"},
            {"sku": "HN-BOT-750", "minimum_age": "", "materials": ""},
        ],
    )

    found = listings(FLAT_FILE, register)

    plush, bank = found["LS-PLUSH-BR"], found["VX-PB-10K"]
    assert plush["for_children"] is False  # the register's value
    assert plush["facts_disagreement"] == (
        "for_children: products register no, listing yes (target audience kids;toddlers)"
    )
    assert (bank["contains_batteries"], bank["battery_type"], bank["country_of_origin"]) == (
        False,
        "lithium_ion",  # the register leaves it blank: the listing's fact fills it
        "VN",
    )
    assert bank["facts_disagreement"] == (
        "contains_batteries: products register no, listing yes; "
        "country_of_origin: products register VN, listing CN"
    )
    assert found["HN-BOT-750"]["facts_disagreement"] is None
    assert found["HN-BOT-750"]["materials"] == "Tritan plastic"
    assert found["HN-TWL-BATH"]["facts_disagreement"] is None  # no register row


def test_cmp_028_warns_where_register_and_listing_disagree(tmp_path: Path) -> None:
    (tmp_path / FLAT_FILE.name).write_bytes(FLAT_FILE.read_bytes())
    write_register(
        tmp_path / "products.csv",
        [
            {"sku": "LS-PLUSH-BR", "for_children": "no", "minimum_age": "3"},
            {"sku": "VX-PB-10K", "contains_batteries": "no"},
            {"sku": "HN-BOT-750", "country_of_origin": "VN"},
        ],
    )

    report = audit([tmp_path], Options(as_of=AS_OF, select=["CMP-028"])).report

    found = {f["entity"]["sku"]: f for f in report["findings"]}
    assert set(found) == {"LS-PLUSH-BR", "VX-PB-10K"}
    assert {f["outcome"] for f in found.values()} == {"warn"}
    assert found["LS-PLUSH-BR"]["message"] == (
        "The products register and the listing disagree: for_children: products register no, "
        "listing yes (target audience kids;toddlers)."
    )


# --- deciding for_children --------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected", "why"),
    [
        ({"maximum_age_months": 36}, True, "maximum age 36 months"),
        ({"maximum_age_months": 144, "minimum_age_months": 36}, True, "maximum age 144 months"),
        ({"maximum_age_months": 1200, "minimum_age_months": 36}, None, None),
        ({"minimum_age_months": 36}, None, None),
        ({"minimum_age_months": 168, "product_type": "TOY_FIGURE"}, False, "minimum age 168 months"),
        ({"target_audience": "teens, toddlers"}, True, "target audience teens, toddlers"),
        ({"target_audience": "Adults"}, False, "target audience Adults"),
        ({"target_audience": "cats"}, None, None),
        ({"product_type": "STUFFED_ANIMAL_TOY"}, True, "product type STUFFED_ANIMAL_TOY"),
        ({"product_type": "stuffed-animal-toy"}, True, "product type stuffed-animal-toy"),
        ({"product_type": "toys"}, True, "product type toys"),
        ({"product_type": "TOYS_AND_GAMES"}, None, None),
        ({"product_type": "BABY_PRODUCT", "target_audience": "adults"}, False,
         "target audience adults"),
    ],
)  # fmt: skip
def test_for_children_from_a_listings_own_facts(
    facts: dict[str, Any], expected: bool | None, why: str | None
) -> None:
    columns = ("minimum_age_months", "maximum_age_months", "target_audience", "product_type")
    frame = pd.DataFrame([{c: facts.get(c) for c in columns}]).astype(
        {"minimum_age_months": "Int64", "maximum_age_months": "Int64"}
    )
    verdict, reason = children_from_facts(frame)
    assert (None if pd.isna(verdict[0]) else bool(verdict[0])) == expected
    assert (None if pd.isna(reason[0]) else reason[0]) == why


def test_ages_are_converted_to_months_by_their_unit() -> None:
    value = pd.Series(["3", "18", "1.5", "2", "three", ""])
    unit = pd.Series(["years", "Months", "Jahre", "", "years", "years"])

    assert age_months(value, unit, "months").tolist() == ["36", "18", "18", "2", "three", pd.NA]
    assert pd.isna(age_months(value, unit, None)[3])  # a flat file's age without its unit


# --- Category Listing Report and Listings Items API -------------------------------------


def clr_with_facts(path: Path) -> Path:
    """A Category Listing Report (Amazon's row layout) holding the fact attributes."""
    ids = [
        "contribution_sku#1.value",
        "product_type#1.value",
        f"item_name[marketplace_id={US}][language_tag=en_US]#1.value",
        f"manufacturer_minimum_age[marketplace_id={US}]#1.value",
        f"manufacturer_maximum_age[marketplace_id={US}]#1.value",
        f"target_audience_keyword[marketplace_id={US}][language_tag=en_US]#1.value",
        f"target_audience_keyword[marketplace_id={US}][language_tag=en_US]#2.value",
        f"batteries_required[marketplace_id={US}]#1.value",
        f"batteries_included[marketplace_id={US}]#1.value",
        f"battery[marketplace_id={US}]#1.cell_composition#1.value",
        f"material[marketplace_id={US}][language_tag=en_US]#1.value",
        f"fabric_type[marketplace_id={US}][language_tag=en_US]#1.value",
        f"country_of_origin[marketplace_id={US}]#1.value",
        f"item_type_keyword[marketplace_id={US}]#1.value",
    ]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Template"
    ws.append([f"settings=contentLanguageTag=en_US&primaryMarketplaceId=amzn1.mp.o.{US}"])
    ws.append(["Fill in each row; required fields are marked."])
    ws.append(["Listing Identity", "", "", "Safety & Compliance"])
    ws.append(["SKU", "Product Type", "Item Name", "Minimum Age", "Maximum Age", "Target Audience",
               "Target Audience", "Batteries Required", "Batteries Included", "Cell Composition",
               "Material", "Fabric Type", "Country of Origin", "Item Type Keyword"])  # fmt: skip
    ws.append(ids)
    ws.append(["ABC123", "LUGGAGE", "Example item name"])
    ws.append(["LS-PLUSH-BR", "STUFFED_ANIMAL_TOY", "LittleSteps Plush Teddy Bear", 36, 96,
               "kids", "toddlers", "false", "false", "", "polyester", "", "CN",
               "plush-animal-toys"])  # fmt: skip
    ws.append(["VX-PB-10K", "POWER_BANK", "Voltix Power Bank 10000mAh", "", "", "adults", "",
               "true", "true", "lithium_ion", "plastic", "", "CN", "portable-power-banks"])  # fmt: skip
    ws.append(["HN-TWL-BATH", "TOWEL", "HomeNest Bath Towels", "", "", "", "", "", "", "",
               "", "cotton", "CN", "bath-towels"])  # fmt: skip
    book.save(path)
    return path


def listings_item(sku: str, product_type: str, **attributes: list[dict[str, Any]]) -> dict:
    return {
        "sku": sku,
        "summaries": [{"marketplaceId": US, "asin": "B0CLS4PLS4", "productType": product_type}],
        "attributes": {k: [{"marketplace_id": US, **e} for e in v] for k, v in attributes.items()},
    }


def write_items(path: Path) -> Path:
    import json

    items = [
        listings_item(
            "LS-PLUSH-BR",
            "STUFFED_ANIMAL_TOY",
            manufacturer_minimum_age=[{"value": 36}],
            manufacturer_maximum_age=[{"value": 8, "unit": "years"}],
            target_audience_keyword=[
                {"value": "kids", "language_tag": "en_US"},
                {"value": "toddlers", "language_tag": "en_US"},
            ],
            batteries_required=[{"value": False}],
            material=[{"value": "polyester", "language_tag": "en_US"}],
            country_of_origin=[{"value": "CN"}],
            item_type_keyword=[{"value": "plush-animal-toys"}],
        ),
        listings_item(
            "VX-PB-10K",
            "POWER_BANK",
            target_audience_keyword=[{"value": "adults", "language_tag": "en_US"}],
            batteries_required=[{"value": True}],
            batteries_included=[{"value": True}],
            battery=[{"cell_composition": [{"value": "lithium_ion"}]}],
            material=[{"value": "plastic", "language_tag": "en_US"}],
            country_of_origin=[{"value": "CN"}],
            item_type_keyword=[{"value": "portable-power-banks"}],
        ),
        listings_item(
            "HN-TWL-BATH",
            "TOWEL",
            fabric_type=[{"value": "cotton", "language_tag": "en_US"}],
            country_of_origin=[{"value": "CN"}],
            item_type_keyword=[{"value": "bath-towels"}],
        ),
    ]
    path.write_text(json.dumps({"numberOfResults": len(items), "items": items}), "utf-8")
    return path


@pytest.mark.parametrize("source", ["clr", "listings-items"])
def test_clr_and_listings_items_map_the_same_facts(tmp_path: Path, source: str) -> None:
    path = (
        clr_with_facts(tmp_path / "Category Listing Report.xlsx")
        if source == "clr"
        else write_items(tmp_path / "searchListingsItems.json")
    )

    found = listings(path)

    plush, bank, towels = found["LS-PLUSH-BR"], found["VX-PB-10K"], found["HN-TWL-BATH"]
    assert (plush["minimum_age_months"], plush["maximum_age_months"]) == (36, 96)
    assert (plush["target_audience"], plush["for_children"]) == ("kids;toddlers", True)
    assert (plush["item_type_keyword"], plush["contains_batteries"]) == ("plush-animal-toys", False)
    assert (bank["contains_batteries"], bank["battery_type"], bank["for_children"]) == (
        True,
        "lithium_ion",
        False,
    )
    assert (towels["materials"], towels["country_of_origin"], towels["for_children"]) == (
        "cotton",
        "CN",
        None,
    )
