"""Checks that look an entity up in the seller's registers (documents, approvals).

Both use one mechanism, `scoped_matches`: a register row covers an entity when its
required keys equal the entity's and each optional key is blank (any) or equal.
Matching is a handful of merges, one per pattern of filled keys, never a row loop.
"""

from __future__ import annotations

import re
from typing import ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field, field_validator

from auditor.engine.registry import check
from auditor.engine.verdicts import EvalContext, Verdicts, outcomes
from auditor.model.rules import CheckParams
from auditor.model.vocab import DOCUMENT_TYPES

ROW = "_entity_row"


def _key(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip().str.casefold()


def scoped_matches(
    frame: pd.DataFrame, register: pd.DataFrame, required: dict[str, str], optional: dict[str, str]
) -> pd.DataFrame:
    """Pairs (entity row, register row) where the register row covers the entity.

    `required` and `optional` map register columns to the frame's columns. Returns
    the matching register rows with a `_entity_row` column naming the entity's index.
    """
    entities = pd.DataFrame({ROW: frame.index})
    for reg_col, frame_col in {**required, **optional}.items():
        entities[reg_col] = _key(frame[frame_col]).to_numpy()
    register = register.reset_index(drop=True)
    keys = pd.DataFrame({col: _key(register[col]) for col in {**required, **optional}})
    filled = keys[list(optional)].notna() if optional else pd.DataFrame(index=register.index)
    pattern = (
        filled.apply(lambda row: tuple(row), axis=1)
        if optional
        else pd.Series([()] * len(register))
    )
    pieces = []
    for key_pattern, members in register.groupby(pattern.to_numpy(), sort=True):
        on = list(required) + [
            col for col, is_set in zip(optional, key_pattern, strict=True) if is_set
        ]
        subset = members.assign(**{f"_k_{c}": keys.loc[members.index, c] for c in on})
        if on:
            merged = (
                entities[[ROW, *on]]
                .dropna()
                .merge(
                    subset, left_on=on, right_on=[f"_k_{c}" for c in on], suffixes=("_entity", "")
                )
            )
        else:
            merged = entities[[ROW]].merge(subset, how="cross")
        pieces.append(merged)
    if not pieces:
        return pd.DataFrame(columns=[ROW, *register.columns])
    return pd.concat(pieces, ignore_index=True)


def _best(matches: pd.DataFrame, rank: pd.Series, index: pd.Index) -> pd.DataFrame:
    """For each entity, the register row with the lowest rank (the best evidence)."""
    ranked = matches.assign(_rank=rank.to_numpy()).sort_values([ROW, "_rank"], kind="stable")
    return ranked.drop_duplicates(ROW).set_index(ROW).reindex(index)


class DocumentParams(CheckParams):
    """A document of `document_type` must cover the entity and be valid on the audit date."""

    kind: Literal["document"] = "document"
    document_type: str = Field(json_schema_extra={"enum": list(DOCUMENT_TYPES)})
    identifier_pattern: str | None = Field(
        None, description="Regex the identifier must match in full."
    )
    warn_days: int | None = Field(
        60, ge=0, description="Warn when the document expires within this many days."
    )
    lookup_tables: ClassVar[tuple[str, ...]] = ("documents",)
    field_params: ClassVar[tuple[str, ...]] = ()
    placeholders: ClassVar[tuple[str, ...]] = (
        "document_type",
        "reason",
        "expires_on",
        "identifier",
    )

    @field_validator("document_type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in DOCUMENT_TYPES:
            raise ValueError(f"unknown document_type {value!r}")
        return value

    @field_validator("identifier_pattern")
    @classmethod
    def _compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"invalid regex: {error}") from None
        return pattern


#: Ranks of a covering document, best first; entities with none get MISSING.
GOOD, EXPIRING, BAD_IDENTIFIER, NOT_VALID, MISSING = range(5)


@check(DocumentParams)
def document(params: DocumentParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """The LUCID number, the CPC, the UFLPA file: the register must hold it, valid today.

    Fails when no document covers the entity, when the best covering one has expired
    or is not yet valid, or when its identifier does not match the published format;
    warns when it expires within `warn_days`.
    """
    documents = ctx.tables["documents"]
    documents = documents[documents["document_type"] == params.document_type]
    matches = scoped_matches(
        frame,
        documents,
        required={},
        optional={"sku": "sku", "asin": "asin", "brand": "brand", "marketplace": "marketplace"},
    )
    as_of = pd.Timestamp(ctx.as_of)
    issued, expires = pd.to_datetime(matches["issued_on"]), pd.to_datetime(matches["expires_on"])
    valid_now = ~(issued > as_of) & ~(expires < as_of)
    identifier = matches["identifier"].astype("string")
    id_ok = pd.Series(True, index=matches.index)
    if params.identifier_pattern:
        id_ok = identifier.str.fullmatch(params.identifier_pattern).fillna(False).astype(bool)
    horizon = as_of + pd.Timedelta(days=params.warn_days or 0)
    expiring = (
        (expires <= horizon).fillna(False).astype(bool) if params.warn_days is not None else False
    )
    rank = pd.Series(
        np.select([~valid_now, ~id_ok, expiring], [NOT_VALID, BAD_IDENTIFIER, EXPIRING], GOOD),
        index=matches.index,
    )
    best = _best(matches, rank, frame.index)
    best_rank = best["_rank"].fillna(MISSING)
    best_expires = pd.to_datetime(best["expires_on"])
    reason = (
        pd.Series(
            np.select(
                [
                    best_rank == MISSING,
                    best_rank == NOT_VALID,
                    best_rank == BAD_IDENTIFIER,
                    best_rank == EXPIRING,
                ],
                [
                    "document_missing",
                    "document_not_valid",
                    "identifier_format",
                    "document_expiring",
                ],
                "",
            ),
            index=frame.index,
        )
        .replace("", pd.NA)
        .astype("string")
    )
    days_left = (best_expires - as_of).dt.days
    return [
        Verdicts(
            outcome=outcomes(
                frame.index, fail=best_rank >= BAD_IDENTIFIER, warn=best_rank == EXPIRING
            ),
            observed=best["identifier"].astype("string"),
            limit=params.identifier_pattern,
            evidence={
                "document_type": params.document_type,
                "reason": reason,
                "identifier": best["identifier"].astype("string"),
                "expires_on": best_expires.dt.date.astype(object).where(best_expires.notna()),
                "days_left": days_left.astype("Int64"),
                "file": best["file"].astype("string"),
            },
        )
    ]


class ApprovalParams(CheckParams):
    """The entity's gated category must be approved for its marketplace."""

    kind: Literal["approval"] = "approval"
    category_field: str = Field(
        "gated_category", description="Column holding the gated category id."
    )
    lookup_tables: ClassVar[tuple[str, ...]] = ("approvals",)
    field_params: ClassVar[tuple[str, ...]] = ("category_field",)
    placeholders: ClassVar[tuple[str, ...]] = ("category", "status")


STATUS_RANK = {"approved": 0, "pending": 1, "denied": 2}


@check(ApprovalParams)
def approval(params: ApprovalParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """Selling in a gated category without approval gets the listing removed.

    An approval covers the entity when category and marketplace match and its brand
    and SKU are blank or match; the best status wins (approved, pending, denied).
    Entities with no gated category pass: there is nothing to approve.
    """
    matches = scoped_matches(
        frame,
        ctx.tables["approvals"],
        required={"category": params.category_field, "marketplace": "marketplace"},
        optional={"brand": "brand", "sku": "sku"},
    )
    best = _best(matches, matches["status"].astype("string").map(STATUS_RANK), frame.index)
    status = best["status"].astype("string").fillna("none")
    category = frame[params.category_field]
    status = status.mask(category.isna(), pd.NA)
    return [
        Verdicts(
            outcome=outcomes(frame.index, fail=category.notna() & (status != "approved")),
            observed=status,
            limit="approved",
            evidence={
                "category": category.astype("string"),
                "status": status,
                "decided_on": pd.to_datetime(best["decided_on"])
                .dt.date.astype(object)
                .where(best["decided_on"].notna()),
            },
        )
    ]
