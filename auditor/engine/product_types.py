"""Listing attributes checked against Amazon's product type definitions, as Amazon checks them.

Amazon refuses a listing whose attributes break its product type's definition: a JSON
Schema (draft 2019-09) extended with Amazon's own vocabulary. Standard 2019-09 keywords
(`required`, `enum`, `maxLength`, `allOf` with `if`/`then` conditional requirements …)
are jsonschema's own; this module adds the vocabulary's validation keywords and turns
each error into a `Violation`: data, never a sentence, for a rule to word.

What the vocabulary means comes from Amazon's published documentation (read 2026-12):

* "Amazon Product Type Definition Meta-Schema (v1)",
  https://developer-docs.amazon.com/sp-api/docs/product-type-definition-meta-schema :
  the schema URI `…/product-types/meta-schema/v1` and vocabulary URI
  `…/product-types/vocabulary/v1` are identifiers, "not network addressable";
  `editable`, `enumNames` and `hidden` are informational; `maxUtf8ByteLength` /
  `minUtf8ByteLength` bound the UTF-8 encoded length of a string; `selectors` name the
  properties that identify an object in an array, and `maxUniqueItems` bounds, per
  combination of the selectors' values, how many items may share it (one `item_name`
  per `marketplace_id` and `language_tag`).
* Amazon's example validators, "Java Example of Meta-Schema v1"
  (…/docs/product-type-definition-meta-schema-v1-example-java, networknt validator)
  and "Javascript Example of Meta-Schema v1" (Hyperjump): they load the meta-schema
  from a local copy, treat `editable` and `enumNames` as non-validating keywords, and
  count the items per combination of selector values ("each combination of selector
  values may only occur N times"). `minUniqueItems` is read the same way, as a floor.
* Definitions also carry `$lifecycle` (with `enumDeprecated`, `enumReplacement`,
  `replacedBy`, `replaces`), annotations about deprecated values: informational here.
* "Retrieve a Product Type Definition" (…/docs/retrieve-a-product-type-definition):
  "meta schema names cannot be resolved via the web"; libraries that try must be given
  the meta-schema locally.

The meta-schema is never fetched. Validation does not resolve `$schema` at all: the
validator class is chosen here (draft 2019-09 extended with Amazon's keywords), not
looked up from the definition. The definition itself is first checked against a local
stand-in of Amazon's meta-schema (draft 2019-09's own, which `jsonschema_specifications`
ships, plus the types of Amazon's keywords), registered under Amazon's URI in a
`referencing.Registry` whose retrieval fails for any URI it does not hold: a `$ref`
to anything outside the definition is a rejected definition, never a download.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import referencing.exceptions
from jsonschema import Draft201909Validator, validators
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator
from jsonschema_specifications import REGISTRY as SPECIFICATIONS  # type: ignore[import-untyped]
from referencing import Registry
from referencing.jsonschema import DRAFT201909

from auditor.errors import AuditorError

#: Amazon's meta-schema and vocabulary: identifiers, not addresses.
META_SCHEMA_URI = (
    "https://schemas.amazon.com/selling-partners/definitions/product-types/meta-schema/v1"
)
VOCABULARY_URI = (
    "https://schemas.amazon.com/selling-partners/definitions/product-types/vocabulary/v1"
)
_DRAFT = "https://json-schema.org/draft/2019-09"

_COUNT = {"type": "integer", "minimum": 0}

#: A local stand-in for Amazon's meta-schema: draft 2019-09 (through `$recursiveRef`,
#: so nested subschemas are held to it too) plus the types of Amazon's keywords. It
#: checks that a definition is one; it does not copy Amazon's file.
META_SCHEMA: dict[str, Any] = {
    "$schema": f"{_DRAFT}/schema",
    "$id": META_SCHEMA_URI,
    "$vocabulary": {
        f"{_DRAFT}/vocab/core": True,
        f"{_DRAFT}/vocab/applicator": True,
        f"{_DRAFT}/vocab/validation": True,
        f"{_DRAFT}/vocab/meta-data": True,
        f"{_DRAFT}/vocab/format": False,
        f"{_DRAFT}/vocab/content": True,
        VOCABULARY_URI: True,
    },
    "$recursiveAnchor": True,
    "allOf": [{"$ref": f"{_DRAFT}/schema"}],
    "properties": {
        "editable": {"type": "boolean"},
        "hidden": {"type": "boolean"},
        "enumNames": {"type": "array", "items": {"type": "string"}},
        "selectors": {"type": "array", "items": {"type": "string"}},
        "maxUniqueItems": _COUNT,
        "minUniqueItems": _COUNT,
        "maxUtf8ByteLength": _COUNT,
        "minUtf8ByteLength": _COUNT,
        "$lifecycle": {"type": "object"},
    },
}

#: Draft 2019-09's meta-schemas (shipped locally) and Amazon's stand-in; nothing else.
#: The default retrieval of a `referencing.Registry` raises for an unknown URI: no I/O.
REGISTRY: Registry[Any] = SPECIFICATIONS.with_resource(
    META_SCHEMA_URI, DRAFT201909.create_resource(META_SCHEMA)
)


def _utf8_length(instance: str) -> int:
    return len(instance.encode("utf-8"))


def _max_utf8(
    validator: Validator, limit: int, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and _utf8_length(instance) > limit:
        yield ValidationError(f"{_utf8_length(instance)} UTF-8 bytes, at most {limit}")


def _min_utf8(
    validator: Validator, limit: int, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and _utf8_length(instance) < limit:
        yield ValidationError(f"{_utf8_length(instance)} UTF-8 bytes, at least {limit}")


def _combinations(
    instance: Sequence[Any], selectors: Sequence[str]
) -> Counter[tuple[tuple[str, Any], ...]]:
    """How many items share each combination of selector values (absent selectors left out)."""
    return Counter(
        tuple((name, item[name]) for name in selectors if name in item)
        for item in instance
        if isinstance(item, dict)
    )


def _worst(
    instance: Sequence[Any], schema: Mapping[str, Any], limit: int, most: bool
) -> tuple[tuple[tuple[str, Any], ...], int] | None:
    """The combination of selector values furthest past the limit, with its count, or None.

    Ties go to the first combination in sorted order, so the verdict is deterministic.
    """
    counts = sorted(
        _combinations(instance, schema.get("selectors", [])).items(), key=lambda kv: repr(kv[0])
    )
    breaches = [(c, n) for c, n in counts if (n > limit if most else n < limit)]
    if not breaches:
        return None
    return (max if most else min)(breaches, key=lambda cn: cn[1])


def _max_unique(
    validator: Validator, limit: int, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "array") and (
        worst := _worst(instance, schema, limit, most=True)
    ):
        yield ValidationError(f"{worst[1]} items for {dict(worst[0])}, at most {limit}")


def _min_unique(
    validator: Validator, limit: int, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "array") and (
        worst := _worst(instance, schema, limit, most=False)
    ):
        yield ValidationError(f"{worst[1]} items for {dict(worst[0])}, at least {limit}")


#: Draft 2019-09 with Amazon's validation keywords; the informational ones (`editable`,
#: `hidden`, `enumNames`, `selectors` on its own, `$lifecycle`) need no validator:
#: jsonschema ignores keywords it has none for.
AmazonValidator = validators.extend(
    Draft201909Validator,
    validators={
        "maxUtf8ByteLength": _max_utf8,
        "minUtf8ByteLength": _min_utf8,
        "maxUniqueItems": _max_unique,
        "minUniqueItems": _min_unique,
    },
)


def validator_for(definition: Mapping[str, Any]) -> Validator:
    """A validator of listing attributes for one product type definition.

    The definition is checked against the local meta-schema first, so a malformed one
    is one clear error rather than wrong verdicts later.
    """
    meta = Draft201909Validator(META_SCHEMA, registry=REGISTRY)
    problem = next(iter(sorted(meta.iter_errors(definition), key=lambda e: list(e.path))), None)
    if problem is not None:
        where = _json_path(problem.absolute_path) or "the root"
        raise AuditorError(f"not an Amazon product type definition: at {where}, {problem.message}")
    return AmazonValidator(definition, registry=REGISTRY)


@dataclass(frozen=True)
class Allowed:
    """One allowed value and Amazon's display name for it (`enumNames`), when given."""

    value: Any
    name: str | None = None


