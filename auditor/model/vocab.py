"""Controlled vocabularies of the registers and the account-metrics table.

A value outside these lists is reported with its row number; the lists are
published in the tables' JSON Schemas so that a seller's spreadsheet can be
checked before it reaches us.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class DocumentType:
    """A document type of the documents register and its published identifier format.

    `pattern` is the one place an identifier format is written (Python regex, matched
    in full against the identifier as written). `pattern_confirmed` is False where
    only third parties describe the format (compliance.md marks it UNCONFIRMED): a
    mismatch then warns instead of failing.
    """

    description: str
    pattern: str | None = None
    pattern_confirmed: bool = True


#: France's ADEME unique identifier (IDU), one per producer and EPR stream. The shape
#: comes from public code (validateIDU), not from ADEME: compliance.md §0, §9.1.
_FR_IDU = r"^FR\d{6}_\d{2}[A-Z0-9]{4}$"

#: document_type values of the documents register: what each one is, and the format
#: of its identifier where compliance.md §0 gives one.
DOCUMENT_TYPES: dict[str, DocumentType] = {
    "epr_de_packaging": DocumentType(
        "Germany VerpackG: LUCID registration number (DE + 13 digits)", r"^DE\d{13}$"
    ),
    "epr_de_weee": DocumentType(
        "Germany ElektroG: stiftung ear WEEE registration number (DE + 8 digits)", r"^DE\d{8}$"
    ),
    "epr_de_batteries": DocumentType(
        "Germany battery EPR: stiftung ear battery registration number (DE + digits; the"
        " digit count is unconfirmed)",
        r"^DE\s?\d{8}$",
        pattern_confirmed=False,
    ),
    "epr_fr_packaging": DocumentType(
        "France AGEC: packaging unique identifier (IDU)", _FR_IDU, pattern_confirmed=False
    ),
    "epr_fr_eee": DocumentType(
        "France AGEC: electrical and electronic equipment IDU", _FR_IDU, pattern_confirmed=False
    ),
    "epr_fr_batteries": DocumentType(
        "France AGEC: batteries IDU", _FR_IDU, pattern_confirmed=False
    ),
    "epr_fr_textiles": DocumentType(
        "France AGEC: textiles and footwear IDU", _FR_IDU, pattern_confirmed=False
    ),
    "epr_fr_furniture": DocumentType(
        "France AGEC: furniture IDU", _FR_IDU, pattern_confirmed=False
    ),
    "epr_fr_toys": DocumentType("France AGEC: toys IDU", _FR_IDU, pattern_confirmed=False),
    "epr_fr_paper": DocumentType("France AGEC: paper IDU", _FR_IDU, pattern_confirmed=False),
    "epr_es_packaging": DocumentType(
        "Spain RD 1055/2022: packaging producer register number (ENV/yyyy/nnnnnnnnn)",
        r"^ENV/\d{4}/\d{9}$",
    ),
    "epr_nl_batteries": DocumentType("Netherlands battery EPR registration"),
    "epr_pl_batteries": DocumentType("Poland battery EPR registration (BDO)"),
    "epr_se_batteries": DocumentType("Sweden battery EPR registration"),
    "epr_ie_batteries": DocumentType("Ireland battery EPR registration"),
    "gpsr_responsible_person": DocumentType(
        "EU GPSR: economic operator (responsible person) in the EU"
    ),
    "gpsr_safety_information": DocumentType("EU GPSR: product safety information and warnings"),
    "cpc": DocumentType("US CPSIA: Children's Product Certificate"),
    "gcc": DocumentType("US CPSC: General Certificate of Conformity"),
    "fcc_authorization": DocumentType(
        "US FCC: equipment authorization, the FCC ID (grantee code + product code)",
        r"^(?!.*--)(?:[A-Z][A-Z2-9]{2}|[2-9][A-Z2-9]{4})[A-Z0-9-]{1,14}$",
    ),
    "fcc_sdoc": DocumentType(
        "US FCC: Supplier's Declaration of Conformity with its US responsible party"
    ),
    "ul_certification": DocumentType(
        "US: UL safety certification (e.g. UL 2272, UL 2849, UL 2056)"
    ),
    "epa_registration": DocumentType(
        "US EPA/FIFRA: pesticide registration number (company-product)",
        r"^\d{1,7}-\d{1,5}(?:-\d{1,7})?$",
    ),
    "epa_establishment": DocumentType(
        "US EPA: pesticide-producing establishment number (company-state/country-sequence)",
        r"^\d{1,7}-[A-Z]{2,3}-\d{1,4}$",
    ),
    "fda_registration": DocumentType("US FDA: facility registration"),
    "un38_3_summary": DocumentType("UN 38.3 lithium battery test summary"),
    "sds": DocumentType("Safety Data Sheet"),
    "eu_declaration_of_conformity": DocumentType("EU Declaration of Conformity (CE)"),
    "ukca_declaration_of_conformity": DocumentType("UK Declaration of Conformity (UKCA)"),
    "prop65_warning": DocumentType("California Proposition 65 warning text or label"),
    "uflpa_supply_chain_map": DocumentType("US UFLPA: supply chain map down to raw material"),
    "uflpa_supplier_declaration": DocumentType("US UFLPA: supplier declaration on forced labour"),
    "uflpa_raw_material_origin": DocumentType("US UFLPA: raw-material origin records"),
    "uflpa_purchase_and_transport": DocumentType(
        "US UFLPA: purchase orders, invoices and transport records"
    ),
    # Japan and the UK
    "jp_pse_notification": DocumentType(
        "Japan PSE (Electrical Appliances and Materials Safety Act): notification of manufacture"
        " or import (電気用品製造/輸入事業届出書) with METI's receipt stamp and its product-type"
        " (型式の区分) table"
    ),
    "jp_pse_conformity": DocumentType(
        "Japan PSE: certificate of conformity inspection (適合性検査証明書) by a registered"
        " inspection body, for specified electrical appliances (diamond PSE mark)"
    ),
    "jp_giteki_certificate": DocumentType(
        "Japan Radio Act: technical conformity or construction design certification (技適),"
        " as the certification number shown beside the giteki mark"
    ),
    "jp_psc_conformity": DocumentType(
        "Japan PSC (Consumer Product Safety Act): notification of a specified product and its"
        " conformity record (for special specified products, the registered body's certificate)"
    ),
    "jp_domestic_administrator": DocumentType(
        "Japan: domestic administrator (国内管理人) an overseas specified importer of PSE/PSC"
        " products appoints and notifies to METI (since 2025-12-25)"
    ),
    "uk_responsible_person": DocumentType(
        "UK: responsible person or importer established in the UK whose name and address the"
        " product carries (cosmetics, toys, electrical equipment)"
    ),
    "supplier_invoice": DocumentType("Supplier invoice (authenticity appeals)"),
    "ingredient_list": DocumentType("Ingredient list (topicals, supplements)"),
    "gmp_certificate": DocumentType("Good Manufacturing Practice certificate"),
    "third_party_verification": DocumentType(
        "Third-party verification or lab test report (e.g. a supplement COA)"
    ),
    "brand_authorization": DocumentType("Letter of authorisation from the brand owner"),
    "trademark_registration": DocumentType("Trademark registration"),
    # GPSR and the other compliance corrections of issue 17 (one block, kept together).
    "gpsr_manufacturer_information": DocumentType(
        "EU GPSR: manufacturer's name, postal and electronic address (art. 19(a))"
    ),
    "gpsr_product_identification": DocumentType(
        "EU GPSR: product identification: type, batch or serial number (art. 19(c))"
    ),
    "epr_es_eee": DocumentType(
        "Spain RD 110/2015: electrical and electronic equipment producer register (RII-AEE)"
    ),
    "epr_es_batteries": DocumentType("Spain battery producer register (RII-PYA)"),
    "epr_fr_sports_leisure": DocumentType(
        "France AGEC: sports and leisure articles IDU", _FR_IDU, pattern_confirmed=False
    ),
    "epr_fr_diy_garden": DocumentType(
        "France AGEC: DIY and garden articles IDU", _FR_IDU, pattern_confirmed=False
    ),
    "ca_dpr_registration": DocumentType("California DPR: state pesticide product registration"),
    # The account's own verification (rules/account.yaml, ACC-002 and ACC-004): what Amazon
    # checked when the account opened and asks for again when it re-verifies.
    "identity_document": DocumentType(
        "Account verification: the passport or national ID of the primary contact person or"
        " a beneficial owner (issuer: the issuing country; expires_on: its expiry)"
    ),
    "business_licence": DocumentType(
        "Account verification: the business licence or company register extract (营业执照),"
        " in the legal name and registered address Amazon holds"
    ),
    # What plan-of-action notices ask for besides the above (auditor.poa.documents).
    "certificate_of_analysis": DocumentType(
        "Certificate of Analysis (COA) of a finished product's batch, from a testing laboratory"
        " (issuer: the laboratory; notes: its ISO/IEC 17025 accreditation)"
    ),
    "product_label_images": DocumentType(
        "Images of the product's label and packaging, every side (plan-of-action evidence)"
    ),
}

#: Each published identifier format as a person reads it, by its pattern (a FR IDU pattern
#: serves eight document types): a seller is told "DE followed by 13 digits", never the
#: regular expression.
FORMAT_WORDS: dict[str, dict[str, str]] = {
    r"^DE\d{13}$": {
        "en": "DE followed by 13 digits, e.g. DE1234567890123",
        "zh": "DE 加 13 位数字，例如 DE1234567890123",
    },
    r"^DE\d{8}$": {
        "en": "DE followed by 8 digits, e.g. DE12345678",
        "zh": "DE 加 8 位数字，例如 DE12345678",
    },
    r"^DE\s?\d{8}$": {
        "en": "DE followed by 8 digits (a space after DE allowed), e.g. DE 12345678",
        "zh": "DE 加 8 位数字（DE 后可有一个空格），例如 DE 12345678",
    },
    _FR_IDU: {
        "en": "FR, 6 digits, an underscore, 2 digits and 4 letters or digits, e.g. FR123456_01ABCD",
        "zh": "FR 加 6 位数字、下划线、2 位数字和 4 位字母或数字，例如 FR123456_01ABCD",
    },
    r"^ENV/\d{4}/\d{9}$": {
        "en": "ENV/, a four-digit year, / and 9 digits, e.g. ENV/2023/000012345",
        "zh": "ENV/ 加四位年份、/ 和 9 位数字，例如 ENV/2023/000012345",
    },
    r"^(?!.*--)(?:[A-Z][A-Z2-9]{2}|[2-9][A-Z2-9]{4})[A-Z0-9-]{1,14}$": {
        "en": "an FCC ID: a 3- or 5-character grantee code, then the product code, e.g. 2ABCD-XYZ123",
        "zh": "FCC ID：3 或 5 位受让人代码加产品代码，例如 2ABCD-XYZ123",
    },
    r"^\d{1,7}-\d{1,5}(?:-\d{1,7})?$": {
        "en": "the company number and the product number joined by a hyphen, e.g. 12345-67",
        "zh": "公司编号与产品编号用连字符连接，例如 12345-67",
    },
    r"^\d{1,7}-[A-Z]{2,3}-\d{1,4}$": {
        "en": "the company number, a state or country code and a sequence number, e.g. 12345-CN-1",
        "zh": "公司编号、州或国家代码与序号，例如 12345-CN-1",
    },
}
if missing_words := {  # pragma: no cover - caught by any test run
    t.pattern for t in DOCUMENT_TYPES.values() if t.pattern and t.pattern not in FORMAT_WORDS
}:
    raise RuntimeError(f"every published format needs its words in FORMAT_WORDS: {missing_words}")


#: Amazon's gated categories and sub-categories, as used in the approvals register.
GATED_CATEGORIES: dict[str, str] = {
    "automotive-powersports": "Automotive & Powersports (parts and accessories)",
    "beauty-topicals": "Topical beauty products",
    "collectible-coins": "Collectible coins",
    "dietary-supplements": "Dietary supplements",
    "entertainment-collectibles": "Entertainment collectibles",
    "fine-art": "Fine art",
    "fine-jewelry": "Fine jewelry",
    "grocery": "Grocery & Gourmet Food",
    "hazmat": "Dangerous goods (hazmat) review",
    "major-appliances": "Major appliances",
    "medical-devices": "Medical devices",
    "music-dvd": "Music & DVD",
    "pesticides": "Pesticides and pesticidal devices",
    "sexual-wellness": "Sexual wellness",
    "sports-collectibles": "Sports collectibles",
    "streaming-media-players": "Streaming media players",
    "toys-holiday": "Toys & Games during the holiday season",
    "video-dvd-blu-ray": "Video, DVD & Blu-ray",
    "watches": "Watches",
    "wine": "Wine",
}


class ApprovalStatus(StrEnum):
    approved = "approved"
    pending = "pending"
    denied = "denied"


class MetricKind(StrEnum):
    rate = "rate"  # a fraction 0..1; "0.9%" is accepted and converted
    count_ = "count"
    score = "score"
    status = "status"  # text, in `value_text`


#: Metrics the account-metrics table can hold, each with its kind.
METRICS: dict[str, MetricKind] = {
    "order_defect_rate": MetricKind.rate,
    "negative_feedback_rate": MetricKind.rate,
    "a_to_z_claim_rate": MetricKind.rate,
    "chargeback_rate": MetricKind.rate,
    "late_shipment_rate": MetricKind.rate,
    "pre_fulfillment_cancel_rate": MetricKind.rate,
    "valid_tracking_rate": MetricKind.rate,
    "on_time_delivery_rate": MetricKind.rate,
    "unit_on_time_delivery_rate": MetricKind.rate,
    "invoice_defect_rate": MetricKind.rate,
    "missing_invoice_rate": MetricKind.rate,
    "late_invoice_rate": MetricKind.rate,
    "contact_response_24h_share": MetricKind.rate,
    "return_dissatisfaction_rate": MetricKind.rate,
    "customer_service_dissatisfaction_rate": MetricKind.rate,
    "account_health_rating": MetricKind.score,
    "account_health_rating_status": MetricKind.status,
    "account_status": MetricKind.status,
    "warning_state": MetricKind.status,
    "ip_complaints": MetricKind.count_,
    "authenticity_complaints": MetricKind.count_,
    "listing_policy_violations": MetricKind.count_,
    "restricted_product_violations": MetricKind.count_,
    "product_safety_complaints": MetricKind.count_,
    "food_safety_issues": MetricKind.count_,
    "product_condition_complaints": MetricKind.count_,
    "review_policy_violations": MetricKind.count_,
    "suspected_ip_violations": MetricKind.count_,
    "other_policy_violations": MetricKind.count_,
    "open_document_requests": MetricKind.count_,
    "policy_warnings": MetricKind.count_,
    # FBA dashboard (Inventory Performance Index, 0-1000), entered by the seller.
    "inventory_performance_index": MetricKind.score,
}

#: Short names sellers use for account metrics (Amazon's own abbreviations), accepted
#: wherever a metric is named on the command line (`auditor trend odr`).
METRIC_ALIASES: dict[str, str] = {
    "odr": "order_defect_rate",
    "nfr": "negative_feedback_rate",
    "azr": "a_to_z_claim_rate",
    "cbr": "chargeback_rate",
    "lsr": "late_shipment_rate",
    "pfcr": "pre_fulfillment_cancel_rate",
    "cancel": "pre_fulfillment_cancel_rate",
    "vtr": "valid_tracking_rate",
    "otdr": "on_time_delivery_rate",
    "rdr": "return_dissatisfaction_rate",
    "ahr": "account_health_rating",
    "ipi": "inventory_performance_index",
}


def metric_name(name: str) -> str:
    """The catalogue's name for `name`: itself, or the metric a short name stands for."""
    key = name.strip().lower()
    return METRIC_ALIASES.get(key, key)


