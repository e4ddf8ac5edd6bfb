"""SP-API `GET_V2_SELLER_PERFORMANCE_REPORT` (Account Health, JSON) -> `account_metrics`.

Recognised by content: a JSON object with `performanceMetrics` and/or
`accountStatuses`; a damaged (truncated) file is recognised by those keys in its
text and skipped saying where it breaks. The report is validated against our own
schema, `schemas/seller_performance.schema.json`, written from Amazon's published
one and tolerant of its known inconsistencies; each deviation is a warning, never
a reason to drop the file. Bad values are left to the common coercion, which
rejects their rows with the reason.

One row per metric, marketplace (the entry's `marketplaceId`, which the coercion
maps to its country code), channel and window:

* rates (`RATES`): value = Amazon's `rate` as reported (a fraction; never
  recomputed, since Amazon's own example has more valid-tracking shipments than
  shipments), numerator/denominator = the counts behind it, `targetValue` and
  `targetCondition` kept as target_value/target_condition. `orderDefectRate` gives
  a row per `mfn`/`afn` key (the key is the channel, whatever `fulfillmentType`
  says) plus its components (`ODR_COMPONENTS`) as rates of their own: value =
  count / orderCount (blank without orders), no target. `invoiceDefectRate` is
  split the same way into its missing and late invoices (`INVOICE_COMPONENTS`). Every
  `lateShipmentRateList` entry is a late_shipment_rate row of its own window (one
  identical to another row of the entry is read once). The seller-fulfilled
  metrics carry channel mfn (amazon-policies.md §1.1); the invoice defect rate
  carries none.
* policy violations (`VIOLATIONS`): value = `defectsCount`;
  `policyViolationWarnings`: policy_warnings, value = `warningsCount`.
* Amazon's own verdict on a metric, the `status` (GOOD, BAD or NONE) of a rate, of
  a component's `{count, status}` or of a policy-violation object, is kept as
  amazon_status: evidence beside Amazon's target, never an outcome of ours.
* `accountHealthRating`: account_health_rating = `ahrScore` (when present) and
  account_health_rating_status, value_text = `ahrStatus` (or
  `accountHealthRatingStatus`, the name Amazon's schema declares).
* `warningStates[]`: warning_state, subject = `warningType`, value_text = `status`.
* `accountStatuses[]`: account_status, value_text = `status`.

Periods: period_start/period_end are the calendar dates of `reportingDateFrom`
and `reportingDateTo` as written (Amazon states them in UTC). window_days is
`reportingDateRange.dateOffset.duration` when given, else the days from the first
date to the last, both included: 2020-10-21T00:00Z to 2020-11-19T23:59Z is 30.
A range that ends before it starts (Amazon's own example has one) keeps its dates,
gets no window, and a warning.

Row numbers: a row's number is the 1-based position, in `performanceMetrics`, of
the entry it came from; account_status rows are numbered by their position in
`accountStatuses`. Warnings name entries the same way (`performanceMetrics #2 (DE)`).

Not mapped: `orderWithDefects.status` and `invoiceDefect.status` (the status of the
count the row's own `status` already judges).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    import jsonschema

from auditor.ingest.coerce import cell_text
from auditor.ingest.formats.base import Ambiguous, Extracted, recognise_json_report
from auditor.ingest.probe import Probe, repeated_reason
from auditor.ingest.result import Rejected
from auditor.model.common import normalise_marketplace
from auditor.model.tables import TABLES

SCHEMA_PATH = Path(__file__).parent / "schemas" / "seller_performance.schema.json"
SECTIONS = ("performanceMetrics", "accountStatuses")
_DAMAGED_REPORT = re.compile(r'"(?:performanceMetrics|accountStatuses)"\s*:\s*\[')
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Schema deviations listed per file; more are counted, not listed.
MAX_SCHEMA_WARNINGS = 20


@dataclass(frozen=True)
class Rate:
    """A rate object of a performanceMetrics entry and where its counts are."""

    metric: str
    numerator: str  # a key of the object, or "key.count"
    denominator: str
    channel: str | None = "mfn"
    #: Component `{count, status}` objects -> their own rate metric (count / denominator).
    parts: dict[str, str] = field(default_factory=dict)


#: ODR component -> its own rate metric (value = count / orderCount).
ODR_COMPONENTS = {
    "negativeFeedback": "negative_feedback_rate",
    "claims": "a_to_z_claim_rate",
    "chargebacks": "chargeback_rate",
}
#: Invoice defect component -> its own rate metric (value = count / orderCount).
INVOICE_COMPONENTS = {
    "missingInvoice": "missing_invoice_rate",
    "lateInvoice": "late_invoice_rate",
}


#: JSON key -> rate metric (orderDefectRate is nested per channel: ODR).
RATES = {
    "lateShipmentRate": Rate("late_shipment_rate", "lateShipmentCount", "orderCount"),
    "preFulfillmentCancellationRate": Rate(
        "pre_fulfillment_cancel_rate", "cancellationCount", "orderCount"
    ),
    "validTrackingRate": Rate("valid_tracking_rate", "validTrackingCount", "shipmentCount"),
    "onTimeDeliveryRate": Rate(
        "on_time_delivery_rate", "onTimeDeliveryCount", "shipmentCountWithValidTracking"
    ),
    "unitOnTimeDeliveryRate": Rate(
        "unit_on_time_delivery_rate", "unitOnTimeDeliveryCount", "totalUnitCount"
    ),
    "invoiceDefectRate": Rate(
        "invoice_defect_rate", "invoiceDefect.count", "orderCount", None, INVOICE_COMPONENTS
    ),
}
ODR = {
    channel: Rate(
        "order_defect_rate", "orderWithDefects.count", "orderCount", channel, ODR_COMPONENTS
    )
    for channel in ("mfn", "afn")
}
#: Listing-level violation objects -> count metric (value = defectsCount).
VIOLATIONS = {
    "receivedIntellectualPropertyComplaints": "ip_complaints",
    "suspectedIntellectualPropertyViolations": "suspected_ip_violations",
    "productAuthenticityCustomerComplaints": "authenticity_complaints",
    "productConditionCustomerComplaints": "product_condition_complaints",
    "productSafetyCustomerComplaints": "product_safety_complaints",
    "foodAndProductSafetyIssues": "food_safety_issues",
    "listingPolicyViolations": "listing_policy_violations",
    "restrictedProductPolicyViolations": "restricted_product_violations",
    "customerProductReviewsPolicyViolations": "review_policy_violations",
    "otherPolicyViolations": "other_policy_violations",
    "documentRequests": "open_document_requests",
}
#: Spellings of Amazon's schema example -> the key its `required` list documents.
ALIASES = {
    "prefulfillmentCancelRate": "preFulfillmentCancellationRate",
    "warningState": "warningStates",
    "documentRequest": "documentRequests",
}
OTHER_KEYS = {
    "marketplaceId",
    "orderDefectRate",
    "lateShipmentRateList",
    "accountHealthRating",
    "policyViolationWarnings",
    "warningStates",
}
KNOWN_KEYS = OTHER_KEYS | set(RATES) | set(VIOLATIONS) | set(ALIASES)
#: Every metric this reader writes (each must be in the METRICS vocabulary).
METRICS_WRITTEN = (
    {r.metric for r in RATES.values()}
    | {"order_defect_rate", "policy_warnings", "warning_state", "account_status"}
    | {"account_health_rating", "account_health_rating_status"}
    | set(ODR_COMPONENTS.values())
    | set(INVOICE_COMPONENTS.values())
    | set(VIOLATIONS.values())
)

Record = dict[str, Any]


class SellerPerformanceReport:
    name = "sp-api-seller-performance"

    def recognise(self, probe: Probe) -> bool:
        return recognise_json_report(
            probe, _DAMAGED_REPORT, lambda data: any(key in data for key in SECTIONS)
        )

    def extract(self, probe: Probe) -> list[Extracted]:
        try:
            data = probe.json
        except ValueError as error:
            raise ValueError(
                f"a seller performance report that is damaged or cut short: {error}"
            ) from None
        repeated = [key for key in SECTIONS if key in getattr(data, "repeated", ())]
        if repeated:
            raise Ambiguous(
                f"the key {repeated[0]} appears more than once: which list is meant is unclear"
            )
        report = _Report(warnings=_schema_warnings(data))
        report.note_unknown("report", [k for k in data if k not in SECTIONS])
        for number, entry in enumerate(_list(data.get("performanceMetrics")), start=1):
            if isinstance(entry, dict) and not report.refuse_repeats(
                probe, "performanceMetrics", number, entry
            ):
                report.read_entry(number, entry)
        for number, status in enumerate(_list(data.get("accountStatuses")), start=1):
            if isinstance(status, dict) and not report.refuse_repeats(
                probe, "accountStatuses", number, status
            ):
                record = {"metric": "account_status", "value_text": status.get("status")}
                report.add(number, status.get("marketplaceId"), [record])
        if not report.records and not report.rejected:
            raise ValueError(
                "a seller performance report with nothing to read: "
                "performanceMetrics and accountStatuses hold no entries"
            )
        columns = list(TABLES["account_metrics"].columns)
        raw = pd.DataFrame(
            [{c: cell_text(r.get(c)) for c in columns} for r in report.records],
            columns=columns,
            dtype="string",
        )
        return [
            Extracted(
                table="account_metrics",
                raw=raw,
                rows=pd.Series(report.rows, dtype="int64"),
                format=self.name,
                rejected=report.rejected,
                warnings=report.warnings,
                provided=frozenset(columns),
                unmapped=report.unmapped,
            )
        ]


@dataclass
class _Report:
    """The rows of one report as JSON values, and what was noticed reading it."""

    warnings: list[str]
    records: list[Record] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    def refuse_repeats(self, probe: Probe, section: str, number: int, entry: Any) -> bool:
        """Reject the entry when an object in it names a key twice (two `rate`s of one
        metric): neither value is read. The entry is named by its position only."""
        repeated = probe.repeated_keys(entry)
        if repeated:
            reason = f"{section} #{number}: {repeated_reason(repeated, _known_keys())}"
            self.rejected.append(Rejected(number, None, reason))
        return bool(repeated)

    def add(self, number: int, marketplace: Any, records: list[Record]) -> None:
        for record in records:
            self.records.append({"marketplace": marketplace, **record})
            self.rows.append(number)

    def note_unknown(self, where: str, keys: list[str]) -> None:
        if keys:
            self.warnings.append(f"{where}: fields not used: {', '.join(keys)}")
            self.unmapped.extend(k for k in keys if k not in self.unmapped)

    def read_entry(self, number: int, entry: dict[str, Any]) -> None:
        said = _Entry(_label("performanceMetrics", number, entry), self.warnings)
        entry = said.documented(entry)
        self.note_unknown(said.label, [k for k in entry if k not in KNOWN_KEYS])
        records: list[Record] = []
        for record in said.rows(entry):
            if record not in records:  # a lateShipmentRateList entry repeating lateShipmentRate
                records.append(record)
        self.add(number, entry.get("marketplaceId"), records)


@dataclass
class _Entry:
    """One performanceMetrics entry being read; its warnings start with its label."""

    label: str
    warnings: list[str]

    def warn(self, text: str) -> None:
        self.warnings.append(f"{self.label}: {text}")

    def documented(self, entry: dict[str, Any]) -> dict[str, Any]:
        """The entry with the schema example's spellings under their documented keys."""
        entry = dict(entry)
        for alias, key in ALIASES.items():
            if alias not in entry:
                continue
            value = entry.pop(alias)
            if key in entry:
                self.warn(f"both {key} and {alias}; {alias} is ignored")
            else:
                entry[key] = value
                self.warn(f"{alias} read as {key} (a spelling of Amazon's schema example)")
        return entry

    def rows(self, entry: dict[str, Any]) -> list[Record]:
        records: list[Record] = []
        odr = entry.get("orderDefectRate")
        for channel, rate in ODR.items():
            if isinstance(odr, dict) and isinstance(odr.get(channel), dict):
                records += self.odr(f"orderDefectRate.{channel}", odr[channel], rate)
        for key, rate in RATES.items():
            if isinstance(entry.get(key), dict):
                records += self.rate_with_parts(key, entry[key], rate)
        for number, item in enumerate(_list(entry.get("lateShipmentRateList")), start=1):
            if isinstance(item, dict):
                key = f"lateShipmentRateList #{number}"
                records.append(self.rate(key, item, RATES["lateShipmentRate"]))
        for key, metric in VIOLATIONS.items():
            if isinstance(entry.get(key), dict):
                records.append(
                    self.measure(metric, key, entry[key], value=entry[key].get("defectsCount"))
                )
        warnings = entry.get("policyViolationWarnings")
        if isinstance(warnings, dict):
            count = warnings.get("warningsCount")
            records.append(
                self.measure("policy_warnings", "policyViolationWarnings", warnings, value=count)
            )
        if isinstance(entry.get("accountHealthRating"), dict):
            records += self.rating(entry["accountHealthRating"])
        for state in _list(entry.get("warningStates")):
            if isinstance(state, dict):
                records.append(
                    {
                        "metric": "warning_state",
                        "subject": state.get("warningType"),
                        "value_text": state.get("status"),
                    }
                )
        return records

    def measure(self, metric: str, key: str, obj: dict[str, Any], **values: Any) -> Record:
        start, end, window = self.period(key, obj.get("reportingDateRange"))
        return {
            "metric": metric,
            "window_days": window,
            "target_value": obj.get("targetValue"),
            "target_condition": obj.get("targetCondition"),
            "amazon_status": obj.get("status"),
            "period_start": start,
            "period_end": end,
            **values,
        }

    def rate(self, key: str, obj: dict[str, Any], rate: Rate) -> Record:
        numerator, denominator = _at(obj, rate.numerator), _at(obj, rate.denominator)
        if _number(numerator) and _number(denominator) and numerator > denominator:
            self.warn(
                f"{key}: {rate.numerator} {numerator} is more than {rate.denominator} "
                f"{denominator}; Amazon's rate {obj.get('rate')} is read as reported"
            )
        return self.measure(
            rate.metric,
            key,
            obj,
            channel=rate.channel,
            value=obj.get("rate"),
            numerator=numerator,
            denominator=denominator,
        )

    def odr(self, key: str, obj: dict[str, Any], rate: Rate) -> list[Record]:
        declared = obj.get("fulfillmentType")
        if declared is not None and declared != rate.channel:
            self.warn(f"{key} says fulfillmentType {declared!r}; read as {rate.channel}, its key")
        return self.rate_with_parts(key, obj, rate)

    def rate_with_parts(self, key: str, obj: dict[str, Any], rate: Rate) -> list[Record]:
        """The rate's row, then a row per component (ODR's claims, the missing invoices)."""
        records = [self.rate(key, obj, rate)]
        orders = _at(obj, rate.denominator)
        for part, metric in rate.parts.items():
            if isinstance(obj.get(part), dict):
                count = obj[part].get("count")
                records.append(
                    records[0]
                    | {"metric": metric, "value": _ratio(count, orders), "numerator": count}
                    | {"target_value": None, "target_condition": None}
                    | {"amazon_status": obj[part].get("status")}
                )
        return records

    def rating(self, obj: dict[str, Any]) -> list[Record]:
        status, declared = obj.get("ahrStatus"), obj.get("accountHealthRatingStatus")
        if status is None and declared is not None:
            self.warn(
                "accountHealthRating: accountHealthRatingStatus read as ahrStatus "
                "(Amazon's schema declares one and requires the other)"
            )
            status = declared
        elif declared is not None and declared != status:
            self.warn(
                f"accountHealthRating: ahrStatus {status!r} and accountHealthRatingStatus "
                f"{declared!r} differ; ahrStatus is read"
            )
        rating = self.measure("account_health_rating", "accountHealthRating", obj)
        records = []
        if obj.get("ahrScore") is not None:
            records.append(rating | {"value": obj["ahrScore"]})
        if status is not None:
            records.append(
                rating | {"metric": "account_health_rating_status", "value_text": status}
            )
        return records

    def period(self, key: str, span: Any) -> tuple[dt.date | None, dt.date | None, Any]:
        """(start, end, window_days) of a reportingDateRange."""
        if not isinstance(span, dict):
            return None, None, None
        start = self.date(key, span.get("reportingDateFrom"))
        end = self.date(key, span.get("reportingDateTo"))
        offset = span.get("dateOffset")
        duration = offset.get("duration") if isinstance(offset, dict) else None
        if _number(duration):
            return start, end, duration
        if start is None or end is None:
            return start, end, None
        if end < start:
            self.warn(
                f"{key}: reportingDateRange ends before it starts ({start} to {end}); no window"
            )
            return start, end, None
        return start, end, (end - start).days + 1

    def date(self, key: str, text: Any) -> dt.date | None:
        if not isinstance(text, str) or not _DATE.match(text):
            return None  # the schema check says so
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            self.warn(f"{key}: {text!r} is not a date")
            return None


