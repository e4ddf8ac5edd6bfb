"""Amazon's product type definitions: the schema documents, and the API's answer about them.

Two files describe one definition, and either may be in the audited paths:

* **The schema** a `getDefinitionsProductType` response links to: a JSON Schema whose
  `$schema` is Amazon's meta-schema (`…/product-types/meta-schema/v1`) and whose `$id`
  ends in the product type (`…/product-types/schema/v1/LUGGAGE`). It is recognised by
  that content, whatever the file's name, and checked against the local meta-schema
  (model.product_types): a file that claims the meta-schema and is no definition is
  skipped with the first problem, never half read. Its marketplace and locale are the
  defaults its `$defs` give `marketplace_id` and `language_tag` (Amazon's schemas carry
  them), else the marketplace the folder's fetch manifest or --marketplace names.
* **The response** (`ProductTypeDefinition`, Product Type Definitions API v2020-09-01):
  `productType`, `marketplaceIds`, `locale`, `productTypeVersion`, `requirements`,
  `requirementsEnforced`, and `schema` with its `checksum`. It says which requirements
  set the schema is (a full listing, or the offer only) and whether its `required`
  attributes are enforced. It is paired with its schema at assembly by the checksum
  (ingest.definitions).

Shapes: Amazon's Product Type Definitions API model (definitionsProductTypes_2020-09-01)
and its "Product Type Definition Meta-Schema (v1)" page.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import pandas as pd

from auditor.ingest.formats.base import Extracted, json_matches
from auditor.ingest.probe import Probe
from auditor.model.common import normalise_marketplace
from auditor.model.product_types import META_SCHEMA_URI, definition_problem

_ID_PREFIX = "https://schemas.amazon.com/selling-partners/definitions/product-types/schema/v1/"
_RESPONSE_KEYS = {"productType", "requirements", "schema", "marketplaceIds"}


def schema_checksums(data: bytes) -> tuple[str, str]:
    """The schema file's MD5 as Amazon may state it: Base64 (the model's words) and hex
    (its example's form)."""
    digest = hashlib.md5(data, usedforsecurity=False).digest()
    return base64.b64encode(digest).decode("ascii"), digest.hex()


def _default(definition: dict[str, Any], name: str) -> str | None:
    value = ((definition.get("$defs") or {}).get(name) or {}).get("default")
    return value if isinstance(value, str) and value else None


def _one_row(table: str, record: dict[str, Any], fmt: str, **rest: Any) -> Extracted:
    raw = pd.DataFrame([{k: v for k, v in record.items() if k != "definition"}])
    objects = {"definition": [record.get("definition")]}
    return Extracted.of(
        table, raw, pd.Series([1], dtype="int64"), format=fmt, objects=objects, **rest
    )


class ProductTypeSchema:
    """A product type definition's schema document."""

    name = "product-type-definition"

    def recognise(self, probe: Probe) -> bool:
        return json_matches(
            probe, lambda data: isinstance(data, dict) and data.get("$schema") == META_SCHEMA_URI
        )

    def extract(self, probe: Probe) -> list[Extracted]:
        definition = probe.json
        problem = definition_problem(definition)
        if problem:
            raise ValueError(problem)
        identifier = definition.get("$id")
        if not isinstance(identifier, str) or not identifier.startswith(_ID_PREFIX):
            raise ValueError(
                f"a product type definition whose $id does not name its product type "
                f"(expected {_ID_PREFIX}<PRODUCT_TYPE>)"
            )
        product_type = identifier.removeprefix(_ID_PREFIX).strip("/")
        base64_sum, _ = schema_checksums(probe.data)
        marketplace = normalise_marketplace(_default(definition, "marketplace_id") or "")
        record = {
            "product_type": product_type,
            "marketplace": marketplace,
            "locale": _default(definition, "language_tag"),
            "checksum": base64_sum,
            "definition": definition,
        }
        return [_one_row("product_type_definitions", record, self.name, marketplace=marketplace)]


class ProductTypeDefinitionResponse:
    """A `getDefinitionsProductType` response: which requirements its schema is."""

    name = "product-type-definition-response"

    def recognise(self, probe: Probe) -> bool:
        return json_matches(
            probe, lambda data: isinstance(data, dict) and set(data) >= _RESPONSE_KEYS
        )

    def extract(self, probe: Probe) -> list[Extracted]:
        data = probe.json
        schema = data.get("schema") if isinstance(data.get("schema"), dict) else {}
        version = data.get("productTypeVersion")
        ids = [m for m in data.get("marketplaceIds") or [] if isinstance(m, str)]
        if not ids:
            raise ValueError("a product type definition response that names no marketplace")
        rows = [
            {
                "product_type": data.get("productType"),
                "marketplace": marketplace_id,
                "locale": data.get("locale"),
                "version": version.get("version") if isinstance(version, dict) else None,
                "requirements": data.get("requirements"),
                "requirements_enforced": data.get("requirementsEnforced"),
                "checksum": schema.get("checksum"),
                "display_name": data.get("displayName"),
            }
            for marketplace_id in ids
        ]
        raw = pd.DataFrame(rows).astype(object).where(pd.DataFrame(rows).notna(), None)
        raw = raw.map(lambda v: v if v is None or isinstance(v, str) else str(v))
        return [
            Extracted.of(
                "product_type_definitions",
                raw,
                pd.Series([1] * len(rows), dtype="int64"),
                format=self.name,
            )
        ]
