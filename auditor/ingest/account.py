"""The account's own facts as audited tables: `account` and `vat_registrations`.

Rules judge rows, so the `seller:` facts about the business itself (its legal name,
address, bank account holder, INFORM certification, VAT numbers) become one `account`
row for the store audited, beside the account record Amazon holds where it was fetched,
and one `vat_registrations` row per EU or UK country where FBA holds the store's stock.
What is measured here is fact, never verdict: the next certification's due date, which
other stores share a name, bank account holder or address without being approved,
which names differ from Amazon's. The rules decide what each means (rules/account.yaml).

Without a `seller:` section there are no rows, and the account rules are not applicable,
naming the table; a fact the section leaves out is a column no input provided, so the
rule reading it notes it as not checked rather than passing it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from auditor.errors import AuditorError
from auditor.ingest.records import table_from_records
from auditor.model.config import Config, Seller
from auditor.model.tables import CanonicalTable

#: Where a VAT registration is what FBA stock needs: the EU member states and the UK
#: (Amazon's VAT Services and its marketplace rules cover these; other marketplaces'
#: taxes are not VAT registrations the seller keeps per country of stock).
VAT_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
        "UK",
    ]
)


@dataclass(frozen=True)
class AmazonAccount:
    """The account record Amazon holds (the Sellers API's account information)."""

    legal_name: str | None = None
    address: str | None = None
    business_type: str | None = None


def account_tables(
    config: Config,
    store: str,
    inventory: CanonicalTable | None = None,
    amazon: AmazonAccount | None = None,
) -> dict[str, CanonicalTable]:
    """The `account` and `vat_registrations` tables of `store` (none without seller facts)."""
    seller = config.seller_for(store)
    if seller is None:
        return {}
    profile = config.stores.get(store)
    seller_id = profile.seller_id if profile is not None else None
    stock = fba_countries(seller, inventory)
    row: dict[str, object] = {
        "store": store,
        "seller_id": seller_id,
        "legal_name": seller.legal_name,
        "address": seller.address,
        "bank_account_holder": seller.bank_account_holder,
        "inform_certified_on": seller.inform_certified_on,
        "inform_due_on": _a_year_after(seller.inform_certified_on),
        "approved_accounts": ";".join(seller.approved_accounts) or None,
        "fba_countries": ";".join(stock) or None,
        "related_stores": related_stores(config, store, seller_id, seller),
    }
    provided = {"store", "related_stores"}
    provided |= {c for c in ("seller_id", "legal_name", "address", "bank_account_holder") if row[c]}
    if seller.inform_certified_on is not None:
        provided |= {"inform_certified_on", "inform_due_on"}
    if seller.approved_accounts:
        provided.add("approved_accounts")
    if stock:
        provided.add("fba_countries")
    if amazon is not None:
        row |= {
            "amazon_legal_name": amazon.legal_name,
            "amazon_address": amazon.address,
            "amazon_business_type": amazon.business_type,
        }
        provided |= {f"amazon_{c}" for c in ("legal_name", "address", "business_type")}
    differences = name_differences(seller, amazon)
    if differences is not None:
        row["name_differences"] = "; ".join(differences) or None
        provided.add("name_differences")
    tables = {"account": _table("account", [row], provided)}
    vat_rows: list[dict[str, object]] = [
        {"store": store, "country": c, "vat_number": seller.vat.get(c), "stock_from": source}
        for c, source in stock.items()
        if c in VAT_COUNTRIES
    ]
    if vat_rows:
        tables["vat_registrations"] = _table(
            "vat_registrations", vat_rows, {"store", "country", "vat_number", "stock_from"}
        )
    return tables


def account_context(config: Config, store: str) -> dict[str, str | None]:
    """What the `account` table takes from the config besides the store's own `seller:`
    facts: the store's name and seller id, and the other stores it shares facts with
    (ACC-005). A run's identity includes it, so a change to another store's facts is a
    new run."""
    seller = config.seller_for(store)
    if seller is None:
        return {}
    profile = config.stores.get(store)
    seller_id = profile.seller_id if profile is not None else None
    return {
        "store": store,
        "seller_id": seller_id,
        "related_stores": related_stores(config, store, seller_id, seller),
    }


def amazon_account(table: CanonicalTable | None) -> AmazonAccount | None:
    """The account record Amazon holds, from the `amazon_account` rows read (the Sellers
    API's getAccount); None when no input holds one. Two different records among the
    inputs are two accounts: which one the store's facts must match is unclear."""
    if table is None or table.frame.empty:
        return None
    columns = ["amazon_legal_name", "amazon_address", "amazon_business_type"]
    records = table.frame[columns].astype(object).drop_duplicates()
    if len(records) > 1:
        files = ", ".join(sorted(set(table.frame["_file"].astype(str))))
        raise AuditorError(
            f"the inputs hold {len(records)} different Sellers API account records ({files}): "
            "audit one store's files at a time"
        )
    [(name, address, kind)] = records.itertuples(index=False, name=None)
    return AmazonAccount(*(None if pd.isna(v) else str(v) for v in (name, address, kind)))


def fba_countries(seller: Seller, inventory: CanonicalTable | None) -> dict[str, str]:
    """Where FBA holds the store's stock, each country with where that comes from.

    The inventory report decides the marketplaces it covers (it is what Amazon says):
    those with units available, reserved or inbound hold stock (`inventory`), the others
    hold none. The seller's own `fba_countries` add the countries no inventory report
    among the inputs covers (`config`), so a US-only report does not hide the stock
    declared in Germany."""
    found: dict[str, str] = {}
    covered: set[str] = set()
    if inventory is not None and not inventory.frame.empty:
        frame = inventory.frame
        units = frame[["available", "reserved", "inbound"]].fillna(0).sum(axis=1)
        covered = set(frame["marketplace"].dropna())
        found = dict.fromkeys(
            sorted(set(frame.loc[units > 0, "marketplace"].dropna())), "inventory"
        )
    for country in seller.fba_countries:
        if country not in covered:
            found.setdefault(country, "config")
    return found


def related_stores(config: Config, store: str, seller_id: str | None, seller: Seller) -> str | None:
    """The other stores of the config that share this one's legal name, bank account holder
    or address, and whose seller id is not among its approved accounts: each as
    `name (seller id): what it shares`, ';'-separated; None when there is none.

    A store with the same seller id is the same account in another region, not another
    account. Names are compared as `same_name` reads them, addresses as `same_address`."""
    found = []
    for name, profile in config.stores.items():
        other = config.seller_for(name)
        if name == store or other is None or profile.seller_id == seller_id:
            continue
        if profile.seller_id in seller.approved_accounts:
            continue
        shared = [
            fact
            for fact in ("legal_name", "bank_account_holder", "address")
            if (same_address if fact == "address" else same_name)(
                getattr(seller, fact), getattr(other, fact)
            )
        ]
        if shared:
            found.append(f"{name} ({profile.seller_id}): {', '.join(shared)}")
    return "; ".join(found) or None


def name_differences(seller: Seller, amazon: AmazonAccount | None) -> list[str] | None:
    """Each name or address on record that differs from the one it must match: Amazon's
    legal name and address when its record was fetched, else the seller's own legal name
    (the bank account holder against it). None when nothing could be compared."""
    reference = amazon.legal_name if amazon is not None and amazon.legal_name else None
    pairs: list[tuple[str, str | None, str | None]] = []
    if reference is not None:
        pairs.append(("legal_name", seller.legal_name, reference))
        pairs.append(("bank_account_holder", seller.bank_account_holder, reference))
        if amazon is not None and amazon.address:
            pairs.append(("address", seller.address, amazon.address))
    else:
        pairs.append(("bank_account_holder", seller.bank_account_holder, seller.legal_name))
    compared = [(fact, ours, theirs) for fact, ours, theirs in pairs if ours and theirs]
    if not compared:
        return None
    # Column names and values only, so the finding reads the same in every language.
    return [
        f"{fact} {ours!r} ≠ {_against(fact, reference is not None)} {theirs!r}"
        for fact, ours, theirs in compared
        if not (same_address if fact == "address" else same_name)(ours, theirs)
    ]


def _against(fact: str, amazon: bool) -> str:
    if not amazon:
        return "legal_name"
    return "amazon_address" if fact == "address" else "amazon_legal_name"


_NOT_WORD = re.compile(r"[\W_]+")


def same_name(first: str | None, second: str | None) -> bool:
    """Whether two names (or addresses) are the same once case, width, punctuation and
    spacing are set aside: "SHENZHEN EXAMPLE CO., LTD" is "Shenzhen Example Co Ltd", and
    a full-width "（" is a "(". Anything else (Trading for Technology) is a difference."""
    if not first or not second:
        return False
    return _key(first) == _key(second)


_WORD = re.compile(r"\w+")


def same_address(first: str | None, second: str | None) -> bool:
    """Whether two addresses are the same place as written: every word of the one with
    fewer words is in the other (Amazon's record adds a province code, "GD", and the
    country that a licence's address leaves out), case, width and punctuation aside.
    A different house number, road or city is a difference."""
    if not first or not second:
        return False
    words = [
        set(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))
        for text in (first, second)
    ]
    fewer, more = sorted(words, key=len)
    return bool(fewer) and fewer <= more


def _key(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def _a_year_after(day: dt.date | None) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _table(name: str, rows: list[dict[str, object]], provided: set[str]) -> CanonicalTable:
    """The canonical table of `rows`, coerced as any input is, with `_file` naming
    auditor.yaml as where the rows come from; only the facts stated count as provided."""
    table, rejected = table_from_records(name, rows, source="auditor.yaml")
    if rejected:  # the config's own schema keeps every fact valid
        raise AuditorError(f"auditor.yaml: {name}: {[r.reason for r in rejected]}")
    return CanonicalTable(name, table.frame, frozenset(provided))