@dataclass(frozen=True)
class Violation:
    """One way a listing's attributes break its product type's definition.

    `attribute` is the top attribute (`item_name`), `path` where in it (`item_name[0].value`);
    `limit` the bound the keyword sets (bytes, characters, items), `observed` what the
    listing has (its length, its count, its value); `allowed` the values an `enum` accepts;
    `selector` the marketplace/language combination a `maxUniqueItems` count is for;
    `conditional` whether the requirement applies through an `if`/`then`.
    """

    attribute: str
    path: str
    keyword: str
    limit: Any = None
    observed: Any = None
    allowed: tuple[Allowed, ...] = ()
    selector: tuple[tuple[str, Any], ...] = ()
    conditional: bool = False


def violations(definition: Mapping[str, Any], attributes: Mapping[str, Any]) -> list[Violation]:
    """Every attribute that breaks the definition: one per attribute and keyword, in order.

    Sorted by attribute, keyword, then path; of several breaches of one keyword in one
    attribute (two titles too long), the first by path stands for them.
    """
    validator = validator_for(definition)
    try:
        found = [v for error in validator.iter_errors(attributes) for v in _from_error(error)]
    except referencing.exceptions.Unresolvable as exc:
        raise AuditorError(
            f"product type definition refers to {exc.ref!r}, which is not in it"
        ) from None
    kept: dict[tuple[str, str], Violation] = {}
    for violation in sorted(found, key=lambda v: (v.attribute, v.keyword, v.path)):
        kept.setdefault((violation.attribute, violation.keyword), violation)
    return list(kept.values())


