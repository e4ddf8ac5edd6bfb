"""The Sponsored Products search term report from the Amazon Ads API, kept as Amazon serves it.

The search term report is not in the Selling Partner API: it belongs to the Amazon Ads
API, with its own Login with Amazon application, refresh token and advertising profile
(one per marketplace). Its current reporting interface is version 3 (the v1/v2 report
endpoints are retired; Amazon's "Migrate from version 2 to version 3 reporting" guide):

1. POST {endpoint}/reporting/reports with a configuration (`adProduct`
   SPONSORED_PRODUCTS, `reportTypeId` spSearchTerm, `groupBy` [searchTerm], `timeUnit`
   SUMMARY or DAILY, `columns`, `format` GZIP_JSON) -> a `reportId`. A 425 answers a
   request identical to one still being generated and names that report
   (`The Request is a duplicate of : <reportId>`): it is followed instead.
2. GET {endpoint}/reporting/reports/{reportId} until `status` leaves PENDING and
   PROCESSING: COMPLETED gives `url`, FAILED gives `failureReason`. Amazon says a report
   can take up to three hours; the wait between polls grows (`Patience.poll`), and
   polling stops after `poll_total` seconds of waiting (three hours in `ADS_PATIENCE`).
3. GET `url` (a pre-signed storage address: no Authorization header) -> the gzipped
   JSON document, one object per search term, written gunzipped and otherwise as it came.

Every call carries `Authorization: Bearer <access token>`,
`Amazon-Advertising-API-ClientId` (the LWA client id) and `Amazon-Advertising-API-Scope`
(the profile id). The access token comes from the LWA token endpoint (refresh-token
grant) and is reused until shortly before it expires. Sources: the Amazon Ads API guides
"Get started with version 3 reports", "Search term reports", "Reporting columns (version
3)" and "Rate limiting" (mirrored in idealerror/amazon-ads-api-docs, en-us/guides/
reporting/v3/ and en-us/reference/concepts/rate-limiting.md).

Throttling, retries, timeouts and polling are `auditor.fetch.patience.Patience`'s, as for
the SP-API: a 429 waits the longest of what its `Retry-After` header says (seconds, or
an HTTP date) and an exponential backoff; transient 5xx answers and network errors are
retried with a growing wait, a bounded number of times; every call has a timeout. Waits
go through the patience's `sleep`, so tests do not wait. A refused refresh token or
client is an AuditorError (exit 2) that says what to do; any other failure (a
CallFailed) is the report's failure, returned in its record.
No secret (client secret, refresh token, access token) is ever put into a message, a
log record or a file.

Written directly on `requests` rather than through python-amazon-ad-api: that library
(1.2.x) fixes the token endpoint (`https://api.amazon.com/auth/o2/token`, class
attributes), takes the API host only from its marketplace table, caches tokens in a
module-wide cache keyed by refresh token whatever the token endpoint, and writes
downloads into the working directory; the three calls above are all this needs.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import requests

from auditor.errors import AuditorError
from auditor.fetch.access import AdsApiAccess, redact
from auditor.fetch.patience import TRANSIENT, CallFailed, Patience
from auditor.writing import write_atomically

log = logging.getLogger(__name__)

REPORT_TYPE = "spSearchTerm"
#: The media type Amazon's v3 reporting guide sets on report requests.
REPORT_MEDIA_TYPE = "application/vnd.createasyncreportrequest.v3+json"
#: The longest window one spSearchTerm report covers ("Search term reports").
MAX_DAYS = 31

#: The columns requested: everything the console's download shows (the reader of
#: auditor/ingest/formats/ads_search_terms.py maps campaignName, adGroupName, targeting,
#: keyword, matchType, keywordType, searchTerm, impressions, clicks, cost, sales7d,
#: purchases7d and campaignBudgetCurrencyCode), plus ids and the console's other
#: metrics so the document stands on its own. All are spSearchTerm columns.
SEARCH_TERM_COLUMNS = (
    "campaignName",
    "campaignId",
    "adGroupName",
    "adGroupId",
    "portfolioId",
    "keywordId",
    "keyword",
    "keywordType",
    "matchType",
    "targeting",
    "searchTerm",
    "impressions",
    "clicks",
    "clickThroughRate",
    "costPerClick",
    "cost",
    "sales7d",
    "purchases7d",
    "unitsSoldClicks7d",
    "acosClicks7d",
    "roasClicks7d",
    "attributedSalesSameSku7d",
    "salesOtherSku7d",
    "unitsSoldSameSku7d",
    "unitsSoldOtherSku7d",
    "campaignBudgetCurrencyCode",
)
#: The date columns of each time unit ("Get started with version 3 reports").
DATE_COLUMNS = {"SUMMARY": ("startDate", "endDate"), "DAILY": ("date",)}

TimeUnit = Literal["SUMMARY", "DAILY"]

REFUSED_TOKEN = (
    "the Amazon Ads API refused the refresh token (invalid_grant): it was revoked, expired "
    "or belongs to another application. Authorise the application again (Login with Amazon "
    "for the Ads API), then set the environment variable that ads_api.refresh_token names "
    "to the new refresh token"
)
REFUSED_CLIENT = (
    "the Amazon Ads API refused the application's credentials ({error}): check that the "
    "environment variables that ads_api.client_id and ads_api.client_secret name hold the "
    "client id and secret of the application the refresh token was issued to"
)


#: The Ads API's bounds when none are given, as before the SP-API's `Patience` served
#: it too: Amazon's advice (back off exponentially on 429 and 5xx; expect a report
#: within three hours), five tries of a call, ten seconds to connect, a minute for an
#: answer and five minutes for the document.
ADS_PATIENCE = Patience(
    connect_timeout=10.0,
    download_timeout=300.0,
    throttled_retries=4,
    server_retries=4,
    longest_wait=300.0,
    poll_longest=120.0,
    poll_total=3 * 3600.0,
)


@dataclass(frozen=True)
class AdsFetched:
    """What fetching the search term report gave, one record per report.

    * name: "search-terms" (the `--reports` name); report_type: "spSearchTerm".
    * profile_id: the advertising profile (one marketplace) the report is of.
    * since, until: the report's first and last day (both included), as requested.
    * time_unit: "SUMMARY" (one row per search term for the window) or "DAILY".
    * status: "done" (the document is written at `path`) or "failed" (nothing written;
      `error` says why: Amazon's failureReason, an HTTP error with Amazon's message,
      throttling that outlasted the retries, a report still not generated after the
      polling budget, or a document that is not JSON).
    * report_id: Amazon's reportId (None when the report could not be requested).
    * path: the JSON document written (gunzipped, otherwise byte for byte as served),
      None when failed. The file is written atomically: never half-written under its name.
    * sha256: hex digest of the written bytes; charset: "utf-8" (JSON); None when failed.
    * requested_at, finished_at: UTC times the fetch started and ended.
    * error: None when done; one line, without secrets, when failed.
    """

    profile_id: str
    since: dt.date
    until: dt.date
    time_unit: TimeUnit
    status: Literal["done", "failed"]
    requested_at: dt.datetime
    finished_at: dt.datetime
    report_id: str | None = None
    path: Path | None = None
    sha256: str | None = None
    charset: str | None = None
    error: str | None = None
    name: str = "search-terms"
    report_type: str = REPORT_TYPE


def fetch_search_terms(
    access: AdsApiAccess,
    since: dt.date,
    until: dt.date,
    folder: Path,
    *,
    time_unit: TimeUnit = "SUMMARY",
    patience: Patience | None = None,
    session: requests.Session | None = None,
) -> AdsFetched:
    """Fetch the Sponsored Products search term report of `access.profile_id` for the days
    `since` to `until` (both included) into `folder`, and say what came of it.

    The document is written as `folder/ads-spSearchTerm-<profile>-<since>-<until>.json`.
    Returns an `AdsFetched` whose status is "done" (path and sha256 set) or "failed"
    (error set, nothing written). Raises AuditorError, before or instead of a record,
    for what the user must fix: a window of more than 31 days or ending before it
    starts, a refresh token or client the token endpoint refuses, or a file that cannot
    be written. `patience` bounds every wait, try and timeout (`ADS_PATIENCE` when
    None); its `sleep` is called for every wait (throttling, backoff, polling) and its
    `clock` tells when the access token expires.
    """
    if until < since:
        raise AuditorError(f"the search term window ends ({until}) before it starts ({since})")
    if (until - since).days + 1 > MAX_DAYS:
        raise AuditorError(
            f"the Ads API gives search terms for at most {MAX_DAYS} days at once; "
            f"{since} to {until} is {(until - since).days + 1}"
        )
    started = _now()
    http = session or requests.Session()
    client = _Client(access, http, patience or ADS_PATIENCE)
    report_id: str | None = None

    def record(status: Literal["done", "failed"], **outcome: Any) -> AdsFetched:
        return AdsFetched(
            profile_id=access.profile_id,
            since=since,
            until=until,
            time_unit=time_unit,
            status=status,
            requested_at=started,
            finished_at=_now(),
            report_id=report_id,
            **outcome,
        )

    try:
        report_id = client.create(since, until, time_unit)
        url = client.wait_for(report_id)
        document = client.download(url)
    except CallFailed as failure:
        log.warning("Ads API search term report failed: %s", failure.message)
        return record("failed", error=failure.message)
    finally:
        if session is None:
            http.close()
    target = folder / f"ads-{REPORT_TYPE}-{_safe(access.profile_id)}-{since}-{until}.json"
    write_atomically(target, document)
    log.info("Ads API search term report %s written to %s", report_id, target.name)
    sha256 = hashlib.sha256(document).hexdigest()
    return record("done", path=target, sha256=sha256, charset="utf-8")


def report_request(since: dt.date, until: dt.date, time_unit: TimeUnit) -> dict[str, Any]:
    """The body of POST /reporting/reports for the search term report."""
    return {
        "name": f"auditor search terms {since} to {until}",
        "startDate": since.isoformat(),
        "endDate": until.isoformat(),
        "configuration": {
            "adProduct": "SPONSORED_PRODUCTS",
            "reportTypeId": REPORT_TYPE,
            "groupBy": ["searchTerm"],
            "columns": [*DATE_COLUMNS[time_unit], *SEARCH_TERM_COLUMNS],
            "timeUnit": time_unit,
            "format": "GZIP_JSON",
        },
    }


@dataclass
class _Client:
    """The calls of one fetch: token, create, poll, download, with retries."""

    access: AdsApiAccess
    session: requests.Session
    patience: Patience
    _token: str | None = field(default=None, repr=False)
    _expires: float = 0.0

    # -- the report lifecycle ------------------------------------------------------------

    def create(self, since: dt.date, until: dt.date, time_unit: TimeUnit) -> str:
        body = report_request(since, until, time_unit)
        response = self._call("POST", "/reporting/reports", body, expected=(200, 425))
        answer = _json(response)
        if response.status_code == 425:
            detail = str(answer.get("detail", ""))
            duplicate = re.search(r"duplicate of\s*:\s*([0-9A-Za-z-]+)", detail)
            if not duplicate:
                raise CallFailed(self._said("POST /reporting/reports", response))
            log.info("Ads API: the same report is being generated already (%s)", duplicate[1])
            return duplicate[1]
        report_id = answer.get("reportId")
        if not isinstance(report_id, str) or not report_id:
            raise CallFailed("POST /reporting/reports: the answer names no reportId")
        log.info("Ads API: search term report %s requested", report_id)
        return report_id

    def wait_for(self, report_id: str) -> str:
        """The report's download URL once COMPLETED (`Patience.poll`)."""

        def pending(answer: dict[str, Any]) -> str | None:
            status = answer.get("status")
            return str(status) if status in ("PENDING", "PROCESSING") else None

        answer = self.patience.poll(
            lambda: _json(self._call("GET", f"/reporting/reports/{report_id}")),
            pending,
            f"report {report_id}",
        )
        status = answer.get("status")
        if status == "COMPLETED":
            url = answer.get("url")
            if not isinstance(url, str) or not url:
                raise CallFailed(f"report {report_id} is COMPLETED but gives no url")
            return url
        if status == "FAILED":
            reason = answer.get("failureReason") or "Amazon gave no reason"
            raise CallFailed(f"Amazon could not generate report {report_id}: {self._clean(reason)}")
        raise CallFailed(f"report {report_id} has an unknown status {self._clean(status)}")

    def download(self, url: str) -> bytes:
        """The document at `url`, gunzipped when it is gzip, checked to be JSON."""
        timeout = self.patience.download_timeouts()
        # A pre-signed address: the Ads API's headers (and the token) are not sent there.
        response = self._retrying(
            "GET report document", lambda: self.session.get(url, timeout=timeout)
        )
        if response.status_code != 200:
            raise CallFailed(self._said("GET report document", response))
        content = response.content
        if content[:2] == b"\x1f\x8b":
            try:
                content = gzip.decompress(content)
            except (OSError, EOFError) as error:
                raise CallFailed(f"the report document is damaged gzip ({error})") from None
        try:
            json.loads(content)
        except ValueError as error:
            raise CallFailed(f"the report document is not JSON ({error})") from None
        return content

    # -- calls -----------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        expected: tuple[int, ...] = (200,),
    ) -> requests.Response:
        """One Ads API call with retries; a 401 gets a new access token once."""
        what = f"{method} {path}"
        url = self.access.endpoint.rstrip("/") + path
        data = None if body is None else json.dumps(body)
        timeout = self.patience.timeouts()
        for renewed in (False, True):
            headers = {
                "Authorization": f"Bearer {self._access_token()}",
                "Amazon-Advertising-API-ClientId": self.access.client_id,
                "Amazon-Advertising-API-Scope": self.access.profile_id,
                "Content-Type": REPORT_MEDIA_TYPE,
                "Accept": "application/json",
            }

            def send(headers: dict[str, str] = headers) -> requests.Response:
                return self.session.request(
                    method, url, headers=headers, data=data, timeout=timeout
                )

            response = self._retrying(what, send)
            if response.status_code == 401 and not renewed:
                self._token = None  # expired or revoked early: ask for a new one once
                continue
            if response.status_code not in expected:
                raise CallFailed(self._said(what, response))
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _retrying(self, what: str, send: Callable[[], requests.Response]) -> requests.Response:
        """`send()`, tried again by `Patience.call` while it is throttled (429), answered
        with a transient server error or not answered; any other answer is returned.
        CallFailed, naming the call and its tries, when the tries run out."""

        def attempt() -> requests.Response:
            try:
                response = send()
            except requests.RequestException as error:
                raise CallFailed(f"{what}: no answer ({_network(error)})") from None
            if response.status_code == 429 or response.status_code in TRANSIENT:
                said = self._said(what, response)
                raise CallFailed(said, response.status_code, response.headers)
            return response

        try:
            return self.patience.call(attempt)
        except CallFailed as failure:
            tries = f"{failure.tries} tries" if failure.tries != 1 else "1 try"
            if failure.status == 429:
                message = f"{what}: still throttled (429) after {tries}"
            else:
                message = f"{failure.message} after {tries}"
            raise CallFailed(message, failure.status, failure.headers) from None

    def _access_token(self) -> str:
        """The access token, asked for again a minute before it expires."""
        if self._token is not None and self.patience.clock() < self._expires:
            return self._token
        form = {
            "grant_type": "refresh_token",
            "refresh_token": self.access.refresh_token,
            "client_id": self.access.client_id,
            "client_secret": self.access.client_secret,
        }
        timeout = self.patience.timeouts()
        response = self._retrying(
            "the token request",
            lambda: self.session.post(self.access.token_endpoint, data=form, timeout=timeout),
        )
        answer = _json(response)
        error = answer.get("error")
        if response.status_code in (400, 401) and error == "invalid_grant":
            raise AuditorError(REFUSED_TOKEN)
        if response.status_code in (400, 401) and error in (
            "invalid_client",
            "unauthorized_client",
        ):
            raise AuditorError(REFUSED_CLIENT.format(error=error))
        token = answer.get("access_token")
        if response.status_code != 200 or not isinstance(token, str) or not token:
            raise CallFailed(self._said("the token request", response))
        lifetime = answer.get("expires_in")
        lifetime = float(lifetime) if isinstance(lifetime, int | float) else 3600.0
        self._token, self._expires = token, self.patience.clock() + max(lifetime - 60.0, 0.0)
        return token

    # -- messages without secrets ----------------------------------------------------------

    def _secrets(self) -> Iterable[str]:
        return (*self.access.secrets(), self._token or "")

    def _clean(self, value: Any) -> str:
        """A value from an answer as one short line, any secret in it replaced by ***."""
        text = " ".join(str(value).split())
        text = redact(text, self._secrets())
        return text[:300] + ("..." if len(text) > 300 else "")

    def _said(self, what: str, response: requests.Response) -> str:
        """`what: HTTP 400 CODE: DETAIL`, with what Amazon said about it (Ads API errors
        carry `code` and `detail`; LWA errors `error` and `error_description`)."""
        answer = _json(response)
        code = answer.get("code") or answer.get("error")
        detail = answer.get("detail") or answer.get("details") or answer.get("error_description")
        said = ": ".join(self._clean(p) for p in (code, detail) if p)
        return f"{what}: HTTP {response.status_code}" + (f" {said}" if said else "")


def _json(response: requests.Response) -> dict[str, Any]:
    """The answer's JSON object, or {} for anything else (an HTML error page, nothing)."""
    try:
        answer = response.json()
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


def _network(error: requests.RequestException) -> str:
    """A network error named by its kind: its text may carry the URL, never a secret,
    but says nothing the kind does not."""
    if isinstance(error, requests.Timeout):
        return "timed out"
    if isinstance(error, requests.ConnectionError):
        return "could not connect"
    return type(error).__name__


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", text) or "profile"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
