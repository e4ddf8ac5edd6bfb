"""The report lifecycle against the stand-in: requested, polled, downloaded, written."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from auditor.fetch.batch import fetch_reports
from auditor.fetch.patience import Patience
from auditor.ingest.read import read_file
from tests.fetch.conftest import FakeTime
from tests.fetch.documents import (
    ALL_LISTINGS_DE,
    ALL_LISTINGS_JP,
    FATAL_DOCUMENT,
    PERFORMANCE,
    SALES_TRAFFIC,
)
from tests.fetch.standin import SpApiStandIn, StoredReport

DE, JP = "A1PA6795UKMFR9", "A1VC38T7YXB528"
TODAY = date(2026, 11, 27)


def fetch(
    standin: SpApiStandIn,
    patience: Patience,
    folder: Path,
    names: list[str],
    marketplaces=("DE",),
    **kw,
):
    return fetch_reports(
        standin.access(), "A1EXAMPLESELLER", list(marketplaces), names, None, None, folder,
        patience=patience, today=TODAY, **kw,
    )  # fmt: skip


def test_a_done_report_is_written_as_amazon_sent_it(sp_api_standin, patience, tmp_path) -> None:
    sp_api_standin.add_report("GET_V2_SELLER_PERFORMANCE_REPORT", DE, StoredReport(PERFORMANCE))
    sp_api_standin.add_report(
        "GET_MERCHANT_LISTINGS_ALL_DATA", DE, StoredReport(ALL_LISTINGS_DE, charset="Cp1252")
    )

    performance, listings = fetch(
        sp_api_standin, patience, tmp_path, ["performance", "all-listings"]
    )

    assert (performance.status, performance.report_type, performance.marketplace) == (
        "done", "GET_V2_SELLER_PERFORMANCE_REPORT", "DE",
    )  # fmt: skip
    assert performance.path == tmp_path / "performance-DE.json"
    assert performance.path.read_bytes() == PERFORMANCE
    assert performance.sha256 == hashlib.sha256(PERFORMANCE).hexdigest()
    assert performance.report_id and performance.completed_at and performance.requested_at
    assert (
        listings.path is not None and listings.path.read_bytes() == ALL_LISTINGS_DE
    )  # gunzipped, not re-encoded
    assert listings.charset == "cp1252"
    assert sp_api_standin.calls["getReport"] >= 3  # IN_QUEUE, IN_PROGRESS, DONE
    read = read_file(listings.path, listings.path.name, "DE")
    assert read.skipped is None and read.rows_read == 2


def test_a_shift_jis_document_keeps_its_bytes_and_says_its_charset(
    sp_api_standin, patience, tmp_path
) -> None:
    sp_api_standin.add_report(
        "GET_MERCHANT_LISTINGS_ALL_DATA", JP, StoredReport(ALL_LISTINGS_JP, charset="Shift_JIS")
    )
    [fetched] = fetch(sp_api_standin, patience, tmp_path, ["all-listings"], marketplaces=["JP"])
    assert fetched.path is not None and fetched.path.read_bytes() == ALL_LISTINGS_JP
    assert fetched.charset == "shift_jis"
    assert "ステンレス" in fetched.path.read_bytes().decode(fetched.charset)


def test_windows_default_to_the_days_before_today(sp_api_standin, patience, tmp_path) -> None:
    sp_api_standin.add_report(
        "GET_SALES_AND_TRAFFIC_REPORT", DE, StoredReport(SALES_TRAFFIC, gzipped=False)
    )
    fetched = fetch(
        sp_api_standin, patience, tmp_path, ["sales-traffic", "feedback", "performance"]
    )
    sales, feedback, performance = sp_api_standin.created
    assert (sales["dataStartTime"], sales["dataEndTime"]) == (
        "2026-10-28T00:00:00Z",
        "2026-11-26T23:59:59Z",
    )
    assert feedback["dataStartTime"] == "2026-08-29T00:00:00Z"
    assert "dataStartTime" not in performance and "dataEndTime" not in performance
    assert sales["marketplaceIds"] == [DE] and sales["reportType"] == "GET_SALES_AND_TRAFFIC_REPORT"
    # Amazon's default granularity (PARENT) names no child ASIN: the audit needs SKU rows.
    assert sales["reportOptions"] == {"asinGranularity": "SKU"}
    assert "reportOptions" not in feedback and "reportOptions" not in performance
    assert (
        fetched[0].path is not None and fetched[0].path.read_bytes() == SALES_TRAFFIC
    )  # not compressed
    assert fetched[0].charset == "utf-8"
    read = read_file(fetched[0].path, fetched[0].path.name, "DE")
    assert (read.format, read.skipped) == ("sp-api-sales-traffic", None)


def test_since_and_until_bound_the_window(sp_api_standin, patience, tmp_path) -> None:
    fetch_reports(
        sp_api_standin.access(), "A1EXAMPLESELLER", ["DE"], ["returns"], date(2026, 1, 1), date(2026, 1, 31),
        tmp_path, patience=patience, today=TODAY,
    )  # fmt: skip
    [returns] = sp_api_standin.created
    assert (returns["dataStartTime"], returns["dataEndTime"]) == (
        "2026-01-01T00:00:00Z",
        "2026-01-31T23:59:59Z",
    )


def test_cancelled_means_no_data_and_is_no_error(sp_api_standin, patience, tmp_path) -> None:
    [feedback] = fetch(sp_api_standin, patience, tmp_path, ["feedback"])  # the store has none
    assert (feedback.status, feedback.path, feedback.error) == ("cancelled", None, None)
    assert list(tmp_path.iterdir()) == []


def test_a_fatal_report_fails_with_its_error_document_and_the_others_are_written(
    sp_api_standin, patience, tmp_path
) -> None:
    fatal = StoredReport(b"", statuses=("IN_QUEUE", "FATAL"), error_document=FATAL_DOCUMENT)
    sp_api_standin.add_report("GET_FBA_INVENTORY_PLANNING_DATA", DE, fatal)
    sp_api_standin.add_report("GET_V2_SELLER_PERFORMANCE_REPORT", DE, StoredReport(PERFORMANCE))

    inventory, performance = fetch(
        sp_api_standin, patience, tmp_path, ["fba-inventory", "performance"]
    )

    assert inventory.status == "failed" and inventory.path is None
    assert inventory.error is not None and "FATAL" in inventory.error
    assert "not registered for FBA in this marketplace" in inventory.error
    assert performance.status == "done"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["performance-DE.json"]


def test_a_fatal_report_without_a_document_still_fails(sp_api_standin, patience, tmp_path) -> None:
    sp_api_standin.add_report(
        "GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA", DE, StoredReport(b"", statuses=("FATAL",))
    )
    [fees] = fetch(sp_api_standin, patience, tmp_path, ["fba-fees"])
    assert fees.status == "failed" and fees.error == "Amazon could not make the report (FATAL)"


def test_polling_backs_off_and_gives_up_after_its_total_time(
    sp_api_standin, fake_time: FakeTime, tmp_path
) -> None:
    patience = Patience(
        poll_first=5, poll_longest=60, poll_total=600, sleep=fake_time.sleep, clock=fake_time.clock
    )
    sp_api_standin.add_report(
        "GET_V2_SELLER_PERFORMANCE_REPORT", DE, StoredReport(PERFORMANCE, statuses=("IN_PROGRESS",))
    )
    [performance] = fetch(sp_api_standin, patience, tmp_path, ["performance"])
    assert performance.status == "failed"
    assert performance.error == (
        f"report {performance.report_id} was still IN_PROGRESS after 10 minutes of waiting "
        "(at most 10 minutes); try again later"
    )
    assert fake_time.slept[:3] == [5, 7.5, 11.25] and max(fake_time.slept) == 60
    assert sum(fake_time.slept) <= 600


def test_a_throttled_create_is_paced_by_the_rate_limit_and_retried(
    sp_api_standin, patience, fake_time, tmp_path
) -> None:
    sp_api_standin.add_report("GET_V2_SELLER_PERFORMANCE_REPORT", DE, StoredReport(PERFORMANCE))
    sp_api_standin.throttle("createReport", times=2, limit="0.0167")
    [performance] = fetch(sp_api_standin, patience, tmp_path, ["performance"])
    assert performance.status == "done"
    assert sp_api_standin.calls["createReport"] == 3
    assert fake_time.slept[:2] == [1 / 0.0167, 1 / 0.0167]  # a minute, as createReport's rate says


def test_transient_server_errors_are_retried_then_named(sp_api_standin, patience, tmp_path) -> None:
    sp_api_standin.add_report("GET_V2_SELLER_PERFORMANCE_REPORT", DE, StoredReport(PERFORMANCE))
    sp_api_standin.add_report("GET_MERCHANT_LISTINGS_ALL_DATA", DE, StoredReport(ALL_LISTINGS_DE))
    sp_api_standin.fail("getReportDocument", 503, times=2)  # the first report's document: retried
    sp_api_standin.fail("document", 500, times=2)
    performance, listings = fetch(
        sp_api_standin, patience, tmp_path, ["performance", "all-listings"]
    )
    assert performance.status == listings.status == "done"

    sp_api_standin.fail("getReport", 503, times=10)
    [again] = fetch(sp_api_standin, patience, tmp_path / "again", ["performance"])
    assert again.status == "failed"
    assert again.error == (
        "getReport answered HTTP 503: InternalFailure: We encountered an internal error. Please try again."
    )
    assert sp_api_standin.calls["getReport"] >= 4


def test_a_call_that_gets_no_answer_in_time_is_retried_then_fails(
    sp_api_standin, fake_time, tmp_path
) -> None:
    patience = Patience(timeout=0.3, server_retries=1, sleep=fake_time.sleep, clock=fake_time.clock)
    sp_api_standin.add_report("GET_V2_SELLER_PERFORMANCE_REPORT", DE, StoredReport(PERFORMANCE))
    sp_api_standin.stall("document", 1.0, times=2)
    [performance] = fetch(sp_api_standin, patience, tmp_path, ["performance"])
    assert performance.status == "failed"
    assert performance.error is not None and "no answer" in performance.error


def test_an_api_operation_that_gets_no_answer_in_time_is_bounded_too(
    sp_api_standin, fake_time, tmp_path
) -> None:
    """The SDK's operations carry the timeout as well as the download: it takes a lone
    number as a timeout only when it is an int, so they get a (connect, read) pair."""
    patience = Patience(timeout=0.3, server_retries=1, sleep=fake_time.sleep, clock=fake_time.clock)
    sp_api_standin.add_report("GET_V2_SELLER_PERFORMANCE_REPORT", DE, StoredReport(PERFORMANCE))
    sp_api_standin.stall("getReport", 1.0, times=2)
    [performance] = fetch(sp_api_standin, patience, tmp_path, ["performance"])
    assert performance.status == "failed"
    assert performance.error is not None and performance.error.startswith("getReport: no answer")
