"""A stand-in for the Amazon Ads API and Login with Amazon on 127.0.0.1 (pytest-httpserver),
answering in Amazon's published shapes, so that fetching is tested without the internet.

What it follows:

* POST /auth/o2/token (Login with Amazon, refresh-token grant, form-encoded): 200
  `{"access_token", "refresh_token", "token_type": "bearer", "expires_in": 3600}`; a refresh
  token it does not know: 400 `{"error": "invalid_grant", "error_description": ...}`; a
  client id or secret it does not know: 401 `{"error": "invalid_client", ...}`.
* POST /reporting/reports (Amazon Ads API reporting v3, "Get started with version 3
  reports"): checks the Authorization, Amazon-Advertising-API-ClientId and
  Amazon-Advertising-API-Scope headers and the v3 media type, and answers 200 with the
  report object (configuration echoed, `reportId`, `status` PENDING, `url` null), or 429
  with `Retry-After` while `throttled` lasts, or 425
  `{"code": "425", "detail": "The Request is a duplicate of : <reportId>"}` when
  `duplicate` is set (a shape recorded from the live API in public code).
* GET /reporting/reports/{reportId}: the next of `statuses` (PENDING, PROCESSING, then
  COMPLETED with `url`, or FAILED with `failureReason`); 5xx while `failing_polls` lasts.
* GET /download/{reportId}.json.gz: the document gzipped, as a pre-signed storage address
  serves it; a request that carries an Authorization header is refused with 400, as such
  an address refuses a second way of authenticating.
* An Ads API call with a token it did not issue: 401 `{"code": "UNAUTHORIZED", ...}`.

Data-driven: the document, the statuses and the faults are attributes set per test.
Every request is in `server.log`; `tokens_issued` counts the token exchanges.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from auditor.fetch.access import AdsApiAccess
from auditor.fetch.ads_api import REPORT_MEDIA_TYPE

DATA = Path(__file__).parent.parent / "data" / "amazon" / "ads-api-search-term"
#: The document the stand-in serves unless a test gives another (six search terms).
DOCUMENT = (DATA / "sp-search-terms-US-ads-api.json").read_bytes()

CLIENT_ID = "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef"
CLIENT_SECRET = "amzn1.oa2-cs.v1.standin-client-secret-do-not-echo"
REFRESH_TOKEN = "Atzr|IwEBIStandInRefreshTokenDoNotEcho"
PROFILE_ID = "3141592653589793"


@dataclass
class AdsStandIn:
    server: HTTPServer
    document: bytes = DOCUMENT
    #: Statuses answered to successive polls; the last repeats.
    statuses: list[str] = field(default_factory=lambda: ["PENDING", "PROCESSING", "COMPLETED"])
    failure_reason: str = "Report generation failed due to an internal error."
    #: How many report requests are throttled (429) before one is accepted.
    throttled: int = 0
    retry_after: str = "7"
    #: How many polls answer 503 before the statuses are given.
    failing_polls: int = 0
    #: A report id the next report request is a duplicate of (425).
    duplicate: str | None = None
    #: Seconds each poll takes to answer (to test timeouts).
    poll_delay: float = 0.0
    report_id: str = "a15115d8-3da4-49a4-95d5-cc0a3af5f85d"
    tokens_issued: int = 0
    requests_made: list[dict[str, Any]] = field(default_factory=list)
    _issued: set[str] = field(default_factory=set)
    _polls: int = 0

    def access(self, **changes: str) -> AdsApiAccess:
        """The access the stand-in knows, with `changes` (a wrong token, say)."""
        values = {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "refresh_token": REFRESH_TOKEN,
            "profile_id": PROFILE_ID,
            "endpoint": self.server.url_for("/").rstrip("/"),
            "token_endpoint": self.server.url_for("/auth/o2/token"),
            **changes,
        }
        return AdsApiAccess(**values)

    def install(self) -> None:
        self.server.expect_request("/auth/o2/token", method="POST").respond_with_handler(
            self._token
        )
        self.server.expect_request("/reporting/reports", method="POST").respond_with_handler(
            self._create
        )
        self.server.expect_request(
            re.compile(r"/reporting/reports/[^/]+"), method="GET"
        ).respond_with_handler(self._status)
        self.server.expect_request(
            re.compile(r"/download/[^/]+\.json\.gz"), method="GET"
        ).respond_with_handler(self._download)

    # -- Login with Amazon -------------------------------------------------------------

    def _token(self, request: Request) -> Response:
        form = request.form
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return _json(
                {"error": "invalid_client", "error_description": "Client authentication failed"},
                401,
            )
        if form.get("grant_type") != "refresh_token" or form.get("refresh_token") != REFRESH_TOKEN:
            return _json(
                {
                    "error": "invalid_grant",
                    "error_description": "The request has an invalid grant parameter : refresh_token",
                },
                400,
            )
        self.tokens_issued += 1
        token = f"Atza|IwEBIStandInAccessToken{self.tokens_issued}"
        self._issued.add(token)
        return _json(
            {
                "access_token": token,
                "refresh_token": REFRESH_TOKEN,
                "token_type": "bearer",
                "expires_in": 3600,
            }
        )

    # -- Ads API ----------------------------------------------------------------------

    def _refused(self, request: Request) -> Response | None:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if (
            token not in self._issued
            or request.headers.get("Amazon-Advertising-API-ClientId") != CLIENT_ID
        ):
            return _json({"code": "UNAUTHORIZED", "details": "Not authorized"}, 401)
        if request.headers.get("Amazon-Advertising-API-Scope") != PROFILE_ID:
            return _json({"code": "403", "details": "Invalid scope"}, 403)
        return None

    def _create(self, request: Request) -> Response:
        if refused := self._refused(request):
            return refused
        if request.headers.get("Content-Type") != REPORT_MEDIA_TYPE:
            return _json({"code": "415", "detail": "Unsupported media type"}, 415)
        body = json.loads(request.get_data())
        self.requests_made.append(body)
        if self.throttled:
            self.throttled -= 1
            return _json(
                {"code": "429", "detail": "Too Many Requests"},
                429,
                {"Retry-After": self.retry_after},
            )
        if self.duplicate:
            detail = f"The Request is a duplicate of : {self.duplicate}"
            self.report_id, self.duplicate = self.duplicate, None
            return _json({"code": "425", "detail": detail}, 425)
        return _json(self._report(body["configuration"], "PENDING", body))

    def _status(self, request: Request) -> Response:
        if refused := self._refused(request):
            return refused
        if self.poll_delay:
            time.sleep(self.poll_delay)
        if self.failing_polls:
            self.failing_polls -= 1
            return Response("<html>Service Unavailable</html>", 503, content_type="text/html")
        wanted = request.path.rsplit("/", 1)[1]
        if wanted != self.report_id:
            return _json({"code": "404", "detail": f"Report {wanted} not found"}, 404)
        status = self.statuses[min(self._polls, len(self.statuses) - 1)]
        self._polls += 1
        return _json(self._report(None, status))

    def _report(
        self, configuration: dict[str, Any] | None, status: str, body: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        completed = status == "COMPLETED"
        return {
            "configuration": configuration,
            "createdAt": "2026-11-27T06:00:00.853Z",
            "endDate": (body or {}).get("endDate"),
            "failureReason": self.failure_reason if status == "FAILED" else None,
            "fileSize": len(self.document) if completed else None,
            "generatedAt": "2026-11-27T06:04:12.101Z" if completed else None,
            "name": (body or {}).get("name"),
            "reportId": self.report_id,
            "startDate": (body or {}).get("startDate"),
            "status": status,
            "updatedAt": "2026-11-27T06:04:12.101Z",
            "url": self.server.url_for(
                f"/download/{self.report_id}.json.gz?X-Amz-Expires=3600&X-Amz-Signature=0f1e2d"
            )
            if completed
            else None,
            "urlExpiresAt": "2026-11-27T07:04:12.101Z" if completed else None,
        }

    def _download(self, request: Request) -> Response:
        if "Authorization" in request.headers:
            return Response(
                "<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed"
                "</Message></Error>",
                400,
                content_type="application/xml",
            )
        return Response(gzip.compress(self.document), 200, content_type="application/octet-stream")


def _json(
    body: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(json.dumps(body), status, headers=headers, content_type="application/json")


@pytest.fixture
def ads_standin() -> Iterator[AdsStandIn]:
    """The stand-in, listening on 127.0.0.1 for one test."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    standin = AdsStandIn(server)
    standin.install()
    try:
        yield standin
    finally:
        server.clear()
        if server.is_running():
            server.stop()
