"""The one adapter over Amazon's Selling Partner API SDK (`amzn-sp-api`): the Reports,
Listings Items, Product Type Definitions and Sellers operations it uses, the listings preview
(putListingsItem in VALIDATION_PREVIEW mode, which creates nothing), the document
download, and the Login-with-Amazon token exchange.

Why this SDK: it is Amazon's own, generated from the published models, and it takes
both the API endpoint (`Configuration.host`) and the LWA token endpoint
(`AccessTokenCache(oauth_endpoint=...)`) as parameters, so regional endpoints and a
stand-in on 127.0.0.1 need no patching. python-amazon-sp-api fixes the token host in a
class attribute and the API endpoint in its marketplace enumeration.

What this module adds to the SDK, and why:

* `_Tokens` subclasses the SDK's `AccessTokenCache` (its documented hook is
  `Configuration.access_token_cache`) and replaces only `request_new_token`: the SDK posts
  without a timeout, retries even a refused refresh token with real `time.sleep`, and
  reports every 4xx as "Token request failed." Here the post has a timeout, transient
  failures go through `Patience`, and `invalid_grant` becomes an AuditorError that says
  what to do. Reuse of the access token until it expires is the SDK's.
* Responses are read raw (`_preload_content=False`), so a listings page is kept as
  Amazon sent it (the SDK's models would rename every key to snake_case), and the
  `x-amzn-RateLimit-Limit` header of a 429 reaches `Patience` (and that of an answer the
  caller that paces its calls, as the preview does).
* The SDK calls `logging.basicConfig(level=INFO)` when imported and gives its loggers
  stream handlers of their own; both are undone, so the tool's output stays its own.

No message made here carries a credential or the access token: errors are built from
Amazon's error bodies and scrubbed of every secret all the same.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import requests
import urllib3

from auditor.errors import AuditorError
from auditor.fetch.access import SpApiAccess, redact
from auditor.fetch.patience import CallFailed, Patience, rate_limit
from auditor.model.preview import PREVIEW_MODE, PREVIEW_OPERATION


@contextlib.contextmanager
def _root_logging_kept() -> Iterator[None]:
    """Undo what importing the SDK does to the root logger (handlers and level)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


try:
    with _root_logging_kept():
        from spapi import ApiClient, Configuration
        from spapi.api.listings_items_v2021_08_01.listings_api import ListingsApi
        from spapi.api.product_type_definitions_v2020_09_01.definitions_api import DefinitionsApi
        from spapi.api.reports_v2021_06_30.reports_api import ReportsApi
        from spapi.api.sellers_v1.sellers_api import SellersApi
        from spapi.auth.lwa_request import AccessTokenCache
        from spapi.rest import ApiException
except ImportError as missing:  # pragma: no cover - depends on the installation
    raise AuditorError(
        "fetching from Amazon needs the Selling Partner API client: "
        "pip install 'amazon-seller-auditor[amazon]'"
    ) from missing

#: What to tell a seller whose refresh token Amazon refused.
REFUSED_REFRESH_TOKEN = (
    "Login with Amazon refused the refresh token (invalid_grant): it was revoked, has "
    "expired or belongs to another application. Authorise the application again in "
    "Seller Central (Apps and Services > Develop Apps > Authorize), then set the "
    "environment variable the store profile names for refresh_token to the new token."
)
REFUSED_CLIENT = (
    "Login with Amazon refused the application's credentials ({code}): check the "
    "environment variables the store profile names for client_id and client_secret "
    "(Seller Central > Develop Apps > View LWA credentials)."
)