def _json_path(path: Sequence[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _from_error(error: ValidationError) -> Iterator[Violation]:
    path = list(error.absolute_path)
    conditional = "then" in error.absolute_schema_path or "else" in error.absolute_schema_path
    keyword = str(error.validator)
    if keyword == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        required: Any = error.validator_value
        for name in required:
            if name not in present:
                full = [*path, name]
                yield Violation(str(full[0]), _json_path(full), keyword, conditional=conditional)
        return
    if not path:  # a breach of the whole payload (its type): no attribute to name
        yield Violation("", "", keyword, limit=error.validator_value, conditional=conditional)
        return
    yield Violation(
        attribute=str(path[0]),
        path=_json_path(path),
        keyword=keyword,
        conditional=conditional,
        **_details(keyword, error),
    )


def _details(keyword: str, error: ValidationError) -> dict[str, Any]:
    """The limit, the observed value, the allowed values: what a message needs, per keyword."""
    instance: Any = error.instance
    limit: Any = error.validator_value
    if keyword in ("maxUtf8ByteLength", "minUtf8ByteLength"):
        return {"limit": limit, "observed": _utf8_length(instance)}
    if keyword in ("maxLength", "minLength", "maxItems", "minItems"):
        return {"limit": limit, "observed": len(instance)}
    if keyword in ("maxUniqueItems", "minUniqueItems"):
        worst = _worst(instance, error.schema, limit, most=keyword == "maxUniqueItems")  # type: ignore[arg-type]
        combination, count = worst if worst else ((), 0)
        return {"limit": limit, "observed": count, "selector": combination}
    if keyword in ("enum", "const"):
        values = limit if keyword == "enum" else [limit]
        names = error.schema.get("enumNames", []) if isinstance(error.schema, Mapping) else []
        allowed = tuple(
            Allowed(v, names[i] if i < len(names) else None) for i, v in enumerate(values)
        )
        return {"observed": instance, "allowed": allowed}
    if isinstance(instance, (dict, list)):
        return {"limit": limit}
    return {"limit": limit, "observed": instance}
