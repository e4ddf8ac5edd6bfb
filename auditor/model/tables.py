"""Canonical tables: the one shape every reader maps its input into.

Each table is declared as a pydantic row model (its published JSON Schema) plus a
`TableSpec` saying how its rows become entities in findings. The ingest layer turns
files into pandas frames with exactly these columns; the engine reads only these.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import BaseModel, Field

from auditor.model.common import MARKETPLACES, Strict
from auditor.model.vocab import DOCUMENT_TYPES, GATED_CATEGORIES, METRICS, ApprovalStatus

Marketplace = typing.Annotated[
    str | None,
    Field(
        default=None,
        description="Amazon country code (US, UK, DE, JP, ...). GB is read as UK. "
        "Blank: the --marketplace flag or the config's default_marketplace.",
        json_schema_extra={"enum": [*MARKETPLACES, None]},
    ),
]


class ProductRow(Strict):
    """The products register: facts about a SKU that no Amazon report carries."""

    sku: str = Field(description="Seller SKU, as text (leading zeros kept).")
    product_type: str | None = Field(None, description="Amazon product type, e.g. HEADPHONES.")
    category: str | None = Field(None, description="Free-text category, e.g. 'Home & Kitchen'.")
    gated_category: str | None = Field(
        None,
        description="Amazon gated category id from the approvals vocabulary; blank: not gated.",
        json_schema_extra={"enum": [*GATED_CATEGORIES, None]},
    )
    materials: str | None = Field(
        None, description="Materials, ';'-separated, e.g. 'cotton;polyester'."
    )
    country_of_origin: str | None = Field(
        None, description="ISO country code of manufacture, e.g. CN."
    )
    contains_batteries: bool | None = Field(None, description="true/false, yes/no or 1/0.")
    battery_type: str | None = Field(None, description="e.g. lithium_ion, lithium_metal, alkaline.")
    is_electrical: bool | None = Field(
        None, description="Electrical or electronic equipment (WEEE scope)."
    )
    has_radio: bool | None = Field(None, description="Emits radio frequency (FCC scope).")
    for_children: bool | None = Field(
        None, description="Designed primarily for children 12 or younger."
    )
    minimum_age: int | None = Field(None, description="Manufacturer's minimum age in years.")


class ListingRow(Strict):
    """One offer of one SKU in one marketplace, with the products register joined by SKU."""

    sku: str = Field(description="Seller SKU, as text (leading zeros kept).")
    asin: str | None = Field(None, description="Amazon Standard Identification Number.")
    marketplace: Marketplace
    title: str | None = Field(None, description="Product title (item_name).")
    brand: str | None = None
    product_type: str | None = None
    status: str | None = Field(
        None, description="Listing status, e.g. Active, Inactive, Incomplete."
    )
    price: float | None = None
    currency: str | None = None
    quantity: int | None = None
    fulfillment_channel: str | None = Field(None, description="MFN or AFN (FBA).")
    bullet_point1: str | None = None
    bullet_point2: str | None = None
    bullet_point3: str | None = None
    bullet_point4: str | None = None
    bullet_point5: str | None = None
    search_terms: str | None = Field(None, description="Backend search terms (generic_keyword).")
    description: str | None = Field(None, description="Product description.")
    item_highlights: str | None = None
    main_image_url: str | None = None
    main_image_width: int | None = Field(None, description="Main image width in pixels.")
    main_image_height: int | None = Field(None, description="Main image height in pixels.")
    image_count: int | None = Field(None, description="Number of images, main included.")
    video_count: int | None = None
    product_id: str | None = Field(None, description="UPC, EAN or GTIN, as text.")
    product_id_type: str | None = Field(None, description="UPC, EAN, GTIN, ISBN, JAN.")
    gtin_exempt: bool | None = Field(None, description="Amazon granted a GTIN exemption.")
    open_date: dt.date | None = Field(None, description="When the listing was created.")
    # Joined from the products register (see ProductRow); the listing's own value wins.
    category: str | None = None
    gated_category: str | None = None
    materials: str | None = None
    country_of_origin: str | None = None
    contains_batteries: bool | None = None
    battery_type: str | None = None
    is_electrical: bool | None = None
    has_radio: bool | None = None
    for_children: bool | None = None
    minimum_age: int | None = None


class Channel(StrEnum):
    mfn = "mfn"
    afn = "afn"


class AccountMetricRow(Strict):
    """One metric of the account in one marketplace, channel and window (long format)."""

    marketplace: Marketplace
    metric: str = Field(description="Metric name.", json_schema_extra={"enum": list(METRICS)})
    channel: Channel | None = Field(
        None, description="mfn (seller-fulfilled) or afn (FBA); blank if not split."
    )
    subject: str | None = Field(
        None,
        description="What the row is about when a metric has several per marketplace (a warning type).",
    )
    window_days: int | None = Field(None, description="Length of the reporting window in days.")
    value: float | None = Field(
        None, description="Rates are fractions (0.009 = 0.9%); '0.9%' is accepted and converted."
    )
    value_text: str | None = Field(None, description="Text value for status metrics (e.g. NORMAL).")
    numerator: float | None = Field(
        None, description="Count behind a rate: defective orders, late shipments, ..."
    )
    denominator: float | None = Field(None, description="Orders or shipments in the window.")
    target_value: float | None = Field(
        None, description="Amazon's own target, where the source gives one."
    )
    target_condition: str | None = Field(None, description="LESS_THAN, GREATER_THAN or EQUALS.")
    amazon_status: str | None = Field(
        None,
        description="Amazon's own verdict on the metric, where the source gives one: GOOD, BAD or NONE.",
    )
    period_start: dt.date | None = None
    period_end: dt.date | None = None


class ListingIssueRow(Strict):
    """An issue Amazon itself reports on a listing (Listings Items API `issues`)."""

    sku: str
    asin: str | None = None
    marketplace: Marketplace
    code: str = Field(description="Amazon's issue code, e.g. 90220.")
    severity: str | None = Field(None, description="error, warning or info.")
    message: str | None = None
    categories: str | None = Field(None, description="';'-separated, e.g. MISSING_ATTRIBUTE.")
    attribute_names: str | None = Field(
        None, description="';'-separated attributes the issue is about."
    )
    enforcement_actions: str | None = Field(
        None,
        description="';'-separated: LISTING_SUPPRESSED, ATTRIBUTE_SUPPRESSED, CATALOG_ITEM_REMOVED, SEARCH_SUPPRESSED.",
    )
    exemption_status: str | None = Field(
        None, description="EXEMPT, EXEMPT_UNTIL_EXPIRY_DATE or NOT_EXEMPT."
    )
    exemption_expiry: dt.date | None = None


class DocumentRow(Strict):
    """One document or registration the seller holds; blank scope columns widen its scope."""

    document_type: str = Field(json_schema_extra={"enum": list(DOCUMENT_TYPES)})
    identifier: str | None = Field(None, description="Registration or certificate number, as text.")
    sku: str | None = Field(None, description="Blank: not limited to one SKU.")
    asin: str | None = Field(None, description="Blank: not limited to one ASIN.")
    brand: str | None = Field(None, description="Blank: not limited to one brand.")
    marketplace: str | None = Field(None, description="Blank: every marketplace.")
    issued_on: dt.date | None = None
    expires_on: dt.date | None = None
    issuer: str | None = None
    file: str | None = Field(None, description="Where the seller keeps the document.")
    notes: str | None = None


class ApprovalRow(Strict):
    """One category approval (ungating) decision."""

    category: str = Field(json_schema_extra={"enum": list(GATED_CATEGORIES)})
    marketplace: str = Field(json_schema_extra={"enum": list(MARKETPLACES)})
    status: ApprovalStatus
    decided_on: dt.date | None = None
    brand: str | None = Field(None, description="Blank: approval for every brand.")
    sku: str | None = Field(None, description="Blank: approval for every SKU.")


ColumnType = typing.Literal["text", "number", "integer", "boolean", "date"]


@dataclass(frozen=True)
class TableSpec:
    """How a canonical table is read, validated and turned into finding entities."""

    name: str
    row_model: type[BaseModel]
    doc: str
    #: Columns a file must have to be read as this table.
    required_columns: tuple[str, ...]
    #: `entity.type` in findings.
    entity_type: str
    #: Columns that identify an entity (the fingerprint's entity key).
    key_fields: tuple[str, ...]
    #: Columns copied into `entity` in findings.
    entity_fields: tuple[str, ...]
    #: Columns copied into a finding's `evidence` when they have a value.
    evidence_fields: tuple[str, ...] = ()
    #: Columns whose values must come from a vocabulary.
    vocabularies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Whether rules can apply to it (the products register is only joined into listings).
    audited: bool = True

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.row_model.model_fields)

    def column_types(self) -> dict[str, ColumnType]:
        return {
            name: _column_type(info.annotation)
            for name, info in self.row_model.model_fields.items()
        }


def _column_type(annotation: object) -> ColumnType:
    args = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    base = next((a for a in args if a is not type(None)), str)
    if base is bool:
        return "boolean"
    if base is int:
        return "integer"
    if base is float:
        return "number"
    if base is dt.date:
        return "date"
    return "text"


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            name="listings",
            row_model=ListingRow,
            doc="Listings (one row per SKU and marketplace), with the products register joined by SKU.",
            required_columns=("sku",),
            entity_type="listing",
            key_fields=("sku", "asin", "marketplace"),
            entity_fields=("sku", "asin", "marketplace", "title"),
        ),
        TableSpec(
            name="account_metrics",
            row_model=AccountMetricRow,
            doc="Account health metrics (long format: one row per metric, marketplace, channel and window).",
            required_columns=("metric",),
            entity_type="account",
            key_fields=("marketplace", "channel", "metric", "subject"),
            entity_fields=("marketplace", "channel", "subject"),
            evidence_fields=(
                "metric",
                "window_days",
                "numerator",
                "denominator",
                "period_start",
                "period_end",
                "target_value",
                "target_condition",
                "amazon_status",
            ),
            vocabularies={"metric": tuple(METRICS), "channel": tuple(Channel)},
        ),
        TableSpec(
            name="listing_issues",
            row_model=ListingIssueRow,
            doc="Issues Amazon reports on listings, with their enforcement actions (one row per issue).",
            required_columns=("sku", "code"),
            entity_type="listing",
            key_fields=("sku", "asin", "marketplace", "code"),
            entity_fields=("sku", "asin", "marketplace"),
            evidence_fields=(
                "code",
                "severity",
                "message",
                "categories",
                "attribute_names",
                "enforcement_actions",
                "exemption_status",
                "exemption_expiry",
            ),
            vocabularies={"severity": ("error", "warning", "info")},
        ),
        TableSpec(
            name="documents",
            row_model=DocumentRow,
            doc="The seller's register of documents, registrations and certificates.",
            required_columns=("document_type",),
            entity_type="document",
            key_fields=("document_type", "identifier", "sku", "asin", "brand", "marketplace"),
            entity_fields=("document_type", "identifier", "sku", "asin", "brand", "marketplace"),
            evidence_fields=("issued_on", "expires_on", "issuer", "file"),
            vocabularies={"document_type": tuple(DOCUMENT_TYPES)},
        ),
        TableSpec(
            name="approvals",
            row_model=ApprovalRow,
            doc="The seller's register of category approvals.",
            required_columns=("category", "marketplace", "status"),
            entity_type="approval",
            key_fields=("category", "marketplace", "brand", "sku"),
            entity_fields=("category", "marketplace", "brand", "sku", "status"),
            evidence_fields=("decided_on",),
            vocabularies={"category": tuple(GATED_CATEGORIES), "status": tuple(ApprovalStatus)},
        ),
        TableSpec(
            name="products",
            row_model=ProductRow,
            doc="The seller's products register, joined into listings by SKU.",
            required_columns=("sku",),
            entity_type="product",
            key_fields=("sku",),
            entity_fields=("sku",),
            vocabularies={"gated_category": tuple(GATED_CATEGORIES)},
            audited=False,
        ),
    )
}

#: Tables a rule can apply to.
AUDITED_TABLES = tuple(name for name, spec in TABLES.items() if spec.audited)
#: Columns of the listings table that come from the products register.
PRODUCT_COLUMNS = tuple(c for c in ProductRow.model_fields if c != "sku")


@dataclass
class CanonicalTable:
    """A canonical table as a pandas frame, and which of its columns some input provided.

    Every frame has all the table's columns (absent ones all-NA) plus `_file` and
    `_row` (where each row came from). A rule reading a column no input provided is
    not applicable; a blank cell in a provided column makes it `unknown`.
    """

    name: str
    frame: typing.Any  # pandas.DataFrame (kept untyped here: the model layer imports no pandas)
    provided: frozenset[str]
