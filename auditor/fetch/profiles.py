"""A store profile of auditor.yaml, and its credentials read from the environment.

The configuration holds `${ENV_VAR}` references only (auditor/model/credentials.py);
they are resolved here, when a fetch is about to call Amazon, so that an audit that
fetches nothing needs none of the variables. A missing variable is named, never its
value. The resolved credentials (auditor.fetch.access) hide their secrets.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from auditor.errors import AuditorError
from auditor.fetch.access import AdsApiAccess, SpApiAccess
from auditor.model.common import MARKETPLACE_IDS
from auditor.model.config import Config, Seller, Store
from auditor.model.credentials import variable_of
from auditor.model.regions import Region, endpoints


@dataclass(frozen=True)
class StoreProfile:
    """A store of auditor.yaml with its name (the dict key the section is under), which
    errors, the history and the fetched folders all go by."""

    name: str
    store: Store
    #: The seller facts for this store: its own `seller:`, else the top-level one.
    seller: Seller | None = None

    @property
    def seller_id(self) -> str:
        return self.store.seller_id

    @property
    def marketplaces(self) -> list[str]:
        """Country codes (DE, FR, UK), in the order the profile lists them."""
        return list(self.store.marketplaces)

    @property
    def marketplace_ids(self) -> dict[str, str]:
        """Each country code with the marketplace id the APIs take (DE: A1PA6795UKMFR9)."""
        return {code: MARKETPLACE_IDS[code] for code in self.store.marketplaces}

    @property
    def region(self) -> Region:
        return self.store.region


def store_profile(config: Config, name: str) -> StoreProfile:
    """The profile `name` of the configuration; an unknown name is an error that lists
    the stores the file defines."""
    store = config.stores.get(name)
    if store is None:
        if not config.stores:
            raise AuditorError(
                f"no store profile {name!r}: auditor.yaml has no `stores:` section "
                "(`auditor init` writes an example to start from)"
            )
        known = ", ".join(sorted(config.stores))
        raise AuditorError(f"no store profile {name!r} in auditor.yaml; its stores: {known}")
    return StoreProfile(name, store, config.seller_for(name))


def sp_api_access(profile: StoreProfile, environ: Mapping[str, str] | None = None) -> SpApiAccess:
    """The store's SP-API credentials, read from `environ` (default: os.environ)."""
    sp = profile.store.sp_api
    values = _resolve(profile.name, "sp_api", sp.references(), environ)
    hosts = endpoints(profile.region)
    return SpApiAccess(
        client_id=values["client_id"],
        client_secret=values["client_secret"],
        refresh_token=values["refresh_token"],
        endpoint=sp.endpoint or hosts.sp_api,
        token_endpoint=sp.token_endpoint or hosts.sp_api_token,
    )


def ads_api_access(profile: StoreProfile, environ: Mapping[str, str] | None = None) -> AdsApiAccess:
    """The store's Ads API credentials, read from `environ` (default: os.environ); a
    store without an `ads_api:` section is an error that says what to add."""
    ads = profile.store.ads_api
    if ads is None:
        raise AuditorError(
            f"store {profile.name!r} has no `ads_api:` section in auditor.yaml: the search "
            "term report comes from the Amazon Ads API (client_id, client_secret, "
            "refresh_token as ${ENV_VAR} references, and profile_id)"
        )
    values = _resolve(profile.name, "ads_api", ads.references(), environ)
    hosts = endpoints(profile.region)
    return AdsApiAccess(
        client_id=values["client_id"],
        client_secret=values["client_secret"],
        refresh_token=values["refresh_token"],
        profile_id=ads.profile_id,
        endpoint=ads.endpoint or hosts.ads_api,
        token_endpoint=ads.token_endpoint or hosts.ads_api_token,
    )


def _resolve(
    store: str, section: str, references: dict[str, str], environ: Mapping[str, str] | None
) -> dict[str, str]:
    """Each key's value from the variable its reference names. Every variable that is
    unset or empty is named in one error (so one run shows all there is to set); no
    value is ever part of the message."""
    env = os.environ if environ is None else environ
    values: dict[str, str] = {}
    missing: list[str] = []
    for key, reference in references.items():
        variable = variable_of(reference)
        value = env.get(variable, "")
        if value.strip():
            values[key] = value.strip()
        else:
            missing.append(f"{variable} (stores.{store}.{section}.{key})")
    if missing:
        raise AuditorError(
            f"store {store!r}: the environment does not set {', '.join(missing)}; "
            "set each variable to the credential it names before fetching"
        )
    return values
