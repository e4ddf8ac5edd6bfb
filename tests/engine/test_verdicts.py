"""Holding values against limits: the one comparison the checks with bands share."""

from __future__ import annotations

import pandas as pd

from auditor.engine.verdicts import against_limits, holds


def test_a_blank_value_or_limit_holds_nothing() -> None:
    value = pd.Series([0.02, None, 0.005], dtype="Float64")
    limit = pd.Series([0.01, 0.01, None], dtype="Float64")

    assert holds(value, "gt", limit).tolist() == [True, False, False]


def test_fail_first_then_warn_with_its_limit_kept_and_blanks_unknown() -> None:
    # Negative feedback shares of four stores against 2% (fail) and 1% (warn).
    share = pd.Series([0.031, 0.014, 0.004, None], dtype="Float64")
    fail = pd.Series([0.02] * 4, dtype="Float64")
    warn = pd.Series([0.01] * 4, dtype="Float64")

    verdict = against_limits(
        share, "gt", fail, warn_limit=warn, evidence={"window_days": 90}, missing=["share"]
    )

    assert verdict.outcome.tolist() == ["fail", "warn", "pass", "unknown"]
    assert verdict.evidence["warn_limit"].tolist()[1] == 0.01
    assert pd.isna(verdict.evidence["warn_limit"].tolist()[0])  # a failed row is not warned
    assert verdict.evidence["window_days"] == 90 and verdict.missing == ["share"]
