"""Login with Amazon: the token is reused until it expires, a refused one says what to do,
and no secret reaches an exception, a log record or a file."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from auditor.errors import AuditorError
from auditor.fetch.batch import fetch_reports
from auditor.fetch.sp_api import SpApi
from tests.fetch.documents import ALL_LISTINGS_DE, FATAL_DOCUMENT, PERFORMANCE, listing_item
from tests.fetch.standin import SpApiStandIn, StoredReport

DE = "A1PA6795UKMFR9"


def test_the_access_token_is_reused_until_it_expires(sp_api_standin, patience) -> None:
    api = SpApi(sp_api_standin.access(), patience)
    for _ in range(3):
        api.create_report("GET_V2_SELLER_PERFORMANCE_REPORT", [DE], None, None)
    assert sp_api_standin.calls["token"] == 1


def test_an_expired_access_token_is_refreshed(sp_api_standin, patience) -> None:
    sp_api_standin.expires_in = 30  # the SDK renews 30 seconds early: expired at once
    api = SpApi(sp_api_standin.access(), patience)
    api.create_report("GET_V2_SELLER_PERFORMANCE_REPORT", [DE], None, None)
    api.create_report("GET_V2_SELLER_PERFORMANCE_REPORT", [DE], None, None)
    assert sp_api_standin.calls["token"] >= 3


def test_a_refused_refresh_token_says_what_to_do_and_is_not_retried(
    sp_api_standin, patience
) -> None:
    with pytest.raises(AuditorError) as refused:
        SpApi(sp_api_standin.access(refresh_token="Atzr|revoked-token-do-not-leak"), patience)
    message = str(refused.value)
    assert "refused the refresh token (invalid_grant)" in message
    assert "Authorise the application again in Seller Central" in message
    assert "Atzr|" not in message and "revoked-token" not in message
    assert sp_api_standin.calls["token"] == 1


def test_refused_client_credentials_name_the_variables_to_check(sp_api_standin, patience) -> None:
    with pytest.raises(
        AuditorError, match=r"refused the application's credentials \(invalid_client\)"
    ):
        SpApi(sp_api_standin.access(client_secret="wrong-secret-do-not-leak"), patience)


def test_a_token_endpoint_that_is_down_is_retried_then_an_auditor_error(
    sp_api_standin, patience
) -> None:
    sp_api_standin.fail("token", 503, times=2)
    SpApi(sp_api_standin.access(), patience)  # retried through
    sp_api_standin.fail("token", 503, times=10)
    with pytest.raises(AuditorError, match="Login with Amazon could not be reached at http://"):
        SpApi(sp_api_standin.access(refresh_token=sp_api_standin.refresh_token + " "), patience)


def test_a_refused_token_stops_the_whole_fetch(sp_api_standin, patience, tmp_path) -> None:
    with pytest.raises(AuditorError, match="invalid_grant"):
        fetch_reports(
            sp_api_standin.access(refresh_token="Atzr|revoked"), "A1EXAMPLESELLER", ["DE"], ["performance"],
            None, None, tmp_path, patience=patience,
        )  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_unknown_names_and_marketplaces_are_refused(sp_api_standin, patience, tmp_path) -> None:
    with pytest.raises(AuditorError, match="unknown report name"):
        fetch_reports(
            sp_api_standin.access(), "S", ["DE"], ["perf"], None, None, tmp_path, patience=patience
        )
    with pytest.raises(AuditorError, match="unknown marketplace 'XX'"):
        fetch_reports(
            sp_api_standin.access(),
            "S",
            ["XX"],
            ["performance"],
            None,
            None,
            tmp_path,
            patience=patience,
        )


def test_no_secret_reaches_an_exception_a_log_record_or_a_file(
    sp_api_standin: SpApiStandIn, patience, tmp_path, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("spapi", "urllib3", "auditor"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    standin = sp_api_standin
    standin.add_report("GET_V2_SELLER_PERFORMANCE_REPORT", DE, StoredReport(PERFORMANCE))
    standin.add_report(
        "GET_MERCHANT_LISTINGS_ALL_DATA", DE, StoredReport(ALL_LISTINGS_DE, charset="Cp1252")
    )
    fatal = StoredReport(b"", statuses=("FATAL",), error_document=FATAL_DOCUMENT)
    standin.add_report("GET_FBA_INVENTORY_PLANNING_DATA", DE, fatal)
    standin.add_listings("A1EXAMPLESELLER", DE, [listing_item(1)])
    standin.throttle("getReport")
    standin.fail("getReportDocument", 403, times=1)  # one report fails with Amazon's error text
    texts: list[str] = []

    fetched = fetch_reports(
        standin.access(), "A1EXAMPLESELLER", ["DE"], ["performance", "all-listings", "fba-inventory", "listings-items"],
        None, None, tmp_path, patience=patience, today=date(2026, 11, 27),
    )  # fmt: skip
    texts += [repr(record) for record in fetched]
    for wrong in ({"refresh_token": "Atzr|wrong"}, {"client_secret": "wrong"}):
        with pytest.raises(AuditorError) as refused:
            fetch_reports(
                standin.access(**wrong),
                "S",
                ["DE"],
                ["performance"],
                None,
                None,
                tmp_path,
                patience=patience,
            )
        texts.append(str(refused.value))
    texts += [record.getMessage() for record in caplog.records]
    texts += [
        path.read_bytes().decode("utf-8", "replace")
        for path in tmp_path.rglob("*")
        if path.is_file()
    ]
    texts.append(repr(standin.access()))

    assert {record.status for record in fetched} == {"done", "failed"}
    assert any(record.error and "HTTP 403" in record.error for record in fetched)
    leaked = [secret for secret in standin.secrets() for text in texts if secret in text]
    assert leaked == []
    assert len(caplog.records) > 5
