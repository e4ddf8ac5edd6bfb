"""Checks on product identifiers."""

from __future__ import annotations

import re
from typing import Any, ClassVar, Literal

import pandas as pd
from pydantic import Field
from stdnum import ean, isbn

from auditor.engine.registry import check
from auditor.engine.verdicts import EvalContext, Verdicts, outcomes, text_column
from auditor.frames import per_distinct
from auditor.model.rules import CheckParams

#: Evidence a failed GTIN carries: a reason code (see engine/reasons.py) and its facts.
GTIN_FACTS = ("reason", "digits", "check_digit", "expected_check_digit")


class GtinParams(CheckParams):
    """UPC (12), EAN/JAN (13), GTIN-8 and GTIN-14: digits, length and GS1 check digit."""

    kind: Literal["gtin"] = "gtin"
    field: str = "product_id"
    exempt_field: str | None = Field(
        "gtin_exempt", description="Boolean column; true skips the check."
    )
    type_field: str | None = Field(
        "product_id_type",
        description="Column naming the identifier's type: ISBNs are checked as ISBNs, ASINs not at all.",
    )
    field_params: ClassVar[tuple[str, ...]] = ("field",)
    optional_field_params: ClassVar[tuple[str, ...]] = ("exempt_field", "type_field")
    placeholders: ClassVar[tuple[str, ...]] = GTIN_FACTS


#: Identifier types that are not GTINs: an ASIN is Amazon's own id, an ISBN-10 has its own check.
NOT_CHECKED, ISBN = {"ASIN"}, {"ISBN", "ISBN10", "ISBN13"}


def isbn_problem(value: str) -> dict[str, Any] | None:
    """Why `value` is not a valid ISBN-10 or ISBN-13 (python-stdnum's check), or None."""
    return None if isbn.is_valid(value) else {"reason": "isbn_invalid"}


def gtin_problem(digits: str) -> dict[str, Any] | None:
    """Why `digits` (already stripped of spaces and hyphens) is not a valid GTIN; None when valid.

    python-stdnum does the GS1 arithmetic.
    """
    if not digits.isdigit():
        return {"reason": "gtin_format"}
    if len(digits) not in (8, 12, 13, 14):
        return {"reason": "gtin_length", "digits": len(digits)}
    expected = ean.calc_check_digit(digits[:-1])
    if expected != digits[-1]:
        return {
            "reason": "gtin_check_digit",
            "check_digit": digits[-1],
            "expected_check_digit": expected,
        }
    return None


def _problem(value: str, is_isbn: bool) -> dict[str, Any] | None:
    """Why an identifier as written (spaces and hyphens allowed) is not valid, or None."""
    digits = re.sub(r"[\s-]", "", value)
    return isbn_problem(digits) if is_isbn else gtin_problem(digits)


@check(GtinParams)
def gtin(params: GtinParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """An invalid UPC/EAN gets a listing removed; the check digit catches typos and made-up codes.

    Each distinct identifier is validated once, then mapped back onto the column.
    """
    values = text_column(frame, params.field)
    kinds = pd.Series("", index=frame.index, dtype="string")
    if params.type_field:
        kinds = per_distinct(
            text_column(frame, params.type_field),
            lambda k: k.str.upper().str.replace("-", "").fillna(""),
        )
    not_gtin = kinds.isin(NOT_CHECKED).to_numpy(dtype=bool)
    values = values.mask(not_gtin)
    keyed = pd.DataFrame({"value": values, "isbn": kinds.isin(ISBN)}, index=frame.index)
    distinct = keyed.dropna().drop_duplicates()
    facts = pd.DataFrame(
        [_problem(value, is_isbn) or {} for value, is_isbn in distinct.itertuples(index=False)],
        columns=list(GTIN_FACTS),
        index=distinct.index,
    )
    facts = keyed.merge(pd.concat([distinct, facts], axis=1), on=["value", "isbn"], how="left")[
        list(GTIN_FACTS)
    ].set_axis(frame.index)
    exempt = pd.Series(False, index=frame.index)
    if params.exempt_field:
        exempt = frame[params.exempt_field].fillna(False).astype(bool)
    facts = facts.mask(exempt.to_numpy(dtype=bool)[:, None].repeat(len(GTIN_FACTS), axis=1))
    return [
        Verdicts(
            outcome=outcomes(
                frame.index,
                fail=facts["reason"].notna(),
                unknown=values.isna() & ~exempt & ~not_gtin,
            ),
            observed=values,
            missing=[params.field],
            evidence={**{k: facts[k] for k in GTIN_FACTS}, "gtin_exempt": exempt.where(exempt)},
        )
    ]
