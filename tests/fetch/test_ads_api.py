"""Fetching the Sponsored Products search term report from the Amazon Ads API (reporting v3),
against the stand-in of tests/fetch/ads_standin.py on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import hashlib
import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from auditor.errors import AuditorError
from auditor.fetch.ads_api import ADS_PATIENCE, AdsFetched, fetch_search_terms
from auditor.fetch.patience import Patience
from auditor.ingest.formats.ads_search_terms import FIELDS
from auditor.ingest.read import read_file
from tests.fetch.conftest import FakeTime

from .ads_standin import (
    CLIENT_SECRET,
    DOCUMENT,
    PROFILE_ID,
    REFRESH_TOKEN,
    AdsStandIn,
    ads_standin,
)

__all__ = ["ads_standin"]  # the fixture, used by name

SINCE, UNTIL = dt.date(2026, 10, 28), dt.date(2026, 11, 26)
SECRETS = (CLIENT_SECRET, REFRESH_TOKEN, "StandInAccessToken")


def ads_patience(time: FakeTime | None = None, **bounds: float) -> Patience:
    """The Ads API's default patience on a fake clock, with `bounds` changed."""
    time = time or FakeTime()
    return replace(ADS_PATIENCE, sleep=time.sleep, clock=time.clock, **bounds)  # type: ignore[arg-type]


def fetch(
    standin: AdsStandIn, folder: Path, time: FakeTime | None = None, **options: Any
) -> AdsFetched:
    """Fetch from the stand-in on a fake clock; `options` are patience bounds, or
    `time_unit`."""
    unit = options.pop("time_unit", "SUMMARY")
    return fetch_search_terms(
        standin.access(),
        SINCE,
        UNTIL,
        folder,
        time_unit=unit,
        patience=ads_patience(time, **options),
    )


