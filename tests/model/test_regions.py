"""Amazon's selling regions: every marketplace the tool knows lies in exactly one."""

from __future__ import annotations

import pytest

from auditor.model.common import MARKETPLACE_IDS
from auditor.model.regions import REGION_MARKETPLACES, Region, endpoints, region_of


def test_every_marketplace_the_tool_knows_lies_in_exactly_one_region():
    listed = [code for codes in REGION_MARKETPLACES.values() for code in codes]

    assert sorted(listed) == sorted(MARKETPLACE_IDS)  # none missing, none twice, none unknown


@pytest.mark.parametrize(
    ("marketplace", "region", "label"),
    [
        ("US", Region.na, "North America"),
        ("BR", Region.na, "North America"),
        ("UK", Region.eu, "Europe"),
        ("IN", Region.eu, "Europe"),
        ("ZA", Region.eu, "Europe"),  # Amazon's SP-API Endpoints page lists South Africa in Europe
        ("JP", Region.fe, "Far East"),
        ("SG", Region.fe, "Far East"),
    ],
)
def test_region_of_a_marketplace(marketplace, region, label):
    assert region_of(marketplace) is region
    assert region.label == label


def test_an_unknown_marketplace_has_no_region():
    with pytest.raises(ValueError, match="unknown marketplace 'XX'"):
        region_of("XX")


def test_each_region_has_its_own_hosts_and_sp_api_one_token_endpoint():
    europe, far_east = endpoints(Region.eu), endpoints(Region.fe)

    assert europe.sp_api == "https://sellingpartnerapi-eu.amazon.com"
    assert far_east.ads_api == "https://advertising-api-fe.amazon.com"
    # SP-API exchanges tokens with one Login with Amazon host; the Ads API with the region's.
    assert europe.sp_api_token == far_east.sp_api_token == "https://api.amazon.com/auth/o2/token"
    assert far_east.ads_api_token == "https://api.amazon.co.jp/auth/o2/token"
