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