def test_the_report_is_requested_polled_and_kept_as_it_came(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    waits = FakeTime()

    fetched = fetch(ads_standin, tmp_path, waits)

    assert (fetched.status, fetched.report_id, fetched.error) == (
        "done",
        ads_standin.report_id,
        None,
    )
    assert fetched.path == tmp_path / f"ads-spSearchTerm-{PROFILE_ID}-2026-10-28-2026-11-26.json"
    assert fetched.path.read_bytes() == DOCUMENT  # gunzipped, otherwise byte for byte
    assert fetched.sha256 == hashlib.sha256(DOCUMENT).hexdigest()
    assert (fetched.name, fetched.report_type, fetched.charset) == (
        "search-terms",
        "spSearchTerm",
        "utf-8",
    )
    assert waits.slept == [5.0, 7.5]  # PENDING, PROCESSING: the wait grows
    assert list(tmp_path.iterdir()) == [fetched.path]  # no temporary file left


def test_the_request_asks_for_what_the_reader_maps(ads_standin: AdsStandIn, tmp_path: Path) -> None:
    fetch(ads_standin, tmp_path)

    [body] = ads_standin.requests_made
    configuration = body["configuration"]
    assert (body["startDate"], body["endDate"]) == ("2026-10-28", "2026-11-26")
    assert {
        k: configuration[k] for k in ("adProduct", "reportTypeId", "groupBy", "timeUnit", "format")
    } == {
        "adProduct": "SPONSORED_PRODUCTS",
        "reportTypeId": "spSearchTerm",
        "groupBy": ["searchTerm"],
        "timeUnit": "SUMMARY",
        "format": "GZIP_JSON",
    }
    wanted = {name for names in FIELDS.values() for name in names}
    assert wanted <= set(configuration["columns"])
    assert {"startDate", "endDate"} <= set(configuration["columns"])


def test_a_daily_report_asks_for_the_date_column(ads_standin: AdsStandIn, tmp_path: Path) -> None:
    fetched = fetch(ads_standin, tmp_path, time_unit="DAILY")

    [body] = ads_standin.requests_made
    assert body["configuration"]["timeUnit"] == "DAILY"
    assert "date" in body["configuration"]["columns"]
    assert "startDate" not in body["configuration"]["columns"]
    assert fetched.time_unit == "DAILY"


def test_the_fetched_document_is_read_as_search_terms(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    fetched = fetch(ads_standin, tmp_path)
    assert fetched.path is not None

    result = read_file(fetched.path, fetched.path.name, "US")

    assert (result.format, result.table, result.rows_used) == (
        "ads-api-search-term-report",
        "ad_search_terms",
        6,
    )


def test_a_failed_report_is_a_failed_record_with_amazons_reason(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    ads_standin.statuses = ["PENDING", "FAILED"]

    fetched = fetch(ads_standin, tmp_path)

    assert (fetched.status, fetched.path, fetched.sha256) == ("failed", None, None)
    assert fetched.report_id == ads_standin.report_id
    assert fetched.error == (
        f"Amazon could not generate report {ads_standin.report_id}: "
        "Report generation failed due to an internal error."
    )
    assert list(tmp_path.iterdir()) == []


def test_a_throttled_request_waits_what_retry_after_says(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    ads_standin.throttled, ads_standin.retry_after = 2, "7"
    waits = FakeTime()

    fetched = fetch(ads_standin, tmp_path, waits)

    assert fetched.status == "done"
    assert waits.slept[:2] == [7.0, 7.0]
    assert len(ads_standin.requests_made) == 3


def test_throttling_that_outlasts_the_retries_fails_the_report(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    ads_standin.throttled = 100

    fetched = fetch(ads_standin, tmp_path, throttled_retries=2)

    assert fetched.status == "failed"
    assert fetched.error == "POST /reporting/reports: still throttled (429) after 3 tries"
    assert len(ads_standin.requests_made) == 3


def test_server_errors_are_retried_with_a_growing_backoff(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    ads_standin.failing_polls = 2
    waits = FakeTime()

    fetched = fetch(ads_standin, tmp_path, waits)

    assert fetched.status == "done"
    assert waits.slept[:2] == [2.0, 4.0]


def test_server_errors_without_end_fail_the_report_naming_the_call(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    ads_standin.failing_polls = 100

    fetched = fetch(ads_standin, tmp_path, server_retries=1)

    assert fetched.error == (
        f"GET /reporting/reports/{ads_standin.report_id}: HTTP 503 after 2 tries"
    )


def test_a_call_that_gets_no_answer_in_time_is_bounded(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    ads_standin.poll_delay = 0.5

    fetched = fetch(ads_standin, tmp_path, timeout=0.1, server_retries=1)

    assert fetched.error == (
        f"GET /reporting/reports/{ads_standin.report_id}: no answer (timed out) after 2 tries"
    )


def test_a_duplicate_request_follows_the_report_already_being_generated(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    """Amazon answers 425 to a request identical to one it is still generating (a retry
    after a request it had accepted), naming that report: it is the one to wait for."""
    ads_standin.duplicate = "9553f2aa-7a1e-4c1f-9d55-0e4b8e2f6c10"

    fetched = fetch(ads_standin, tmp_path)

    assert (fetched.status, fetched.report_id) == ("done", "9553f2aa-7a1e-4c1f-9d55-0e4b8e2f6c10")


def test_a_report_never_generated_is_given_up_after_the_polling_budget(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    ads_standin.statuses = ["PROCESSING"]
    waits = FakeTime()

    fetched = fetch(ads_standin, tmp_path, waits, poll_total=600)

    assert fetched.status == "failed"
    assert (
        fetched.error
        == f"report {ads_standin.report_id} was still PROCESSING after 8 minutes of waiting "
        "(at most 10 minutes); try again later"
    )
    assert sum(waits.slept) <= 600


def test_the_access_token_is_reused_until_it_expires(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    fetch(ads_standin, tmp_path)
    assert ads_standin.tokens_issued == 1  # create and three polls on one token

    ads_standin.statuses = ["PENDING"] * 40 + ["COMPLETED"]
    fetch(ads_standin, tmp_path)  # 40 polls of up to 120 s: past the token's hour
    assert ads_standin.tokens_issued == 3


def test_a_refused_refresh_token_is_an_error_that_says_what_to_do(
    ads_standin: AdsStandIn, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    access = ads_standin.access(refresh_token="Atzr|IwEBIRevokedTokenNeverEcho")

    with pytest.raises(AuditorError) as raised:
        fetch_search_terms(access, SINCE, UNTIL, tmp_path, patience=ads_patience())

    message = str(raised.value)
    assert message.startswith("the Amazon Ads API refused the refresh token (invalid_grant)")
    assert "ads_api.refresh_token" in message
    for secret in ("Atzr|IwEBIRevokedTokenNeverEcho", CLIENT_SECRET):
        assert secret not in message and secret not in caplog.text
    assert list(tmp_path.iterdir()) == []


def test_a_refused_client_secret_is_an_error_naming_the_keys(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    access = ads_standin.access(client_secret="amzn1.oa2-cs.v1.wrong-secret-never-echo")

    with pytest.raises(
        AuditorError, match=r"refused the application's credentials \(invalid_client\)"
    ) as raised:
        fetch_search_terms(access, SINCE, UNTIL, tmp_path, patience=ads_patience())

    assert "wrong-secret-never-echo" not in str(raised.value)


@pytest.mark.parametrize(
    ("since", "until", "message"),
    [
        (
            dt.date(2026, 10, 1),
            dt.date(2026, 11, 26),
            "at most 31 days at once; 2026-10-01 to 2026-11-26 is 57",
        ),
        (
            dt.date(2026, 11, 26),
            dt.date(2026, 11, 25),
            "ends (2026-11-25) before it starts (2026-11-26)",
        ),
    ],
)
def test_a_window_amazon_would_refuse_is_refused_before_asking(
    ads_standin: AdsStandIn, tmp_path: Path, since: dt.date, until: dt.date, message: str
) -> None:
    with pytest.raises(AuditorError, match=re.escape(message)):
        fetch_search_terms(ads_standin.access(), since, until, tmp_path, patience=ads_patience())
    assert ads_standin.tokens_issued == 0


def test_no_secret_reaches_the_file_the_log_the_record_or_the_access_repr(
    ads_standin: AdsStandIn, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # requests' and urllib3's records too
    ads_standin.throttled, ads_standin.failing_polls = 1, 1

    fetched = fetch(ads_standin, tmp_path)
    ads_standin.statuses = ["FAILED"]
    failed = fetch(ads_standin, tmp_path)

    seen = [caplog.text, repr(fetched), repr(failed), repr(ads_standin.access())]
    seen += [path.read_bytes().decode() for path in tmp_path.rglob("*")]
    for text in seen:
        for secret in SECRETS:
            assert secret not in text
    assert "profile_id=" in repr(ads_standin.access())  # the profile id is no secret


def test_the_download_is_sent_without_the_ads_api_headers(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    """The document's address is pre-signed: a second way of authenticating is refused
    there, and the access token has no business leaving for it."""
    fetch(ads_standin, tmp_path)

    [download] = [r for r, _ in ads_standin.server.log if r.path.startswith("/download/")]
    assert "Authorization" not in download.headers
    assert "Amazon-Advertising-API-ClientId" not in download.headers


def test_a_document_that_is_not_json_fails_the_report(
    ads_standin: AdsStandIn, tmp_path: Path
) -> None:
    ads_standin.document = b"<html>Access Denied</html>"

    fetched = fetch(ads_standin, tmp_path)

    assert fetched.status == "failed"
    assert fetched.error is not None and fetched.error.startswith("the report document is not JSON")
    assert list(tmp_path.iterdir()) == []


def test_the_served_document_is_gzip(ads_standin: AdsStandIn, tmp_path: Path) -> None:
    """The stand-in serves what Amazon does: GZIP_JSON, so the gunzipping is exercised."""
    fetched = fetch(ads_standin, tmp_path)

    [(_, response)] = [(r, s) for r, s in ads_standin.server.log if r.path.startswith("/download/")]
    assert gzip.decompress(response.get_data()) == DOCUMENT
    assert fetched.status == "done"


def test_a_retry_after_given_as_a_date_is_honoured(ads_standin: AdsStandIn, tmp_path: Path) -> None:
    when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30)
    ads_standin.throttled, ads_standin.retry_after = (
        1,
        email.utils.format_datetime(when, usegmt=True),
    )
    waits = FakeTime()

    fetched = fetch(ads_standin, tmp_path, waits)

    assert fetched.status == "done"
    assert 20 <= waits.slept[0] <= 31