class Scrubber:
    """`redact` with every secret it knows, the access tokens included as they are
    issued: the last guard before a message leaves this module."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        self.secrets = [s for s in secrets if s]

    def learn(self, secret: str) -> None:
        if secret and secret not in self.secrets:
            self.secrets.append(secret)

    def __call__(self, text: str) -> str:
        return redact(text, self.secrets)


def amazon_errors(body: bytes | str | None) -> str:
    """The `errors[].code: message` of an SP-API error body (or its start when not JSON)."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else (body or "")
    try:
        data = json.loads(text)
    except ValueError:
        return " ".join(text.split())[:200]
    errors = data.get("errors") if isinstance(data, dict) else None
    if isinstance(errors, list):
        parts = []
        for error in errors:
            if isinstance(error, dict):
                said = ": ".join(str(error[k]) for k in ("code", "message") if error.get(k))
                parts.append(said + (f" ({error['details']})" if error.get("details") else ""))
        if parts:
            return "; ".join(parts)
    return " ".join(text.split())[:200]


class _Tokens(AccessTokenCache):
    """The SDK's token cache, its token request bounded in time and its refusals worded."""

    def __init__(self, access: SpApiAccess, patience: Patience, scrub: Scrubber) -> None:
        super().__init__(
            client_id=access.client_id,
            client_secret=access.client_secret,
            refresh_token=access.refresh_token,
            grant_type="refresh_token",
            oauth_endpoint=access.token_endpoint,
            max_retries=0,
        )
        self.patience = patience
        self.scrub = scrub
        #: Token requests made: the access token is reused until it expires.
        self.requested = 0

    def request_new_token(
        self,
        client_id: str,
        client_secret: str,
        refresh_token: str,
        grant_type: str,
        scope: Any,
        oauth_endpoint: str,
    ) -> str:
        data = self.prepare_token_request_data(
            client_id, client_secret, refresh_token, grant_type, scope
        )

        def post() -> dict[str, Any]:
            self.requested += 1
            try:
                response = requests.post(
                    oauth_endpoint, data=data, timeout=self.patience.timeouts()
                )
            except requests.RequestException as error:
                raise CallFailed(f"no answer ({type(error).__name__})") from None
            if response.status_code != 200:
                raise CallFailed(_lwa_error(response), response.status_code, response.headers)
            try:
                answer = response.json()
                token = answer["access_token"]
            except (ValueError, KeyError, TypeError):
                raise CallFailed("the answer holds no access_token", response.status_code) from None
            if not isinstance(token, str) or not isinstance(answer, dict):
                raise CallFailed("the answer holds no access_token", response.status_code)
            return answer

        try:
            answer = self.patience.call(post)
        except CallFailed as failure:
            raise _refusal(failure, oauth_endpoint, self.scrub) from None
        self.scrub.learn(answer["access_token"])
        expires_in = answer.get("expires_in", 1800)
        answer["expires_at"] = (
            time.time() + (expires_in if isinstance(expires_in, int | float) else 1800) - 30
        )
        self.token_info = answer
        return str(answer["access_token"])


def _lwa_error(response: requests.Response) -> str:
    """The `error` code of an LWA error body (its description is left out: it may quote input)."""
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    code = body.get("error") if isinstance(body, dict) else None
    return str(code) if code else f"HTTP {response.status_code}"


def _refusal(failure: CallFailed, endpoint: str, scrub: Scrubber) -> AuditorError:
    """The AuditorError (exit 2) for a token request that did not give a token."""
    if failure.message == "invalid_grant":
        return AuditorError(REFUSED_REFRESH_TOKEN)
    if failure.message in ("invalid_client", "unauthorized_client"):
        return AuditorError(REFUSED_CLIENT.format(code=failure.message))
    if failure.status is None or failure.status >= 500:
        return AuditorError(
            scrub(f"Login with Amazon could not be reached at {endpoint}: {failure.message}")
        )
    return AuditorError(scrub(f"Login with Amazon refused the token request: {failure.message}"))


@dataclass(frozen=True)
class Answer:
    """An operation's JSON answer, and the rate (requests per second) Amazon said it
    applied to the operation, from `x-amzn-RateLimit-Limit` (None when it did not say)."""

    body: dict[str, Any]
    rate: float | None


