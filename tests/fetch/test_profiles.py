"""A store profile's credentials, read from the environment only when a fetch needs them,
named when missing, and kept out of every repr and message."""

from __future__ import annotations

import pytest
import yaml

from auditor.errors import AuditorError
from auditor.fetch.access import REDACTED, redact
from auditor.fetch.profiles import ads_api_access, sp_api_access, store_profile
from auditor.model.config import Config, Seller
from auditor.model.regions import Region

CONFIG = Config.model_validate(
    yaml.safe_load(
        """\
seller: {country: CN}
stores:
  acme-eu:
    seller_id: A1EXAMPLESELLER
    marketplaces: [DE, FR, UK]
    sp_api:
      client_id: ${ACME_LWA_CLIENT_ID}
      client_secret: ${ACME_LWA_CLIENT_SECRET}
      refresh_token: ${ACME_REFRESH_TOKEN}
  acme-jp:
    seller_id: A2EXAMPLESELLER
    marketplaces: [JP]
    sp_api:
      client_id: ${ACME_JP_CLIENT_ID}
      client_secret: ${ACME_JP_CLIENT_SECRET}
      refresh_token: ${ACME_JP_REFRESH_TOKEN}
      endpoint: http://127.0.0.1:8123
      token_endpoint: http://127.0.0.1:8123/auth/o2/token
    ads_api:
      client_id: ${ACME_ADS_CLIENT_ID}
      client_secret: ${ACME_ADS_CLIENT_SECRET}
      refresh_token: ${ACME_ADS_REFRESH_TOKEN}
      profile_id: "3141592653"
    seller: {country: JP}
"""
    )
)

#: Values in the shapes Login with Amazon issues (client id, client secret, refresh token).
ENVIRON = {
    "ACME_LWA_CLIENT_ID": "amzn1.application-oa2-client.0123456789abcdef",
    "ACME_LWA_CLIENT_SECRET": "amzn1.oa2-cs.v1.fedcba9876543210",
    "ACME_REFRESH_TOKEN": "Atzr|IwEBIexample-refresh+token/==",
    "ACME_JP_CLIENT_ID": "amzn1.application-oa2-client.jp0000",
    "ACME_JP_CLIENT_SECRET": "amzn1.oa2-cs.v1.jp1111",
    "ACME_JP_REFRESH_TOKEN": "Atzr|IwEBIjp2222",
    "ACME_ADS_CLIENT_ID": "amzn1.application-oa2-client.ads3333",
    "ACME_ADS_CLIENT_SECRET": "amzn1.oa2-cs.v1.ads4444",
    "ACME_ADS_REFRESH_TOKEN": "Atzr|IwEBIads5555",
}


def test_a_profile_by_name_with_its_marketplace_ids_and_seller_facts():
    europe, japan = store_profile(CONFIG, "acme-eu"), store_profile(CONFIG, "acme-jp")

    assert (europe.name, europe.seller_id, europe.region) == (
        "acme-eu",
        "A1EXAMPLESELLER",
        Region.eu,
    )
    assert europe.marketplace_ids == {
        "DE": "A1PA6795UKMFR9",
        "FR": "A13V1IB3VIYZZH",
        "UK": "A1F83G8C2ARO7P",
    }
    assert (europe.seller, japan.seller) == (Seller(country="CN"), Seller(country="JP"))


def test_an_unknown_store_is_an_error_listing_the_known_ones():
    with pytest.raises(AuditorError) as raised:
        store_profile(CONFIG, "acme-us")
    assert str(raised.value) == (
        "no store profile 'acme-us' in auditor.yaml; its stores: acme-eu, acme-jp"
    )
    with pytest.raises(AuditorError, match="has no `stores:` section"):
        store_profile(Config(), "acme-eu")


