"""Checks that look an entity up in the seller's registers (documents, approvals).

Both use one mechanism, `scoped_matches`: a register row covers an entity when its
required keys equal the entity's and each optional key is blank (any) or equal.
Matching is a handful of merges, one per pattern of filled keys, never a row loop.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import AfterValidator, Field, WithJsonSchema, field_validator, model_validator

from auditor.engine.checks.document_conditions import only_warn, scoped
from auditor.engine.checks.document_conditions import prohibited as prohibited_verdict
from auditor.engine.conditions import Rows
from auditor.engine.patterns import OVER_BUDGET, PackPattern
from auditor.engine.registry import check
from auditor.engine.verdicts import (
    FAIL,
    PASS,
    UNKNOWN,
    EvalContext,
    Verdicts,
    cells,
    outcomes,
)
from auditor.frames import per_distinct
from auditor.model.common import Strict
from auditor.model.rules import CheckParams, Condition, condition_fields, pattern_error
from auditor.model.vocab import DOCUMENT_TYPES, FORMAT_WORDS

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


def _check_regex(pattern: str | None) -> str | None:
    if pattern is not None:
        error = pattern_error(pattern)
        if error:
            raise ValueError(f"invalid regex: {error}")
    return pattern


def _check_types(value: str | list[str]) -> str | list[str]:
    unknown = [t for t in ([value] if isinstance(value, str) else value) if t not in DOCUMENT_TYPES]
    if unknown:
        raise ValueError(f"unknown document_type {', '.join(map(repr, unknown))}")
    return value


class _Limits(Strict):
    """Limits a covering document must meet (the defaults come from `DOCUMENT_TYPES`)."""

    identifier_pattern: str | None = Field(
        None,
        description="Regex the identifier must match in full. Default: the published format "
        "of the document's type (vocab DOCUMENT_TYPES), if it has one.",
    )
    max_age_days: int | None = Field(
        None, ge=1, description="The document must have been issued at most this many days ago."
    )
    max_age_years: int | None = Field(
        None, ge=1, description="The document must have been issued at most this many years ago."
    )

    _regex = field_validator("identifier_pattern")(_check_regex)

    @model_validator(mode="after")
    def _one_age(self) -> _Limits:
        if self.max_age_days is not None and self.max_age_years is not None:
            raise ValueError("give max_age_days or max_age_years, not both")
        return self


_TYPE_ENUM = {"enum": list(DOCUMENT_TYPES)}

#: One document type, or several any one of which will do (an FCC ID or an SDoC).
DocumentTypes = Annotated[
    str | list[str],
    AfterValidator(_check_types),
    WithJsonSchema(
        {
            "anyOf": [_TYPE_ENUM, {"type": "array", "items": _TYPE_ENUM, "minItems": 1}],
            "description": "A document type, or a list of types any one of which will do.",
        }
    ),
]


class RequiredDocument(_Limits):
    """One document a rule requires, only where its own `when` holds."""

    document_type: DocumentTypes
    when: Condition | None = Field(
        None, description="Only entities where this holds need the document (rule conditions)."
    )

    @property
    def types(self) -> list[str]:
        return [self.document_type] if isinstance(self.document_type, str) else self.document_type

    @property
    def label(self) -> str:
        return "|".join(self.types)


class DocumentParams(_Limits, CheckParams):
    """Documents of given types must cover the entity and be valid on the audit date.

    Either one `document_type` (one verdict per entity), or a list `documents`, each
    with its own optional `when` and limits (one verdict per entity and required
    document, `detail` = the document type). Limits given beside `documents` apply to
    each of them unless it sets its own.
    """

    kind: Literal["document"] = "document"
    document_type: DocumentTypes | None = None
    documents: list[RequiredDocument] | None = Field(None, min_length=1)
    warn_days: int | None = Field(
        60, ge=0, description="Warn when the document expires within this many days."
    )
    per: list[Literal["sku", "asin", "brand", "product_type"]] = Field(
        default_factory=list,
        description="Scope columns a covering register row must fill and match: a blank one "
        "does not cover (WEEE: per brand and equipment type, so [brand, product_type]).",
    )
    prohibited_when: Condition | None = Field(
        None,
        description="Where this holds no document will do: the entity fails (reason "
        "`prohibited`), e.g. pesticides sold in the US by a seller not resident there.",
    )
    warn_when: Condition | None = Field(
        None,
        description="Where this holds a missing or invalid document only warns, e.g. a "
        "UFLPA sector product whose origin is not the one the presumption targets.",
    )
    lookup_tables: ClassVar[tuple[str, ...]] = ("documents",)
    field_params: ClassVar[tuple[str, ...]] = ()
    placeholders: ClassVar[tuple[str, ...]] = (
        "document_type",
        "reason",
        "expires_on",
        "issued_on",
        "identifier",
        "days_left",
        "oldest_allowed",
    )

    @model_validator(mode="after")
    def _one_form(self) -> DocumentParams:
        if (self.document_type is None) == (self.documents is None):
            raise ValueError("give either document_type or documents")
        return self

    def required(self) -> list[tuple[RequiredDocument, str | None]]:
        """Each required document with its limits resolved, and its detail (None: single form)."""
        if self.documents is None:
            assert self.document_type is not None
            single = RequiredDocument(
                document_type=self.document_type,
                identifier_pattern=self.identifier_pattern,
                max_age_days=self.max_age_days,
                max_age_years=self.max_age_years,
            )
            return [(single, None)]
        defaults = {
            k: getattr(self, k)
            for k in ("identifier_pattern", "max_age_days", "max_age_years")
            if getattr(self, k) is not None
        }
        resolved: list[tuple[RequiredDocument, str | None]] = []
        for doc in self.documents:
            own = doc.model_fields_set & {"identifier_pattern", "max_age_days", "max_age_years"}
            limits = (
                {}
                if own & {"max_age_days", "max_age_years"}
                else {k: v for k, v in defaults.items() if k.startswith("max_age")}
            )
            if "identifier_pattern" not in own and "identifier_pattern" in defaults:
                limits["identifier_pattern"] = defaults["identifier_pattern"]
            resolved.append((doc.model_copy(update=limits), doc.label))
        return resolved

    def columns(self, include_optional: bool = False) -> list[str]:
        """Fields the documents' own conditions read: validated, but never required.

        A column no input provides leaves those documents `unknown` (naming the
        column to fill) instead of making the whole rule not applicable.
        """
        names = super().columns(include_optional) + (list(self.per) if include_optional else [])
        if include_optional:
            for when in [d.when for d in self.documents or []] + [
                self.prohibited_when,
                self.warn_when,
            ]:
                names += condition_fields(when)
        return list(dict.fromkeys(names))


def identifier_formats(
    types: pd.Series, identifiers: pd.Series, ctx: EvalContext, override: str | None = None
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Per register row: does the identifier match its type's published format?

    Returns (matches, confirmed, pattern): `matches` is True for a type without a
    published format, NA where the match ran over its time budget (engine.patterns: a
    rule's own pattern may backtrack); a blank identifier never matches a format.
    `confirmed` is False where the format is one only third parties describe.
    `override` replaces every type's format (a rule's own identifier_pattern). One
    pattern per distinct type, each distinct identifier matched once.
    """
    identifiers = identifiers.astype("string")
    matches = pd.Series(True, index=types.index, dtype="boolean")
    confirmed = pd.Series(True, index=types.index, dtype=bool)
    pattern = pd.Series(pd.NA, index=types.index, dtype="string")
    groups = {None: types.index} if override else types.groupby(types, sort=False).groups
    for type_name, rows in groups.items():
        spec = DOCUMENT_TYPES.get(str(type_name)) if type_name is not None else None
        regex = override or (spec.pattern if spec else None)
        if regex is None:
            continue
        compiled = ctx.pattern(regex)

        def fullmatch(distinct: pd.Series, compiled: PackPattern = compiled) -> pd.Series:
            results = [None if c is None else compiled.fullmatch(c) for c in cells(distinct)]
            return pd.Series(
                [pd.NA if r is OVER_BUDGET else r is not None for r in results],
                index=distinct.index,
                dtype="boolean",
            )

        matches.loc[rows] = per_distinct(identifiers.loc[rows], fullmatch).to_numpy()
        confirmed.loc[rows] = bool(override) or bool(spec and spec.pattern_confirmed)
        pattern.loc[rows] = regex
    return matches, confirmed, pattern


