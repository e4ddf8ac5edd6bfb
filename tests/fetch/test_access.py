"""An access shows its hosts, never its credentials; `redact` keeps secrets out of texts."""

from auditor.fetch.access import AdsApiAccess, SpApiAccess, redact
from auditor.model.regions import Region, endpoints


def test_repr_hides_the_credentials() -> None:
    sp = SpApiAccess(
        "client-id-1", "client-secret-1", "refresh-token-1", endpoints(Region.eu).sp_api
    )
    ads = AdsApiAccess("client-id-2", "client-secret-2", "Atzr|refresh-2", "1234567890")

    for access in (sp, ads):
        shown = repr(access) + str(access) + f"{access}"
        assert not any(secret in shown for secret in access.secrets())
    assert "https://sellingpartnerapi-eu.amazon.com" in repr(sp)
    assert sp.token_endpoint == "https://api.amazon.com/auth/o2/token"
    assert "profile_id='1234567890'" in repr(ads)  # a profile id is no secret


def test_redact_replaces_secrets_as_a_request_carries_them() -> None:
    body = "grant_type=refresh_token&refresh_token=Atzr%7Crefresh-2&client_id=client-id-2"

    assert redact(body, ["Atzr|refresh-2", "client-id-2"]) == (
        "grant_type=refresh_token&refresh_token=***&client_id=***"
    )
    assert redact("nothing secret", ["", "x-secret"]) == "nothing secret"
