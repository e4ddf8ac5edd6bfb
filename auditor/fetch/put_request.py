"""Which listings of the inputs can be previewed, and each one's putListingsItem body.

Amazon validates a `putListingsItem` body (`ListingsItemPutRequest`: productType,
requirements, attributes) against the product type's definition, strictly: every
attribute item of a real definition has `additionalProperties: false`, numbers and
booleans must be JSON numbers and booleans, and text attributes require their
`language_tag`. So a listing is sent only in the shape Amazon reads:

* **With its definition among the inputs** (joined into the listing as
  `product_type_definition`): the attributes as `model.product_types.normalise` reads
  them by it, as LST-024 judges them: text cells typed where the schema wants a number
  or a boolean, and `marketplace_id` / `language_tag` added to the items of the
  attributes whose selectors name them (the listing's marketplace; its template's
  language, else the definition's locale). The product type and requirements set are
  the definition's.
* **Without one, from the Listings Items API**: Amazon's own JSON, typed and with the
  selectors Amazon wrote, sent as it is (only this marketplace's entries and those for
  every marketplace, as the reader keeps them).
* **Without one, from a template** (a Category Listing Report or an inventory flat
  file): not sent, and reported as not previewed, naming the definition to add. Adding
  `marketplace_id` and the template's `language_tag` to every item and sending the text
  as it is was considered and refused: in a real US definition (MANUAL_FOOD_MILL_GRINDER,
  2025) `marketplace_id` is declared on 98 of 100 attributes and required by none (it
  defaults to the marketplace asked for), `fulfillment_availability` (a flat file's
  quantity) has none and no other property allowed; `language_tag` is declared on 22
  attributes, required there and refused everywhere else; `our_price` and `quantity`
  are numbers. Amazon would answer with issues of the tool's own making (an extra
  `language_tag` on `country_of_origin`, "24.99" for a number), and those would fail
  the audit as Amazon's findings. Only the definition says which items take which
  selector and type, so only a definition shapes a template's cells.

A template's product type and SKU are no attributes (ingest.attributes leaves them out):
the body's `productType` and the call's path carry them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from auditor.model.common import MARKETPLACE_IDS
from auditor.model.product_types import normalise, selectors_for

#: The format whose attributes are Amazon's own JSON (auditor/ingest/formats/listings_items.py).
API_FORMAT = "listings-items-api"
#: The requirements sets a ListingsItemPutRequest takes; LISTING (a whole new listing) by default.
REQUIREMENTS = ("LISTING", "LISTING_PRODUCT_ONLY", "LISTING_OFFER_ONLY")
#: What each format is called in a reason.
FORMAT_NAMES = {
    "flat-file": "an inventory flat file",
    "category-listing-report": "a Category Listing Report",
    "all-listings-report": "an All Listings report",
    API_FORMAT: "a Listings Items API response",
}


@dataclass(frozen=True)
class Prepared:
    """One listing of the inputs: its body for putListingsItem, or why it is not sent.

    `marketplace` is the country code (None when the listing has none); `source` the
    file and row it was read from, so a seller finds it.
    """

    sku: str
    marketplace: str | None
    source: dict[str, Any]
    body: dict[str, Any] | None = None
    why_not: str | None = None

    @property
    def marketplace_id(self) -> str | None:
        return MARKETPLACE_IDS.get(self.marketplace) if self.marketplace else None


def prepare(
    listings: pd.DataFrame,
    definitions: pd.DataFrame | None,
    formats: Mapping[str, str | None],
    store: str,
    marketplaces: list[str],
) -> list[Prepared]:
    """Every listing of the `listings` table in its order, with its body or why not.

    `formats` gives each input file's format (by the name the table's `_file` uses);
    `marketplaces` are the store's (country codes): a listing elsewhere is not sent,
    as the store's authorisation does not reach it."""
    by_key = _definitions(definitions)
    columns = ["sku", "marketplace", "product_type", "attributes", "language_tag"]
    frame = listings.reindex(columns=[*columns, "product_type_definition", *_SOURCE])
    prepared = []
    for record in frame.astype(object).to_dict("records"):
        row = {str(k): None if _blank(v) else v for k, v in record.items()}
        prepared.append(_prepare(row, by_key, formats, store, marketplaces))
    return prepared


