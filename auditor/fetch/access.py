"""What it takes to call the Selling Partner API for one seller in one region.

The config helper builds an `SpApiAccess` from a store profile, reading the credentials
from the environment; everything in `auditor.fetch` takes it as given. Its `repr` shows
only the endpoints, so a stray log line or an exception that prints it leaks nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The Selling Partner API's regional endpoints: a seller authorises an application per
#: region, so one access (and one profile) serves the marketplaces of one region.
REGION_ENDPOINTS: dict[str, str] = {
    "NA": "https://sellingpartnerapi-na.amazon.com",
    "EU": "https://sellingpartnerapi-eu.amazon.com",
    "FE": "https://sellingpartnerapi-fe.amazon.com",
}

#: Login with Amazon's token endpoint, the same for every region.
TOKEN_ENDPOINT = "https://api.amazon.com/auth/o2/token"

#: The region each marketplace (by the country code of auditor.model.common) belongs to.
MARKETPLACE_REGIONS: dict[str, str] = {
    **dict.fromkeys(("US", "CA", "MX", "BR"), "NA"),
    **dict.fromkeys(
        (
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
            "AE",
            "SA",
            "EG",
            "IN",
            "ZA",
        ),
        "EU",
    ),
    **dict.fromkeys(("JP", "AU", "SG"), "FE"),
}


@dataclass(frozen=True)
class SpApiAccess:
    """A seller's Login-with-Amazon credentials and the two endpoints to use them at.

    `client_id` and `client_secret` are the application's LWA credentials, `refresh_token`
    the seller's authorisation of it; `endpoint` is the API's base URL (a regional
    endpoint, or a stand-in), `token_endpoint` the LWA token URL.
    """

    client_id: str = field(repr=False)
    client_secret: str = field(repr=False)
    refresh_token: str = field(repr=False)
    endpoint: str
    token_endpoint: str = TOKEN_ENDPOINT

    def __repr__(self) -> str:
        return (
            f"SpApiAccess(client_id=***, client_secret=***, refresh_token=***, "
            f"endpoint={self.endpoint!r}, token_endpoint={self.token_endpoint!r})"
        )

    def secrets(self) -> tuple[str, ...]:
        """The values that must never be written, logged or shown (for checks and scrubbing)."""
        return tuple(s for s in (self.client_id, self.client_secret, self.refresh_token) if s)