@dataclass(frozen=True)
class Download:
    """A report document as it came: its bytes and the Content-Type it was served with."""

    content: bytes
    content_type: str | None


class SpApi:
    """The Selling Partner API operations `auditor fetch` uses, for one access."""

    def __init__(self, access: SpApiAccess, patience: Patience | None = None) -> None:
        self.patience = patience or Patience()
        self.scrub = Scrubber(access.secrets())
        self.tokens = _Tokens(access, self.patience, self.scrub)
        configuration = Configuration()
        for logger in configuration.logger.values():
            logger.removeHandler(configuration.logger_stream_handler)
        configuration.host = access.endpoint.rstrip("/")
        configuration.access_token_cache = self.tokens
        self._client = ApiClient(configuration=configuration)
        self._reports = ReportsApi(self._client)
        self._listings = ListingsApi(self._client)
        self._definitions = DefinitionsApi(self._client)
        self._sellers = SellersApi(self._client)
        self._pool = self._client.rest_client.pool_manager
        # Patience does the retrying; urllib3's own retries of a broken or timed-out
        # connection (three by default; the SDK does not pass Configuration.retries on)
        # would multiply its bounds. The pools are made lazily with these arguments.
        self._pool.connection_pool_kw["retries"] = urllib3.Retry(
            total=None, connect=0, read=0, status=0, other=0, redirect=3
        )

    def _answer(self, operation: str, request: Callable[[], Any]) -> Answer:
        """Call an SDK operation (raw), retried by Patience; its JSON body as a dict, and
        the rate Amazon says it applied (`x-amzn-RateLimit-Limit`)."""

        def attempt() -> tuple[bytes, Mapping[str, str]]:
            try:
                response, _status, headers = request()
                return bytes(response.data), headers or {}
            except ApiException as error:
                if not error.status:  # the SDK's way of saying TLS failed
                    raise CallFailed(
                        self.scrub(f"{operation}: no answer ({error.reason})")
                    ) from None
                said = amazon_errors(error.body)
                message = f"{operation} answered HTTP {error.status}" + (
                    f": {said}" if said else ""
                )
                raise CallFailed(self.scrub(message), error.status, error.headers or {}) from None
            except (urllib3.exceptions.HTTPError, OSError) as error:
                raise CallFailed(f"{operation}: no answer ({type(error).__name__})") from None

        body, headers = self.patience.call(attempt)
        try:
            data = json.loads(body)
        except ValueError:
            raise CallFailed(f"{operation} answered with something that is not JSON") from None
        if not isinstance(data, dict):
            raise CallFailed(f"{operation} answered with JSON that is not an object")
        return Answer(data, rate_limit(headers))

    def _json(self, operation: str, request: Callable[[], Any]) -> dict[str, Any]:
        """Call an SDK operation (raw), retried by Patience; its JSON body as a dict."""
        return self._answer(operation, request).body

    def _raw(self) -> dict[str, Any]:
        # A (connect, read) pair: the SDK reads a lone number as a timeout only when it
        # is an int, and a float such as 60.0 left the call without any.
        return {"_preload_content": False, "_request_timeout": self.patience.timeouts()}

    def create_report(
        self,
        report_type: str,
        marketplace_ids: list[str],
        start: datetime | None,
        end: datetime | None,
        options: dict[str, str] | None = None,
    ) -> str:
        """createReport: the new report's id. `options` is the body's `reportOptions`."""
        body: dict[str, Any] = {"reportType": report_type, "marketplaceIds": marketplace_ids}
        if options:
            body["reportOptions"] = options
        if start is not None:
            body["dataStartTime"] = _iso(start)
        if end is not None:
            body["dataEndTime"] = _iso(end)
        answer = self._json(
            "createReport", lambda: self._reports.create_report_with_http_info(body, **self._raw())
        )
        report_id = answer.get("reportId")
        if not isinstance(report_id, str) or not report_id:
            raise CallFailed("createReport answered without a reportId")
        return report_id

    def get_report(self, report_id: str) -> dict[str, Any]:
        """getReport: the Report object (processingStatus, reportDocumentId, times)."""
        return self._json(
            "getReport", lambda: self._reports.get_report_with_http_info(report_id, **self._raw())
        )

    def get_report_document(self, document_id: str) -> dict[str, Any]:
        """getReportDocument: the document's `url` and `compressionAlgorithm`."""
        return self._json(
            "getReportDocument",
            lambda: self._reports.get_report_document_with_http_info(document_id, **self._raw()),
        )

    def search_listings_items(
        self,
        seller_id: str,
        marketplace_id: str,
        included_data: list[str],
        page_token: str | None,
        page_size: int,
    ) -> dict[str, Any]:
        """searchListingsItems: one page of the seller's listings in one marketplace."""
        extra: dict[str, Any] = {
            "included_data": included_data,
            "page_size": page_size,
            **self._raw(),
        }
        if page_token:
            extra["page_token"] = page_token
        return self._json(
            "searchListingsItems",
            lambda: self._listings.search_listings_items_with_http_info(
                seller_id, [marketplace_id], **extra
            ),
        )

    def get_definitions_product_type(
        self, product_type: str, marketplace_id: str, seller_id: str, locale: str = "DEFAULT"
    ) -> dict[str, Any]:
        """getDefinitionsProductType: the definition of a product type for a full listing
        (`requirements` LISTING, enforced), with the link to its schema."""
        return self._json(
            "getDefinitionsProductType",
            lambda: self._definitions.get_definitions_product_type_with_http_info(
                product_type,
                [marketplace_id],
                seller_id=seller_id,
                requirements="LISTING",
                requirements_enforced="ENFORCED",
                locale=locale,
                **self._raw(),
            ),
        )

    def preview_listings_item(
        self,
        seller_id: str,
        sku: str,
        marketplace_id: str,
        body: dict[str, Any],
        issue_locale: str,
    ) -> Answer:
        """putListingsItem with `mode=VALIDATION_PREVIEW`: Amazon validates the listing
        and answers its issues without creating or changing anything. The mode is fixed
        here, not a parameter, so that no caller of this adapter can submit a listing.
        `body` is a ListingsItemPutRequest (productType, requirements, attributes); the
        answer a ListingsItemSubmissionResponse, as Amazon sent it."""
        return self._answer(
            PREVIEW_OPERATION,
            lambda: self._listings.put_listings_item_with_http_info(
                seller_id,
                sku,
                [marketplace_id],
                body,
                mode=PREVIEW_MODE,
                included_data=["issues"],
                issue_locale=issue_locale,
                **self._raw(),
            ),
        )

    def get_account(self) -> dict[str, Any]:
        """getAccount (Sellers API v1): the account Amazon holds for the seller who
        authorised the application: business type, selling plan, the business's legal
        name and registered address, the primary contact, the marketplaces."""
        return self._json(
            "getAccount", lambda: self._sellers.get_account_with_http_info(**self._raw())
        )

    def download(self, url: str) -> Download:
        """The document at `url` (a pre-signed link: no access token is sent with it)."""

        def attempt() -> Download:
            try:
                connect, read = self.patience.download_timeouts()
                response = self._pool.request(
                    "GET",
                    url,
                    timeout=urllib3.Timeout(connect=connect, read=read),
                    preload_content=True,
                )
            except (urllib3.exceptions.HTTPError, OSError) as error:
                raise CallFailed(
                    f"the report document: no answer ({type(error).__name__})"
                ) from None
            if not 200 <= response.status <= 299:
                raise CallFailed(
                    f"the report document answered HTTP {response.status}",
                    response.status,
                    response.headers,
                )
            return Download(bytes(response.data), response.headers.get("Content-Type"))

        return self.patience.call(attempt)


def _iso(moment: datetime) -> str:
    """ISO 8601 as the Reports API takes it (UTC, `Z`)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
