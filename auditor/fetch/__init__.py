"""Fetch a seller's reports from Amazon through the Selling Partner API (issue 20).

`fetch_reports` (batch.py) is the entry point; `SpApiAccess` (access.py) what it needs;
`Fetched` (fetched.py) what it returns. The SDK is behind one adapter (sp_api.py), loaded
only when a fetch runs, so the rest of the tool works without the `amazon` extra.
"""

from auditor.fetch.access import REGION_ENDPOINTS, TOKEN_ENDPOINT, SpApiAccess
from auditor.fetch.batch import NAMES, fetch_reports
from auditor.fetch.fetched import Fetched
from auditor.fetch.patience import Patience

__all__ = [
    "NAMES",
    "REGION_ENDPOINTS",
    "TOKEN_ENDPOINT",
    "Fetched",
    "Patience",
    "SpApiAccess",
    "fetch_reports",
]
