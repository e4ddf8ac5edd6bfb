"""What is new for one target: what a run has that was not announced to it before.

An alert that repeats every week's failures is muted by the second week, so a target
hears of a failing finding once, and again only after it was resolved and came back
(`History.forget_settled`); of a document once, before it expires (its key holds the
expiry date: a renewed document is a new one); of a failed audit once, until the store
audits again.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from auditor.model.common import SEVERITY_RANK_OF, Severity

if TYPE_CHECKING:
    from auditor.history.store import AnnouncedKind, RunInfo
    from auditor.model.report import Finding, Report

#: The gap to the next run expected of a store with fewer than two recorded dates.
DEFAULT_GAP_DAYS = 7
#: The register's columns that name a document (with its expiry date, its key).
DOCUMENT_KEY = ("document_type", "identifier", "sku", "asin", "brand", "marketplace", "expires_on")


@dataclass
class News:
    """What one message tells: new failing findings (worst first), expiring documents,
    or a failed audit's error."""

    findings: list[Finding] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    #: The date of the next expected run: documents expiring up to it are told.
    next_run: dt.date | None = None

    def __bool__(self) -> bool:
        return bool(self.findings or self.documents or self.error)

    def keys(self) -> list[tuple[AnnouncedKind, str]]:
        """What announcing this news makes announced, as history keys it."""
        keys: list[tuple[AnnouncedKind, str]] = [
            ("finding", f["fingerprint"]) for f in self.findings
        ]
        keys += [("document", document_key(d)) for d in self.documents]
        if self.error is not None:
            keys.append(("error", "audit"))
        return keys


def document_key(document: Mapping[str, Any]) -> str:
    """A register row's identity, its expiry date included."""
    return json.dumps([document.get(k) for k in DOCUMENT_KEY], ensure_ascii=False)


def expected_gap(runs: Iterable[RunInfo], until: dt.date) -> dt.timedelta:
    """The time to the store's next run: the median gap between its recorded dates up to
    `until` (in whole days, rounded up), or a week when it has fewer than two."""
    dates = sorted({r.as_of for r in runs if r.as_of <= until})
    if len(dates) < 2:
        return dt.timedelta(days=DEFAULT_GAP_DAYS)
    gaps = [(later - earlier).days for earlier, later in itertools.pairwise(dates)]
    return dt.timedelta(days=math.ceil(statistics.median(gaps)))  # whole days, rounded up


def expiring(
    documents: Iterable[Mapping[str, Any]], as_of: dt.date, until: dt.date
) -> list[dict[str, Any]]:
    """The register's documents that expire after `as_of` and by `until`, soonest first."""
    found = []
    for document in documents:
        try:
            expires = dt.date.fromisoformat(str(document.get("expires_on") or "")[:10])
        except ValueError:
            continue  # undated, or a date the register's own rules already report
        if as_of < expires <= until:
            found.append(dict(document))
    return sorted(found, key=lambda d: (str(d["expires_on"]), document_key(d)))


def failing(report: Report, min_severity: Severity) -> list[Finding]:
    """The report's failing findings of `min_severity` or worse, worst first (a report's
    findings leave out the suppressed ones)."""
    least = SEVERITY_RANK_OF[Severity(min_severity).value]
    chosen = [
        f
        for f in report["findings"]
        if f["outcome"] == "fail" and SEVERITY_RANK_OF[f["severity"]] >= least
    ]
    return sorted(chosen, key=lambda f: -SEVERITY_RANK_OF[f["severity"]])


def run_news(
    report: Report,
    documents: list[dict[str, Any]],
    announced: Mapping[AnnouncedKind, set[str]],
    min_severity: Severity,
    next_run: dt.date,
) -> News:
    """What the run tells a target that was not told it before."""
    return News(
        findings=[
            f for f in failing(report, min_severity) if f["fingerprint"] not in announced["finding"]
        ],
        documents=[d for d in documents if document_key(d) not in announced["document"]],
        next_run=next_run,
    )


def failure_news(error: str, announced: Mapping[AnnouncedKind, set[str]]) -> News:
    """A failed audit's error, unless this target was told of the store's failure since
    its last run."""
    return News() if announced["error"] else News(error=error)
