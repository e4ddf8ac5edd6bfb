"""An access shows its endpoints, never its credentials."""

from auditor.fetch.access import MARKETPLACE_REGIONS, REGION_ENDPOINTS, TOKEN_ENDPOINT, SpApiAccess
from auditor.model.common import MARKETPLACE_IDS


def test_repr_hides_the_credentials() -> None:
    access = SpApiAccess(
        "client-id-1", "client-secret-1", "refresh-token-1", REGION_ENDPOINTS["EU"]
    )
    shown = repr(access) + str(access) + f"{access}"
    assert (
        "client-secret-1" not in shown
        and "refresh-token-1" not in shown
        and "client-id-1" not in shown
    )
    assert "https://sellingpartnerapi-eu.amazon.com" in shown
    assert access.token_endpoint == TOKEN_ENDPOINT == "https://api.amazon.com/auth/o2/token"


def test_every_marketplace_has_a_region() -> None:
    assert set(MARKETPLACE_REGIONS) == set(MARKETPLACE_IDS)
    assert set(MARKETPLACE_REGIONS.values()) == set(REGION_ENDPOINTS)
