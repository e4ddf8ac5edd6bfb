"""Controlled vocabularies of the registers and the account-metrics table.

A value outside these lists is reported with its row number; the lists are
published in the tables' JSON Schemas so that a seller's spreadsheet can be
checked before it reaches us.
"""

from __future__ import annotations

from enum import StrEnum

#: document_type values of the documents register, with what each one is.
DOCUMENT_TYPES: dict[str, str] = {
    "epr_de_packaging": "Germany VerpackG: LUCID registration number (DE + 13 digits)",
    "epr_de_weee": "Germany ElektroG: stiftung ear WEEE registration number (DE + 8 digits)",
    "epr_de_batteries": "Germany battery EPR: stiftung ear battery registration number",
    "epr_fr_packaging": "France AGEC: packaging unique identifier (IDU)",
    "epr_fr_eee": "France AGEC: electrical and electronic equipment IDU",
    "epr_fr_batteries": "France AGEC: batteries IDU",
    "epr_fr_textiles": "France AGEC: textiles and footwear IDU",
    "epr_fr_furniture": "France AGEC: furniture IDU",
    "epr_fr_toys": "France AGEC: toys IDU",
    "epr_fr_paper": "France AGEC: paper IDU",
    "epr_es_packaging": "Spain RD 1055/2022: packaging producer register number (ENV/yyyy/nnnnnnnnn)",
    "epr_nl_batteries": "Netherlands battery EPR registration",
    "epr_pl_batteries": "Poland battery EPR registration",
    "epr_se_batteries": "Sweden battery EPR registration",
    "epr_ie_batteries": "Ireland battery EPR registration",
    "gpsr_responsible_person": "EU GPSR: economic operator (responsible person) in the EU",
    "gpsr_safety_information": "EU GPSR: product safety information and warnings",
    "cpc": "US CPSIA: Children's Product Certificate",
    "gcc": "US CPSC: General Certificate of Conformity",
    "fcc_authorization": "US FCC: equipment authorization (FCC ID or SDoC)",
    "ul_certification": "US: UL safety certification (e.g. UL 2272, UL 2849, UL 2056)",
    "epa_registration": "US EPA/FIFRA: pesticide registration number",
    "epa_establishment": "US EPA: pesticide-producing establishment number",
    "fda_registration": "US FDA: facility registration",
    "un38_3_summary": "UN 38.3 lithium battery test summary",
    "sds": "Safety Data Sheet",
    "eu_declaration_of_conformity": "EU Declaration of Conformity (CE)",
    "ukca_declaration_of_conformity": "UK Declaration of Conformity (UKCA)",
    "prop65_warning": "California Proposition 65 warning text or label",
    "uflpa_supply_chain_map": "US UFLPA: supply chain map down to raw material",
    "uflpa_supplier_declaration": "US UFLPA: supplier declaration on forced labour",
    "uflpa_raw_material_origin": "US UFLPA: raw-material origin records",
    "uflpa_purchase_and_transport": "US UFLPA: purchase orders, invoices and transport records",
    "supplier_invoice": "Supplier invoice (authenticity appeals)",
    "ingredient_list": "Ingredient list (topicals, supplements)",
    "gmp_certificate": "Good Manufacturing Practice certificate",
    "third_party_verification": "Third-party verification or lab test report",
    "brand_authorization": "Letter of authorisation from the brand owner",
    "trademark_registration": "Trademark registration",
}

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
}
