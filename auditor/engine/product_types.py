"""Listing attributes judged by Amazon's product type definitions, as Amazon judges them.

The definitions' dialect (Amazon's keywords, the local meta-schema, the validator) is
model.product_types; here each validation error becomes a `Violation`: data, never a
sentence, for a rule to word (rule LST-024, check kind `product_type_requirements`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import referencing.exceptions
from jsonschema.exceptions import ValidationError

from auditor.errors import AuditorError
from auditor.model.product_types import (
    REGISTRY,
    AmazonValidator,
    json_path,
    utf8_length,
    validator_for,
    worst,
)


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
    return Judge(definition).violations(attributes)


class Judge:
    """One definition's judge of many listings, each attribute value judged once.

    A catalogue's listings of one product type share most of their attribute values
    (the brand, the manufacturer, the country, an age range): validating every listing
    whole repeats that work thousands of times, and jsonschema's traversal is the cost
    of LST-024. So the definition is judged in two parts with the same verdicts:

    * the definition's top (its `required`, its conditional `allOf`/`if`/`then`, its
      `additionalProperties`, its type) over the whole listing, with each attribute's
      own schema replaced by `true`, so that `properties` still names the attributes
      `additionalProperties` allows;
    * each attribute's value against its own schema, through the definition's validator
      (`descend`, so `$ref` to the definition's `$defs` resolves as before), remembered by
      attribute and value (`MAX_REMEMBERED` of them: memory stays bounded).
    """

    MAX_REMEMBERED = 200_000

    def __init__(self, definition: Mapping[str, Any]) -> None:
        self.validator = validator_for(definition)
        properties = definition.get("properties")
        self.properties: Mapping[str, Any] = properties if isinstance(properties, Mapping) else {}
        top = {**definition, "properties": dict.fromkeys(self.properties, True)}
        self.top = AmazonValidator(top, registry=REGISTRY)
        self.remembered: dict[tuple[str, str], list[Violation]] = {}

    def violations(self, attributes: Mapping[str, Any]) -> list[Violation]:
        try:
            found = [v for error in self.top.iter_errors(attributes) for v in _from_error(error)]
            for name, value in attributes.items():
                if name in self.properties:
                    found += self._attribute(name, value)
        except referencing.exceptions.Unresolvable as exc:
            raise AuditorError(
                f"product type definition refers to {exc.ref!r}, which is not in it"
            ) from None
        kept: dict[tuple[str, str], Violation] = {}
        for violation in sorted(found, key=lambda v: (v.attribute, v.keyword, v.path)):
            kept.setdefault((violation.attribute, violation.keyword), violation)
        return list(kept.values())

    def _attribute(self, name: str, value: Any) -> list[Violation]:
        key = (name, json.dumps(value, sort_keys=True, default=str))
        found = self.remembered.get(key)
        if found is None:
            schema = self.properties[name]
            errors = self.validator.descend(value, schema, path=name, schema_path=name)  # type: ignore[attr-defined]
            found = [v for error in errors for v in _from_error(error)]
            if len(self.remembered) >= self.MAX_REMEMBERED:
                self.remembered.clear()
            self.remembered[key] = found
        return found


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
                yield Violation(str(full[0]), json_path(full), keyword, conditional=conditional)
        return
    if not path:  # a breach of the whole payload (its type): no attribute to name
        yield Violation("", "", keyword, limit=error.validator_value, conditional=conditional)
        return
    yield Violation(
        attribute=str(path[0]),
        path=json_path(path),
        keyword=keyword,
        conditional=conditional,
        **_details(keyword, error),
    )


def _details(keyword: str, error: ValidationError) -> dict[str, Any]:
    """The limit, the observed value, the allowed values: what a message needs, per keyword."""
    instance: Any = error.instance
    limit: Any = error.validator_value
    if keyword in ("maxUtf8ByteLength", "minUtf8ByteLength"):
        return {"limit": limit, "observed": utf8_length(instance)}
    if keyword in ("maxLength", "minLength", "maxItems", "minItems"):
        return {"limit": limit, "observed": len(instance)}
    if keyword in ("maxUniqueItems", "minUniqueItems"):
        found = worst(instance, error.schema, limit, most=keyword == "maxUniqueItems")  # type: ignore[arg-type]
        combination, count = found if found else ((), 0)
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