# --- children's products (CPSIA: designed or intended primarily for children 12 or younger) --

#: A listing whose maximum age is at most 12 years (CPSIA, 15 U.S.C. 2052(a)(2)) is a
#: children's product; one whose minimum age is 13 years or more is not.
CHILDREN_MAX_AGE_MONTHS = 144
NOT_CHILDREN_MIN_AGE_MONTHS = 156

#: Amazon product types that are children's products whatever their ages say, written as
#: Amazon writes them in the attribute grammar (TOY_FIGURE) or a classic flat file's
#: feed_product_type (toys); compared without case, `_`, `-` or spaces. From the Product
#: Type Definitions of Amazon's toys and baby categories (see
#: tests/data/amazon/flat-file/SOURCES.md). Left out on purpose: TOYS_AND_GAMES, BOARD_GAME,
#: GAMES, PUZZLES, HOBBIES and MODEL, where Amazon also files games, puzzles and collectibles
#: for adults: their ages or audience decide, or the products register.
CHILDREN_PRODUCT_TYPES: tuple[str, ...] = (
    "BABY_PRODUCT",
    "BABY_PRODUCTS",
    "COLLAPSIBLE_PLAY_STRUCTURE",
    "DOLL",
    "MINIATURE_TOY_BUILDING",
    "MUSICAL_INSTRUMENT_TOY",
    "NON_RIDING_TOY_VEHICLE",
    "PLAY_WORKSTATION",
    "PRETEND_PLAY_TOY",
    "RIDE_ON_TOY",
    "STUFFED_ANIMAL_TOY",
    "TOY_BUILDING_BLOCK",
    "TOY_FIGURE",
    "TOY_FIGURE_PLAYSET",
    "TOY_GUN",
    "TOY_STROLLER",
    "TOY_VEHICLE_SET",
    "TOYS",
)

