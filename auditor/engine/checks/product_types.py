"""A listing's attributes against Amazon's definition of its product type (rule LST-024).

Ingest gives each listing its attributes in Amazon's shape and the key of the definition
it is judged by (`product_type_definition`, blank when the inputs hold none for its
product type and marketplace); the definitions themselves are the table
`product_type_definitions`. Each definition's validator is made once; each listing is
read as Amazon reads a text file's cells (model.product_types.normalise: numbers and
booleans where the schema wants them, the listing's marketplace and language where an
attribute's selectors ask for them) and validated. Schema validation is per listing by
nature (a JSON document each), so this check loops over listings, grouped by definition.

One verdict per attribute that breaks the definition: a listing gets one finding per
attribute, at the first keyword it breaks (the others are named in its evidence).
A definition whose `requirementsEnforced` is NOT_ENFORCED does not enforce `required`:
missing attributes are not violations of it (Amazon's Product Type Definitions API).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal

import pandas as pd

from auditor.engine.product_types import Judge, Violation
from auditor.engine.registry import check
from auditor.engine.verdicts import FAIL, PASS, UNKNOWN, EvalContext, Verdicts
from auditor.model.product_types import normalise, selectors_for
from auditor.model.rules import CheckParams

DEFINITIONS = "product_type_definitions"

#: Keyword -> reason code (the catalogue's `why_<code>` words it).
REASONS = {
    "required": "pt_required",
    "maxUtf8ByteLength": "pt_max_bytes",
    "minUtf8ByteLength": "pt_min_bytes",
    "maxLength": "pt_max_length",
    "minLength": "pt_min_length",
    "maxItems": "pt_max_items",
    "minItems": "pt_min_items",
    "maxUniqueItems": "pt_max_unique",
    "minUniqueItems": "pt_min_unique",
    "enum": "pt_enum",
    "const": "pt_enum",
    "type": "pt_type",
    "pattern": "pt_pattern",
    "maximum": "pt_maximum",
    "minimum": "pt_minimum",
    "additionalProperties": "pt_additional",
}
#: The most allowed values a finding lists (an enum of 300 browse values is no sentence).
MAX_ALLOWED_SHOWN = 12


class ProductTypeRequirementsParams(CheckParams):
    """The listing's attributes must satisfy its product type's definition, as Amazon checks them."""

    kind: Literal["product_type_requirements"] = "product_type_requirements"
    field_params: ClassVar[tuple[str, ...]] = ("attributes_field", "definition_field")
    placeholders: ClassVar[tuple[str, ...]] = ("reason", "product_type", "keyword", "allowed")
    attributes_field: Literal["attributes"] = "attributes"
    definition_field: Literal["product_type_definition"] = "product_type_definition"


@check(ProductTypeRequirementsParams)
def product_type_requirements(
    params: ProductTypeRequirementsParams, frame: pd.DataFrame, ctx: EvalContext
) -> list[Verdicts]:
    """Every attribute that breaks the listing's product type definition fails, one finding
    per attribute; a listing whose product type has no definition among the inputs is
    `unknown`, naming the product type to fetch."""
    undecided = _undecided(frame, ctx)
    found: dict[Any, dict[str, Violation]] = {}
    definitions = ctx.tables.get(DEFINITIONS)
    judged = frame[undecided.isna()]
    if definitions is not None and not judged.empty:
        for key, rows in judged.groupby("product_type_definition", sort=True):
            found.update(_judge(rows, _definition(definitions, str(key))))
    verdicts = [_attribute_verdict(name, frame, found) for name in _attributes(found)]
    for missing in ("product_type", "attributes", "product_type_definition"):
        verdicts.append(_unknown(frame, undecided == missing, missing))
    return [v for v in verdicts if (v.outcome != PASS).any()] or [
        Verdicts(outcome=pd.Series(PASS, index=frame.index, dtype=object))
    ]


def _undecided(frame: pd.DataFrame, ctx: EvalContext) -> pd.Series:
    """Per listing, the field that leaves it undecided (NA where it can be judged). With no
    definition among the inputs at all, that is the definition, whatever else is missing:
    the rule is then one note per input (engine.evaluate), not a finding per listing."""
    why = pd.Series(pd.NA, index=frame.index, dtype="string")
    if DEFINITIONS not in ctx.tables:
        return why.fillna("product_type_definition")
    why = why.mask(frame["attributes"].isna(), "attributes")
    why = why.mask(frame["product_type_definition"].isna(), "product_type_definition")
    return why.mask(frame["product_type"].isna(), "product_type")


def _definition(definitions: pd.DataFrame, key: str) -> Mapping[str, Any]:
    row = definitions[definitions["key"] == key].iloc[0]
    return {str(k): v for k, v in row.items()}


def _judge(rows: pd.DataFrame, definition: Mapping[str, Any]) -> dict[Any, dict[str, Violation]]:
    """Each listing's violations of one definition, by attribute (the first keyword each)."""
    schema = definition["definition"]
    judge = Judge(schema)
    enforced = str(definition.get("requirements_enforced")) != "NOT_ENFORCED"
    locale = definition.get("locale")
    result: dict[Any, dict[str, Violation]] = {}
    columns = (rows[c].tolist() for c in ("attributes", "marketplace", "language_tag"))
    for index, attributes, marketplace, language in zip(rows.index, *columns, strict=True):
        selectors = selectors_for(marketplace, language, locale)
        by_attribute: dict[str, Violation] = {}
        for violation in judge.violations(normalise(attributes, schema, selectors)):
            if violation.keyword == "required" and not enforced:
                continue
            by_attribute.setdefault(violation.attribute or "(listing)", violation)
        if by_attribute:
            result[index] = by_attribute
    return result


