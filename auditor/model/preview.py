"""The preview document: what `auditor preview` sent Amazon and what Amazon answered.

`auditor preview` (auditor/fetch/preview.py) sends each listing to the Listings Items
API's `putListingsItem` in `VALIDATION_PREVIEW` mode and writes, per marketplace, one
JSON document that the ingest reads back (auditor/ingest/formats/listings_preview.py)
into `listing_issues`, like any download. The writer and the reader share this shape:

```json
{"kind": "auditor-listings-preview", "version": 1,
 "operation": "putListingsItem", "mode": "VALIDATION_PREVIEW",
 "marketplaceId": "ATVPDKIKX0DER", "issueLocale": "en_US",
 "listings": [
   {"sku": "VX-LUG-01", "source": {"file": "Flat.File.Luggage.us.txt", "row": 4},
    "sent": {"productType": "LUGGAGE", "requirements": "LISTING", "attributes": {...}},
    "response": {"sku": "VX-LUG-01", "status": "INVALID", "submissionId": "...",
                 "issues": [{"code": "90220", "message": "...", "severity": "ERROR",
                             "attributeNames": ["manufacturer"], "categories": [...]}]}},
   {"sku": "VX-LUG-09", "source": {...}, "notPreviewed": "why it was not sent or answered"}
 ]}
```

`response` is Amazon's `ListingsItemSubmissionResponse` as it came (listingsItems_2021-08-01:
sku, status ACCEPTED/INVALID/VALID, submissionId, issues, identifiers). A listing the
preview did not send, or that Amazon did not answer, is kept with `notPreviewed` saying
why, so the audit lists it as a rejected row of the document instead of passing over it.
`marketplaceId` is absent for listings that have no marketplace to be previewed in.
"""

from __future__ import annotations

from typing import Literal

#: What the document says it is, so a JSON file of another tool is not taken for one.
PREVIEW_KIND: Literal["auditor-listings-preview"] = "auditor-listings-preview"
PREVIEW_OPERATION = "putListingsItem"
PREVIEW_MODE = "VALIDATION_PREVIEW"
#: The `status` values of Amazon's ListingsItemSubmissionResponse.
SUBMISSION_STATUSES = frozenset({"ACCEPTED", "INVALID", "VALID"})
#: How many listings a preview sends unless told otherwise (`--limit`).
DEFAULT_LIMIT = 100
