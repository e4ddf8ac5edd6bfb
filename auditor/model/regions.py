"""Amazon's selling regions: which marketplaces share one, and where each region's APIs live.

A seller authorises an application once per region, and a region's marketplaces are
served by one regional host, so a store profile lives in one region (a profile that
mixes them is refused). This table is the one place that says which region a
marketplace belongs to; the fetcher takes its default endpoints from here.

Sources (checked 2026-11): the SP-API regions and hosts from Amazon's "SP-API
Endpoints" page (developer-docs.amazon.com/sp-api/docs/sp-api-endpoints); the
Amazon Ads API's regional hosts and Login with Amazon token hosts from the Ads API's
"Get started" pages (advertising.amazon.com/API/docs/en-us/info/api-overview).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from auditor.model.common import MARKETPLACE_IDS


class Region(StrEnum):
    """A selling region, by the short name Amazon's hosts carry (sellingpartnerapi-eu)."""

    na = "na"
    eu = "eu"
    fe = "fe"

    @property
    def label(self) -> str:
        """The region's name as Amazon's documentation words it."""
        return REGION_LABELS[self]


REGION_LABELS: dict[Region, str] = {
    Region.na: "North America",
    Region.eu: "Europe",
    Region.fe: "Far East",
}

#: The marketplaces of each region, by the country codes of common.MARKETPLACE_IDS.
REGION_MARKETPLACES: dict[Region, tuple[str, ...]] = {
    Region.na: ("US", "CA", "MX", "BR"),
    Region.eu: (
        "UK",
        "IE",
        "DE",
        "FR",
        "IT",
        "ES",
        "NL",
        "SE",
        "PL",
        "BE",
        "TR",
        "EG",
        "SA",
        "AE",
        "IN",
        "ZA",
    ),
    Region.fe: ("JP", "AU", "SG"),
}

_REGION_OF: dict[str, Region] = {
    code: region for region, codes in REGION_MARKETPLACES.items() for code in codes
}

#: Login with Amazon's token endpoint for the Selling Partner API: one for every region.
SP_API_TOKEN_ENDPOINT = "https://api.amazon.com/auth/o2/token"


@dataclass(frozen=True)
class RegionEndpoints:
    """Where a region's calls go unless a store profile names other hosts (a stand-in,
    a proxy): the SP-API host, and the Ads API host and its token endpoint (the Ads
    API, unlike SP-API, exchanges tokens with a regional Login with Amazon host)."""

    sp_api: str
    sp_api_token: str
    ads_api: str
    ads_api_token: str


ENDPOINTS: dict[Region, RegionEndpoints] = {
    Region.na: RegionEndpoints(
        sp_api="https://sellingpartnerapi-na.amazon.com",
        sp_api_token=SP_API_TOKEN_ENDPOINT,
        ads_api="https://advertising-api.amazon.com",
        ads_api_token="https://api.amazon.com/auth/o2/token",
    ),
    Region.eu: RegionEndpoints(
        sp_api="https://sellingpartnerapi-eu.amazon.com",
        sp_api_token=SP_API_TOKEN_ENDPOINT,
        ads_api="https://advertising-api-eu.amazon.com",
        ads_api_token="https://api.amazon.co.uk/auth/o2/token",
    ),
    Region.fe: RegionEndpoints(
        sp_api="https://sellingpartnerapi-fe.amazon.com",
        sp_api_token=SP_API_TOKEN_ENDPOINT,
        ads_api="https://advertising-api-fe.amazon.com",
        ads_api_token="https://api.amazon.co.jp/auth/o2/token",
    ),
}


def region_of(marketplace: str) -> Region:
    """The region of a marketplace's country code (UK, DE, JP, ...); a code the tool does
    not know is a ValueError naming the known ones."""
    region = _REGION_OF.get(marketplace)
    if region is None:
        raise ValueError(
            f"unknown marketplace {marketplace!r}: use one of {', '.join(MARKETPLACE_IDS)}"
        )
    return region


def endpoints(region: Region) -> RegionEndpoints:
    """The default hosts of `region`."""
    return ENDPOINTS[region]
