"""Checks on dates relative to the audit date."""

from __future__ import annotations

from typing import ClassVar, Literal

import pandas as pd
from pydantic import Field

from auditor.engine.registry import check
from auditor.engine.verdicts import EvalContext, Verdicts, outcomes
from auditor.model.rules import CheckParams


class ExpiryParams(CheckParams):
    """A date column must not be past the audit date; warn `warn_days` ahead."""

    kind: Literal["expiry"] = "expiry"
    field: str = "expires_on"
    warn_days: int = Field(60, ge=0)
    blank: Literal["pass", "unknown"] = Field(
        "pass",
        description="Outcome of a blank date: pass where it means the document does not "
        "expire (a LUCID number), unknown where it always does (a passport: its date is "
        "missing).",
    )
    field_params: ClassVar[tuple[str, ...]] = ("field",)
    placeholders: ClassVar[tuple[str, ...]] = ("days_left",)


@check(ExpiryParams)
def expiry(params: ExpiryParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """A certificate or registration that has expired, or will before the next audits.

    A blank date means the document does not expire (a LUCID number), so it passes,
    unless the rule says its documents always expire (`blank: unknown`).
    """
    expires = pd.to_datetime(frame[params.field])
    days_left = (expires - pd.Timestamp(ctx.as_of)).dt.days.astype("Int64")
    return [
        Verdicts(
            outcome=outcomes(
                frame.index,
                fail=days_left < 0,
                warn=days_left <= params.warn_days,
                unknown=expires.isna() if params.blank == "unknown" else None,
            ),
            observed=expires.dt.date.astype(object).where(expires.notna()),
            limit=ctx.as_of.isoformat(),
            missing=[params.field],
            evidence={"days_left": days_left},
        )
    ]


class UnansweredParams(CheckParams):
    """A row still without an answer (`answer` blank) `fail_days` after its `since` date."""

    kind: Literal["unanswered"] = "unanswered"
    since: str = Field(description="The date the clock starts on (the feedback date).")
    answer: str = Field(description="The column an answer fills (the seller's response).")
    fail_days: int = Field(ge=0, description="Days without an answer that fail.")
    warn_days: int | None = Field(None, ge=0, description="Days without an answer that warn.")
    field_params: ClassVar[tuple[str, ...]] = ("since", "answer")
    placeholders: ClassVar[tuple[str, ...]] = ("days_open", "warn_limit")


@check(UnansweredParams)
def unanswered(params: UnansweredParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """Something that asks for an answer has waited too long: negative feedback unanswered.

    Answered rows pass however old; an unanswered row is judged by its age on the audit
    date. A blank `since` date is unknown (its age cannot be told).
    """
    since = pd.to_datetime(frame[params.since])
    days = (pd.Timestamp(ctx.as_of) - since).dt.days.astype("Int64")
    open_ = frame[params.answer].isna() | (
        frame[params.answer].astype("string").str.strip() == ""
    ).fillna(False)
    fail = open_ & (days > params.fail_days)
    warn = None if params.warn_days is None else open_ & (days > params.warn_days)
    return [
        Verdicts(
            outcome=outcomes(frame.index, fail=fail, warn=warn, unknown=open_ & days.isna()),
            observed=days.where(open_),
            limit=params.fail_days,
            missing=[params.since],
            evidence={
                "days_open": days.where(open_),
                "warn_limit": params.warn_days,
            },
        )
    ]
