"""Listings Items API v2021-08-01 responses, saved as JSON: one item or a search result.

Recognised by shape, never by file name: an object with `sku` and any of
`summaries`, `attributes` or `issues` (a `getListingsItem` response), or an object
whose `items` are such objects (a `searchListingsItems` response). A JSON list of
items is read the same way. A submission response (`submissionId`) is not a listing.

Each item gives one listings row per marketplace in `summaries[].marketplaceId`
(without summaries: the marketplaces its attributes, offers and issues name). For a
marketplace, an attribute's entries with that `marketplace_id` are used, or else
those without one (they apply everywhere). When entries come in several languages
(CA: en_CA and fr_CA), the language of the marketplace's first `item_name` is kept.

* `summaries`: asin, productType, status (joined with ';'), itemName, createdDate,
  mainImage{link, width, height}. The summary's itemName wins over `item_name`.
* `attributes`: item_name, brand, bullet_point (five columns; more is a warning),
  generic_keyword (values joined with a space), product_description,
  title_differentiation or item_highlights, externally_assigned_product_identifier
  (type upper-cased), supplier_declared_has_product_identifier_exemption,
  country_of_origin, material, material_composition and fabric_type (';'),
  batteries_required and batteries_included, battery cell_composition,
  manufacturer_minimum_age and manufacturer_maximum_age (months, or the entry's `unit`),
  target_audience_keyword (';'), item_type_keyword,
  purchasable_offer our_price, main/other_product_image_locator (counted: `image_count`
  is the main image, from the summary or the attribute, plus each other image locator
  with a media_location; blank when no image attribute is given for the marketplace).
* The price is the `purchasable_offer` our_price for all audiences, else the B2C
  `offers[]` price Amazon reports, else `list_price`.
* `fulfillmentAvailability`: DEFAULT is MFN, any other channel (AMAZON_NA, ...) AFN.
* A column comes only from the `includedData` sections the response holds
  (`COLUMN_SECTIONS`): a response requested without `offers` and `attributes` has no
  price, so price rules are not checked for its listings (never "has no price").
* `issues[]` become rows of `listing_issues`, one per marketplace in `marketplaceIds`
  (or the item's marketplaces), with the enforcement actions and exemption. A file
  whose items carry no `issues` key at all says nothing about issues, so it fills
  no `listing_issues` rows and that table stays "not provided".

`marketplace` is the Amazon marketplace id; the common coercion maps it to the
country code. Row numbers are the 1-based position of the item in the file.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from auditor.ingest import facts
from auditor.ingest.coerce import cell_text
from auditor.ingest.formats.base import Ambiguous, Extracted, json_matches
from auditor.ingest.probe import Probe, repeated_reason
from auditor.ingest.result import Rejected
from auditor.model.common import normalise_marketplace
from auditor.model.tables import TABLES

ITEM_PARTS = ("summaries", "attributes", "issues")

#: Summary fields copied into a listings column.
SUMMARY_FIELDS: dict[str, str] = {
    "asin": "asin",
    "product_type": "productType",
    "title": "itemName",
}

#: Listings columns filled from the first value of the first attribute found.
SINGLE_VALUES: dict[str, tuple[str, ...]] = {
    "title": ("item_name",),
    "brand": ("brand",),
    "description": ("product_description",),
    "item_highlights": ("title_differentiation", "item_highlights"),
    "country_of_origin": ("country_of_origin",),
    facts.BATTERIES_REQUIRED: ("batteries_required",),
    facts.BATTERIES_INCLUDED: ("batteries_included",),
    "gtin_exempt": ("supplier_declared_has_product_identifier_exemption",),
    "item_type_keyword": ("item_type_keyword",),
}

#: Listings columns holding all the values of an attribute, joined by a separator.
JOINED_VALUES: dict[str, tuple[str, str]] = {
    "search_terms": ("generic_keyword", " "),
    "materials": ("material", ";"),
    f"{facts.MATERIAL_PREFIX}_composition": ("material_composition", ";"),
    f"{facts.MATERIAL_PREFIX}_fabric": ("fabric_type", ";"),
    "target_audience": ("target_audience_keyword", ";"),
}

#: Age attributes (value in months unless the entry's `unit` says otherwise) -> raw columns.
AGES = {
    "manufacturer_minimum_age": (facts.MINIMUM_AGE, facts.MINIMUM_AGE_UNIT),
    "manufacturer_maximum_age": (facts.MAXIMUM_AGE, facts.MAXIMUM_AGE_UNIT),
}
#: Raw columns `facts.listing_facts` turns into listings columns.
FACT_INPUTS = (
    facts.BATTERIES_REQUIRED,
    facts.BATTERIES_INCLUDED,
    f"{facts.MATERIAL_PREFIX}_composition",
    f"{facts.MATERIAL_PREFIX}_fabric",
    *(c for pair in AGES.values() for c in pair),
)

BULLETS = 5
IMAGE_ATTRIBUTES = (
    "main_product_image_locator",
    *(f"other_product_image_locator_{n}" for n in range(1, 9)),
)

LISTING_COLUMNS = (
    "sku",
    "marketplace",
    "asin",
    "product_type",
    "status",
    "title",
    "brand",
    "price",
    "currency",
    "quantity",
    "fulfillment_channel",
    *(f"bullet_point{n}" for n in range(1, BULLETS + 1)),
    "search_terms",
    "description",
    "item_highlights",
    "main_image_url",
    "main_image_width",
    "main_image_height",
    "image_count",
    "product_id",
    "product_id_type",
    "gtin_exempt",
    "open_date",
    "materials",
    "country_of_origin",
    "contains_batteries",
    "battery_type",
    "minimum_age_months",
    "maximum_age_months",
    "target_audience",
    "item_type_keyword",
    "language_tag",
    "attributes",
)
ISSUE_COLUMNS = TABLES["listing_issues"].columns

#: The keys of a response this reader reads: a key repeated in an item is named in the
#: item's rejection when it is one of these, and only counted otherwise.
KNOWN_KEYS = frozenset(
    {
        *ITEM_PARTS,
        *SUMMARY_FIELDS.values(),
        *(name for names in SINGLE_VALUES.values() for name in names),
        *(name for name, _ in JOINED_VALUES.values()),
        *AGES,
        *IMAGE_ATTRIBUTES,
        "items",
        "numberOfResults",
        "sku",
        "marketplaceId",
        "marketplaceIds",
        "marketplace_id",
        "language_tag",
        "value",
        "unit",
        "type",
        "status",
        "createdDate",
        "mainImage",
        "link",
        "width",
        "height",
        "productTypes",
        "offers",
        "offerType",
        "price",
        "amount",
        "currencyCode",
        "currency",
        "audience",
        "purchasable_offer",
        "our_price",
        "schedule",
        "value_with_tax",
        "list_price",
        "fulfillmentAvailability",
        "fulfillmentChannelCode",
        "fulfillment_availability",
        "fulfillment_channel_code",
        "quantity",
        "externally_assigned_product_identifier",
        "media_location",
        "battery",
        "cell_composition",
        "code",
        "message",
        "severity",
        "categories",
        "attributeNames",
        "enforcements",
        "actions",
        "action",
        "exemption",
        "expiryDate",
    }
)

#: The `includedData` sections of a response that can fill each listings column (a
#: column none of them names comes from `attributes`). A response requested without a
#: section carries nothing of it: `searchListingsItems` with summaries only has no
#: bullet points nor price, and a rule on them is "not checked", never "the listing
#: has none".
COLUMN_SECTIONS: dict[str, tuple[str, ...]] = {
    "sku": (),
    "marketplace": (),
    "asin": ("summaries",),
    "product_type": ("summaries", "attributes"),
    "status": ("summaries",),
    "title": ("summaries", "attributes"),
    "open_date": ("summaries",),
    "main_image_url": ("summaries", "attributes"),
    "main_image_width": ("summaries",),
    "main_image_height": ("summaries",),
    "image_count": ("summaries", "attributes"),
    "price": ("offers", "attributes"),
    "currency": ("offers", "attributes"),
    "quantity": ("fulfillmentAvailability", "attributes"),
    "fulfillment_channel": ("fulfillmentAvailability", "attributes"),
}


def carried_columns(items: list[Any]) -> frozenset[str]:
    """The listings columns the sections present in `items` can fill."""
    sections = {key for item in items if isinstance(item, dict) for key in item}
    return frozenset(
        column
        for column in LISTING_COLUMNS
        if not (needed := COLUMN_SECTIONS.get(column, ("attributes",))) or sections & set(needed)
    )


def looks_like_item(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("sku"), str)
        and "submissionId" not in value
        and any(part in value for part in ITEM_PARTS)
    )


def unreadable_marketplace(item: dict[str, Any]) -> str | None:
    """Why the item's marketplaces cannot be told (a `marketplaceId` that is not one id), or None.

    Amazon gives `summaries[].marketplaceId` and `offers[].marketplaceId` as one id and
    `issues[].marketplaceIds` as a list of ids; any other shape would put the item's
    values in no marketplace or in all of them, so the item is rejected instead.
    """
    for section in ("summaries", "offers"):
        for n, entry in enumerate(_list(item.get(section))):
            value = entry.get("marketplaceId") if isinstance(entry, dict) else None
            if value is not None and not isinstance(value, str):
                return f"{section}[{n}].marketplaceId is {_shape(value)}, not one marketplace id"
    for n, issue in enumerate(_list(item.get("issues"))):
        ids = issue.get("marketplaceIds") if isinstance(issue, dict) else None
        if ids is not None and not (isinstance(ids, list) and all(isinstance(m, str) for m in ids)):
            return f"issues[{n}].marketplaceIds is not a list of marketplace ids"
    return None


def _shape(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"{type(value).__name__} {value!r}"


def items_of(data: Any) -> list[Any] | None:
    """The items of a response (single item, search result or list of items), or None."""
    if looks_like_item(data):
        return [data]
    entries = data.get("items") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        return None
    if any(looks_like_item(e) for e in entries):
        return entries
    searched = isinstance(data, dict) and "numberOfResults" in data
    return entries if searched and not entries else None


class ListingsItemsApi:
    name = "listings-items-api"

    def recognise(self, probe: Probe) -> bool:
        return json_matches(probe, lambda data: items_of(data) is not None)

    def extract(self, probe: Probe) -> list[Extracted]:
        data = probe.json
        if "items" in getattr(data, "repeated", ()):
            raise Ambiguous("the key items appears more than once: which list is meant is unclear")
        items = items_of(data)
        if items is None:
            raise ValueError("not a Listings Items API response")
        listings: list[dict[str, str | None]] = []
        listing_rows: list[int] = []
        attributes: list[dict[str, Any] | None] = []
        issues: list[dict[str, str | None]] = []
        issue_rows: list[int] = []
        rejected: list[Rejected] = []
        warnings: list[str] = []
        has_issues = False
        for number, item in enumerate(items, start=1):
            if not looks_like_item(item):
                rejected.append(Rejected(number, "sku", f"item {number} is not a listings item"))
                continue
            repeated = probe.repeated_keys(item)
            if repeated:  # e.g. two marketplaceIds: which marketplaces an issue is in is unclear
                reason = f"item {number}: {repeated_reason(repeated, KNOWN_KEYS)}"
                rejected.append(Rejected(number, "sku" if "sku" in repeated else None, reason))
                continue
            misplaced = unreadable_marketplace(item)
            if misplaced:
                reason = f"item {number} ({item['sku']}): {misplaced}"
                rejected.append(Rejected(number, "marketplace", reason))
                continue
            reader = ItemReader(item)
            for marketplace in reader.marketplaces:
                row, note = reader.listing(marketplace)
                listings.append(row)
                attributes.append(reader.attributes_for(marketplace))
                listing_rows.append(number)
                if note:
                    warnings.append(f"item {number} ({item['sku']}): {note}")
            has_issues = has_issues or isinstance(item.get("issues"), list)
            for row in reader.issues():
                issues.append(row)
                issue_rows.append(number)
        markets = {normalise_marketplace(r["marketplace"] or "") for r in listings + issues}
        marketplace = markets.pop() if len(markets) == 1 else None
        carried = carried_columns(items)
        parts = [
            Extracted(
                table="listings",
                raw=facts.listing_facts(_frame(listings, (*LISTING_COLUMNS, *FACT_INPUTS))),
                rows=pd.Series(listing_rows, dtype="int64"),
                format=self.name,
                rejected=rejected,
                warnings=warnings,
                provided=carried,
                marketplace=marketplace,
                objects={"attributes": attributes},
            )
        ]
        not_fetched = sorted(set(LISTING_COLUMNS) - carried - {"sku", "marketplace"})
        if items and not_fetched:
            warnings.append(
                "the response was requested without some includedData sections "
                f"(no {', '.join(not_fetched)}): rules on them are not checked for its listings"
            )
        if has_issues:
            parts.append(
                Extracted(
                    table="listing_issues",
                    raw=_frame(issues, ISSUE_COLUMNS),
                    rows=pd.Series(issue_rows, dtype="int64"),
                    format=self.name,
                    provided=frozenset(ISSUE_COLUMNS),
                    marketplace=marketplace,
                )
            )
        return parts


def _frame(records: list[dict[str, str | None]], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame.from_records(records, columns=list(columns)).astype("string")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in _list(value) if isinstance(v, dict)]


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = cell_text(value).strip()
    return text or None


def _date(value: Any) -> str | None:
    text = _text(value)
    return text[:10] if text else None


def _join(values: list[Any], separator: str) -> str | None:
    texts = [t for t in (_text(v) for v in values) if t]
    return separator.join(texts) if texts else None


def _amount(value: Any) -> Any:
    """A price's number, written as `19.99` or as `{"value": 19.99, "currency": ...}`."""
    return value.get("value") if isinstance(value, dict) else value


