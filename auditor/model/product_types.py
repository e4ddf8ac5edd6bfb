"""Amazon's dialect of JSON Schema: what a product type definition is, and how it validates.

Amazon refuses a listing whose attributes break its product type's definition: a JSON
Schema (draft 2019-09) extended with Amazon's own vocabulary. Standard 2019-09 keywords
(`required`, `enum`, `maxLength`, `allOf` with `if`/`then` conditional requirements …)
are jsonschema's own; this module adds the vocabulary's validation keywords. It sits in
the model because three stages need it: ingest checks that a file is a definition, the
engine judges listings by it (engine.product_types), and the connectors shape a listing
for Amazon by it.

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
from typing import Any

from jsonschema import Draft201909Validator, validators
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator
from jsonschema_specifications import REGISTRY as SPECIFICATIONS  # type: ignore[import-untyped]
from referencing import Registry
from referencing.jsonschema import DRAFT201909

from auditor.errors import AuditorError
from auditor.model.common import MARKETPLACE_IDS

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


def utf8_length(instance: str) -> int:
    return len(instance.encode("utf-8"))


def _max_utf8(
    validator: Validator, limit: int, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and utf8_length(instance) > limit:
        yield ValidationError(f"{utf8_length(instance)} UTF-8 bytes, at most {limit}")


def _min_utf8(
    validator: Validator, limit: int, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and utf8_length(instance) < limit:
        yield ValidationError(f"{utf8_length(instance)} UTF-8 bytes, at least {limit}")


def _combinations(
    instance: Sequence[Any], selectors: Sequence[str]
) -> Counter[tuple[tuple[str, Any], ...]]:
    """How many items share each combination of selector values (absent selectors left out)."""
    return Counter(
        tuple((name, item[name]) for name in selectors if name in item)
        for item in instance
        if isinstance(item, dict)
    )


def worst(
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
        found := worst(instance, schema, limit, most=True)
    ):
        yield ValidationError(f"{found[1]} items for {dict(found[0])}, at most {limit}")


def _min_unique(
    validator: Validator, limit: int, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "array") and (
        found := worst(instance, schema, limit, most=False)
    ):
        yield ValidationError(f"{found[1]} items for {dict(found[0])}, at least {limit}")


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


def definition_problem(definition: Any) -> str | None:
    """Why `definition` is not an Amazon product type definition (the first problem, by
    where it is), or None: checked against the local meta-schema, so a malformed one is
    one clear error rather than wrong verdicts later."""
    meta = Draft201909Validator(META_SCHEMA, registry=REGISTRY)
    problem = next(iter(sorted(meta.iter_errors(definition), key=lambda e: list(e.path))), None)
    if problem is None:
        return None
    where = json_path(problem.absolute_path) or "the root"
    return f"not an Amazon product type definition: at {where}, {problem.message}"


def validator_for(definition: Mapping[str, Any]) -> Validator:
    """A validator of listing attributes for one product type definition."""
    problem = definition_problem(definition)
    if problem is not None:
        raise AuditorError(problem)
    return AmazonValidator(definition, registry=REGISTRY)


def json_path(path: Sequence[str | int]) -> str:
    """A place in a listing's attributes as a person reads it: `item_name[0].value`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def selectors_for(marketplace: Any, language: Any, locale: Any) -> dict[str, str]:
    """The selector values a listing's items take where they name none: its marketplace
    (a country code, given as Amazon's marketplace id) and its language (its template's
    `contentLanguageTag`, else the definition's locale). LST-024 judges a listing with
    them, and the preview sends it with them, so that both read it alike."""
    stated = {
        "marketplace_id": MARKETPLACE_IDS.get(str(marketplace), str(marketplace))
        if isinstance(marketplace, str)
        else None,
        "language_tag": language if isinstance(language, str) else locale,
    }
    return {k: v for k, v in stated.items() if isinstance(v, str) and v}


def normalise(
    attributes: Mapping[str, Any],
    definition: Mapping[str, Any],
    selectors: Mapping[str, str],
) -> dict[str, Any]:
    """A listing's attributes as Amazon receives them, from a file that writes them as text.

    A Category Listing Report or a flat file holds every value as a cell of text, and a
    flat file leaves the selectors out (one file is one marketplace and language). Amazon
    reads the cells by the definition: a number where the schema wants a number, a
    boolean where it wants one. So, by the definition: a string leaf whose schema type is
    `number`, `integer` or `boolean` becomes one when it reads as one (otherwise it stays
    text and the type error is Amazon's too); and an attribute item lacking one of its
    attribute's `selectors` (`marketplace_id`, `language_tag`) gets the value `selectors`
    gives for it (the listing's marketplace and language), when the item's schema has
    that property. Attributes already typed (the Listings Items API) pass unchanged.
    """
    properties = definition.get("properties") or {}
    result: dict[str, Any] = {}
    for name, value in attributes.items():
        schema = properties.get(name)
        if not isinstance(schema, Mapping):
            result[name] = value
            continue
        value = _typed(value, schema, definition)
        if isinstance(value, list):
            wanted = [s for s in schema.get("selectors") or [] if s in selectors]
            item_props = _resolve(schema.get("items") or {}, definition).get("properties") or {}
            wanted = [s for s in wanted if s in item_props]
            if wanted:
                value = [
                    {**{s: selectors[s] for s in wanted if s not in item}, **item}
                    if isinstance(item, dict)
                    else item
                    for item in value
                ]
        result[name] = value
    return result


def _resolve(schema: Any, definition: Mapping[str, Any]) -> Mapping[str, Any]:
    """A subschema with a local `$ref` (`#/$defs/…`) followed; anything else as it is."""
    for _ in range(8):  # a chain of references, bounded
        if not isinstance(schema, Mapping):
            return {}
        ref = schema.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return schema
        target: Any = definition
        for part in ref[2:].split("/"):
            target = target.get(part) if isinstance(target, Mapping) else None
        schema = target
    return {}


_TRUE, _FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0"}


def _typed(value: Any, schema: Any, definition: Mapping[str, Any]) -> Any:
    schema = _resolve(schema, definition)
    if isinstance(value, list):
        items = schema.get("items")
        return [_typed(v, items, definition) for v in value] if items else value
    if isinstance(value, dict):
        props = schema.get("properties") or {}
        return {k: _typed(v, props[k], definition) if k in props else v for k, v in value.items()}
    if not isinstance(value, str):
        return value
    kind = schema.get("type")
    text = value.strip()
    if kind == "boolean":
        low = text.casefold()
        return True if low in _TRUE else False if low in _FALSE else value
    if kind in ("number", "integer"):
        try:
            number = float(text)
        except ValueError:
            return value
        if number != number or number in (float("inf"), float("-inf")):
            return value
        if kind == "integer" or number.is_integer():
            return int(number) if number.is_integer() else number
        return number
    return value
