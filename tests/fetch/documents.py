"""Small report documents in the shapes Amazon publishes, written for these tests.

* PERFORMANCE: GET_V2_SELLER_PERFORMANCE_REPORT, after the JSON schema
  schemas/reports/accountHealthReport-2020-11-18.json (amzn/selling-partner-api-models).
* ALL_LISTINGS_DE (cp1252) and ALL_LISTINGS_JP (Shift_JIS): GET_MERCHANT_LISTINGS_ALL_DATA,
  tab-separated with the columns of the SP-API docs page "Inventory reports attributes".
* ACCOUNT: a Sellers API v1 `Account` (getAccount's payload, as spapi.models.sellers_v1
  has it): businessType, sellingPlan, business (name, registeredBusinessAddress),
  primaryContact, marketplaceParticipationList.
* listing_item: a Listings Items API 2021-08-01 `Item` (listingsItems_2021-08-01.json):
  sku, summaries, attributes with marketplace_id and language_tag, issues, offers.
"""

from __future__ import annotations

import json
from typing import Any

PERFORMANCE = json.dumps(
    {
        "accountStatuses": [{"marketplaceId": "A1PA6795UKMFR9", "status": "NORMAL"}],
        "performanceMetrics": [
            {
                "lateShipmentRate": {
                    "reportingDateRange": {
                        "reportingDateFrom": "2026-10-28T00:00Z",
                        "reportingDateTo": "2026-11-26T23:59Z",
                    },
                    "orderCount": 412,
                    "lateShipmentCount": 6,
                    "status": "GOOD",
                    "rate": 0.0146,
                    "targetValue": 0.04,
                    "targetCondition": "LESS_THAN",
                },
                "marketplaceId": "A1PA6795UKMFR9",
            }
        ],
    },
    indent=2,
).encode("utf-8")

_HEADER = "item-name\titem-description\tlisting-id\tseller-sku\tprice\tquantity\topen-date\tasin1\tfulfillment-channel\tstatus\n"

#: German titles with umlauts and a euro sign: bytes that are cp1252, not UTF-8.
ALL_LISTINGS_DE = (
    _HEADER
    + "Kaffeemühle aus Edelstahl – 200 g\tMahlwerk für Espresso\t1126X0AAA01\tKM-200\t39,90\t14\t12.03.2025 10:01:02 MEZ\tB0STANDIN1\tDEFAULT\tActive\n"
    + "Teedose „Grün“ 500 ml\tLuftdicht, 5 € Pfand\t1126X0AAA02\tTD-500\t12,50\t0\t01.04.2025 09:00:00 MESZ\tB0STANDIN2\tAMAZON_EU\tInactive\n"
).encode("cp1252")

#: Japanese titles: bytes that are Shift_JIS.
ALL_LISTINGS_JP = (
    _HEADER
    + "ステンレス製コーヒーミル\t手挽き\t1126X0JJJ01\tKM-JP-1\t3980\t5\t2025/03/12 10:01:02 JST\tB0STANDIN3\tDEFAULT\tActive\n"
).encode("shift_jis")

SALES_TRAFFIC = json.dumps(
    {
        "reportSpecification": {
            "reportType": "GET_SALES_AND_TRAFFIC_REPORT",
            "reportOptions": {"dateGranularity": "DAY", "asinGranularity": "SKU"},
            "dataStartTime": "2026-10-28",
            "dataEndTime": "2026-11-26",
            "marketplaceIds": ["A1PA6795UKMFR9"],
        },
        "salesAndTrafficByDate": [],
        "salesAndTrafficByAsin": [],
    }
).encode("utf-8")

FATAL_DOCUMENT = json.dumps(
    {
        "errorDetails": "The report could not be generated: the seller is not registered for FBA in this marketplace."
    }
).encode("utf-8")


def listing_item(number: int, marketplace_id: str = "A1PA6795UKMFR9") -> dict[str, Any]:
    """One listing as searchListingsItems returns it with summaries, attributes, issues, offers."""
    sku = f"SKU-{number:03d}"
    return {
        "sku": sku,
        "summaries": [
            {
                "marketplaceId": marketplace_id,
                "asin": f"B0STAND{number:03d}",
                "productType": "KITCHEN",
                "conditionType": "new_new",
                "status": ["BUYABLE", "DISCOVERABLE"],
                "itemName": f"Kaffeemühle Nr. {number}",
                "createdDate": "2025-03-12T10:01:02.000Z",
                "lastUpdatedDate": "2026-11-20T08:00:00.000Z",
            }
        ],
        "attributes": {
            "item_name": [
                {
                    "value": f"Kaffeemühle Nr. {number}",
                    "language_tag": "de_DE",
                    "marketplace_id": marketplace_id,
                }
            ],
            "brand": [{"value": "Standin", "marketplace_id": marketplace_id}],
        },
        "issues": [],
        "offers": [
            {
                "marketplaceId": marketplace_id,
                "offerType": "B2C",
                "price": {"currencyCode": "EUR", "amount": "39.90"},
            }
        ],
    }


ACCOUNT: dict[str, Any] = {
    "marketplaceParticipationList": [
        {
            "marketplace": {
                "id": "ATVPDKIKX0DER",
                "name": "Amazon.com",
                "countryCode": "US",
                "defaultCurrencyCode": "USD",
                "defaultLanguageCode": "en_US",
                "domainName": "www.amazon.com",
            },
            "participation": {"isParticipating": True, "hasSuspendedListings": False},
        }
    ],
    "businessType": "PRIVATE_LIMITED",
    "sellingPlan": "PROFESSIONAL",
    "business": {
        "name": "Example Goods LLC",
        "registeredBusinessAddress": {
            "addressLine1": "410 Terry Ave N",
            "city": "Seattle",
            "stateOrProvinceCode": "WA",
            "postalCode": "98109",
            "countryCode": "US",
        },
    },
    "primaryContact": {"name": "Alex Example"},
}