class ItemReader:
    """One item of a response, read per marketplace."""

    def __init__(self, item: dict[str, Any]) -> None:
        self.item = item
        self.sku: str = item["sku"]
        self.attributes = _dict(item.get("attributes"))
        self.summaries = {s.get("marketplaceId"): s for s in _dicts(item.get("summaries"))}
        self.marketplaces: list[str | None] = list(self.summaries) or self._named_marketplaces()

    def _named_marketplaces(self) -> list[str | None]:
        named = [
            *(e.get("marketplace_id") for v in self.attributes.values() for e in _dicts(v)),
            *(o.get("marketplaceId") for o in _dicts(self.item.get("offers"))),
            *(m for i in _dicts(self.item.get("issues")) for m in _list(i.get("marketplaceIds"))),
        ]
        found = list(dict.fromkeys(m for m in named if isinstance(m, str) and m))
        return list(found) or [None]

    # --- attributes for one marketplace ------------------------------------------------

    def entries(self, name: str, marketplace: str | None) -> list[dict[str, Any]]:
        """The attribute's entries for the marketplace, else those for every marketplace."""
        entries = _dicts(self.attributes.get(name))
        own = [e for e in entries if marketplace and e.get("marketplace_id") == marketplace]
        return own or [e for e in entries if not e.get("marketplace_id")]

    def attributes_for(self, marketplace: str | None) -> dict[str, Any] | None:
        """The item's attributes as Amazon judges them in one marketplace: each attribute's
        entries for that marketplace and those for every marketplace (None without the
        `attributes` section: a response fetched without it says nothing of them)."""
        if "attributes" not in self.item:
            return None
        found = {
            name: [
                e
                for e in _list(entries)
                if not isinstance(e, dict) or e.get("marketplace_id") in (None, marketplace)
            ]
            for name, entries in self.attributes.items()
        }
        return {name: entries for name, entries in found.items() if entries}

    def language(self, marketplace: str | None) -> str | None:
        for name in ("item_name", *self.attributes):
            for entry in self.entries(name, marketplace):
                if isinstance(entry.get("language_tag"), str):
                    return str(entry["language_tag"])
        return None

    def values(self, name: str, marketplace: str | None, language: str | None) -> list[Any]:
        return [
            e.get("value")
            for e in self.entries(name, marketplace)
            if e.get("language_tag") in (None, language)
        ]

    def first(self, names: tuple[str, ...], marketplace: str | None, language: str | None) -> Any:
        for name in names:
            for value in self.values(name, marketplace, language):
                if _text(value) is not None:
                    return value
        return None

    # --- rows --------------------------------------------------------------------------

    def listing(self, marketplace: str | None) -> tuple[dict[str, str | None], str | None]:
        """The listings row for one marketplace, and a note when bullets were dropped."""
        summary = self.summaries.get(marketplace, {})
        language = self.language(marketplace)
        row: dict[str, Any] = {
            "sku": self.sku,
            "marketplace": marketplace,
            "language_tag": language,
        }
        for column, names in SINGLE_VALUES.items():
            row[column] = self.first(names, marketplace, language)
        for column, (name, separator) in JOINED_VALUES.items():
            row[column] = _join(self.values(name, marketplace, language), separator)
        for column, field in SUMMARY_FIELDS.items():
            row[column] = _text(summary.get(field)) or row.get(column)
        row["product_type"] = row["product_type"] or self._product_type(marketplace)
        row["status"] = _join(_list(summary.get("status")), ";")
        row["open_date"] = _date(summary.get("createdDate"))
        image = _dict(summary.get("mainImage"))
        row["main_image_url"] = _text(image.get("link")) or self._image(marketplace)
        row["main_image_width"] = _text(image.get("width"))
        row["main_image_height"] = _text(image.get("height"))
        row["image_count"] = self._image_count(marketplace, row["main_image_url"])
        bullets = [b for b in self.values("bullet_point", marketplace, language) if _text(b)]
        for n, bullet in enumerate(bullets[:BULLETS], start=1):
            row[f"bullet_point{n}"] = bullet
        row.update(self._identifier(marketplace))
        row.update(self._price(marketplace))
        row.update(self._fulfillment(marketplace))
        for name, (value, unit) in AGES.items():
            for entry in self.entries(name, marketplace):
                if _text(entry.get("value")) is not None:
                    row[value], row[unit] = entry.get("value"), entry.get("unit")
                    break
        row["battery_type"] = _join(
            [
                c.get("value")
                for e in self.entries("battery", marketplace)
                for c in _dicts(e.get("cell_composition"))
            ],
            ";",
        )
        note = None
        if len(bullets) > BULLETS:
            where = normalise_marketplace(marketplace or "") or "no marketplace"
            note = (
                f"{len(bullets)} bullet points in {where}; bullet_point1..{BULLETS} "
                f"hold the first {BULLETS}"
            )
        return {k: _text(v) for k, v in row.items()}, note

    def issues(self) -> list[dict[str, str | None]]:
        rows = []
        for issue in _dicts(self.item.get("issues")):
            enforcements = _dict(issue.get("enforcements"))
            exemption = _dict(enforcements.get("exemption"))
            severity = _text(issue.get("severity"))
            fields = {
                "sku": self.sku,
                "code": _text(issue.get("code")),
                "severity": severity.lower() if severity else None,
                "message": _text(issue.get("message")),
                "categories": _join(_list(issue.get("categories")), ";"),
                "attribute_names": _join(_list(issue.get("attributeNames")), ";"),
                "enforcement_actions": _join(
                    [a.get("action") for a in _dicts(enforcements.get("actions"))], ";"
                ),
                "exemption_status": _text(exemption.get("status")),
                "exemption_expiry": _date(exemption.get("expiryDate")),
            }
            named = [m for m in _list(issue.get("marketplaceIds")) if isinstance(m, str) and m]
            for marketplace in named or self.marketplaces:
                asin = self.summaries.get(marketplace, {}).get("asin")
                rows.append(fields | {"marketplace": marketplace, "asin": _text(asin)})
        return rows

    def _product_type(self, marketplace: str | None) -> str | None:
        for entry in _dicts(self.item.get("productTypes")):
            if entry.get("marketplaceId") in (marketplace, None):
                return _text(entry.get("productType"))
        return None

    def _image(self, marketplace: str | None) -> str | None:
        for entry in self.entries("main_product_image_locator", marketplace):
            if _text(entry.get("media_location")):
                return _text(entry.get("media_location"))
        return None

    def _image_count(self, marketplace: str | None, main: str | None) -> int | None:
        """The main image (summary or attribute) plus each other image locator; None when no
        image attribute names the marketplace, so the other images are not known."""
        if not any(self.entries(n, marketplace) for n in IMAGE_ATTRIBUTES):
            return None
        others = [n for n in IMAGE_ATTRIBUTES[1:] if self._locator(n, marketplace)]
        return int(main is not None) + len(others)

    def _locator(self, name: str, marketplace: str | None) -> bool:
        return any(_text(e.get("media_location")) for e in self.entries(name, marketplace))

    def _identifier(self, marketplace: str | None) -> dict[str, Any]:
        for entry in self.entries("externally_assigned_product_identifier", marketplace):
            value = _text(entry.get("value"))
            if value:
                kind = _text(entry.get("type"))
                return {"product_id": value, "product_id_type": kind.upper() if kind else None}
        return {}

    def _price(self, marketplace: str | None) -> dict[str, Any]:
        for entry in self.entries("purchasable_offer", marketplace):
            if entry.get("audience") not in (None, "ALL"):
                continue
            for price in _dicts(entry.get("our_price")):
                for step in _dicts(price.get("schedule")):
                    amount = _amount(step.get("value_with_tax"))
                    if _text(amount):
                        return {"price": amount, "currency": entry.get("currency")}
        for offer in _dicts(self.item.get("offers")):
            money = _dict(offer.get("price"))
            if offer.get("marketplaceId") == marketplace and offer.get("offerType") in (
                None,
                "B2C",
            ):
                return {"price": money.get("amount"), "currency": money.get("currencyCode")}
        for entry in self.entries("list_price", marketplace):
            amount = _amount(entry.get("value_with_tax", entry.get("value")))
            if _text(amount):
                return {"price": amount, "currency": entry.get("currency")}
        return {}

    def _fulfillment(self, marketplace: str | None) -> dict[str, Any]:
        available = [
            {"code": e.get("fulfillmentChannelCode"), "quantity": e.get("quantity")}
            for e in _dicts(self.item.get("fulfillmentAvailability"))
        ] or [
            {"code": e.get("fulfillment_channel_code"), "quantity": e.get("quantity")}
            for e in self.entries("fulfillment_availability", marketplace)
        ]
        for entry in available:
            code = _text(entry["code"])
            if code:
                # DEFAULT/AMAZON_* become MFN/AFN in the common coercion.
                return {"fulfillment_channel": code, "quantity": entry["quantity"]}
        return {}
