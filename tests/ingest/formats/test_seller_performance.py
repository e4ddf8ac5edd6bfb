"""The SP-API seller performance report (GET_V2_SELLER_PERFORMANCE_REPORT) read into account_metrics."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pandas as pd
import pytest
from conftest import AS_OF, DATA, SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.api import Options, audit
from auditor.ingest.formats import FORMATS
from auditor.ingest.formats.seller_performance import (
    METRICS_WRITTEN,
    SCHEMA_PATH,
    SellerPerformanceReport,
)
from auditor.ingest.probe import Probe
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult
from auditor.model.common import MARKETPLACE_IDS
from auditor.model.vocab import METRICS

FILES = DATA / "amazon" / "seller-performance"
REPORT = FILES / "seller-performance-us-de-uk.json"
SPELLINGS = FILES / "schema-example-spellings.json"
SPARSE = FILES / "missing-optional-sections.json"
TRUNCATED = FILES / "seller-performance-truncated.json"
AMAZON_SCHEMA = SHARED / "reference" / "data" / "accountHealthReport-2020-11-18.json"
NAME = "sp-api-seller-performance"


def read(path: Path, default_marketplace: str | None = None) -> FileResult:
    return read_file(path, path.name, default_marketplace)


def rows(result: FileResult, **match: Any) -> list[dict[str, Any]]:
    """The rows matching every column=value given, as plain dicts (NA as None)."""
    assert result.frame is not None
    records = [
        {
            k: None if v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v) else v
            for k, v in record.items()
        }
        for record in result.frame.to_dict("records")
    ]
    return [r for r in records if all(r[k] == v for k, v in match.items())]


def one(result: FileResult, **match: Any) -> dict[str, Any]:
    [row] = rows(result, **match)
    return row


def write_report(tmp_path: Path, data: Any, name: str = "report.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


# --- recognition -----------------------------------------------------------------------


def test_the_reader_comes_before_the_canonical_formats() -> None:
    names = [f.name for f in FORMATS]
    assert names.index(NAME) < names.index("canonical")


def test_a_report_is_recognised_by_content_whatever_its_name(tmp_path: Path) -> None:
    renamed = tmp_path / "Download 27-11 (3).txt"
    shutil.copy(REPORT, renamed)

    result = read(renamed)

    assert (result.format, result.table, result.skipped) == (NAME, "account_metrics", None)
    assert len(rows(result)) == len(rows(read(REPORT)))


def test_a_canonical_account_metrics_csv_is_not_taken_by_the_reader() -> None:
    path = DATA / "ingest" / "account-health.csv"
    probe = Probe(path, path.name, path.read_bytes())

    assert not SellerPerformanceReport().recognise(probe)
    assert read(path).format == "csv"


@pytest.mark.parametrize(
    "data",
    [
        [{"metric": "account_status", "marketplace": "US", "value_text": "NORMAL"}],
        {"account_metrics": [{"metric": "account_status", "value_text": "NORMAL"}]},
        {"payload": {"performanceMetrics": []}},
        {"reportType": "GET_V2_SELLER_PERFORMANCE_REPORT", "processingStatus": "DONE"},
    ],
    ids=["canonical-list", "canonical-object", "wrapped", "report-metadata"],
)
def test_json_that_is_not_the_report_is_not_recognised(tmp_path: Path, data: Any) -> None:
    path = write_report(tmp_path, data, "seller-performance.json")

    assert not SellerPerformanceReport().recognise(Probe(path, path.name, path.read_bytes()))
    assert read(path).format != NAME


# --- mapping ------------------------------------------------------------------------------


def test_every_metric_written_is_in_the_vocabulary() -> None:
    assert set(METRICS) >= METRICS_WRITTEN


def test_the_realistic_report_is_read_without_warnings_or_rejections() -> None:
    result = read(REPORT)

    assert result.warnings == [] and result.rejected == []
    assert {r["metric"] for r in rows(result)} == METRICS_WRITTEN
    assert {r["marketplace"] for r in rows(result)} == {"US", "DE", "UK"}
    assert result.rows_read == 3  # the three performanceMetrics (and accountStatuses) entries


def test_order_defect_rate_per_channel_with_counts_target_and_window() -> None:
    result = read(REPORT)

    de_mfn = one(result, marketplace="DE", metric="order_defect_rate", channel="mfn")
    assert de_mfn == de_mfn | {
        "value": 0.0146,
        "numerator": 6,
        "denominator": 412,
        "target_value": 0.01,
        "target_condition": "LESS_THAN",
        "window_days": 60,
        "period_start": day("2026-09-14"),
        "period_end": day("2026-11-12"),
        "_row": 2,
    }
    us_afn = one(result, marketplace="US", metric="order_defect_rate", channel="afn")
    assert (us_afn["value"], us_afn["numerator"], us_afn["denominator"]) == (0.003, 38, 12650)
    assert len(rows(result, metric="order_defect_rate")) == 6


def test_odr_components_are_rates_of_their_own_without_a_target() -> None:
    result = read(REPORT)

    for metric, count in [
        ("negative_feedback_rate", 3),
        ("a_to_z_claim_rate", 2),
        ("chargeback_rate", 1),
    ]:
        row = one(result, marketplace="DE", metric=metric, channel="mfn")
        assert row["value"] == pytest.approx(count / 412)
        assert (row["numerator"], row["denominator"]) == (count, 412)
        assert (row["target_value"], row["target_condition"]) == (None, None)
        assert (row["window_days"], row["period_end"]) == (60, day("2026-11-12"))


def test_components_of_an_odr_without_orders_have_no_value() -> None:
    result = read(SPELLINGS)

    assert one(result, marketplace="CA", metric="order_defect_rate", channel="afn")["value"] == 0
    chargebacks = one(result, marketplace="CA", metric="chargeback_rate", channel="afn")
    assert (chargebacks["value"], chargebacks["numerator"], chargebacks["denominator"]) == (
        None,
        0,
        0,
    )


def test_late_shipment_rate_has_a_row_per_window_of_lateShipmentRateList() -> None:
    result = read(REPORT)

    late = rows(result, marketplace="DE", metric="late_shipment_rate")
    by_window = {r["window_days"]: r for r in late}
    assert sorted(by_window) == [10, 30]  # the list's 30-day entry repeats lateShipmentRate
    assert by_window[10] == by_window[10] | {
        "value": 0.0458,
        "numerator": 6,
        "denominator": 131,
        "channel": "mfn",
        "target_value": 0.04,
        "period_start": day("2026-11-17"),
    }
    assert (by_window[30]["value"], by_window[30]["numerator"]) == (0.0276, 11)


def test_a_late_shipment_window_without_dates_is_read_without_a_window(tmp_path: Path) -> None:
    entry = {
        "marketplaceId": "A1PA6795UKMFR9",
        "lateShipmentRateList": [
            {"rate": 0, "status": "GOOD", "targetValue": 0.04, "targetCondition": "LESS_THAN"}
        ],
    }
    result = read(write_report(tmp_path, {"accountStatuses": [], "performanceMetrics": [entry]}))

    row = one(result, metric="late_shipment_rate")
    assert (row["value"], row["window_days"], row["target_value"]) == (0, None, 0.04)
    assert result.warnings == []


@pytest.mark.parametrize(
    ("metric", "market", "value", "numerator", "denominator", "target", "condition", "window"),
    [
        ("pre_fulfillment_cancel_rate", "DE", 0.0206, 2, 97, 0.025, "LESS_THAN", 7),
        ("valid_tracking_rate", "UK", 0.992, 493, 497, 0.95, "GREATER_THAN", 30),
        ("on_time_delivery_rate", "DE", 0.9488, 352, 371, 0.97, "GREATER_THAN", 30),
        ("unit_on_time_delivery_rate", "US", 0.9643, 2131, 2210, 0.9, "GREATER_THAN", 14),
        ("invoice_defect_rate", "DE", 0.0256, 31, 1210, 0.05, "LESS_THAN", 7),
    ],
)
def test_rates_keep_amazons_rate_counts_and_target(
    metric: str,
    market: str,
    value: float,
    numerator: int,
    denominator: int,
    target: float,
    condition: str,
    window: int,
) -> None:
    row = one(read(REPORT), marketplace=market, metric=metric)

    assert (row["value"], row["numerator"], row["denominator"]) == (value, numerator, denominator)
    assert (row["target_value"], row["target_condition"], row["window_days"]) == (
        target,
        condition,
        window,
    )
    assert row["channel"] == (None if metric == "invoice_defect_rate" else "mfn")


def test_metrics_absent_from_an_entry_give_no_rows() -> None:
    result = read(REPORT)

    assert [r["marketplace"] for r in rows(result, metric="unit_on_time_delivery_rate")] == ["US"]
    assert {r["marketplace"] for r in rows(result, metric="invoice_defect_rate")} == {"DE", "UK"}


def test_invoice_defects_are_split_into_missing_and_late_invoices() -> None:
    result = read(REPORT)

    total = one(result, marketplace="DE", metric="invoice_defect_rate")
    missing = one(result, marketplace="DE", metric="missing_invoice_rate")
    late = one(result, marketplace="DE", metric="late_invoice_rate")
    assert (missing["numerator"], late["numerator"]) == (22, 9)  # of invoiceDefect.count 31
    assert missing["numerator"] + late["numerator"] == total["numerator"]
    for part, count in [(missing, 22), (late, 9)]:
        assert part["value"] == pytest.approx(count / 1210)
        assert part["denominator"] == 1210
        assert (part["channel"], part["target_value"], part["target_condition"]) == (None,) * 3
        assert (part["window_days"], part["period_end"]) == (7, day("2026-11-26"))
        assert part["amazon_status"] == "NONE"


@pytest.mark.parametrize(
    ("match", "status"),
    [
        ({"marketplace": "DE", "metric": "order_defect_rate", "channel": "mfn"}, "BAD"),
        ({"marketplace": "DE", "metric": "late_shipment_rate", "window_days": 10}, "BAD"),
        ({"marketplace": "DE", "metric": "late_shipment_rate", "window_days": 30}, "GOOD"),
        ({"marketplace": "US", "metric": "valid_tracking_rate"}, "GOOD"),
        ({"marketplace": "DE", "metric": "a_to_z_claim_rate", "channel": "mfn"}, "NONE"),
        ({"marketplace": "US", "metric": "ip_complaints"}, "BAD"),
        ({"marketplace": "DE", "metric": "listing_policy_violations"}, "BAD"),
        ({"marketplace": "UK", "metric": "open_document_requests"}, "GOOD"),
        ({"marketplace": "DE", "metric": "policy_warnings"}, None),
        ({"marketplace": "DE", "metric": "account_health_rating"}, None),
        ({"marketplace": "DE", "metric": "account_status"}, None),
    ],
)
def test_amazons_own_status_of_a_metric_is_kept(match: dict[str, Any], status: str | None) -> None:
    assert one(read(REPORT), **match)["amazon_status"] == status


def test_account_health_rating_score_and_status() -> None:
    result = read(REPORT)

    us = one(result, marketplace="US", metric="account_health_rating")
    assert (us["value"], us["window_days"], us["period_start"]) == (428, 180, day("2026-05-31"))
    de = one(result, marketplace="DE", metric="account_health_rating")
    assert (de["value"], de["window_days"]) == (236, 180)  # no dateOffset: counted from the dates
    status = one(result, marketplace="DE", metric="account_health_rating_status")
    assert (status["value_text"], status["value"], status["window_days"]) == ("WARNED", None, 180)


def test_policy_violations_are_counts_against_a_target_of_zero() -> None:
    result = read(REPORT)

    counts = {
        (r["marketplace"], r["metric"]): r["value"]
        for r in rows(result)
        if r["target_condition"] == "EQUALS"
    }
    assert counts[("US", "ip_complaints")] == 1
    assert counts[("DE", "listing_policy_violations")] == 2
    assert counts[("UK", "review_policy_violations")] == 0
    assert len(counts) == 3 * 11
    row = one(result, marketplace="DE", metric="open_document_requests")
    assert (row["target_value"], row["window_days"], row["numerator"]) == (0, 180, None)
    warnings = one(result, marketplace="DE", metric="policy_warnings")
    assert (warnings["value"], warnings["window_days"], warnings["target_value"]) == (1, 180, None)


def test_warning_states_and_account_statuses_are_text_values() -> None:
    result = read(REPORT)

    state = one(result, metric="warning_state")
    assert (state["marketplace"], state["subject"], state["value_text"], state["_row"]) == (
        "DE",
        "spammingSellerMessaging",
        "BAD",
        2,
    )
    statuses = {
        r["marketplace"]: (r["value_text"], r["_row"])
        for r in rows(result, metric="account_status")
    }
    assert statuses == {"US": ("NORMAL", 1), "DE": ("AT_RISK", 2), "UK": ("NORMAL", 3)}


def test_rows_are_numbered_by_their_entry() -> None:
    result = read(REPORT)

    assert {r["_row"] for r in rows(result, marketplace="UK")} == {3}
    assert {r["_row"] for r in rows(result, marketplace="US")} == {1}


def test_every_amazon_marketplace_id_becomes_its_country_code(tmp_path: Path) -> None:
    statuses = [{"marketplaceId": mid, "status": "NORMAL"} for mid in MARKETPLACE_IDS.values()]
    path = write_report(tmp_path, {"accountStatuses": statuses, "performanceMetrics": []})

    result = read(path)

    assert [r["marketplace"] for r in rows(result)] == list(MARKETPLACE_IDS)
    assert result.rejected == []


def test_optional_sections_can_be_missing_without_a_warning() -> None:
    result = read(SPARSE)

    assert (result.format, result.warnings, result.rejected) == (NAME, [], [])
    assert {r["metric"] for r in rows(result)} == {
        "order_defect_rate",
        "negative_feedback_rate",
        "a_to_z_claim_rate",
        "chargeback_rate",
        "late_shipment_rate",
        "account_health_rating_status",
        "account_status",
    }
    assert {r["marketplace"] for r in rows(result)} == {"JP"}


# --- Amazon's inconsistencies and other deviations ---------------------------------------


def test_the_schema_example_spellings_are_read_with_warnings() -> None:
    result = read(SPELLINGS)

    us = "performanceMetrics #1 (US): "
    assert result.warnings == [
        us + "prefulfillmentCancelRate read as preFulfillmentCancellationRate "
        "(a spelling of Amazon's schema example)",
        us + "warningState read as warningStates (a spelling of Amazon's schema example)",
        us + "documentRequest read as documentRequests (a spelling of Amazon's schema example)",
        us + "orderDefectRate.afn says fulfillmentType 'mfn'; read as afn, its key",
        us + "validTrackingRate: validTrackingCount 2012 is more than shipmentCount 1980; "
        "Amazon's rate 0.9841 is read as reported",
        us + "documentRequests: reportingDateRange ends before it starts "
        "(2026-11-28 to 2026-11-26); no window",
        "performanceMetrics #2 (CA): warningState read as warningStates "
        "(a spelling of Amazon's schema example)",
        "performanceMetrics #2 (CA): accountHealthRating: accountHealthRatingStatus read as "
        "ahrStatus (Amazon's schema declares one and requires the other)",
    ]
    assert result.rejected == []
    assert one(result, marketplace="US", metric="pre_fulfillment_cancel_rate")["value"] == 0.0086
    assert one(result, marketplace="US", metric="warning_state")["value_text"] == "BAD"
    assert (
        one(result, marketplace="US", metric="order_defect_rate", channel="afn")["value"] == 0.0022
    )
    requests = one(result, marketplace="US", metric="open_document_requests")
    assert (requests["value"], requests["window_days"], requests["period_start"]) == (
        1,
        None,
        day("2026-11-28"),
    )
    assert one(result, marketplace="CA", metric="account_health_rating_status")["value_text"] == (
        "GREAT"
    )
    assert one(result, marketplace="MX", metric="account_status")["value_text"] == "SUSPENDED"
    us_ahr = one(result, marketplace="US", metric="account_health_rating_status")
    assert us_ahr["window_days"] == 181  # dateOffset.duration


def test_both_spellings_at_once_read_the_documented_one(tmp_path: Path) -> None:
    states = [{"warningType": "spammingSellerMessaging", "status": "GOOD"}]
    entry = {
        "marketplaceId": "ATVPDKIKX0DER",
        "warningStates": states,
        "warningState": [{"warningType": "spammingSellerMessaging", "status": "BAD"}],
    }
    result = read(write_report(tmp_path, {"accountStatuses": [], "performanceMetrics": [entry]}))

    assert one(result, metric="warning_state")["value_text"] == "GOOD"
    assert result.warnings == [
        "performanceMetrics #1 (US): both warningStates and warningState; warningState is ignored"
    ]


def test_schema_deviations_are_warnings_and_bad_values_reject_their_row(tmp_path: Path) -> None:
    data = json.loads(SPARSE.read_text(encoding="utf-8"))
    entry = data["performanceMetrics"][0]
    entry["lateShipmentRate"]["rate"] = "n/a"
    entry["accountHealthRating"]["ahrStatus"] = "EXCELLENT"
    entry["accountHealthRating"]["ahrScore"] = "unknown"
    del entry["orderDefectRate"]["afn"]["claims"]
    data["accountStatuses"][0]["status"] = "UNDER_REVIEW"

    result = read(write_report(tmp_path, data))

    jp = "performanceMetrics #1 (JP): "
    assert result.warnings == [
        "accountStatuses #1 (JP): status: 'UNDER_REVIEW' is not one of "
        "['NORMAL', 'AT_RISK', 'DEACTIVATED', 'SUSPENDED']",
        jp + "accountHealthRating.ahrScore: 'unknown' is not of type 'number'",
        jp + "accountHealthRating.ahrStatus: 'EXCELLENT' is not one of ['GREAT', 'WARNED']",
        jp + "lateShipmentRate.rate: 'n/a' is not of type 'number'",
        jp + "orderDefectRate.afn: 'claims' is a required property",
    ]
    assert [(r.row, r.column, r.reason) for r in result.rejected] == [
        (1, "value", "'n/a' is not a number (use a point as the decimal separator)"),
        (1, "value", "'unknown' is not a number (use a point as the decimal separator)"),
    ]
    assert one(result, metric="account_status")["value_text"] == "UNDER_REVIEW"
    assert one(result, metric="account_health_rating_status")["value_text"] == "EXCELLENT"
    assert rows(result, metric="a_to_z_claim_rate", channel="afn") == []
    assert len(rows(result, metric="chargeback_rate")) == 2


def test_an_entry_without_marketplace_takes_the_default_or_is_rejected(tmp_path: Path) -> None:
    entry = {"warningStates": [{"warningType": "spammingSellerMessaging", "status": "NONE"}]}
    path = write_report(tmp_path, {"accountStatuses": [], "performanceMetrics": [entry]})

    assert one(read(path, "UK"), metric="warning_state")["marketplace"] == "UK"
    result = read(path)
    assert "performanceMetrics #1: 'marketplaceId' is a required property" in result.warnings
    assert [(r.row, r.column) for r in result.rejected] == [(1, "marketplace")]


def test_fields_the_reader_does_not_know_are_named(tmp_path: Path) -> None:
    data = json.loads(SPARSE.read_text(encoding="utf-8"))
    data["performanceMetrics"][0]["returnDissatisfactionRate"] = {"rate": 0.02}
    data["reportVersion"] = "2024-01"

    result = read(write_report(tmp_path, data))

    assert "report: fields not used: reportVersion" in result.warnings
    assert (
        "performanceMetrics #1 (JP): fields not used: returnDissatisfactionRate" in result.warnings
    )
    assert result.unmapped == ["reportVersion", "returnDissatisfactionRate"]


def test_a_truncated_report_is_skipped_saying_where_it_breaks() -> None:
    result = read(TRUNCATED)

    assert result.frame is None and result.format is None
    assert result.skipped is not None
    assert result.skipped.startswith(
        "a seller performance report that is damaged or cut short: not valid JSON"
    )
    assert "line 112" in result.skipped


def test_a_report_with_no_entries_is_skipped_with_a_reason(tmp_path: Path) -> None:
    result = read(write_report(tmp_path, {"accountStatuses": [], "performanceMetrics": []}))

    assert result.skipped is not None and "hold no entries" in result.skipped


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    children = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    for key, child in children:
        found += _paths(child, (*prefix, key))
    return found


_SPARSE_DATA = json.loads(SPARSE.read_text(encoding="utf-8"))
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 10**6)
    | st.floats(allow_nan=False)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(_paths(_SPARSE_DATA)), _JSON), min_size=1, max_size=4
    )
)
def test_no_damage_to_a_report_makes_the_reader_crash(
    tmp_path: Path, changes: list[tuple[tuple[Any, ...], Any]]
) -> None:
    data = copy.deepcopy(_SPARSE_DATA)
    for path, value in changes:
        target = data
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path

    result = read(write_report(tmp_path, data))

    assert result.skipped is not None or result.format == NAME


# --- our schema -------------------------------------------------------------------------------


def test_our_schema_is_a_valid_2020_12_schema_and_takes_the_fixtures() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    for path in (REPORT, SPELLINGS, SPARSE):
        assert list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))) == []


# --- end to end ----------------------------------------------------------------------------


def test_audit_of_a_folder_fails_odr_and_account_status_where_they_are_bad(tmp_path: Path) -> None:
    folder = tmp_path / "account-health"
    folder.mkdir()
    shutil.copy(REPORT, folder / "GET_V2_SELLER_PERFORMANCE_REPORT.json")
    shutil.copy(TRUNCATED, folder / "yesterday.json")
    shutil.copy(SPELLINGS, folder / "north-america.json")

    report = audit([folder], Options(as_of=AS_OF)).report

    def failing(rule_id: str) -> set[tuple[str, str | None]]:
        return {
            (f["entity"]["marketplace"], f["entity"]["channel"])
            for f in report["findings"]
            if f["rule_id"] == rule_id and f["outcome"] == "fail"
        }

    assert failing("HLT-001") == {("DE", "mfn")}
    assert failing("HLT-007") == {("DE", None), ("MX", None)}
    odr = next(f for f in report["findings"] if f["rule_id"] == "HLT-001")
    assert odr["evidence"]["numerator"] == 6 and odr["evidence"]["denominator"] == 412
    inputs = {Path(i["path"]).name: i for i in report["run"]["inputs"]}
    assert inputs["yesterday.json"]["skipped"].startswith("a seller performance report")
    assert inputs["GET_V2_SELLER_PERFORMANCE_REPORT.json"]["format"] == NAME


# --- Amazon's own example ------------------------------------------------------------------


def test_the_example_of_amazons_schema_is_read(tmp_path: Path) -> None:
    if not AMAZON_SCHEMA.exists():
        pytest.skip(f"Amazon's schema is not at {AMAZON_SCHEMA} (kept outside the repository)")
    [example] = json.loads(AMAZON_SCHEMA.read_text(encoding="utf-8"))["examples"]

    result = read(write_report(tmp_path, example, "example.json"))

    assert (result.format, result.rejected) == (NAME, [])
    assert {r["marketplace"]: r["value_text"] for r in rows(result, metric="account_status")} == {
        "US": "AT_RISK",
        "CA": "NORMAL",
        "MX": "SUSPENDED",
    }
    odr = one(result, metric="order_defect_rate", channel="mfn")
    assert (odr["value"], odr["numerator"], odr["denominator"], odr["window_days"]) == (
        0.009,
        1078,
        539000,
        60,
    )
    assert one(result, metric="late_shipment_rate")["window_days"] == 30
    assert one(result, metric="pre_fulfillment_cancel_rate")["value"] == 0.005
    assert one(result, metric="account_health_rating_status")["value_text"] == "WARNED"
    assert one(result, metric="warning_state")["subject"] == "spammingSellerMessaging"
    assert one(result, metric="open_document_requests")["window_days"] is None
    assert rows(result, metric="account_health_rating") == []  # the schema has no ahrScore
    spelled = {
        w.split(": ")[1].split(" read as ")[0] for w in result.warnings if "(a spelling of" in w
    }
    assert spelled == {"prefulfillmentCancelRate", "warningState", "documentRequest"}
    assert any("fulfillmentType 'mfn'; read as afn" in w for w in result.warnings)
    assert any(
        "validTrackingCount 896462 is more than shipmentCount 878443" in w for w in result.warnings
    )
    assert any(
        "documentRequests: reportingDateRange ends before it starts" in w for w in result.warnings
    )
    assert dt.date(2020, 11, 19) == one(result, metric="ip_complaints")["period_end"].date()


def test_an_entry_giving_a_rate_twice_is_rejected_and_the_other_entries_read(tmp_path: Path):
    """Two `rate`s in the US entry's order defect rate: neither is taken."""
    text = REPORT.read_text(encoding="utf-8").replace(
        '"rate": 0.0049,', '"rate": 0.0049,\n          "rate": 0.0012,', 1
    )
    path = tmp_path / "GET_V2_SELLER_PERFORMANCE_REPORT.json"
    path.write_text(text, encoding="utf-8")
    original = read(REPORT)

    result = read(path)

    assert [r.as_dict() for r in result.rejected] == [
        {
            "row": 1,
            "column": None,
            "reason": "performanceMetrics #1: the key rate appears more than once in one "
            "object, so which value is meant is unclear",
        }
    ]
    # accountStatuses are numbered apart: the first one is still read.
    first_entry = [r for r in rows(result) if r["_row"] == 1]
    assert [r["metric"] for r in first_entry] == ["account_status"]
    kept = original.frame[
        (original.frame["_row"] != 1) | (original.frame["metric"] == "account_status")
    ]
    assert len(result.frame) == len(kept)


def test_a_report_with_two_lists_of_metrics_is_skipped_saying_so(tmp_path: Path):
    text = REPORT.read_text(encoding="utf-8").replace(
        '"performanceMetrics": [', '"performanceMetrics": [],\n  "performanceMetrics": [', 1
    )
    path = tmp_path / "report.json"
    path.write_text(text, encoding="utf-8")

    assert read(path).skipped == (
        "the key performanceMetrics appears more than once: which list is meant is unclear"
    )
