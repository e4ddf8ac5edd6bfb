"""Conditions that qualify a document check's verdicts, and how an undecided one is named.

A required document's own `when`, the check's `warn_when` and `prohibited_when` all
read the entity's fields; where they cannot be decided the entity is `unknown`,
naming what would decide it. Kept apart from the register lookups in `registers`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from auditor.engine.conditions import Rows, condition_mask, undecided
from auditor.engine.verdicts import FAIL, PASS, UNKNOWN, WARN, Verdicts, outcomes
from auditor.model.rules import Condition


def why_undecided(when: Condition, rows: Rows, where: np.ndarray) -> dict[str, pd.Series]:
    """Evidence naming, for the undecided rows, the fields that would decide them and
    those no input carries (so the message says where each one comes from)."""
    why = undecided(when, rows)
    return {"_missing": why.missing.where(where), "_absent": why.absent.where(where)}


def prohibited(when: Condition, rows: Rows) -> Verdicts:
    """Fail where `when` holds, whatever the register holds; unknown where undecided."""
    scope = condition_mask(when, rows)
    holds = scope.fillna(False).to_numpy(dtype=bool)
    open_rows = scope.isna().to_numpy(dtype=bool)
    index = rows.frame.index
    evidence: dict[str, pd.Series | str | None] = {
        "reason": pd.Series("prohibited", index=index, dtype="string").where(holds),
        "document_type": None,
    }
    if open_rows.any():
        evidence |= why_undecided(when, rows, open_rows)
    return Verdicts(
        outcome=outcomes(
            index, fail=pd.Series(holds, index=index), unknown=pd.Series(open_rows, index=index)
        ),
        detail="prohibited",
        evidence=evidence,
    )


def only_warn(verdict: Verdicts, when: Condition, rows: Rows) -> Verdicts:
    """Where `when` holds a failure is a warning; where it is undecided, unknown."""
    scope = condition_mask(when, rows)
    failed = (verdict.outcome == FAIL).to_numpy(dtype=bool)
    soften = failed & scope.fillna(False).to_numpy(dtype=bool)
    open_rows = failed & scope.isna().to_numpy(dtype=bool)
    verdict.outcome = verdict.outcome.mask(soften, WARN).mask(open_rows, UNKNOWN)
    if open_rows.any():
        verdict.evidence = dict(verdict.evidence) | why_undecided(when, rows, open_rows)
    return verdict


def scoped(verdict: Verdicts, when: Condition, rows: Rows) -> Verdicts:
    """Apply a required document's own condition to its verdict.

    Where the condition holds the verdict stands; where it does not, the document is
    not needed (pass, no evidence); where it is undecided, `unknown` naming the fields
    that would decide it (as the evaluator does for a rule's `when`).
    """
    scope = condition_mask(when, rows)
    needed = scope.fillna(False).to_numpy(dtype=bool)
    open_rows = scope.isna().to_numpy(dtype=bool)
    outcome = verdict.outcome.where(needed, PASS).mask(open_rows, UNKNOWN)
    evidence = {
        k: (v.where(needed) if isinstance(v, pd.Series) else v) for k, v in verdict.evidence.items()
    }
    if open_rows.any():
        evidence |= why_undecided(when, rows, open_rows)
    observed = verdict.observed
    if isinstance(observed, pd.Series):
        observed = observed.where(needed)
    return Verdicts(outcome=outcome, observed=observed, limit=verdict.limit, evidence=evidence)
