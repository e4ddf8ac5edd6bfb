"""What it takes to call Amazon's APIs for one store, and how its secrets stay hidden.

A store profile (profiles.py) gives an `SpApiAccess` and an `AdsApiAccess`, the
credentials read from the environment when a fetch runs; everything else in
`auditor.fetch` takes them as given. Their `repr` shows only the hosts (and the Ads API's
profile id, which is no secret), so a stray log line or an exception that prints one
leaks nothing, and `redact` removes any secret from a text that came back from a library
or a server before it is shown. The hosts by default are those of the store's region
(auditor.model.regions).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from urllib.parse import quote, quote_plus

from auditor.model.regions import SP_API_TOKEN_ENDPOINT, Region, endpoints

#: What replaces a secret in a text.
REDACTED = "***"


class _HidesSecrets:
    """A repr that shows every field but the credentials, and those credentials for
    scrubbing: the client id, client secret and refresh token of Login with Amazon."""

    SECRET_FIELDS = ("client_id", "client_secret", "refresh_token")

    def __repr__(self) -> str:
        shown = (
            f"{f.name}={REDACTED if f.name in self.SECRET_FIELDS else repr(getattr(self, f.name))}"
            for f in fields(self)  # type: ignore[arg-type]
        )
        return f"{type(self).__name__}({', '.join(shown)})"

    __str__ = __repr__

    def secrets(self) -> tuple[str, ...]:
        """The values that must never be written, logged or shown (for checks and scrubbing)."""
        return tuple(s for s in (getattr(self, n) for n in self.SECRET_FIELDS) if s)


@dataclass(frozen=True, repr=False)
class SpApiAccess(_HidesSecrets):
    """A seller's Login-with-Amazon credentials for the Selling Partner API and the two
    endpoints to use them at.

    `client_id` and `client_secret` are the application's LWA credentials, `refresh_token`
    the seller's authorisation of it; `endpoint` is the API's base URL (a regional
    endpoint, or a stand-in), `token_endpoint` the LWA token URL.
    """

    client_id: str
    client_secret: str
    refresh_token: str
    endpoint: str = endpoints(Region.na).sp_api
    token_endpoint: str = SP_API_TOKEN_ENDPOINT


@dataclass(frozen=True, repr=False)
class AdsApiAccess(_HidesSecrets):
    """What one advertising profile of the Amazon Ads API is reached with. The Ads API
    exchanges tokens at its region's Login with Amazon host."""

    client_id: str
    client_secret: str
    refresh_token: str
    profile_id: str
    endpoint: str = endpoints(Region.na).ads_api
    token_endpoint: str = endpoints(Region.na).ads_api_token


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret in it replaced by ***: for a message that may quote a
    request (an HTTP library's error, a server's reply) before it is shown or logged.
    The URL-encoded forms are replaced too, as a form body or a query carries them
    (a refresh token's `|` travels as %7C)."""
    forms = {
        form
        for secret in secrets
        if secret
        for form in (secret, quote(secret, safe=""), quote_plus(secret, safe=""))
    }
    for form in sorted(forms, key=len, reverse=True):  # a longer secret may contain a shorter
        text = text.replace(form, REDACTED)
    return text
