"""A stand-in Selling Partner API on 127.0.0.1, data-driven: give it a store's documents
per report type and marketplace, its listings per marketplace, and the trouble to
make (throttling, server errors, FATAL and CANCELLED reports, a refused token).

Request and response shapes follow Amazon's published models:
* Login with Amazon's token exchange (refresh-token grant, form-encoded; errors as
  `{"error": "invalid_grant", "error_description": ...}` with HTTP 400), per the SP-API
  developer guide's "Connecting to the Selling Partner API";
* Reports API 2021-06-30 (models/reports-api-model/reports_2021-06-30.json in
  amzn/selling-partner-api-models): createReport 202 `{"reportId"}`, getReport 200
  `Report` (reportId, reportType, marketplaceIds, dataStartTime, dataEndTime,
  createdTime, processingStatus, processingStartTime, processingEndTime,
  reportDocumentId), getReportDocument 200 `{"reportDocumentId", "url",
  "compressionAlgorithm"}`, errors as `{"errors": [{"code", "message", "details"}]}`;
* Listings Items API 2021-08-01 (models/listings-items-api-model/listingsItems_2021-08-01.json):
  searchListingsItems 200 `ItemSearchResults` `{"numberOfResults", "pagination":
  {"nextToken"}, "items"}`, the next page asked for with `pageToken`; putListingsItem
  (PUT /listings/2021-08-01/items/{sellerId}/{sku}, the SKU URL-encoded, query
  marketplaceIds, includedData, mode, issueLocale, body `ListingsItemPutRequest`) 200
  `ListingsItemSubmissionResponse` `{"sku", "status", "submissionId", "issues"}`, status
  VALID or INVALID in VALIDATION_PREVIEW mode (the model's sandbox examples), each issue
  `{"code", "message", "severity", "attributeNames", "categories"}`. The stand-in only
  ever previews: a PUT without `mode=VALIDATION_PREVIEW` would create a listing, and
  fails the test (an assertion pytest-httpserver keeps for `check_assertions`);
* Product Type Definitions API 2020-09-01 (definitionsProductTypes_2020-09-01.json):
  getDefinitionsProductType 200 `ProductTypeDefinition` (productType, marketplaceIds,
  locale, requirements, requirementsEnforced, productTypeVersion, propertyGroups,
  displayName, schema and metaSchema `{"link": {"resource", "verb"}, "checksum"}`, the
  checksum a Base64 MD5), the schema served like a report document; an unknown product
  type is HTTP 400 `InvalidInput`;
* Sellers API v1 (sellers_v1 in Amazon's SDK, whose models are generated from
  models/sellers-api-model/sellers.json): getAccount (GET /sellers/v1/account) 200
  `GetAccountResponse` `{"payload": Account}`; a store without an account set up answers
  403 Unauthorized, as Amazon does when the application lacks the role for it;
* every SP-API answer carries `x-amzn-RateLimit-Limit` and `x-amzn-RequestId`; a
  throttled one is HTTP 429 with the `QuotaExceeded` error.

The report documents are served from the stand-in itself (as S3 serves Amazon's),
gzipped when the stored report says so, with the charset in the Content-Type.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import itertools
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from auditor.fetch.access import SpApiAccess
from tests.fetch.documents import ACCOUNT

TOKEN_PATH = "/auth/o2/token"
REPORTS = "/reports/2021-06-30"
LISTINGS = "/listings/2021-08-01/items/"
DEFINITIONS = "/definitions/2020-09-01/productTypes/"
DOCUMENTS = "/standin-documents/"
SELLERS_ACCOUNT = "/sellers/v1/account"

#: The rate each operation's answers declare, as Amazon documents them (requests per second).
RATE_LIMITS = {
    "createReport": "0.0167",
    "getReport": "2.0",
    "getReportDocument": "0.0167",
    "searchListingsItems": "5.0",
    "getDefinitionsProductType": "5.0",
    "putListingsItem": "5.0",
    "getAccount": "0.016",
}

DONE = ("IN_QUEUE", "IN_PROGRESS", "DONE")


@dataclass
class StoredReport:
    """A report the store has: the document's bytes as Amazon would serve them, the
    statuses getReport goes through (one per call, the last repeated), the charset of
    the download's Content-Type and whether the document is gzipped."""

    content: bytes
    charset: str | None = "UTF-8"
    gzipped: bool = True
    statuses: tuple[str, ...] = DONE
    #: For FATAL: the error document (None: FATAL without a reportDocumentId).
    error_document: bytes | None = None


