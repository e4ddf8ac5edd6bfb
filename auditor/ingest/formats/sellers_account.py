"""The account record Amazon holds: the Sellers API's `getAccount` answer, as `amazon_account`.

`GET /sellers/v1/account` (sellers_v1; `auditor fetch --reports account` writes it as
`account.json`) answers `{"payload": Account}`, where an Account has `businessType`
(PRIVATE_LIMITED, SOLE_PROPRIETORSHIP, ... INDIVIDUAL), `sellingPlan`, the marketplaces
(`marketplaceParticipationList`, or `marketplaceLevelAttributes` in the newer model),
`business` (`name`, `registeredBusinessAddress` {addressLine1, addressLine2, city,
stateOrProvinceCode, postalCode, countryCode}, `companyRegistrationNumber`, `nonLatinName`)
and `primaryContact`. Recognised by that shape, with or without the `payload` wrapper.

One row: the legal name, the address as one line, the business type, which the account
pack compares with the seller's own records (ACC-004). Amazon leaves `business` out for
an individual seller; the record is then rejected saying so, since there is no business
name to compare with, rather than read as a blank one.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from auditor.ingest.formats.base import Extracted, json_matches
from auditor.ingest.probe import Probe
from auditor.ingest.result import Rejected

COLUMNS = ("amazon_legal_name", "amazon_address", "amazon_business_type")
#: The parts of an Address, in the order a one-line address gives them.
ADDRESS_PARTS = (
    "addressLine1",
    "addressLine2",
    "city",
    "stateOrProvinceCode",
    "postalCode",
    "countryCode",
)
#: Keys only an Account has (with `businessType`, which Amazon requires in it).
ACCOUNT_KEYS = frozenset(
    {"marketplaceParticipationList", "marketplaceLevelAttributes", "business", "primaryContact"}
)


def account_of(data: Any) -> dict[str, Any] | None:
    """The Account of a getAccount answer (or a bare Account), or None."""
    if isinstance(data, dict) and isinstance(data.get("payload"), dict):
        data = data["payload"]
    if (
        isinstance(data, dict)
        and isinstance(data.get("businessType"), str)
        and ACCOUNT_KEYS & set(data)
    ):
        return data
    return None


def one_line(address: Any) -> str | None:
    """An Address as one line ("88 Keji Road, Shenzhen, GD, 518057, CN"), None when empty."""
    if not isinstance(address, dict):
        return None
    parts = [str(address[k]).strip() for k in ADDRESS_PARTS if address.get(k)]
    return ", ".join(p for p in parts if p) or None


class SellersAccount:
    name = "sellers-account"

    def recognise(self, probe: Probe) -> bool:
        return json_matches(probe, lambda data: account_of(data) is not None)

    def extract(self, probe: Probe) -> list[Extracted]:
        account = account_of(probe.json)
        if account is None:
            raise ValueError("not a Sellers API getAccount answer")
        business = account.get("business")
        if not isinstance(business, dict):
            business = {}
        name = business.get("name")
        rejected: list[Rejected] = []
        rows: list[dict[str, str | None]] = []
        if isinstance(name, str) and name.strip():
            rows.append(
                {
                    "amazon_legal_name": name.strip(),
                    "amazon_address": one_line(business.get("registeredBusinessAddress")),
                    "amazon_business_type": account["businessType"],
                }
            )
        else:
            rejected.append(
                Rejected(
                    1,
                    "amazon_legal_name",
                    f"the account record names no business (businessType "
                    f"{account['businessType']}): Amazon gives no business name to compare with",
                )
            )
        raw = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
        return [
            Extracted.of(
                "amazon_account",
                raw,
                pd.Series(range(1, len(rows) + 1), dtype="int64"),
                format=self.name,
                rejected=rejected,
                provided=frozenset(COLUMNS),
            )
        ]
