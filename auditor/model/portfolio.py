"""The portfolio: what `auditor fleet` writes of a whole fleet of stores (portfolio.json).

A roll-up, not a second report: each store's own report (stores/<name>/report.json)
holds its findings; the portfolio holds what an agency compares across stores (status,
score, the areas' statuses, failures by severity, the few worst findings) and where
each store's reports are. Like every JSON the tool writes it is deterministic: the same
inputs give the same bytes, so wall-clock times go to the terminal, never to the file.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import Field

# pydantic reads typing_extensions' TypedDict only, before Python 3.12.
from typing_extensions import TypedDict

from auditor.model.common import Outcome, Severity
from auditor.model.rules import Area

#: The portfolio's own version: it changes when a consumer of portfolio.json must change.
PORTFOLIO_VERSION = "1"

#: What became of a store: audited (every input read, the reports written); partial
#: (audited, but some report of its fetch failed); failed (no report: `error` says why).
StoreStatus = Literal["audited", "partial", "failed"]


class PortfolioEntity(TypedDict):
    type: str
    sku: NotRequired[str | None]
    asin: NotRequired[str | None]
    marketplace: NotRequired[str | None]
    title: NotRequired[str | None]


class TopFinding(TypedDict):
    """One of a store's worst failing findings, as its report words it."""

    rule_id: str
    rule_name: str
    severity: Severity
    outcome: Outcome
    area: Area
    entity: PortfolioEntity
    detail: str | None
    message: Annotated[str, Field(description="The finding's sentence, in the run's language.")]
    fix: Annotated[str, Field(description="How to fix it (the rule's fix), in the run's language.")]


class AreaStatus(TypedDict):
    score: Annotated[float | None, Field(description="0-100; null when the area was not assessed.")]
    status: Annotated[str, Field(description="healthy, at_risk, critical or not_assessed.")]


class Alert(TypedDict):
    """What came of one notify target for the store in this run."""

    target: Annotated[
        str, Field(description="The target's URL as configured: ${ENV} references, no secret.")
    ]
    status: Annotated[
        Literal["sent", "failed", "held", "nothing_new"],
        Field(
            description="sent; failed (the service refused or could not be reached: the news "
            "stays unannounced and is sent next run); held (quiet hours); nothing_new."
        ),
    ]
    findings: Annotated[int, Field(description="New failing findings the message announced.")]
    documents: Annotated[int, Field(description="Documents expiring before the next run.")]
    error: NotRequired[str | None]


class PortfolioStore(TypedDict):
    name: Annotated[str, Field(description="The store's name in FLEET.yaml (and in history).")]
    status: StoreStatus
    exit_code: Annotated[
        int, Field(description="What `auditor audit` would exit with for this store alone.")
    ]
    gated: Annotated[bool, Field(description="A finding failed the store's gate (fail_on).")]
    score: Annotated[float | None, Field(description="The store's overall score, 0-100.")]
    score_status: Annotated[
        str | None, Field(description="healthy, at_risk, critical or not_assessed.")
    ]
    marketplace: NotRequired[str | None]
    listings: Annotated[int | None, Field(description="Listings audited.")]
    areas: Annotated[dict[str, AreaStatus], Field(description="Each area's score and status.")]
    fails: Annotated[
        dict[Severity, int],
        Field(description="Failing findings by severity (suppressed excluded)."),
    ]
    unknown: Annotated[int, Field(description="Findings the store's data could not decide.")]
    top_findings: Annotated[
        list[TopFinding], Field(description="The worst failing findings, most severe first.")
    ]
    reports: Annotated[
        dict[str, str],
        Field(description="Each written report of the store by format, relative to the folder."),
    ]
    run_id: Annotated[str | None, Field(description="The store report's run id.")]
    fetched: NotRequired[
        Annotated[
            str | None,
            Field(description="The folder the store's documents were fetched into (fetch:)."),
        ]
    ]
    error: Annotated[str | None, Field(description="Why the store failed (status failed/partial).")]
    alerts: NotRequired[list[Alert]]


class PortfolioRun(TypedDict):
    as_of: str
    tool_version: str
    language: str
    scheduler: Annotated[
        str, Field(description="`local` (a LocalCluster the run started) or the scheduler address.")
    ]
    workers: Annotated[int, Field(description="Workers the run had (of one thread each).")]
    fleet: Annotated[str, Field(description="The FLEET.yaml file, as given.")]
    history: NotRequired[str | None]


class PortfolioSummary(TypedDict):
    stores: int
    audited: Annotated[int, Field(description="Stores audited whole (status audited).")]
    partial: int
    failed: int
    gated: Annotated[int, Field(description="Stores whose gate failed.")]
    exit_code: Annotated[
        int, Field(description="The fleet's exit code: 3 a store failed, 1 one gates, else 0.")
    ]
    fails: dict[Severity, int]


class Portfolio(TypedDict):
    portfolio_version: str
    run: PortfolioRun
    summary: PortfolioSummary
    areas: Annotated[list[Area], Field(description="The areas of the grid, in pack order.")]
    stores: Annotated[list[PortfolioStore], Field(description="The stores, in FLEET.yaml order.")]


def portfolio_schema() -> dict[str, Any]:
    """The JSON Schema of `Portfolio`, as `auditor schema portfolio` prints it."""
    from pydantic import TypeAdapter

    return TypeAdapter(Portfolio).json_schema(by_alias=True, ref_template="#/$defs/{model}")