@dataclass
class _Report:
    report_id: str
    stored: StoredReport
    body: dict[str, Any]
    polls: int = 0


@dataclass
class SpApiStandIn:
    """The stand-in, bound to a pytest-httpserver `HTTPServer`."""

    server: HTTPServer
    client_id: str = "amzn1.application-oa2-client.standin0client0id"
    client_secret: str = "amzn1.oa2-cs.v1.standin0client0secret0do0not0leak"
    refresh_token: str = "Atzr|standin-refresh-token-do-not-leak"
    access_token: str = "Atza|standin-access-token-do-not-leak"
    #: What the token answer says the access token lives for, in seconds.
    expires_in: int = 3600
    reports: dict[tuple[str, str], StoredReport] = field(default_factory=dict)
    listings: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    #: (product type, marketplace id) -> (schema bytes, version).
    definitions: dict[tuple[str, str], tuple[bytes, str]] = field(default_factory=dict)
    #: The Sellers API's Account of the seller (getAccount's payload); None: refused.
    account: dict[str, Any] | None = field(default_factory=lambda: dict(ACCOUNT))
    page_size: int = 20
    #: Calls per operation (the token exchange is `token`, a document download `document`).
    calls: Counter[str] = field(default_factory=Counter)
    #: The createReport bodies and listings queries received, for assertions.
    created: list[dict[str, Any]] = field(default_factory=list)
    searched: list[dict[str, list[str]]] = field(default_factory=list)
    defined: list[dict[str, list[str]]] = field(default_factory=list)
    #: The putListingsItem requests received: seller id, SKU, query and body of each.
    previewed: list[dict[str, Any]] = field(default_factory=list)
    #: The issues Amazon answers for a SKU's preview (none: VALID).
    preview_issues: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: SKUs whose preview is refused: (status, error) answered instead of a submission.
    preview_errors: dict[str, tuple[int, dict[str, str]]] = field(default_factory=dict)
    _trouble: dict[str, list[tuple[int, dict[str, str], dict[str, Any]]]] = field(
        default_factory=dict
    )
    _stalls: dict[str, list[float]] = field(default_factory=dict)
    _made: dict[str, _Report] = field(default_factory=dict)
    _documents: dict[str, tuple[bytes, str | None, bool]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(50001))

    def __post_init__(self) -> None:
        self.server.expect_request(re.compile("^/")).respond_with_handler(self._handle)

    # -- what the test sets up ---------------------------------------------------------

    @property
    def endpoint(self) -> str:
        return self.server.url_for("/").rstrip("/")

    @property
    def token_endpoint(self) -> str:
        return self.server.url_for(TOKEN_PATH)

    def access(self, **changes: str) -> SpApiAccess:
        """The access that reaches this stand-in (`refresh_token=...` to give a wrong one)."""
        fields = {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "refresh_token": self.refresh_token,
            "endpoint": self.endpoint,
            "token_endpoint": self.token_endpoint,
        }
        return SpApiAccess(**{**fields, **changes})

    def secrets(self) -> tuple[str, ...]:
        return (self.client_secret, self.refresh_token, self.access_token)

    def add_report(self, report_type: str, marketplace_id: str, report: StoredReport) -> None:
        """The store's report of `report_type` in a marketplace. A report asked for that
        the store has not is CANCELLED, as Amazon does when there is no data."""
        self.reports[(report_type, marketplace_id)] = report

    def add_listings(
        self, seller_id: str, marketplace_id: str, items: list[dict[str, Any]]
    ) -> None:
        self.listings[(seller_id, marketplace_id)] = items

    def add_definition(
        self, product_type: str, marketplace_id: str, schema: bytes, version: str = "UHqSqmb4FNUk="
    ) -> None:
        """A product type's definition in a marketplace: its schema document's bytes."""
        self.definitions[(product_type, marketplace_id)] = (schema, version)

    def throttle(self, operation: str, times: int = 1, limit: str | None = None) -> None:
        """The next `times` calls of `operation` are answered 429 QuotaExceeded."""
        headers = {"x-amzn-RateLimit-Limit": limit or RATE_LIMITS.get(operation, "1.0")}
        error = {
            "code": "QuotaExceeded",
            "message": "You exceeded your quota for the requested resource.",
        }
        self._trouble.setdefault(operation, []).extend(
            [(429, headers, {"errors": [error]})] * times
        )

    def fail(self, operation: str, status: int = 503, times: int = 1) -> None:
        """The next `times` calls of `operation` are answered with `status`."""
        error = {
            "code": "InternalFailure",
            "message": "We encountered an internal error. Please try again.",
        }
        if operation == "token":
            body: dict[str, Any] = {"error": "server_error", "error_description": "Internal error"}
        else:
            body = {"errors": [error]}
        self._trouble.setdefault(operation, []).extend([(status, {}, body)] * times)

    def stall(self, operation: str, seconds: float, times: int = 1) -> None:
        """The next `times` calls of `operation` are answered only after `seconds`."""
        self._stalls.setdefault(operation, []).extend([seconds] * times)

    # -- what the server answers -------------------------------------------------------

    def _handle(self, request: Request) -> Response:
        path = request.path
        if path == TOKEN_PATH and request.method == "POST":
            return self._answer("token", request, self._token)
        if path.startswith(DOCUMENTS):
            return self._answer("document", request, self._document)
        if request.headers.get("x-amz-access-token") != self.access_token:
            return _json(403, {"errors": [_unauthorized()]}, {})
        if path == f"{REPORTS}/reports" and request.method == "POST":
            return self._answer("createReport", request, self._create)
        if path.startswith(f"{REPORTS}/reports/") and request.method == "GET":
            return self._answer("getReport", request, self._report)
        if path.startswith(f"{REPORTS}/documents/") and request.method == "GET":
            return self._answer("getReportDocument", request, self._report_document)
        if path.startswith(LISTINGS) and request.method == "GET":
            return self._answer("searchListingsItems", request, self._search)
        if path.startswith(DEFINITIONS) and request.method == "GET":
            return self._answer("getDefinitionsProductType", request, self._definition)
        if path.startswith(LISTINGS) and request.method == "PUT":
            return self._answer("putListingsItem", request, self._preview)
        if path == SELLERS_ACCOUNT and request.method == "GET":
            return self._answer("getAccount", request, self._account)
        return _json(404, {"errors": [{"code": "NotFound", "message": "Resource not found."}]}, {})

    def _answer(self, operation: str, request: Request, answer: Any) -> Response:
        self.calls[operation] += 1
        stalls = self._stalls.get(operation)
        if stalls:
            time.sleep(stalls.pop(0))
        headers = (
            {"x-amzn-RateLimit-Limit": RATE_LIMITS.get(operation, "1.0")}
            if operation in RATE_LIMITS
            else {}
        )
        trouble = self._trouble.get(operation)
        if trouble:
            status, extra, body = trouble.pop(0)
            return _json(status, body, {**headers, **extra})
        response: Response = answer(request)
        for key, value in headers.items():
            response.headers[key] = value
        return response

    def _token(self, request: Request) -> Response:
        form = request.form
        if form.get("grant_type") != "refresh_token":
            return _json(
                400,
                {"error": "unsupported_grant_type", "error_description": "Unsupported grant"},
                {},
            )
        if (
            form.get("client_id") != self.client_id
            or form.get("client_secret") != self.client_secret
        ):
            return _json(
                401,
                {"error": "invalid_client", "error_description": "Client authentication failed"},
                {},
            )
        if form.get("refresh_token") != self.refresh_token:
            description = "The request has an invalid grant parameter : refresh_token"
            return _json(400, {"error": "invalid_grant", "error_description": description}, {})
        answer = {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "token_type": "bearer",
            "expires_in": self.expires_in,
        }
        return _json(200, answer, {})

    def _create(self, request: Request) -> Response:
        body = json.loads(request.get_data())
        self.created.append(body)
        marketplaces = body.get("marketplaceIds")
        if (
            not isinstance(body.get("reportType"), str)
            or not isinstance(marketplaces, list)
            or not marketplaces
        ):
            return _json(
                400, {"errors": [{"code": "InvalidInput", "message": "Invalid input"}]}, {}
            )
        stored = self.reports.get(
            (body["reportType"], marketplaces[0]), StoredReport(b"", statuses=("CANCELLED",))
        )
        report_id = str(next(self._ids))
        self._made[report_id] = _Report(report_id, stored, body)
        return _json(202, {"reportId": report_id}, {})

    def _report(self, request: Request) -> Response:
        report_id = request.path.rsplit("/", 1)[-1]
        made = self._made.get(report_id)
        if made is None:
            return _json(
                404, {"errors": [{"code": "NotFound", "message": "Report not found."}]}, {}
            )
        statuses = made.stored.statuses
        status = statuses[min(made.polls, len(statuses) - 1)]
        made.polls += 1
        report: dict[str, Any] = {
            "reportId": report_id,
            "reportType": made.body["reportType"],
            "marketplaceIds": made.body["marketplaceIds"],
            "createdTime": "2026-11-26T08:00:00+00:00",
            "processingStatus": status,
        }
        for key in ("dataStartTime", "dataEndTime"):
            if key in made.body:
                report[key] = made.body[key]
        if status != "IN_QUEUE":
            report["processingStartTime"] = "2026-11-26T08:00:05+00:00"
        if status in ("DONE", "FATAL", "CANCELLED"):
            report["processingEndTime"] = "2026-11-26T08:01:00+00:00"
        document = made.stored.content if status == "DONE" else made.stored.error_document
        if status in ("DONE", "FATAL") and document is not None:
            document_id = f"amzn1.spdoc.1.4.eu.standin.{report_id}"
            self._documents[document_id] = (document, made.stored.charset, made.stored.gzipped)
            report["reportDocumentId"] = document_id
        return _json(200, report, {})

    def _report_document(self, request: Request) -> Response:
        document_id = request.path.rsplit("/", 1)[-1]
        if document_id not in self._documents:
            return _json(
                404, {"errors": [{"code": "NotFound", "message": "Document not found."}]}, {}
            )
        answer = {
            "reportDocumentId": document_id,
            "url": self.server.url_for(DOCUMENTS + document_id),
        }
        if self._documents[document_id][2]:
            answer["compressionAlgorithm"] = "GZIP"
        return _json(200, answer, {})

    def _document(self, request: Request) -> Response:
        if "x-amz-access-token" in request.headers:
            return Response(
                b"<Error><Code>InvalidArgument</Code></Error>", 400
            )  # S3 wants no token
        content, charset, gzipped = self._documents[request.path[len(DOCUMENTS) :]]
        kind = "text/plain" + (f"; charset={charset}" if charset else "")
        return Response(gzip.compress(content) if gzipped else content, 200, {"Content-Type": kind})

    def _search(self, request: Request) -> Response:
        seller_id = request.path[len(LISTINGS) :]
        query = parse_qs(request.query_string.decode())
        self.searched.append(query)
        marketplaces = ",".join(query.get("marketplaceIds", [])).split(",")
        items = self.listings.get((seller_id, marketplaces[0]), [])
        start = int(query.get("pageToken", ["0"])[0] or 0)
        size = min(self.page_size, int(query.get("pageSize", ["10"])[0]))
        page: dict[str, Any] = {"numberOfResults": len(items), "items": items[start : start + size]}
        if start + size < len(items):
            page["pagination"] = {"nextToken": str(start + size)}
        return _json(200, page, {})

    def _definition(self, request: Request) -> Response:
        product_type = request.path[len(DEFINITIONS) :]
        query = parse_qs(request.query_string.decode())
        self.defined.append(query)
        marketplace_id = ",".join(query.get("marketplaceIds", [])).split(",")[0]
        held = self.definitions.get((product_type, marketplace_id))
        if held is None:
            error = {
                "code": "InvalidInput",
                "message": f"Product type {product_type} is not available in marketplace.",
            }
            return _json(400, {"errors": [error]}, {})
        schema, version = held
        document_id = f"ptd-{product_type}-{marketplace_id}"
        self._documents[document_id] = (schema, "utf-8", False)
        checksum = base64.b64encode(hashlib.md5(schema).digest()).decode()
        link = {"resource": self.server.url_for(DOCUMENTS + document_id), "verb": "GET"}
        answer = {
            "metaSchema": {"link": link, "checksum": checksum},
            "schema": {"link": link, "checksum": checksum},
            "requirements": query.get("requirements", ["LISTING"])[0],
            "requirementsEnforced": query.get("requirementsEnforced", ["ENFORCED"])[0],
            "propertyGroups": {},
            "locale": query.get("locale", ["DEFAULT"])[0],
            "marketplaceIds": [marketplace_id],
            "productType": product_type,
            "displayName": product_type.title(),
            "productTypeVersion": {"version": version, "latest": True, "releaseCandidate": False},
        }
        return _json(200, answer, {})

    def _account(self, request: Request) -> Response:
        if self.account is None:
            return _json(403, {"errors": [_unauthorized()]}, {})
        return _json(200, {"payload": self.account}, {})

    def _preview(self, request: Request) -> Response:
        raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.path
        seller_id, sku = (unquote(part) for part in raw.split("?")[0][len(LISTINGS) :].split("/"))
        query = parse_qs(request.query_string.decode())
        assert query.get("mode") == ["VALIDATION_PREVIEW"], (
            f"putListingsItem for {sku} without mode=VALIDATION_PREVIEW would create a listing"
        )
        body = json.loads(request.get_data())
        self.previewed.append({"seller_id": seller_id, "sku": sku, "query": query, "body": body})
        if sku in self.preview_errors:
            status, error = self.preview_errors[sku]
            return _json(status, {"errors": [error]}, {})
        if not isinstance(body.get("productType"), str) or not isinstance(
            body.get("attributes"), dict
        ):
            return _json(
                400, {"errors": [{"code": "InvalidInput", "message": "Invalid input"}]}, {}
            )
        issues = self.preview_issues.get(sku, [])
        errors = any(issue.get("severity") == "ERROR" for issue in issues)
        answer = {
            "sku": sku,
            "status": "INVALID" if errors else "VALID",
            "submissionId": f"standin-{len(self.previewed):08d}",
            "issues": issues,
        }
        return _json(200, answer, {})


def _unauthorized() -> dict[str, str]:
    return {
        "code": "Unauthorized",
        "message": "Access to requested resource is denied.",
        "details": "The access token you provided is revoked, malformed or invalid.",
    }


def _json(status: int, body: Any, headers: dict[str, str]) -> Response:
    headers = {"x-amzn-RequestId": "standin-request", **headers}
    return Response(json.dumps(body), status, headers, content_type="application/json")
