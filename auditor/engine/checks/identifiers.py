"""Checks on product identifiers."""

from __future__ import annotations

from typing import ClassVar, Literal

import pandas as pd
from pydantic import Field
from stdnum import ean
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from auditor.engine.registry import check
from auditor.engine.verdicts import EvalContext, Verdicts, outcomes, text_column
from auditor.model.rules import CheckParams


class GtinParams(CheckParams):
    """UPC (12), EAN/JAN (13), GTIN-8 and GTIN-14: digits, length and GS1 check digit."""

    kind: Literal["gtin"] = "gtin"
    field: str = "product_id"
    exempt_field: str | None = Field(
        "gtin_exempt", description="Boolean column; true skips the check."
    )
    field_params: ClassVar[tuple[str, ...]] = ("field", "exempt_field")
    placeholders: ClassVar[tuple[str, ...]] = ("reason",)


def gtin_problem(value: str) -> str | None:
    """Why `value` is not a valid GTIN, or None. python-stdnum does the GS1 arithmetic."""
    try:
        ean.validate(value)
    except InvalidLength:
        digits = ean.compact(value)
        return f"has {len(digits)} digits; a UPC has 12, an EAN 13, a GTIN 8 or 14"
    except InvalidFormat:
        return "contains characters other than digits"
    except InvalidChecksum:
        digits = ean.compact(value)
        return f"check digit is {digits[-1]}, GS1 mod-10 gives {ean.calc_check_digit(digits[:-1])}"
    except ValidationError as error:
        return str(error)
    return None


@check(GtinParams)
def gtin(params: GtinParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """An invalid UPC/EAN gets a listing removed; the check digit catches typos and made-up codes.

    Each distinct identifier is validated once, then mapped back onto the column.
    """
    values = text_column(frame, params.field)
    problems = values.dropna().drop_duplicates()
    reasons = values.map(dict(zip(problems, problems.map(gtin_problem), strict=True))).astype(
        "string"
    )
    exempt = pd.Series(False, index=frame.index)
    if params.exempt_field:
        exempt = frame[params.exempt_field].fillna(False).astype(bool)
    reasons = reasons.mask(exempt, pd.NA)
    return [
        Verdicts(
            outcome=outcomes(frame.index, fail=reasons.notna(), unknown=values.isna() & ~exempt),
            observed=values,
            missing=[params.field],
            evidence={"reason": reasons, "gtin_exempt": exempt.where(exempt)},
        )
    ]