#: Words of Amazon's target audience (target_audience_keyword, a flat file's
#: target_audience_keywords1..5; free text, "teens, toddlers, cats" in Amazon's own example)
#: that name children: any one of them makes a children's product.
CHILDREN_AUDIENCES: tuple[str, ...] = (
    "baby",
    "babies",
    "boys",
    "child",
    "children",
    "childrens",
    "girls",
    "infant",
    "infants",
    "kid",
    "kids",
    "newborn",
    "newborns",
    "preschoolers",
    "toddler",
    "toddlers",
    "tweens",
    "unisex-baby",
    "unisex-children",
)

#: Audience words that name people older than 12: an audience of only these (and no
#: children's word) says the product is not a children's product.
NOT_CHILDREN_AUDIENCES: tuple[str, ...] = (
    "adult",
    "adults",
    "men",
    "seniors",
    "teenagers",
    "teens",
    "unisex-adult",
    "women",
)

#: The image variant codes an audit reads from an image file's name (`SKU.MAIN.jpg`):
#: the main image, the eight other images Amazon shows beside it ("one main product image
#: and up to eight alternate image views", Amazon's image standards) and the swatch.
#: Amazon's bulk upload knows more codes (PT09 to PT99, BACK, PS01...: help 8HQAHPDXA9ANPH4);
#: a file named with one of those is listed as skipped, naming its code.
IMAGE_SLOTS: tuple[str, ...] = ("MAIN", *(f"PT{n:02d}" for n in range(1, 9)), "SWCH")
#: The slots that count as images of the listing (`image_count`): all but the swatch,
#: which Amazon shows as a colour sample beside a variation, not as a product image.
COUNTED_IMAGE_SLOTS: tuple[str, ...] = tuple(s for s in IMAGE_SLOTS if s != "SWCH")