#: Ranks of a covering document, best first; entities with none get MISSING.
#: warn: EXPIRING, UNCONFIRMED_FORMAT; fail: TOO_OLD and worse.
#: UNDECIDED_FORMAT (unknown): the identifier's match ran over its time budget.
(
    GOOD,
    EXPIRING,
    UNCONFIRMED_FORMAT,
    UNDECIDED_FORMAT,
    TOO_OLD,
    BAD_IDENTIFIER,
    NOT_VALID,
    MISSING,
) = range(8)
_REASONS = {
    UNDECIDED_FORMAT: "pattern_budget",
    MISSING: "document_missing",
    NOT_VALID: "document_not_valid",
    BAD_IDENTIFIER: "identifier_format",
    TOO_OLD: "document_too_old",
    UNCONFIRMED_FORMAT: "identifier_unconfirmed_format",
    EXPIRING: "document_expiring",
}


@check(DocumentParams)
def document(params: DocumentParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """The LUCID number, the CPC, the UFLPA file: the register must hold it, valid today.

    Fails when no document covers the entity, when the best covering one has expired
    or is not yet valid, is older than the maximum age (or undated where one is set),
    or its identifier does not match the published format; warns when it expires
    within `warn_days`, or when its identifier misses a format only third parties
    describe. A required document whose `when` is undecided is `unknown`, naming the
    blank fields; where it does not hold, the document is not needed (pass).

    Two conditions let a rule say what the law says without a second rule: where
    `warn_when` holds a failure only warns (the same sector from an origin the
    presumption does not target); where `prohibited_when` holds no document helps, so
    the entity fails once, reason `prohibited` (a pesticide sold in the US by a seller
    established elsewhere); where that is undecided the entity is one `unknown`, unless
    a required document fails, which fails it either way.
    """
    rows = Rows.of(frame, ctx)
    verdicts = []
    for required, detail in params.required():
        verdict = _document_verdict(required, params.warn_days, frame, ctx, list(params.per))
        if required.when is not None:
            verdict = scoped(verdict, required.when, rows)
        if params.warn_when is not None:
            verdict = only_warn(verdict, params.warn_when, rows)
        verdict.detail = detail
        verdicts.append(verdict)
    if params.prohibited_when is None:
        return verdicts
    prohibited = prohibited_verdict(params.prohibited_when, rows)
    # Undecided whether the entity is prohibited, but a required document fails: it
    # fails either way, so the documents speak and the prohibition stays quiet.
    fails_anyway = np.logical_or.reduce([(v.outcome == FAIL).to_numpy() for v in verdicts])
    open_rows = (prohibited.outcome == UNKNOWN).to_numpy() & fails_anyway
    prohibited.outcome = prohibited.outcome.mask(open_rows, PASS)
    # Where no document can help (or it is undecided whether one can), the documents'
    # own verdicts would only repeat the finding: they pass, and one verdict speaks.
    decided_elsewhere = prohibited.outcome != PASS
    for verdict in verdicts:
        verdict.outcome = verdict.outcome.mask(decided_elsewhere, PASS)
    return [prohibited, *verdicts]


#: The register's scope columns, each matched against the entity's column of that name.
SCOPE = ("sku", "asin", "brand", "product_type", "marketplace")


def _document_verdict(
    required: RequiredDocument,
    warn_days: int | None,
    frame: pd.DataFrame,
    ctx: EvalContext,
    per: list[str] | None = None,
) -> Verdicts:
    documents = ctx.tables["documents"]
    documents = documents[documents["document_type"].isin(required.types)]
    scope = [c for c in SCOPE if c in frame.columns and c in documents.columns]
    per = [c for c in per or [] if c in scope]
    matches = scoped_matches(
        frame,
        documents,
        required={c: c for c in per},
        optional={c: c for c in scope if c not in per},
    )
    as_of = pd.Timestamp(ctx.as_of)
    issued, expires = pd.to_datetime(matches["issued_on"]), pd.to_datetime(matches["expires_on"])
    valid_now = ~(issued > as_of) & ~(expires < as_of)
    id_matches, confirmed, _ = identifier_formats(
        matches["document_type"].astype("string"),
        matches["identifier"],
        ctx,
        required.identifier_pattern,
    )
    id_undecided = id_matches.isna().to_numpy(dtype=bool)
    id_ok = id_matches.fillna(True).astype(bool)
    oldest = _oldest_allowed(required, as_of)
    too_old = (
        (issued.isna() | (issued < oldest)).astype(bool)
        if oldest is not None
        else pd.Series(False, index=matches.index)
    )
    horizon = as_of + pd.Timedelta(days=warn_days or 0)
    expiring = (
        (expires <= horizon).fillna(False).astype(bool)
        if warn_days is not None
        else pd.Series(False, index=matches.index)
    )
    rank = pd.Series(
        np.select(
            [~valid_now, ~id_ok & confirmed, too_old, id_undecided, ~id_ok, expiring],
            [NOT_VALID, BAD_IDENTIFIER, TOO_OLD, UNDECIDED_FORMAT, UNCONFIRMED_FORMAT, EXPIRING],
            GOOD,
        ),
        index=matches.index,
    )
    best = _best(matches, rank, frame.index)
    best_rank = best["_rank"].fillna(MISSING)
    best_expires = pd.to_datetime(best["expires_on"])
    best_issued = pd.to_datetime(best["issued_on"])
    reason = best_rank.map(_REASONS).astype("string")
    if oldest is not None:
        reason = reason.mask((best_rank == TOO_OLD) & best_issued.isna(), "document_undated")
    identifier = best["identifier"].astype("string")
    # An entity without a value for a key the registration is per cannot be matched:
    # unknown, naming the field, rather than a document reported missing.
    unscoped = pd.Series(False, index=frame.index)
    evidence_missing: dict[str, pd.Series] = {}
    if per:
        blank = frame[per].isna()
        unscoped = blank.any(axis=1)
        names = (
            blank.loc[unscoped].apply(lambda row: [c for c in per if row[c]], axis=1)
            if unscoped.any()
            else pd.Series(dtype=object)
        ).reindex(frame.index)
        evidence_missing = {"_missing": names.where(unscoped)} if unscoped.any() else {}
    return Verdicts(
        outcome=outcomes(
            frame.index,
            fail=(best_rank >= TOO_OLD) & ~unscoped,
            warn=best_rank.isin([EXPIRING, UNCONFIRMED_FORMAT]) & ~unscoped,
            unknown=(best_rank == UNDECIDED_FORMAT) | unscoped,
        ),
        observed=identifier,
        limit=required.identifier_pattern,
        evidence={
            "document_type": best["document_type"]
            .astype("string")
            .fillna(" or ".join(required.types)),
            "reason": reason,
            "identifier": identifier,
            "issued_on": _dates(best_issued),
            "expires_on": _dates(best_expires),
            "days_left": (best_expires - as_of).dt.days.astype("Int64"),
            "oldest_allowed": oldest.date().isoformat() if oldest is not None else None,
            "file": best["file"].astype("string"),
            **evidence_missing,
        },
    )


def _oldest_allowed(required: RequiredDocument, as_of: pd.Timestamp) -> pd.Timestamp | None:
    if required.max_age_years is not None:
        return as_of - pd.DateOffset(years=required.max_age_years)
    if required.max_age_days is not None:
        return as_of - pd.Timedelta(days=required.max_age_days)
    return None


def _dates(values: pd.Series) -> pd.Series:
    return values.dt.date.astype(object).where(values.notna())


class IdentifierFormatParams(CheckParams):
    """Each register row's identifier must match the published format of its type."""

    kind: Literal["identifier_format"] = "identifier_format"
    field: str = "identifier"
    type_field: str = "document_type"
    field_params: ClassVar[tuple[str, ...]] = ("field", "type_field")
    placeholders: ClassVar[tuple[str, ...]] = ("reason", "pattern", "format")


@check(IdentifierFormatParams)
def identifier_format(
    params: IdentifierFormatParams, frame: pd.DataFrame, ctx: EvalContext
) -> list[Verdicts]:
    """A registration number in the wrong format is rejected when Amazon validates it.

    The formats are those of `DOCUMENT_TYPES` (one place, shared with the document
    check). Rows of a type without a published format pass; a blank identifier of a
    type with one is `unknown`; a mismatch fails, or warns where only third parties
    describe the format.
    """
    types = frame[params.type_field].astype("string")
    identifiers = frame[params.field].astype("string")
    matched, confirmed, pattern = identifier_formats(types, identifiers, ctx)
    has_format = pattern.notna()
    blank = identifiers.isna() & has_format
    over_budget = matched.isna() & ~blank
    bad = has_format & ~matched.fillna(True).astype(bool) & ~blank
    reason = (
        pd.Series(
            np.select(
                [bad & confirmed, bad & ~confirmed, over_budget],
                ["identifier_format", "identifier_unconfirmed_format", "pattern_budget"],
                "",
            ),
            index=frame.index,
        )
        .replace("", pd.NA)
        .astype("string")
    )
    return [
        Verdicts(
            outcome=outcomes(
                frame.index,
                fail=bad & confirmed,
                warn=bad & ~confirmed,
                unknown=blank | over_budget,
            ),
            observed=identifiers,
            limit=pattern,
            missing=[params.field],
            # the format in words, in both languages (the message shows the report's)
            evidence={
                "reason": reason,
                "pattern": pattern.where(bad),
                "format": pattern.where(bad).map(FORMAT_WORDS.get, na_action="ignore"),
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
