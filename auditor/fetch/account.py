"""The account record Amazon holds, through the Sellers API v1 (`getAccount`).

`GET /sellers/v1/account` answers, for the seller who authorised the application, the
business type, the selling plan, the business's legal name and registered address, the
primary contact and the marketplaces. It is the account as Amazon verified it, so the
account pack compares the seller's own records with it (ACC-004), not only with each
other. The answer is written as it came, as `account.json`, and read by the Sellers
account reader (auditor/ingest/formats/sellers_account.py).

The record is the account's, not a marketplace's: it is fetched once per store, and
its manifest entry names the first of the store's marketplaces (the region's endpoint
answered it).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.fetch.fetched import Asked, Fetched
from auditor.fetch.patience import CallFailed

if TYPE_CHECKING:  # the SDK behind SpApi is loaded only when a fetch runs
    from auditor.fetch.sp_api import SpApi

NAME = "account"
OPERATION = "getAccount"
FILE_NAME = "account.json"


def fetch_account(
    api: SpApi, marketplace: str, marketplace_id: str, folder: Path, now: Callable[[], datetime]
) -> Fetched:
    """getAccount, its answer written as Amazon sent it into `folder`/account.json."""
    asked = Asked(NAME, OPERATION, marketplace, marketplace_id, now())
    try:
        answer = api.get_account()
        if not isinstance(answer.get("payload"), dict):
            raise CallFailed(f"{OPERATION} answered without an account (no payload)")
    except CallFailed as failure:
        return asked.failed(failure.message)
    content = json.dumps(answer, ensure_ascii=False, indent=1).encode("utf-8")
    return asked.done(folder / FILE_NAME, content, now())
