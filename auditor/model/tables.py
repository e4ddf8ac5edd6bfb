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
from pydantic.fields import FieldInfo

from auditor.model.common import MARKETPLACES, Strict
from auditor.model.labels import zh_label
from auditor.model.vocab import (
    DOCUMENT_TYPES,
    GATED_CATEGORIES,
    IMAGE_SLOTS,
    METRICS,
    ApprovalStatus,
)

Marketplace = typing.Annotated[
    str | None,
    Field(
        default=None,
        description="Amazon country code (US, UK, DE, JP, ...). GB is read as UK. "
        "Blank: the --marketplace flag or the config's default_marketplace.",
        json_schema_extra={"enum": [*MARKETPLACES, None]},
    ),
]

#: Marks a column holding a country: read as an ISO 3166-1 alpha-2 code (see `ColumnType`).
COUNTRY_FORMAT = "iso3166-1-alpha-2"

Country = typing.Annotated[
    str | None,
    Field(
        default=None,
        description="Country of manufacture as an ISO 3166 code, e.g. CN. Names are accepted "
        "and read as their code: China, Mainland China, Volksrepublik China, Chine, 中国, CHN, "
        "Viet Nam, 越南 ... (English, German, French, Italian, Spanish, Japanese, Chinese).",
        json_schema_extra={"format": COUNTRY_FORMAT},
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
    country_of_origin: Country
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
    unit_cost: float | None = Field(
        None,
        description="What one unit costs the seller landed (goods, freight, duty), in the "
        "currency of the marketplace it sells in: with Amazon's fees it gives the break-even "
        "ACoS (ADS-001) and the cost structure (ADS-003).",
    )


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
    image_count: int | None = Field(
        None,
        description="Number of images, main included (the swatch not): from the local image "
        "files SKU.MAIN.jpg, SKU.PT01.jpg ... where the SKU has any, else from the listing file.",
    )
    # Measured from the seller's local main image file `SKU.MAIN.jpg` (auditor.ingest.images);
    # the local file also gives main_image_width and main_image_height, over the listing's.
    main_image_white_background: bool | None = Field(
        None,
        description="Whether every border pixel of the local main image is white (each channel "
        "at least 250) and opaque.",
    )
    main_image_fill: float | None = Field(
        None,
        description="How much of the frame the product spans in the local main image, 0 to 1: "
        "the bounding box of its non-white pixels as a share of the image's width or height, "
        "whichever the box spans more of.",
    )
    main_image_file: str | None = Field(
        None, description="The local main image file the main image columns were measured from."
    )
    video_count: int | None = None
    product_id: str | None = Field(None, description="UPC, EAN or GTIN, as text.")
    product_id_type: str | None = Field(None, description="UPC, EAN, GTIN, ISBN, JAN.")
    gtin_exempt: bool | None = Field(None, description="Amazon granted a GTIN exemption.")
    open_date: dt.date | None = Field(None, description="When the listing was created.")
    minimum_age_months: int | None = Field(
        None,
        description="Manufacturer's minimum age in months (manufacturer_minimum_age, or a flat "
        "file's mfg_minimum in its unit); the products register's minimum_age x 12 when it states one.",
    )
    maximum_age_months: int | None = Field(
        None, description="Manufacturer's maximum age in months (manufacturer_maximum_age)."
    )
    target_audience: str | None = Field(
        None, description="Amazon's target audience keywords, ';'-separated, e.g. 'kids;toddlers'."
    )
    item_type_keyword: str | None = Field(
        None, description="Amazon's item type keyword (browse placement), e.g. plush-animal-toys."
    )
    language_tag: str | None = Field(
        None,
        description="The language the listing's texts are in (en_US, de_DE): a template's "
        "contentLanguageTag.",
    )
    attributes: dict[str, typing.Any] | None = Field(
        None,
        description="The listing's attributes as Amazon's Listings Items API writes them "
        '({"item_name": [{"value": ..., "marketplace_id": ..., "language_tag": ...}], ...}): '
        "read from the API as they are, from a Category Listing Report by its field ids, from a "
        "flat file by its field names (auditor.ingest.attributes). In a CSV, a JSON object.",
    )
    product_type_definition: str | None = Field(
        None,
        description="Filled at assembly: which of the inputs' product type definitions the "
        "listing is judged by (product type, marketplace, checksum), blank when none is for it.",
    )
    facts_disagreement: str | None = Field(
        None,
        description="Filled at assembly: where the products register and the listing's own facts "
        "disagree, e.g. 'for_children: products register no, listing yes (product type TOYS)'.",
    )
    # The products register's value (see ProductRow) wins where it states one; the
    # listing's own facts fill the rest (auditor.ingest.facts). `for_children` is also
    # derived from the listing's ages, audience and product type.
    category: str | None = None
    gated_category: str | None = None
    materials: str | None = None
    country_of_origin: Country
    contains_batteries: bool | None = None
    battery_type: str | None = None
    is_electrical: bool | None = None
    has_radio: bool | None = None
    for_children: bool | None = None
    minimum_age: int | None = None
    # The seller's own facts (the `seller:` section of auditor.yaml, model.config.Seller),
    # the same on every listing; absent without that section.
    seller_country: str | None = Field(
        None, description="Where the seller's business is established (ISO code, seller.country)."
    )
    seller_tax_residence: str | None = Field(
        None, description="Its countries of tax residence, ';'-separated (seller.tax_residence)."
    )
    seller_ships_to_california: bool | None = Field(
        None, description="Whether it sells to buyers in California (seller.ships_to_california)."
    )
    seller_gs1_prefixes: str | None = Field(
        None, description="Its GS1 company prefixes, ';'-separated (seller.gs1_prefixes)."
    )


class ImageRow(Strict):
    """One image file the seller prepared for upload, named `SKU.SLOT.ext`, as measured at ingest.

    Measured by auditor.ingest.images (Pillow, numpy), judged by the rules: the numbers
    are the file as Amazon would receive it, whatever its extension says.
    """

    sku: str = Field(description="Seller SKU, from the file name (leading zeros kept).")
    slot: str = Field(
        description="Amazon's image variant code from the file name: MAIN, PT01 to PT08, SWCH.",
        json_schema_extra={"enum": list(IMAGE_SLOTS)},
    )
    file_format: str | None = Field(
        None,
        description="The format of the file's content, whatever its extension: JPEG, PNG, "
        "TIFF, GIF, WEBP, BMP ...",
    )
    colour_mode: str | None = Field(
        None,
        description="RGB (palette and RGBA images included), CMYK, greyscale, or another "
        "mode by Pillow's name (LAB, HSV ...).",
    )
    width: int | None = Field(None, description="Width in pixels.")
    height: int | None = Field(None, description="Height in pixels.")
    white_border: bool | None = Field(
        None,
        description="Every pixel of the outermost rows and columns is white (each channel at "
        "least 250, for JPEG noise) and opaque (a transparent pixel has no colour of its own).",
    )
    fill: float | None = Field(
        None,
        description="The bounding box of the non-white pixels (transparency counted as white) "
        "as a share of the image's width or height, whichever it spans more of; 0 for a blank image.",
    )
    animated: bool | None = Field(
        None,
        description="More than one frame: an animated GIF, PNG or WebP, or a TIFF of several "
        "pages (Amazon: non-animated GIF only, layers removed).",
    )
    bytes: int | None = Field(None, description="File size in bytes.")


class Channel(StrEnum):
    mfn = "mfn"
    afn = "afn"


class ProductTypeDefinitionRow(Strict):
    """One of Amazon's product type definitions: the JSON Schema a listing of the product
    type must satisfy in a marketplace (from the Product Type Definitions API)."""

    product_type: str = Field(description="Amazon product type, e.g. LUGGAGE.")
    marketplace: Marketplace
    locale: str | None = Field(None, description="Locale of the definition's texts, e.g. en_US.")
    version: str | None = Field(None, description="productTypeVersion.version.")
    requirements: str | None = Field(
        None, description="LISTING, LISTING_PRODUCT_ONLY or LISTING_OFFER_ONLY."
    )
    requirements_enforced: str | None = Field(
        None, description="ENFORCED or NOT_ENFORCED: whether `required` attributes are enforced."
    )
    checksum: str | None = Field(None, description="The schema's MD5 (Amazon's schema.checksum).")
    display_name: str | None = None
    definition: dict[str, typing.Any] | None = Field(
        None, description="The schema itself (Amazon's meta-schema v1 dialect)."
    )
    key: str | None = Field(
        None,
        description="Filled at assembly: the id listings name it by (product_type_definition).",
    )


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
    category: str | None = Field(
        None,
        description="The product category a metric is measured in, where Amazon measures it per "
        "category (valid tracking in the EU and UK); blank for the marketplace's own rate.",
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
    product_type: str | None = Field(
        None,
        description="Amazon product type the document covers (blank: every type). A WEEE "
        "registration is per brand and equipment type: one row per brand and product type.",
    )
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


class InventoryRow(Strict):
    """One FBA SKU in one marketplace, from the FBA inventory planning report.

    Units are counts of sellable units unless named otherwise. `oldest_age_days` and
    `annual_turnover` are derived by the report's reader (in a canonical file, give
    them yourself or leave them out).
    """

    sku: str = Field(description="Seller SKU, as text (leading zeros kept).")
    fnsku: str | None = None
    asin: str | None = None
    marketplace: Marketplace
    title: str | None = Field(None, description="Product name as the report gives it.")
    condition: str | None = None
    snapshot_date: dt.date | None = Field(None, description="Date of the report's snapshot.")
    available: int | None = Field(None, description="Units available (fulfillable) at FBA.")
    inbound: int | None = Field(None, description="Units on the way to FBA (inbound-quantity).")
    reserved: int | None = Field(
        None, description="Units reserved (orders, transfers, processing)."
    )
    unfulfillable: int | None = None
    age_0_90: int | None = Field(None, description="Units aged 0-90 days.")
    age_91_180: int | None = Field(None, description="Units aged 91-180 days.")
    age_181_270: int | None = Field(None, description="Units aged 181-270 days.")
    age_271_365: int | None = Field(None, description="Units aged 271-365 days.")
    age_365_plus: int | None = Field(None, description="Units aged more than 365 days.")
    oldest_age_days: int | None = Field(
        None,
        description="First day of the oldest age bucket holding units: 0, 91, 181, 271 or 366 "
        "(derived from the age buckets).",
    )
    units_shipped_7d: int | None = None
    units_shipped_30d: int | None = None
    units_shipped_60d: int | None = None
    units_shipped_90d: int | None = None
    days_of_supply: float | None = Field(
        None, description="Amazon's days of supply at FBA (available units / forecast demand)."
    )
    total_days_of_supply: float | None = Field(
        None, description="Days of supply including units from open (inbound) shipments."
    )
    sell_through: float | None = Field(
        None, description="Amazon's 90-day sell-through: units shipped / average units on hand."
    )
    annual_turnover: float | None = Field(
        None,
        description="Turns a year: units shipped in 90 days x 365/90 / (available + reserved + "
        "inbound). Derived; blank when nothing is on hand or inbound.",
    )
    excess_units: int | None = Field(
        None, description="Amazon's estimated excess quantity (units beyond 90 days of supply)."
    )
    stranded: bool | None = Field(
        None, description="Units sit at FBA without an active offer (stranded inventory)."
    )
    storage_type: str | None = Field(None, description="e.g. Standard, Oversize, Apparel.")
    product_group: str | None = Field(
        None,
        description="Amazon's product group (e.g. Home, Apparel, Shoes, Jewelry, Watch): "
        "what the aged inventory surcharge's category exemptions go by.",
    )
    storage_volume: float | None = Field(None, description="Volume the SKU's units occupy.")
    estimated_storage_cost: float | None = Field(
        None, description="Amazon's estimated storage cost next month (money, in `currency`)."
    )
    estimated_aged_surcharge: float | None = Field(
        None,
        description="Amazon's estimated aged inventory surcharge at the next charge, all age "
        "tiers summed (money, in `currency`).",
    )
    currency: str | None = None


class FbaFeeRow(Strict):
    """One SKU of the FBA fee preview: price, size tier and the per-unit fees Amazon estimates."""

    sku: str = Field(description="Seller SKU, as text (leading zeros kept).")
    fnsku: str | None = None
    asin: str | None = None
    marketplace: Marketplace
    title: str | None = Field(None, description="Product name as the report gives it.")
    product_group: str | None = None
    brand: str | None = None
    price: float | None = Field(None, description="Your price (your-price).")
    sales_price: float | None = Field(None, description="Price the fees were estimated on.")
    currency: str | None = None
    size_tier: str | None = Field(
        None, description="Product size tier (product-size-tier or product-size-weight-band)."
    )
    referral_fee: float | None = Field(None, description="Estimated referral fee per unit.")
    fulfillment_fee: float | None = Field(
        None, description="Expected FBA fulfilment fee per unit (domestic fee in EU files)."
    )
    estimated_fee_total: float | None = Field(
        None, description="Amazon's estimated total fees per unit."
    )
    other_fees: float | None = Field(
        None,
        description="Fees in Amazon's total beyond the referral and FBA fees (closing fees): "
        "derived at assembly as estimated_fee_total - referral_fee - fulfillment_fee.",
    )
    advertising_cost_share: float | None = Field(
        None,
        description="Filled at assembly from the advertising and business reports: ad spend / "
        "ordered product sales of the marketplace; blank when either is absent.",
    )


class AdSearchTermRow(Strict):
    """One customer search term of a Sponsored Products campaign (search term report)."""

    marketplace: Marketplace
    campaign: str = Field(description="Campaign name.")
    ad_group: str | None = Field(None, description="Ad group name.")
    targeting: str | None = Field(
        None, description="The keyword or targeting expression that matched."
    )
    match_type: str | None = Field(None, description="EXACT, PHRASE, BROAD, or '-' for targets.")
    search_term: str | None = Field(None, description="What the shopper typed (or an ASIN).")
    impressions: int | None = None
    clicks: int | None = None
    spend: float | None = Field(None, description="Ad spend in the report's currency.")
    sales_7d: float | None = Field(None, description="7-day total sales attributed to the ad.")
    orders_7d: int | None = Field(None, description="7-day total orders attributed to the ad.")
    acos: float | None = Field(
        None, description="Spend / 7-day sales (a fraction; '30.6%' is accepted)."
    )
    currency: str | None = None
    category: str | None = Field(
        None,
        description="The campaign's product category, joined at assembly from the "
        "campaigns register (ad_campaigns) by campaign name; blank: the rule's default.",
    )
    break_even_acos: float | None = Field(
        None,
        description="The ACoS at which an ad-driven sale earns nothing: (price - Amazon's fees "
        "- unit cost) / price of the SKU the campaigns register names, from the fee preview "
        "(estimated total, else referral + FBA fee) and the products register; filled at "
        "assembly, blank when any is unknown.",
    )


class AdCampaignRow(Strict):
    """The seller's campaigns register: which category (or SKU) a campaign advertises."""

    campaign: str = Field(description="Campaign name, exactly as in the advertising console.")
    marketplace: str | None = Field(None, description="Blank: the same name in every marketplace.")
    category: str | None = Field(
        None, description="Free-text category, e.g. 'Electronics', 'Home & Kitchen'."
    )
    sku: str | None = Field(
        None, description="Advertised SKU: its category in the products register when blank."
    )


class SalesTrafficRow(Strict):
    """One child ASIN of the Business Report (Detail Page Sales and Traffic by Child Item)."""

    marketplace: Marketplace
    parent_asin: str | None = None
    asin: str = Field(description="Child ASIN.")
    sku: str | None = None
    title: str | None = None
    sessions: int | None = Field(None, description="Sessions - Total.")
    page_views: int | None = Field(None, description="Page Views - Total.")
    buy_box_share: float | None = Field(
        None, description="Featured Offer (Buy Box) percentage, as a fraction."
    )
    units_ordered: int | None = None
    unit_session_share: float | None = Field(
        None, description="Unit Session Percentage (units ordered / sessions), as a fraction."
    )
    ordered_sales: float | None = Field(None, description="Ordered Product Sales.")
    order_items: int | None = Field(None, description="Total Order Items.")
    currency: str | None = None
    category: str | None = Field(
        None, description="Joined at assembly from the products register by SKU."
    )


class FeedbackRow(Strict):
    """One seller feedback a buyer left on an order (Feedback Manager, GET_SELLER_FEEDBACK_DATA).

    The report's rater e-mail is personal data: no reader keeps it and no table has it.
    """

    marketplace: Marketplace
    date: dt.date = Field(description="The day the buyer left the feedback.")
    rating: int = Field(ge=1, le=5, description="Stars: 1-2 negative, 3 neutral, 4-5 positive.")
    comments: str | None = Field(None, description="The buyer's comment.")
    response: str | None = Field(
        None, description="The seller's public response (Your Response); blank: none."
    )
    order_id: str | None = Field(None, description="Amazon order id, e.g. 113-4728163-5039410.")
    arrived_on_time: str | None = Field(None, description="The buyer's answer (Yes/No), if given.")
    item_as_described: str | None = Field(
        None, description="The buyer's answer (Yes/No), if given."
    )
    customer_service: str | None = Field(None, description="The buyer's answer (Yes/No), if given.")


class ReturnRow(Strict):
    """One line of the FBA customer returns report (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA)."""

    marketplace: Marketplace
    return_date: dt.date = Field(
        description="The day the fulfilment centre processed the return (return-date)."
    )
    order_id: str | None = Field(None, description="The original order (order-id).")
    sku: str | None = None
    asin: str | None = None
    fnsku: str | None = None
    title: str | None = Field(None, description="product-name.")
    quantity: int | None = Field(None, ge=0, description="Units returned on this line.")
    fulfillment_center: str | None = Field(None, description="fulfillment-center-id, e.g. PHX7.")
    disposition: str | None = Field(
        None,
        description="detailed-disposition: SELLABLE, DEFECTIVE, CUSTOMER_DAMAGED, DAMAGED, "
        "CARRIER_DAMAGED, EXPIRED, ...",
    )
    reason: str | None = Field(
        None,
        description="The customer's return reason code: NOT_AS_DESCRIBED, DEFECTIVE, "
        "QUALITY_UNACCEPTABLE, SWITCHEROO, UNWANTED_ITEM, ...",
    )
    status: str | None = Field(None, description="e.g. Unit returned to inventory, Reimbursed.")
    license_plate_number: str | None = Field(
        None, description="The returned unit's LPN (license-plate-number)."
    )
    customer_comments: str | None = Field(
        None, description="What the customer wrote with the return (download only)."
    )
    category: str | None = Field(
        None, description="Joined at assembly from the products register by SKU."
    )


class PriceRow(Strict):
    """One product's prices in one marketplace on one day: the seller's own price record,
    or Keepa's price history of the ASIN (auditor.ingest.formats.keepa).

    A history, not a snapshot: the pricing rules judge each product's latest day on or
    before the audit date against the days before it (engine.checks.series)."""

    sku: str | None = Field(None, description="Seller SKU; blank where only the ASIN is known.")
    asin: str | None = Field(None, description="Amazon Standard Identification Number.")
    marketplace: Marketplace
    date: dt.date = Field(description="The day the prices were seen.")
    price: float | None = Field(
        None, description="The seller's own offer price that day (before shipping)."
    )
    list_price: float | None = Field(
        None,
        description="The list price (manufacturer's suggested retail price) the offer shows "
        "struck through: the reference price the fair pricing policy holds to prices charged.",
    )
    buy_box_price: float | None = Field(
        None, description="The Featured Offer (Buy Box) price that day, whoever held it."
    )
    buy_box_seller_is_me: bool | None = Field(
        None, description="Whether the seller's own offer held the Buy Box that day."
    )
    lowest_new_price: float | None = Field(
        None, description="The lowest new offer that day (Keepa's New series)."
    )
    amazon_price: float | None = Field(
        None, description="Amazon's own offer that day (Keepa's Amazon series)."
    )
    currency: str | None = None


class AccountRow(Strict):
    """The account's own facts: one row for the store audited, built from the `seller:`
    section of auditor.yaml (auditor.ingest.account) and, where fetched, the account
    record Amazon holds (the Sellers API's account information)."""

    store: str = Field(description="The store (seller account) audited, as history names it.")
    seller_id: str | None = Field(None, description="Its merchant token (stores.<name>.seller_id).")
    legal_name: str | None = Field(
        None, description="The business's legal name (seller.legal_name)."
    )
    address: str | None = Field(None, description="Its registered address (seller.address).")
    bank_account_holder: str | None = Field(
        None, description="The holder of the payout bank account (seller.bank_account_holder)."
    )
    inform_certified_on: dt.date | None = Field(
        None,
        description="The last INFORM Consumers Act certification (seller.inform_certified_on).",
    )
    inform_due_on: dt.date | None = Field(
        None,
        description="Derived: when the next yearly INFORM certification is due (a year after "
        "the last).",
    )
    approved_accounts: str | None = Field(
        None, description="Seller ids of the accounts Amazon approved, ';'-separated."
    )
    fba_countries: str | None = Field(
        None,
        description="Countries where FBA holds stock, ';'-separated: the inventory report's "
        "marketplaces with units on hand or inbound, and seller.fba_countries for the "
        "countries no inventory report covers.",
    )
    related_stores: str | None = Field(
        None,
        description="Derived: the other stores of auditor.yaml that share this one's legal "
        "name, bank account holder or address and whose seller id is not in "
        "approved_accounts, each with what it shares; blank: none.",
    )
    amazon_legal_name: str | None = Field(
        None, description="The legal business name Amazon holds (Sellers API account)."
    )
    amazon_address: str | None = Field(
        None, description="The registered business address Amazon holds (Sellers API account)."
    )
    amazon_business_type: str | None = Field(
        None, description="The business type Amazon holds, e.g. PRIVATE_LIMITED (Sellers API)."
    )
    name_differences: str | None = Field(
        None,
        description="Derived: the names and address on record that differ from the ones "
        "Amazon holds (or, without Amazon's record, from seller.legal_name); blank: they agree.",
    )


class AmazonAccountRow(Strict):
    """The account record Amazon holds: the Sellers API's account information (getAccount),
    fetched as `account` by `auditor fetch`; joined into the `account` table."""

    amazon_legal_name: str = Field(description="The registered business name Amazon holds.")
    amazon_address: str | None = Field(
        None,
        description="The registered business address Amazon holds, as one line: address "
        "lines, city, state or province, postal code, country code.",
    )
    amazon_business_type: str | None = Field(
        None,
        description="The business type Amazon holds: PRIVATE_LIMITED, SOLE_PROPRIETORSHIP, "
        "PUBLIC_LISTED, STATE_OWNED, CHARITY, CRAFTSMAN, NATURAL_PERSON_COMPANY or INDIVIDUAL.",
    )


class VatRegistrationRow(Strict):
    """One EU or UK country where FBA holds the store's stock, with the VAT registration
    on record for it (built by auditor.ingest.account from the config and the inventory)."""

    store: str = Field(description="The store (seller account) audited.")
    country: str = Field(description="Where FBA holds stock (ISO code; the United Kingdom: UK).")
    vat_number: str | None = Field(None, description="The VAT number on record (seller.vat).")
    stock_from: str | None = Field(
        None,
        description="Where the stock's country comes from: inventory (the FBA inventory "
        "report) or config (seller.fba_countries, for a country no inventory report covers).",
    )


class PlanLetterRow(Strict):
    """A plan of action as a whole, split into Amazon's three parts (for `auditor poa lint`)."""

    letter: str = Field(description="The file the plan was read from.")
    text: str = Field(description="The letter, without the notes the draft adds after it.")
    root_cause: str | None = Field(None, description="The root-cause part; blank: not found.")
    corrective_actions: str | None = Field(
        None, description="The corrective-actions part; blank: not found."
    )
    preventive_measures: str | None = Field(
        None, description="The preventive-measures part; blank: not found."
    )
    deadline: dt.date | None = Field(
        None, description="The day Amazon's notice asks the plan by; blank: no notice, or none."
    )


class PlanParagraphRow(Strict):
    """One paragraph (or list item) of a plan of action, with the line it starts on."""

    letter: str
    line: int = Field(description="Line of the letter the paragraph starts on (1-based).")
    section: str | None = Field(
        None,
        description="root_cause, corrective_actions or preventive_measures; blank: outside them.",
    )
    text: str
    point: bool | None = Field(
        None,
        description="A point of its part: a list item, or a paragraph of a part written "
        "without list items (a closing line or a signature is not).",
    )
    date: str | None = Field(None, description="The date it gives, or the placeholder for it.")
    owner: str | None = Field(None, description="The role it names as responsible.")
    frequency: str | None = Field(None, description="How often it says it happens.")
    restates: str | None = Field(
        None,
        description="The metric or notice words of a point that states no cause (it restates "
        "the metric or the notice); blank: it states a cause, or is not a point.",
    )
    other_language: str | None = Field(
        None, description="Text in another language than the letter's (Chinese in English)."
    )
    contradiction: str | None = Field(
        None, description="What it states against Amazon's notice (rate, count, channel, window)."
    )


class PlanPartRow(Strict):
    """One of a plan's three parts, with what its points add up to."""

    letter: str
    section: str = Field(description="root_cause, corrective_actions or preventive_measures.")
    line: int = Field(description="Line of the letter the part's heading is on (1-based).")
    points: int = Field(description="Its points: list items, else paragraphs.")
    causes: int | None = Field(
        None, description="Root cause: the points that state a cause, not only the metric."
    )
    unanswered: int | None = Field(
        None,
        description="Corrective actions: causes of the root-cause part beyond the number of "
        "corrective actions.",
    )


class PlanAsinRow(Strict):
    """An ASIN named in Amazon's notice, and where the plan addresses it."""

    letter: str
    asin: str
    line: int | None = Field(
        None, description="First line of the plan naming the ASIN; blank: not addressed."
    )
    requested: str | None = Field(
        None, description="The documents the notice asks for; blank: it asks for none."
    )
    unevidenced: str | None = Field(
        None,
        description="Requested documents the plan names for no paragraph about the ASIN.",
    )


#: The longest text a rule's pattern searches in a column with no limit of Amazon's.
MAX_SEARCHED_CHARS = 10_000
#: Longest time one search of one value may take (engine.patterns); a message names it.
PATTERN_BUDGET_SECONDS = 0.25
#: How many times Amazon's limit of a listing text field its patterns search.
SEARCHED_MULTIPLE = 2

#: The most characters Amazon accepts in each listing text field. Title: 200 ("Product
#: detail page rules", help 200390640). Bullet point: 500 (the product-type definitions'
#: maxLength; the style guide asks for 255). Description: 2,000 (the definitions'
#: maxLength). Search terms are limited in bytes (at most 500, in Japan) and spaces and
#: punctuation are not counted: 1,000 characters is over every store's limit. Item
#: highlights: 125 under the 2026 title rule, 500 here to leave room for an unconfirmed limit.
LISTING_TEXT_LIMITS = {
    "title": 200,
    **{f"bullet_point{n}": 500 for n in range(1, 6)},
    "description": 2_000,
    "search_terms": 1_000,
    "item_highlights": 500,
}

#: How a column's cells are read; `country` is text holding an ISO 3166 alpha-2 code.
#: `object` is JSON data (a listing's attributes, a definition) kept as it is, never coerced.
ColumnType = typing.Literal["text", "number", "integer", "boolean", "date", "country", "object"]


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
    #: What a blank marketplace means: `required` takes --marketplace (or the config's
    #: default) and rejects the row without one; `default` takes it when given and stays
    #: blank otherwise (reports that do not name their store); `any` is a wildcard (a
    #: register row that covers every marketplace).
    blank_marketplace: typing.Literal["required", "default", "any"] = "any"
    #: Whether a data file (CSV, JSON, workbook) can hold it: a plan of action's tables are
    #: built by `poa lint`, the images table is measured from image files.
    from_inputs: bool = True
    #: Columns whose blank cell means "none" (a product that is not gated, a metric not
    #: split by channel): a decided absence, so `exists: false` holds and comparisons are
    #: false. A blank cell of any other column is a fact not stated: comparisons on it are
    #: unknown (a blank `for_children` does not say the teddy bear is not for children).
    blank_means_none: tuple[str, ...] = ()
    #: The most characters Amazon accepts in a text column (see `max_length`).
    max_lengths: dict[str, int] = field(default_factory=dict)
    #: Columns of which a row needs at least one filled (a price history names its
    #: product by SKU or ASIN): a row with all of them blank is rejected.
    identifying_columns: tuple[str, ...] = ()
    #: Columns only another input fills, at assembly (the product type definition a listing
    #: is judged by, its local main image's measures): an entity without them is noted
    #: once over every input, not once per listing file.
    companion_columns: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.row_model.model_fields)

    def headers(self, language: str = "en") -> list[str]:
        """The header row a file of this table is written with: the column names, or
        (`zh`) their Chinese labels (model/labels.py), which the canonical reader accepts too."""
        if language == "zh":
            return [zh_label(c) or c for c in self.columns]
        return list(self.columns)

    def max_length(self, column: str) -> int:
        """The longest part of a value of `column` that a rule's pattern searches.

        For listing text, twice the most Amazon accepts in the field (a title of 200
        characters, a description of 2,000): a value over Amazon's limit fails its
        length rule and is still searched whole, as legacy titles of 250 characters
        are common; a value longer than twice the limit (a 50 KB bullet) is searched
        only up to it, so a hostile file cannot make a pattern slow. A pattern found
        there decides as usual; one not found leaves the verdict `unknown`
        (`too_long`): the rest was not searched. Any other text column:
        `MAX_SEARCHED_CHARS`.
        """
        limit = self.max_lengths.get(column)
        return MAX_SEARCHED_CHARS if limit is None else SEARCHED_MULTIPLE * limit

    def column_types(self) -> dict[str, ColumnType]:
        return {
            name: "country" if _is_country(info) else _column_type(info.annotation)
            for name, info in self.row_model.model_fields.items()
        }


def _is_country(info: FieldInfo) -> bool:
    extra = info.json_schema_extra
    return isinstance(extra, dict) and extra.get("format") == COUNTRY_FORMAT


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
    if typing.get_origin(base) is dict:
        return "object"
    return "text"


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            name="listings",
            blank_marketplace="required",
            row_model=ListingRow,
            doc="Listings (one row per SKU and marketplace), with the products register joined by SKU.",
            required_columns=("sku",),
            entity_type="listing",
            key_fields=("sku", "asin", "marketplace"),
            entity_fields=("sku", "asin", "marketplace", "title"),
            # Names the local image file in every finding about a listing that has one.
            evidence_fields=("main_image_file",),
            blank_means_none=("gated_category",),
            max_lengths=LISTING_TEXT_LIMITS,
            companion_columns=(
                "product_type_definition",
                "main_image_white_background",
                "main_image_fill",
                "main_image_file",
            ),
        ),
        TableSpec(
            name="account_metrics",
            blank_marketplace="required",
            row_model=AccountMetricRow,
            doc="Account health metrics (long format: one row per metric, marketplace, channel and window).",
            required_columns=("metric",),
            entity_type="account",
            key_fields=("marketplace", "channel", "metric", "subject", "category"),
            entity_fields=("marketplace", "channel", "subject", "category"),
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
            blank_means_none=("channel", "subject", "category"),
        ),
        TableSpec(
            name="listing_issues",
            blank_marketplace="required",
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
            blank_means_none=("exemption_status", "exemption_expiry"),
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
            blank_marketplace="required",
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
            name="inventory",
            blank_marketplace="required",
            row_model=InventoryRow,
            doc="FBA inventory (one row per SKU and marketplace): stock, age, sales, supply, fees.",
            required_columns=("sku", "available"),
            entity_type="listing",
            key_fields=("sku", "asin", "marketplace"),
            entity_fields=("sku", "asin", "marketplace", "title"),
            evidence_fields=(
                "snapshot_date",
                "available",
                "inbound",
                "units_shipped_30d",
                "units_shipped_90d",
                "days_of_supply",
                "sell_through",
                "excess_units",
                "age_181_270",
                "age_271_365",
                "age_365_plus",
                "estimated_aged_surcharge",
                "estimated_storage_cost",
                "product_group",
                "currency",
            ),
        ),
        TableSpec(
            name="fba_fees",
            blank_marketplace="required",
            row_model=FbaFeeRow,
            doc="The FBA fee preview (one row per SKU and marketplace): price, size tier, fees.",
            required_columns=("sku", "referral_fee"),
            entity_type="listing",
            key_fields=("sku", "asin", "marketplace"),
            entity_fields=("sku", "asin", "marketplace", "title"),
            evidence_fields=(
                "price",
                "currency",
                "size_tier",
                "referral_fee",
                "fulfillment_fee",
                "other_fees",
                "advertising_cost_share",
            ),
        ),
        TableSpec(
            name="ad_search_terms",
            blank_marketplace="default",
            row_model=AdSearchTermRow,
            doc="Sponsored Products search terms (one row per campaign, ad group, targeting and "
            "search term, as the search term report gives them).",
            required_columns=("campaign",),
            entity_type="search_term",
            key_fields=("marketplace", "campaign", "ad_group", "targeting", "search_term"),
            entity_fields=("marketplace", "campaign", "ad_group", "search_term"),
            evidence_fields=(
                "targeting",
                "match_type",
                "category",
                "impressions",
                "clicks",
                "spend",
                "sales_7d",
                "orders_7d",
                "acos",
                "break_even_acos",
                "currency",
            ),
        ),
        TableSpec(
            name="sales_traffic",
            blank_marketplace="default",
            row_model=SalesTrafficRow,
            doc="Business Report sales and traffic (one row per child ASIN and marketplace).",
            required_columns=("asin", "sessions"),
            entity_type="listing",
            key_fields=("asin", "sku", "marketplace"),
            entity_fields=("sku", "asin", "marketplace", "title"),
            evidence_fields=(
                "parent_asin",
                "category",
                "sessions",
                "page_views",
                "buy_box_share",
                "units_ordered",
                "unit_session_share",
                "ordered_sales",
                "currency",
            ),
        ),
        TableSpec(
            name="feedback",
            blank_marketplace="default",
            row_model=FeedbackRow,
            doc="Seller feedback (one row per feedback a buyer left), from the feedback report.",
            required_columns=("date", "rating"),
            entity_type="feedback",
            key_fields=("order_id", "date", "marketplace"),
            entity_fields=("marketplace", "order_id", "date", "rating"),
            evidence_fields=("comments", "response"),
            blank_means_none=("response",),
        ),
        TableSpec(
            name="returns",
            blank_marketplace="default",
            row_model=ReturnRow,
            doc="FBA customer returns (one row per return line), from the FBA customer returns "
            "report.",
            required_columns=("return_date",),
            entity_type="return",
            key_fields=("order_id", "sku", "license_plate_number", "return_date", "marketplace"),
            entity_fields=("sku", "asin", "marketplace", "order_id"),
            evidence_fields=(
                "return_date",
                "quantity",
                "reason",
                "disposition",
                "status",
                "customer_comments",
            ),
            blank_means_none=("customer_comments",),
        ),
        TableSpec(
            name="prices",
            blank_marketplace="default",
            row_model=PriceRow,
            doc="Price history (one row per product, marketplace and day): the seller's own "
            "price, list price and Buy Box, from Keepa's export or a canonical CSV.",
            required_columns=("date",),
            identifying_columns=("sku", "asin"),
            # A blank list price: the offer shows none (nothing struck through to judge).
            blank_means_none=("list_price",),
            entity_type="listing",
            # A finding is about the product, whichever day it was seen on: the date is
            # evidence, so a finding keeps its identity from one day's audit to the next.
            key_fields=("sku", "asin", "marketplace"),
            entity_fields=("sku", "asin", "marketplace"),
            evidence_fields=(
                "date",
                "price",
                "list_price",
                "buy_box_price",
                "buy_box_seller_is_me",
                "currency",
            ),
        ),
        TableSpec(
            name="account",
            row_model=AccountRow,
            doc="The account's own facts (one row for the store audited): the seller: section "
            "of auditor.yaml beside the account record Amazon holds.",
            required_columns=("store",),
            entity_type="seller_account",
            key_fields=("store", "seller_id"),
            entity_fields=("store", "seller_id", "legal_name"),
            evidence_fields=(
                "inform_certified_on",
                "amazon_legal_name",
                "bank_account_holder",
                "approved_accounts",
                "fba_countries",
            ),
            from_inputs=False,  # built from auditor.yaml and the fetched account record
        ),
        TableSpec(
            name="amazon_account",
            row_model=AmazonAccountRow,
            doc="The account record Amazon holds (the Sellers API's getAccount), joined into "
            "the account table.",
            required_columns=("amazon_legal_name",),
            entity_type="seller_account",
            key_fields=("amazon_legal_name",),
            entity_fields=("amazon_legal_name",),
            audited=False,
        ),
        TableSpec(
            name="vat_registrations",
            row_model=VatRegistrationRow,
            doc="VAT registrations by EU or UK country where FBA holds the store's stock.",
            required_columns=("store", "country"),
            entity_type="vat_registration",
            key_fields=("store", "country"),
            entity_fields=("store", "country"),
            evidence_fields=("stock_from",),
            from_inputs=False,  # built from auditor.yaml and the inventory table
        ),
        TableSpec(
            name="product_type_definitions",
            blank_marketplace="default",
            row_model=ProductTypeDefinitionRow,
            doc="Amazon's product type definitions (one row per product type, marketplace and "
            "schema), joined into listings by product type and marketplace.",
            required_columns=("product_type",),
            entity_type="product_type",
            key_fields=("product_type", "marketplace", "checksum"),
            entity_fields=("product_type", "marketplace"),
            audited=False,
        ),
        TableSpec(
            name="images",
            row_model=ImageRow,
            doc="The seller's image files named by Amazon's bulk-upload convention "
            "(SKU.MAIN.jpg, SKU.PT01.jpg ... SKU.SWCH.jpg), one row per file, measured at "
            "ingest; joined into listings by SKU.",
            required_columns=("sku", "slot"),
            entity_type="image",
            key_fields=("sku", "slot"),
            entity_fields=("sku", "slot"),
            evidence_fields=("file_format", "colour_mode", "width", "height", "animated", "bytes"),
            from_inputs=False,  # measured from image files, never read from a data file
        ),
        TableSpec(
            name="ad_campaigns",
            row_model=AdCampaignRow,
            doc="The seller's campaigns register, joined into ad_search_terms by campaign name.",
            required_columns=("campaign",),
            entity_type="campaign",
            key_fields=("campaign", "marketplace"),
            entity_fields=("campaign", "marketplace"),
            audited=False,
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
        TableSpec(
            name="poa_letters",
            row_model=PlanLetterRow,
            doc="A plan of action as a whole (built by `auditor poa lint`, never read from inputs).",
            required_columns=("letter", "text"),
            entity_type="letter",
            key_fields=("letter",),
            entity_fields=("letter",),
            from_inputs=False,
        ),
        TableSpec(
            name="poa_paragraphs",
            row_model=PlanParagraphRow,
            doc="The paragraphs of a plan of action (built by `auditor poa lint`).",
            required_columns=("letter", "line", "text"),
            entity_type="paragraph",
            key_fields=("letter", "line"),
            entity_fields=("letter", "line", "section"),
            from_inputs=False,
        ),
        TableSpec(
            name="poa_parts",
            row_model=PlanPartRow,
            doc="The three parts of a plan of action and what their points add up to "
            "(built by `auditor poa lint`).",
            required_columns=("letter", "section", "line", "points"),
            entity_type="part",
            key_fields=("letter", "section"),
            entity_fields=("letter", "section", "line"),
            from_inputs=False,
        ),
        TableSpec(
            name="poa_asins",
            row_model=PlanAsinRow,
            doc="The ASINs of Amazon's notice and where the plan names them (built by `auditor poa lint`).",
            required_columns=("letter", "asin"),
            entity_type="notice_asin",
            key_fields=("letter", "asin"),
            entity_fields=("letter", "asin"),
            evidence_fields=("line",),
            from_inputs=False,
        ),
    )
}