_SOURCE = ("_file", "_row", "_merged")


def _blank(value: Any) -> bool:
    return value is None or (not isinstance(value, (dict, list)) and bool(pd.isna(value)))


def _definitions(frame: pd.DataFrame | None) -> dict[str, dict[str, Any]]:
    if frame is None or frame.empty or "key" not in frame:
        return {}
    return {
        str(record["key"]): {str(k): v for k, v in record.items()}
        for record in frame.astype(object).to_dict("records")
        if not _blank(record.get("key"))
    }


def _prepare(
    row: dict[str, Any],
    definitions: Mapping[str, dict[str, Any]],
    formats: Mapping[str, str | None],
    store: str,
    marketplaces: list[str],
) -> Prepared:
    source = _attributes_source(row)
    sku, marketplace = row["sku"], row["marketplace"]
    listing = Prepared(str(sku or ""), marketplace, source)

    def refused(why: str) -> Prepared:
        return Prepared(listing.sku, marketplace, source, why_not=why)

    if not sku:
        return refused("no SKU: putListingsItem names a listing by its SKU")
    if marketplace is None:
        return refused("no marketplace: give --marketplace, or a file that names one")
    if marketplace not in marketplaces:
        return refused(
            f"store {store!r} does not sell in {marketplace} (its marketplaces: "
            f"{', '.join(marketplaces)})"
        )
    attributes = row["attributes"]
    kind = formats.get(str(source.get("file")))
    if not isinstance(attributes, dict) or not attributes:
        where = FORMAT_NAMES.get(kind or "", "its input")
        return refused(
            f"no attributes: {where} carries none (a Listings Items API response, a Category "
            "Listing Report or an inventory flat file does)"
        )
    product_type = row["product_type"]
    if not product_type:
        return refused("no product type: putListingsItem needs the listing's productType")
    definition = definitions.get(str(row["product_type_definition"] or ""))
    if definition is not None:
        return Prepared(listing.sku, marketplace, source, body=_shaped(row, definition))
    if kind == API_FORMAT:
        body = _body(str(product_type).upper(), "LISTING", attributes)
        return Prepared(listing.sku, marketplace, source, body=body)
    return refused(
        f"{FORMAT_NAMES.get(kind or '', 'its input')} writes every value as text, and only "
        f"the definition says which Amazon reads as numbers and which items take a "
        f"marketplace and a language: add Amazon's definition of {str(product_type).upper()} "
        f"for {marketplace} to the inputs (auditor fetch --reports product-types)"
    )


def _shaped(row: dict[str, Any], definition: Mapping[str, Any]) -> dict[str, Any]:
    """The body of a listing shaped by its definition (see the module's docstring)."""
    schema = definition["definition"]
    selectors = selectors_for(row["marketplace"], row["language_tag"], definition.get("locale"))
    attributes = normalise(row["attributes"], schema, selectors)
    requirements = definition.get("requirements")
    product_type = definition.get("product_type") or row["product_type"]
    return _body(
        str(product_type).upper(),
        requirements if requirements in REQUIREMENTS else "LISTING",
        attributes,
    )


def _body(product_type: str, requirements: str, attributes: Mapping[str, Any]) -> dict[str, Any]:
    """A ListingsItemPutRequest (listingsItems_2021-08-01)."""
    return {"productType": product_type, "requirements": requirements, "attributes": attributes}


def _attributes_source(row: Mapping[str, Any]) -> dict[str, Any]:
    """The file and row the listing's attributes were read from: the row's own, unless a
    file of lower precedence filled them in when the listing's sources were merged."""
    for note in row.get("_merged") or []:
        if isinstance(note, dict) and "attributes" in (note.get("fields") or []):
            return {"file": note.get("file"), "row": note.get("row")}
    row_number = row.get("_row")
    return {
        "file": row.get("_file"),
        "row": int(row_number) if row_number is not None else None,
    }
