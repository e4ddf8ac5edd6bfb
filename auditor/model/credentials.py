"""The API credentials of a store profile: `${ENV_VAR}` references, never the secrets.

auditor.yaml is a file people commit, copy and paste into tickets, so a secret written
into it leaks. Every credential key therefore holds a reference to an environment
variable; a literal value is refused when the file loads, and the refusal names the
key but never repeats what was written (it may be the secret). References are only
resolved when a fetch needs them (auditor/fetch/profiles.py), so an audit that does
not fetch needs none of the variables.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema

from auditor.model.common import Strict

#: `${NAME}`, the whole value: NAME as POSIX shells allow it.
ENV_REFERENCE = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)\}")
ENV_REFERENCE_PATTERN = r"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$"

#: Hosts a plain-http endpoint may name: a local stand-in, never a network where the
#: tokens could be read in transit.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def _env_reference(value: Any) -> str:
    """The value if it is a `${ENV_VAR}` reference. The message never quotes the value:
    a literal in a credential key is most likely the secret itself."""
    if isinstance(value, str) and ENV_REFERENCE.fullmatch(value):
        return value
    raise ValueError(
        "a credential must be a ${ENV_VAR} reference (e.g. ${ACME_LWA_CLIENT_SECRET}), "
        "with the secret set in that environment variable; a literal value is refused "
        "so that no secret is ever kept in a file"
    )


#: A credential: the reference as written; `variable_of` names the variable it reads.
EnvReference = Annotated[
    str,
    BeforeValidator(_env_reference),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": ENV_REFERENCE_PATTERN,
            "description": "A ${ENV_VAR} reference; the secret lives in that variable.",
        }
    ),
]


def variable_of(reference: str) -> str:
    """The environment variable a validated reference names (`${X}` -> `X`)."""
    match = ENV_REFERENCE.fullmatch(reference)
    if match is None:  # only validated references reach here
        raise ValueError("not a ${ENV_VAR} reference")
    return match["name"]


def _endpoint(value: Any) -> Any:
    """An https URL, or http to this machine (a stand-in): tokens never cross a network
    in clear text."""
    if not isinstance(value, str):
        return value  # pydantic says it is not a string
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"{value!r} is not an http(s) URL (e.g. https://host.example.com)")
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise ValueError(
            f"{value!r}: use https; plain http is only for a stand-in on this machine "
            "(localhost, 127.0.0.1)"
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"{value!r}: an endpoint has no query, fragment or user name")
    return value.rstrip("/")


def _digits_as_text(value: Any) -> Any:
    """An unquoted id in YAML is a number: keep its digits as text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Endpoint = Annotated[
    str,
    BeforeValidator(_endpoint),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]


class _Credentials(Strict):
    # Validating this model alone must not print what was written either.
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    client_id: EnvReference = Field(
        description="The Login with Amazon client id of the application, as ${ENV_VAR}."
    )
    client_secret: EnvReference = Field(
        description="The Login with Amazon client secret of the application, as ${ENV_VAR}."
    )
    refresh_token: EnvReference = Field(
        description="The refresh token the seller's authorisation gave, as ${ENV_VAR}."
    )
    token_endpoint: Endpoint | None = Field(
        None,
        description="Login with Amazon's token endpoint (default: the region's).",
    )

    def references(self) -> dict[str, str]:
        """Each credential key with the reference it holds."""
        return {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "refresh_token": self.refresh_token,
        }


class SpApiCredentials(_Credentials):
    """The Selling Partner API application a store authorised (one per region)."""

    endpoint: Endpoint | None = Field(
        None,
        description="The SP-API host (default: the region's, e.g. "
        "https://sellingpartnerapi-eu.amazon.com).",
    )


class AdsApiCredentials(_Credentials):
    """The Amazon Ads API application a store authorised, and the advertising profile."""

    profile_id: Annotated[str, BeforeValidator(_digits_as_text)] = Field(
        pattern=r"^[0-9]+$",
        description="The Ads API profile id of the store's advertising account in one "
        'marketplace (digits; quote it: "1234567890"). Not a secret.',
    )
    marketplace: str | None = Field(
        None,
        description="The country code of the profile's marketplace (default: the store's "
        "marketplace, when it has only one): the search term report names none.",
    )
    endpoint: Endpoint | None = Field(
        None,
        description="The Ads API host (default: the region's, e.g. "
        "https://advertising-api-eu.amazon.com).",
    )