def _attributes(found: Mapping[Any, Mapping[str, Violation]]) -> list[str]:
    return sorted({name for by_attribute in found.values() for name in by_attribute})


def _attribute_verdict(
    name: str, frame: pd.DataFrame, found: Mapping[Any, Mapping[str, Violation]]
) -> Verdicts:
    """The listings that break the definition at attribute `name`, with what Amazon says."""
    hits = {i: v[name] for i, v in found.items() if name in v}
    index = frame.index
    outcome = pd.Series(PASS, index=index, dtype=object)
    outcome[list(hits)] = FAIL
    column = _columns(hits, index)
    others = {i: sorted(set(_keywords(found[i])) - {hits[i].keyword}) for i in hits}
    evidence = {
        "product_type": frame["product_type"],
        "keyword": column("keyword"),
        "reason": column("reason"),
        "allowed": column("allowed"),
        "selector": column("selector"),
        "conditional": column("conditional"),
        "also": pd.Series({i: o or None for i, o in others.items()}, dtype=object).reindex(index),
    }
    return Verdicts(
        outcome=outcome,
        observed=column("observed"),
        limit=column("limit"),
        detail=column("path"),
        evidence=evidence,
    )


def _keywords(by_attribute: Mapping[str, Violation]) -> list[str]:
    return [v.keyword for v in by_attribute.values()]


def _columns(hits: Mapping[Any, Violation], index: pd.Index) -> Any:
    values = {i: _described(v) for i, v in hits.items()}

    def column(name: str) -> pd.Series:
        return pd.Series({i: d[name] for i, d in values.items()}, dtype=object).reindex(index)

    return column


def _described(violation: Violation) -> dict[str, Any]:
    """A violation as a finding's values: plain data, text where a value is structured."""
    allowed = [
        f"{a.value} ({a.name})" if a.name and a.name != str(a.value) else str(a.value)
        for a in violation.allowed
    ]
    if len(allowed) > MAX_ALLOWED_SHOWN:
        allowed = [*allowed[:MAX_ALLOWED_SHOWN], f"… ({len(allowed)})"]
    observed = violation.observed
    if not isinstance(observed, str | int | float | bool) and observed is not None:
        observed = str(observed)[:200]
    limit = violation.limit
    if not isinstance(limit, str | int | float | bool) and limit is not None:
        limit = str(limit)[:200]
    return {
        "keyword": violation.keyword,
        "reason": REASONS.get(violation.keyword, "pt_other")
        + ("_if" if violation.conditional and violation.keyword == "required" else ""),
        "allowed": ", ".join(allowed) or None,
        "selector": ", ".join(f"{k}={v}" for k, v in violation.selector) or None,
        "conditional": violation.conditional or None,
        "path": violation.path or violation.attribute or None,
        "observed": observed,
        "limit": limit,
    }


def _unknown(frame: pd.DataFrame, rows: pd.Series, missing: str) -> Verdicts:
    """Listings that cannot be judged for want of `missing` (their product type, their
    attributes, or a definition for their product type among the inputs)."""
    mask = rows.fillna(False).to_numpy(dtype=bool)
    outcome = pd.Series(PASS, index=frame.index, dtype=object)
    outcome[mask] = UNKNOWN
    reason = "no_definition" if missing == "product_type_definition" else None
    return Verdicts(
        outcome=outcome,
        missing=[missing],
        evidence={"product_type": frame["product_type"], "reason": reason},
    )