def test_sp_api_credentials_come_from_the_environment_and_the_hosts_from_the_region():
    access = sp_api_access(store_profile(CONFIG, "acme-eu"), ENVIRON)

    assert access.client_secret == ENVIRON["ACME_LWA_CLIENT_SECRET"]
    assert access.refresh_token == ENVIRON["ACME_REFRESH_TOKEN"]
    assert access.endpoint == "https://sellingpartnerapi-eu.amazon.com"
    assert access.token_endpoint == "https://api.amazon.com/auth/o2/token"


def test_a_profiles_own_hosts_win_over_the_regions():
    access = sp_api_access(store_profile(CONFIG, "acme-jp"), ENVIRON)

    assert access.endpoint == "http://127.0.0.1:8123"
    assert access.token_endpoint == "http://127.0.0.1:8123/auth/o2/token"


def test_ads_api_credentials_with_the_profile_id_and_the_regions_ads_hosts():
    access = ads_api_access(store_profile(CONFIG, "acme-jp"), ENVIRON)

    assert (access.client_id, access.profile_id) == (ENVIRON["ACME_ADS_CLIENT_ID"], "3141592653")
    assert access.endpoint == "https://advertising-api-fe.amazon.com"
    assert access.token_endpoint == "https://api.amazon.co.jp/auth/o2/token"


def test_a_store_without_ads_api_says_what_to_add():
    with pytest.raises(AuditorError, match="store 'acme-eu' has no `ads_api:` section"):
        ads_api_access(store_profile(CONFIG, "acme-eu"), ENVIRON)


def test_unset_variables_are_named_all_at_once_and_no_value_is_shown():
    environ = {k: v for k, v in ENVIRON.items() if k not in ("ACME_REFRESH_TOKEN",)}
    environ["ACME_LWA_CLIENT_ID"] = "  "  # set, but to nothing usable

    with pytest.raises(AuditorError) as raised:
        sp_api_access(store_profile(CONFIG, "acme-eu"), environ)

    message = str(raised.value)
    assert message.startswith("store 'acme-eu': the environment does not set ")
    assert "ACME_LWA_CLIENT_ID (stores.acme-eu.sp_api.client_id)" in message
    assert "ACME_REFRESH_TOKEN (stores.acme-eu.sp_api.refresh_token)" in message
    assert "ACME_LWA_CLIENT_SECRET" not in message  # that one is set
    assert not any(value in message for value in ENVIRON.values())


def test_the_process_environment_is_the_default(monkeypatch):
    for variable, value in ENVIRON.items():
        monkeypatch.setenv(variable, value)

    assert (
        sp_api_access(store_profile(CONFIG, "acme-eu")).client_id == ENVIRON["ACME_LWA_CLIENT_ID"]
    )


def test_resolved_credentials_never_show_their_secrets():
    profile = store_profile(CONFIG, "acme-jp")
    shown = [
        repr(sp_api_access(profile, ENVIRON)),
        str(sp_api_access(profile, ENVIRON)),
        repr(ads_api_access(profile, ENVIRON)),
        repr([ads_api_access(profile, ENVIRON)]),  # inside a container, as a log might print
    ]

    for text in shown:
        assert REDACTED in text and "endpoint=" in text  # the hosts stay readable
        assert not any(value in text for value in ENVIRON.values()), text


def test_redact_removes_every_secret_also_when_url_encoded():
    access = sp_api_access(store_profile(CONFIG, "acme-eu"), ENVIRON)
    # What an HTTP library might put in an error: the token request's form body.
    error = (
        "400 Bad Request for POST https://api.amazon.com/auth/o2/token: "
        "grant_type=refresh_token&refresh_token=Atzr%7CIwEBIexample-refresh%2Btoken%2F%3D%3D"
        f"&client_id={access.client_id}&client_secret={access.client_secret}"
    )

    cleaned = redact(error, access.secrets())

    assert cleaned == (
        "400 Bad Request for POST https://api.amazon.com/auth/o2/token: "
        "grant_type=refresh_token&refresh_token=***&client_id=***"
        "&client_secret=***"
    )
    assert redact(f"token {access.refresh_token}.", access.secrets()) == "token ***."
    assert redact("nothing secret", ["", *access.secrets()]) == "nothing secret"
