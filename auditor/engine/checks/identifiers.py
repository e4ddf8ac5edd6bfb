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


class Gs1PrefixParams(CheckParams):
    """A GTIN of one of the seller's own brands should start with a GS1 company prefix the
    seller licenses; one from another company's prefix is a bought or borrowed code."""

    kind: Literal["gs1_prefix"] = "gs1_prefix"
    field: str = "product_id"
    prefixes_field: str = Field(
        "seller_gs1_prefixes",
        description="Column of the seller's GS1 company prefixes, ';'-separated (seller facts).",
    )
    brand_field: str = Field(
        "brand",
        description="Column of the brand: a brand is the seller's own when one of its GTINs "
        "starts with the seller's prefixes.",
    )
    exempt_field: str | None = Field("gtin_exempt", description="Boolean column; true skips.")
    type_field: str | None = Field("product_id_type", description="ASINs and ISBNs are skipped.")
    outcome: Literal["fail", "warn"] = Field("warn", description="What a foreign prefix gives.")
    field_params: ClassVar[tuple[str, ...]] = ("field",)
    optional_field_params: ClassVar[tuple[str, ...]] = (
        "prefixes_field",
        "brand_field",
        "exempt_field",
        "type_field",
    )
    placeholders: ClassVar[tuple[str, ...]] = ("reason", "gs1_prefixes")


def gtin13_key(digits: str) -> str | None:
    """The GTIN as the 13 digits a GS1 company prefix starts (GTIN-12 padded with a 0,
    GTIN-14 without its indicator digit); None for a GTIN-8, which has no company prefix."""
    if len(digits) == 12:
        return "0" + digits
    if len(digits) == 13:
        return digits
    if len(digits) == 14:
        return digits[1:]
    return None


def licensed(key: str, prefixes: list[str]) -> bool:
    """Whether a 13-digit key starts with one of the prefixes, written as a GS1 company
    prefix (0850012…) or as a U.P.C. company prefix without the leading 0 (850012…)."""
    upc = key[1:] if key.startswith("0") else None
    return any(key.startswith(p) or (upc is not None and upc.startswith(p)) for p in prefixes)


@check(Gs1PrefixParams)
def gs1_prefix(params: Gs1PrefixParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """Amazon matches a GTIN's GS1 owner against the brand and removes listings where they
    differ; codes bought from resellers pass the check digit but carry someone else's prefix.

    Without the seller's prefixes (no `seller:` section) every identifier is undecided.
    Only valid GTIN-12/13/14 are judged (LST-018's check digit part covers the rest), and
    only for brands that are the seller's own: a brand with at least one GTIN under the
    seller's prefixes. Resold brands keep their manufacturer's codes.
    """
    index = frame.index
    values = text_column(frame, params.field).str.replace(r"[\s-]", "", regex=True)
    skip = pd.Series(False, index=index)
    if params.type_field and params.type_field in frame:
        kinds = text_column(frame, params.type_field).str.upper().str.replace("-", "")
        skip |= kinds.isin(NOT_CHECKED | ISBN).fillna(False)
    if params.exempt_field and params.exempt_field in frame:
        skip |= frame[params.exempt_field].fillna(False).astype(bool)
    keys = pd.Series(
        [gtin13_key(v) if isinstance(v, str) and gtin_problem(v) is None else None for v in values],
        index=index,
        dtype="string",
    ).mask(skip)
    if params.prefixes_field not in frame:
        prefixes = pd.Series(pd.NA, index=index, dtype="string")
    else:
        prefixes = text_column(frame, params.prefixes_field)
    owned = pd.Series(
        [
            licensed(k, [p.strip() for p in str(ps).split(";") if p.strip()])
            if isinstance(k, str) and isinstance(ps, str)
            else None
            for k, ps in zip(keys, prefixes, strict=True)
        ],
        index=index,
        dtype="boolean",
    )
    brands = (
        text_column(frame, params.brand_field).str.strip().str.lower()
        if params.brand_field in frame
        else pd.Series(pd.NA, index=index, dtype="string")
    )
    own_brands = set(brands[owned.fillna(False).to_numpy(dtype=bool)].dropna())
    foreign = owned.eq(False).fillna(False) & brands.isin(own_brands).fillna(False)
    undecided = keys.notna() & prefixes.isna()
    result = outcomes(index, fail=pd.Series(False, index=index), unknown=undecided)
    result[foreign.to_numpy(dtype=bool)] = params.outcome
    # No `seller:` section: the column is in no input, and the message says where it comes from.
    absent = (
        {}
        if params.prefixes_field in ctx.provided
        else {
            "_absent": pd.Series([[params.prefixes_field]] * len(index), index=index).where(
                undecided
            )
        }
    )
    return [
        Verdicts(
            outcome=result,
            observed=values,
            missing=[params.prefixes_field],
            evidence=absent
            | {
                "reason": pd.Series("gs1_prefix_foreign", index=index, dtype="string").where(
                    foreign
                ),
                "gs1_prefixes": prefixes.where(foreign),
            },
        )
    ]