def _schema_warnings(data: Any) -> list[str]:
    from jsonschema.exceptions import best_match  # see _validator

    errors = sorted(
        _validator().iter_errors(data),
        key=lambda e: [f"{p:09d}" if isinstance(p, int) else p for p in e.absolute_path],
    )
    warnings = []
    for error in errors[:MAX_SCHEMA_WARNINGS]:
        leaf = best_match(error.context) if error.context else error
        where = _where(list(leaf.absolute_path), data)
        message = leaf.message if len(leaf.message) <= 160 else leaf.message[:157] + "..."
        warnings.append(f"{where}: {message}" if where else message)
    if len(errors) > MAX_SCHEMA_WARNINGS:
        warnings.append(
            f"... and {len(errors) - MAX_SCHEMA_WARNINGS} more deviations from the report's schema"
        )
    return warnings


@cache
def _known_keys() -> frozenset[str]:
    """Every key the report's schema documents, and the spellings this reader reads."""
    keys: set[str] = {*SECTIONS, *KNOWN_KEYS}
    stack: list[Any] = [json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            keys.update(
                node.get("properties", {}) if isinstance(node.get("properties"), dict) else ()
            )
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return frozenset(keys)


@cache
def _validator() -> jsonschema.protocols.Validator:
    # Imported when a seller performance report is read: jsonschema is ~45 ms of every
    # start, and most audits read no such report.
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _where(path: list[Any], data: Any) -> str:
    """A JSON path as warnings say it: `performanceMetrics #1 (US): orderDefectRate.mfn`."""
    head = ""
    if len(path) >= 2 and path[0] in SECTIONS and isinstance(path[1], int):
        head, path = _label(path[0], path[1] + 1, data[path[0]][path[1]]), path[2:]
    tail = ""
    for part in path:
        tail += f" #{part + 1}" if isinstance(part, int) else f"{'.' if tail else ''}{part}"
    return ": ".join(p for p in (head, tail) if p)


def _label(section: str, number: int, item: Any) -> str:
    market = item.get("marketplaceId") if isinstance(item, dict) else None
    if not isinstance(market, str):
        return f"{section} #{number}"
    return f"{section} #{number} ({normalise_marketplace(market) or market})"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _at(obj: Any, path: str) -> Any:
    for key in path.split("."):
        obj = obj.get(key) if isinstance(obj, dict) else None
    return obj


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _ratio(count: Any, orders: Any) -> float | None:
    return count / orders if _number(count) and _number(orders) and orders > 0 else None
