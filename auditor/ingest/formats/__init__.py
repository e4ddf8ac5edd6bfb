"""The format readers, most specific first; the canonical formats come last.

Adding a format is one module with a class that has `name`, `recognise(probe)` and
`extract(probe)`, listed here.
"""

from __future__ import annotations

from auditor.ingest.formats.ads_search_terms import AdsApiSearchTermReport
from auditor.ingest.formats.all_listings import AllListingsReport
from auditor.ingest.formats.amazon_templates import CategoryListingReport, InventoryFlatFile
from auditor.ingest.formats.base import Extracted, Format
from auditor.ingest.formats.business_report import BusinessReport
from auditor.ingest.formats.canonical import Canonical
from auditor.ingest.formats.fba_fee_preview import FbaFeePreviewReport
from auditor.ingest.formats.fba_inventory_planning import FbaInventoryPlanningReport
from auditor.ingest.formats.fba_returns import FbaReturnsReport
from auditor.ingest.formats.keepa import KeepaPriceHistory
from auditor.ingest.formats.listings_items import ListingsItemsApi
from auditor.ingest.formats.listings_preview import ListingsItemsPreview
from auditor.ingest.formats.product_type_definitions import (
    ProductTypeDefinitionResponse,
    ProductTypeSchema,
)
from auditor.ingest.formats.sales_traffic_report import SalesTrafficReport
from auditor.ingest.formats.search_terms import SearchTermReport
from auditor.ingest.formats.seller_feedback import SellerFeedbackReport
from auditor.ingest.formats.seller_performance import SellerPerformanceReport
from auditor.ingest.formats.sellers_account import SellersAccount

FORMATS: list[Format] = [
    ProductTypeSchema(),
    ProductTypeDefinitionResponse(),
    CategoryListingReport(),
    InventoryFlatFile(),
    AllListingsReport(),
    ListingsItemsPreview(),
    ListingsItemsApi(),
    SellerPerformanceReport(),
    SellersAccount(),
    SalesTrafficReport(),
    FbaInventoryPlanningReport(),
    FbaFeePreviewReport(),
    AdsApiSearchTermReport(),
    SearchTermReport(),
    BusinessReport(),
    SellerFeedbackReport(),
    FbaReturnsReport(),
    KeepaPriceHistory(),
    Canonical(),
]

__all__ = ["FORMATS", "Extracted", "Format"]
