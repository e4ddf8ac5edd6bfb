"""Checks on the presence and vocabulary of fields."""

from __future__ import annotations

from typing import ClassVar, Literal

import pandas as pd
from pydantic import Field

from auditor.engine.registry import check
from auditor.engine.verdicts import EvalContext, Verdicts, outcomes, text_column
from auditor.model.rules import CheckParams, FieldNames, Scalar


class RequiredParams(CheckParams):
    """Each field must have a value."""

    kind: Literal["required"] = "required"
    fields: FieldNames
    field_params: ClassVar[tuple[str, ...]] = ("fields",)


@check(RequiredParams)
def required(params: RequiredParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """A field the listing cannot do without (brand, main image, price) is blank.

    Absence is what this check looks for, so a blank cell fails rather than being
    `unknown`; a column the input lacks altogether makes the rule not applicable.
    """
    return [
        Verdicts(
            outcome=outcomes(frame.index, fail=frame[name].isna()),
            observed=frame[name],
            detail=name if len(params.fields) > 1 else None,
        )
        for name in params.fields
    ]


class AbsentParams(CheckParams):
    """Each field must be blank: a value is the problem itself."""

    kind: Literal["absent"] = "absent"
    fields: FieldNames
    field_params: ClassVar[tuple[str, ...]] = ("fields",)


@check(AbsentParams)
def absent(params: AbsentParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """A column that names a problem where there is one (the sentence of a plan of action
    that contradicts Amazon's notice, the Chinese text in an English letter): its value
    fails and is shown as `{value}`; a blank cell passes, as the mirror of `required`."""
    return [
        Verdicts(
            outcome=outcomes(frame.index, fail=frame[name].notna()),
            observed=frame[name],
            detail=name if len(params.fields) > 1 else None,
        )
        for name in params.fields
    ]


class InSetParams(CheckParams):
    """The field's value must be one of `values`."""

    kind: Literal["in_set"] = "in_set"
    field: str
    values: list[Scalar] = Field(min_length=1)
    ignore_case: bool = True
    field_params: ClassVar[tuple[str, ...]] = ("field",)


@check(InSetParams)
def in_set(params: InSetParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """A value outside its vocabulary (an account status other than NORMAL, an unknown unit)."""
    column = frame[params.field]
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column.dtype):
        numbers = pd.to_numeric(
            pd.Series([str(v) for v in params.values]), errors="coerce"
        ).dropna()
        outside = ~column.astype("Float64").isin(numbers.tolist())
        text = column
    else:
        text = text_column(frame, params.field)
        allowed = [str(v) for v in params.values]
        if params.ignore_case:
            text, allowed = text.str.lower(), [v.lower() for v in allowed]
        outside = ~text.isin(allowed)
    return [
        Verdicts(
            outcome=outcomes(frame.index, fail=outside, unknown=text.isna()),
            observed=frame[params.field],
            limit=", ".join(str(v) for v in params.values),
            missing=[params.field],
        )
    ]


Outcome = Literal["pass", "fail", "warn", "unknown"]


class OutcomeMapParams(CheckParams):
    """The outcome is read from a column: each of its values maps to pass, fail, warn or unknown."""

    kind: Literal["outcome_map"] = "outcome_map"
    field: str
    outcomes: dict[str, Outcome] = Field(
        min_length=1, description="Value -> outcome, e.g. {error: fail, warning: warn}."
    )
    default: Outcome = Field("pass", description="Outcome of a value not in `outcomes`.")
    ignore_case: bool = True
    field_params: ClassVar[tuple[str, ...]] = ("field",)


@check(OutcomeMapParams)
def outcome_map(params: OutcomeMapParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """Someone already judged the row (Amazon's issue severity): carry the verdict over.

    A blank value is `unknown`; a value the map does not name takes `default`.
    """
    text = text_column(frame, params.field).str.strip()
    mapping = dict(params.outcomes)
    if params.ignore_case:
        text = text.str.lower()
        mapping = {k.lower(): v for k, v in mapping.items()}
    outcome = text.map(mapping).astype(object).fillna(params.default)
    outcome[text.isna().to_numpy(dtype=bool)] = "unknown"
    return [
        Verdicts(
            outcome=outcome.astype(object),
            observed=frame[params.field],
            missing=[params.field],
        )
    ]
