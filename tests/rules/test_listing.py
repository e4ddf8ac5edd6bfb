"""The listing pack on Amazon's own formats: each rule fires on the record built to break it
(tests/data/rules/listing/SOURCES.md) and stays quiet on a clean one."""

from __future__ import annotations

import pytest
from conftest import Case, bundled_rule_ids, check_case

DIR = "rules/listing"
#: A US inventory flat file (one broken SKU per rule) with the seller's video counts beside it.
FLAT = (f"{DIR}/Flat.File.Speakers.us.txt", f"{DIR}/listing-videos.csv")
#: A Listings Items API search response: main image sizes and the issues Amazon reports.
API = (f"{DIR}/searchListingsItems-US-images-issues.json",)

CLEAN = {"sku": "VX-SPK-10"}
CLEAN_API = {"sku": "VX-SHW-20"}


def flat(rule_id: str, outcome: str = "fail", **broken: object) -> Case:
    sku = broken.pop("sku", f"VX-LST-{rule_id[-3:]}")
    return Case(rule_id, FLAT, {"sku": sku, **broken}, CLEAN, outcome)


CASES = [
    flat("LST-001"),
    flat("LST-002"),
    flat("LST-003"),
    flat("LST-004"),
    flat("LST-005"),
    flat("LST-006"),
    flat("LST-007"),
    flat("LST-008", detail="bullet_point2"),
    flat("LST-009", detail="bullet_point5"),
    flat("LST-010", detail="bullet_point5:contact"),
    flat("LST-011"),
    # The brand of another listing in the same file (Lumora) in the search terms.
    flat("LST-012", detail="brand"),
    flat("LST-013", detail="html"),
    flat("LST-014"),
    Case("LST-015", API, {"sku": "VX-SHW-21"}, CLEAN_API),
    Case("LST-015", API, {"sku": "VX-SHW-22"}, CLEAN_API, "warn"),
    flat("LST-016", "warn"),
    flat("LST-017"),
    flat("LST-018"),
    flat("LST-019"),
    flat("LST-020", detail="bullet_point4"),
    flat("LST-021"),
    flat("LST-022"),
    Case("LST-023", API, {"sku": "VX-SHW-23", "code": "90220"}, CLEAN_API),
    Case("LST-023", API, {"sku": "VX-SHW-23", "code": "18027"}, CLEAN_API, "warn"),
    # Amazon exempted this listing from the issue: it is not reported.
    Case("LST-023", API, {"sku": "VX-SHW-23", "severity": "error"}, {"sku": "VX-SHW-24"}),
    # The other brand's own clean listing is quiet too.
    Case("LST-012", FLAT, {"sku": "VX-LST-012"}, {"sku": "LM-LAMP-01"}),
]


def test_every_rule_of_the_pack_has_a_case() -> None:
    assert {c.rule_id for c in CASES} == bundled_rule_ids("listing")


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_the_broken_record_only(case: Case) -> None:
    check_case(case)