#: Tables an input file can hold (the others are built by the tool).
INPUT_TABLES = tuple(name for name, spec in TABLES.items() if spec.from_inputs)
#: Tables a rule can apply to.
AUDITED_TABLES = tuple(name for name, spec in TABLES.items() if spec.audited)
#: The register's product facts a listing carries (the unit cost is money, not a listing fact:
#: the advertising pack reads it from the register itself).
PRODUCT_COLUMNS = tuple(c for c in ProductRow.model_fields if c not in ("sku", "unit_cost"))


@dataclass
class CanonicalTable:
    """A canonical table as a pandas frame, and which of its columns the inputs provided.

    Every frame has all the table's columns (absent ones all-NA) plus `_file` and
    `_row` (where each row came from). `provided` is every column some input gave;
    where rows came from inputs that carry different columns (a flat file and an All
    Listings report, a listing joined with the products register), the frame's `_src`
    column numbers each row's set of columns in `sources`, so that "the input has no
    such column" is decided per row (`auditor.frames.present`).
    """

    name: str
    frame: typing.Any  # pandas.DataFrame (kept untyped here: the model layer imports no pandas)
    provided: frozenset[str]
    #: The column sets that `frame["_src"]` numbers; empty: every row has `provided`.
    sources: tuple[frozenset[str], ...] = ()
    #: Registers joined into it (`products` into listings), read even when empty: a row
    #: without their columns is an entity the register does not hold.
    joined: frozenset[str] = frozenset()

    def with_frame(self, frame: typing.Any) -> CanonicalTable:
        """The same table over other rows of its frame (a filter keeps the provenance)."""
        return CanonicalTable(self.name, frame, self.provided, self.sources, self.joined)


