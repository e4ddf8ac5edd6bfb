"""Send listings to Amazon's preview and write what it answered, one document per marketplace.

Each prepared listing (put_request.py) is sent to `putListingsItem` with
`mode=VALIDATION_PREVIEW` (SpApi.preview_listings_item: Amazon validates, nothing is
created), at most `limit` of them, in the order of the inputs. The calls are spaced at
the rate Amazon applies (`Pace`: one a second, Amazon's announced rate for preview
calls, then the rate its answers state) and each is retried through a 429 or a server
error by `Patience`. A call that still fails is that listing's failure, recorded with
Amazon's error, and the others go on; a refused access (401, 403: the application lacks
the Product Listing role, say) would refuse every call, so the rest are not sent and
are recorded so. A refused refresh token ends the run (AuditorError, exit 2).

Per marketplace, one preview document (auditor/model/preview.py) holds every listing of
the inputs in that marketplace: Amazon's answer beside what was sent, or why it was not
previewed. Listings with no marketplace go into `preview.json`. Nothing is retried
across runs: every run writes its documents whole (atomically).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.fetch.patience import CallFailed, Pace
from auditor.fetch.put_request import Prepared
from auditor.model.manifest import FetchedFile
from auditor.model.preview import PREVIEW_KIND, PREVIEW_MODE, PREVIEW_OPERATION
from auditor.writing import write_atomically

if TYPE_CHECKING:  # the SDK behind SpApi is loaded only when a preview runs
    from auditor.fetch.sp_api import SpApi

#: The manifest's name for the preview documents.
NAME = "preview"
#: Requests per second before Amazon states its own: its announced rate for
#: putListingsItem and patchListingsItem in VALIDATION_PREVIEW mode (changelog,
#: 2024-01-31), below the 5 a second (burst 10) of the operation's usage plan.
PREVIEW_RATE = 1.0
#: Amazon's answers that refuse the access itself, not the listing.
REFUSED_ACCESS = frozenset({401, 403})


def file_name(marketplace: str | None) -> str:
    return f"{NAME}-{marketplace}.json" if marketplace else f"{NAME}.json"


@dataclass
class Outcome:
    """What came of one listing: Amazon's `status` (VALID, INVALID, ...) and issue count
    when it answered, else why it was not previewed. `due`: the listing was to be sent
    (it has a body and is within the limit), so no answer is a failure of the preview."""

    prepared: Prepared
    status: str | None = None
    issues: int = 0
    why_not: str | None = None
    due: bool = False
    #: Amazon refused the access itself (401, 403), not this listing.
    refused_access: bool = False

    @property
    def failed(self) -> bool:
        """A call was due and Amazon gave no answer: the preview is partial (exit 3)."""
        return self.status is None and self.due


@dataclass
class Preview:
    """A preview's outcome per listing, and the manifest entry of each document written."""

    outcomes: list[Outcome] = field(default_factory=list)
    records: list[FetchedFile] = field(default_factory=list)
    #: Listings that could be sent but were over the limit.
    over_limit: int = 0


def preview_listings(
    api: SpApi | None,
    seller_id: str,
    prepared: list[Prepared],
    folder: Path,
    *,
    limit: int,
    issue_locale: str,
    now: Callable[[], datetime],
) -> Preview:
    """Send at most `limit` of `prepared` (those with a body) and write the documents.
    `api` may be None when no listing has a body: nothing is sent then."""
    pace = Pace(api.patience, PREVIEW_RATE) if api is not None else None
    result = Preview()
    sendable = [p for p in prepared if p.body is not None]
    result.over_limit = max(0, len(sendable) - limit)
    chosen = {id(p) for p in sendable[:limit]}
    answers: dict[int, dict[str, Any]] = {}
    refusal: str | None = None
    started = now()
    for listing in prepared:
        if listing.body is None:
            result.outcomes.append(Outcome(listing, why_not=listing.why_not))
        elif id(listing) not in chosen:
            why = f"not sent: over --limit {limit}"
            result.outcomes.append(Outcome(listing, why_not=why))
        elif refusal is not None:
            why = f"not sent: Amazon refused the access ({refusal})"
            result.outcomes.append(Outcome(listing, why_not=why, due=True))
        else:
            assert api is not None and pace is not None  # a listing to send needs the API
            outcome, answer = _send(api, seller_id, listing, issue_locale, pace)
            result.outcomes.append(outcome)
            if answer is not None:
                answers[id(listing)] = answer
            elif outcome.refused_access:
                refusal = outcome.why_not
    finished = now()
    for marketplace, outcomes in _by_marketplace(result.outcomes).items():
        result.records.append(
            _write(folder, marketplace, outcomes, answers, issue_locale, started, finished)
        )
    return result


def _send(
    api: SpApi, seller_id: str, listing: Prepared, issue_locale: str, pace: Pace
) -> tuple[Outcome, dict[str, Any] | None]:
    """One listing sent: its outcome, and Amazon's answer (None when it gave none)."""
    assert listing.body is not None and listing.marketplace_id is not None
    pace.wait()
    try:
        answer = api.preview_listings_item(
            seller_id, listing.sku, listing.marketplace_id, listing.body, issue_locale
        )
    except CallFailed as failure:
        pace.called()
        refused = failure.status in REFUSED_ACCESS
        return Outcome(listing, why_not=failure.message, due=True, refused_access=refused), None
    pace.called(answer.rate)
    status = answer.body.get("status")
    issues = answer.body.get("issues")
    outcome = Outcome(
        listing,
        status=status if isinstance(status, str) else "?",
        issues=len(issues) if isinstance(issues, list) else 0,
        due=True,
    )
    return outcome, answer.body


def _by_marketplace(outcomes: list[Outcome]) -> dict[str | None, list[Outcome]]:
    grouped: dict[str | None, list[Outcome]] = {}
    for outcome in outcomes:
        grouped.setdefault(outcome.prepared.marketplace, []).append(outcome)
    return grouped


def _write(
    folder: Path,
    marketplace: str | None,
    outcomes: list[Outcome],
    answers: dict[int, dict[str, Any]],
    issue_locale: str,
    started: datetime,
    finished: datetime,
) -> FetchedFile:
    """One marketplace's preview document, written; its manifest entry."""
    marketplace_id = outcomes[0].prepared.marketplace_id
    entries = []
    for outcome in outcomes:
        listing = outcome.prepared
        entry: dict[str, Any] = {"sku": listing.sku, "source": listing.source}
        answer = answers.get(id(listing))
        if answer is not None:
            entry |= {"sent": listing.body, "response": answer}
        else:
            entry["notPreviewed"] = outcome.why_not
        entries.append(entry)
    document: dict[str, Any] = {
        "kind": PREVIEW_KIND,
        "version": 1,
        "operation": PREVIEW_OPERATION,
        "mode": PREVIEW_MODE,
        **({"marketplaceId": marketplace_id} if marketplace_id else {}),
        "issueLocale": issue_locale,
        "listings": entries,
    }
    content = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    path = folder / file_name(marketplace)
    write_atomically(path, content)
    left = sum(1 for o in outcomes if o.status is None)
    return FetchedFile(
        name=NAME,
        report_type=PREVIEW_OPERATION,
        marketplace=marketplace,
        marketplace_id=marketplace_id,
        status="done",
        file=path.name,
        sha256=hashlib.sha256(content).hexdigest(),
        charset="utf-8",
        requested_at=started.isoformat(),
        completed_at=finished.isoformat(),
        error=f"{left} of {len(outcomes)} listings not previewed" if left else None,
    )