#: The registers a rule can look entities up in, as a message names them (en, zh).
REGISTER_LABELS = {
    "documents": ("documents register", "文件登记表"),
    "approvals": ("approvals register", "类目审核登记表"),
}

#: Where a listing column can come from besides the products register (columns of the
#: listing files that fill it, and options), for the message of a finding that needs it.
LISTING_FIELD_SOURCES: dict[str, tuple[tuple[str, str], ...]] = {
    "marketplace": (
        ("the file's settings row (primaryMarketplaceId)", "文件设置行（primaryMarketplaceId）"),
        ("--marketplace or default_marketplace", "--marketplace 参数或 default_marketplace 配置"),
    ),
    "country_of_origin": (("flat-file column country_of_origin", "库存文件 country_of_origin 列"),),
    "contains_batteries": (
        ("flat-file column batteries_required", "库存文件 batteries_required 列"),
    ),
    "materials": (("Category Listing Report field material", "类目商品报告 material 字段"),),
    "product_type_definition": (
        (
            "Amazon's product type definitions (auditor fetch --reports product-types)",
            "亚马逊商品类型定义（auditor fetch --reports product-types）",
        ),
    ),
    "attributes": (
        (
            "Listings Items API JSON, a Category Listing Report or an inventory flat file",
            "Listings Items API JSON、类目商品报告或库存文件（flat file）",
        ),
    ),
    **{
        column: (
            (
                "image files named SKU.MAIN.jpg beside the listings",
                "与商品文件放在一起、按 SKU.MAIN.jpg 命名的图片文件",
            ),
        )
        for column in ("main_image_white_background", "main_image_fill", "main_image_file")
    },
    **{
        f"seller_{fact}": (
            (f"seller.{fact} in auditor.yaml", f"auditor.yaml 中 seller: 部分的 {fact}"),
        )
        for fact in ("country", "tax_residence", "ships_to_california", "gs1_prefixes")
    },
}
#: The listings' columns that hold the seller's own facts (model.config.Seller).
SELLER_COLUMNS = tuple(c for c in LISTING_FIELD_SOURCES if c.startswith("seller_"))


def field_sources(column: str, language: str = "en") -> str:
    """Where `column` of the listings can come from, in words (blank: no known source)."""
    zh = language == "zh"
    where = [zh_text if zh else en for en, zh_text in LISTING_FIELD_SOURCES.get(column, ())]
    if column in PRODUCT_COLUMNS:
        where.insert(
            0,
            f"商品登记表（products）的 {column} 列"
            if zh
            else f"the products register column {column}",
        )
    return ("；" if zh else "; ").join(where)
