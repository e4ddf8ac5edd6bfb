"""`auditor.yaml`: the one configuration file, and its published JSON Schema."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise
from typing import Any

import pycountry
from pydantic import ConfigDict, Field, field_validator

from auditor.model.common import (
    MARKETPLACES,
    SEVERITY_RANK,
    Language,
    Severity,
    Strict,
    normalise_marketplace,
)
from auditor.model.credentials import AdsApiCredentials, SpApiCredentials
from auditor.model.notify import NotifyEntry
from auditor.model.regions import Region, region_of
from auditor.model.rules import SeverityChoice


class RuleOverride(Strict):
    """Change a rule without copying it: its severity, or any of its check's parameters."""

    severity: SeverityChoice | None = None
    check: dict[str, Any] | None = Field(
        None, description="Merged into the rule's check, e.g. {fail: {gt: 0.008}}; re-validated."
    )


#: The replenishment lead time INV-005 assumes when the configuration names none.
DEFAULT_LEAD_TIME_DAYS = 28
#: INV-005 warns while days of supply are below the lead time plus this safety margin.
LEAD_TIME_SAFETY_DAYS = 14


#: Points a rule of each severity can take off its area's score (docs/scoring.md).
DEFAULT_SEVERITY_WEIGHTS: dict[Severity, float] = {
    Severity.critical: 20.0,
    Severity.high: 10.0,
    Severity.medium: 5.0,
    Severity.low: 2.0,
    Severity.info: 0.0,
}


#: A seller id (merchant token), e.g. A1EXAMPLESELLER.
SELLER_ID_PATTERN = r"^[A-Za-z0-9]+$"
_SELLER_ID = re.compile(SELLER_ID_PATTERN)


class Seller(Strict):
    """Facts about the seller's business that no Amazon file carries. Rules read them as
    the listings' `seller_*` columns (CMP-013: a pesticide sold in the US by a seller
    established elsewhere; LST-018: a GTIN from another company's GS1 prefix). Without
    this section those rules are `unknown`, naming the fact to add."""

    country: str = Field(
        description="ISO 3166 code of the country where the business is established, e.g. CN.",
    )
    legal_name: str | None = Field(None, min_length=1, description="The business's legal name.")
    tax_residence: list[str] = Field(
        default_factory=list,
        description="ISO codes of the countries where the business is resident for tax.",
    )
    ships_to_california: bool | None = Field(
        None, description="Whether it sells to buyers in California (California DPR checks)."
    )
    gs1_prefixes: list[str] = Field(
        default_factory=list,
        description="GS1 company prefixes the business licenses (the digits that start its "
        "own GTINs, e.g. 0850012345).",
    )
    # The account's own facts (rules/account.yaml): what Amazon verified when the account
    # opened, and must keep matching (issue 22).
    address: str | None = Field(
        None,
        min_length=1,
        description="The business's registered address, as its business licence states it "
        "(compared with the address Amazon holds: ACC-004, and across stores: ACC-005).",
    )
    inform_certified_on: dt.date | None = Field(
        None,
        description="When the seller last certified its information under the INFORM "
        "Consumers Act (Seller Central asks high-volume sellers once a year; ACC-001).",
    )
    vat: dict[str, str] = Field(
        default_factory=dict,
        description="VAT registration numbers by country, e.g. {DE: DE123456789, UK: "
        "GB123456789}; GB is read as UK (ACC-003: every EU or UK country where FBA holds stock).",
        json_schema_extra={"propertyNames": {"pattern": "^[A-Za-z]{2}$"}},
    )
    bank_account_holder: str | None = Field(
        None,
        min_length=1,
        description="The holder of the bank account Amazon pays out to, as the bank states "
        "it (ACC-004: it must be the business Amazon verified).",
    )
    approved_accounts: list[str] = Field(
        default_factory=list,
        description="Seller ids (merchant tokens) of the other accounts Amazon approved this "
        "business to operate (ACC-005: stores sharing its name, bank or address without it).",
        json_schema_extra={"items": {"pattern": SELLER_ID_PATTERN}},
    )
    fba_countries: list[str] = Field(
        default_factory=list,
        description="Countries where FBA holds the business's stock, for when no inventory "
        "report is among the inputs (the inventory's marketplaces win; ACC-003).",
    )

    @field_validator("country")
    @classmethod
    def _known_country(cls, code: str) -> str:
        return _country(code)

    @field_validator("tax_residence")
    @classmethod
    def _known_countries(cls, codes: list[str]) -> list[str]:
        return [_country(c) for c in codes]

    @field_validator("vat")
    @classmethod
    def _vat_countries(cls, numbers: dict[str, str]) -> dict[str, str]:
        known: dict[str, str] = {}
        for code, number in numbers.items():
            country = vat_country(code)
            if not str(number).strip():
                raise ValueError(f"vat.{code}: the registration number is blank")
            known[country] = str(number).strip()
        return known

    @field_validator("fba_countries")
    @classmethod
    def _fba_countries(cls, codes: list[str]) -> list[str]:
        return list(dict.fromkeys(vat_country(c) for c in codes))

    @field_validator("approved_accounts")
    @classmethod
    def _seller_ids(cls, ids: list[str]) -> list[str]:
        for seller_id in ids:
            if not _SELLER_ID.match(seller_id):
                raise ValueError(
                    f"approved_accounts: {seller_id!r} is not a seller id (merchant token)"
                )
        return ids

    @field_validator("gs1_prefixes")
    @classmethod
    def _digits(cls, prefixes: list[str]) -> list[str]:
        for prefix in prefixes:
            if not (prefix.isdigit() and 6 <= len(prefix) <= 12):
                raise ValueError(f"GS1 company prefix {prefix!r} is not 6 to 12 digits")
        return prefixes


def _country(code: str) -> str:
    code = str(code).strip().upper()
    if pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"{code!r} is not an ISO 3166 country code (e.g. CN, US, DE)")
    return code


def vat_country(code: str) -> str:
    """A country as Amazon's marketplaces and VAT numbers name it: ISO 3166 codes, with
    the United Kingdom as UK (GB is read as UK, as a marketplace code is)."""
    code = str(code).strip().upper()
    return "UK" if code in ("UK", "GB") else _country(code)


#: A store profile's name: also its name in the history and in the fleet.
STORE_NAME_PATTERN = r"^[A-Za-z0-9._-]+$"
_STORE_NAME = re.compile(STORE_NAME_PATTERN)


class Store(Strict):
    """One seller account in one selling region, as `auditor fetch --store NAME` reaches
    it: the account, its marketplaces, and the API applications it authorised. The
    credentials are `${ENV_VAR}` references (auditor/model/credentials.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    seller_id: str = Field(
        pattern=SELLER_ID_PATTERN,
        description="The seller's merchant token (Seller Central: Settings, Account Info, "
        "Merchant Token), e.g. A1EXAMPLESELLER. Not a secret.",
    )
    marketplaces: list[str] = Field(
        min_length=1,
        description="Country codes of the marketplaces to fetch, all in one SP-API region "
        "(North America: US CA MX BR; Europe: UK IE DE FR IT ES NL SE PL BE TR EG SA AE IN "
        "ZA; Far East: JP AU SG): a seller authorises an application per region.",
        json_schema_extra={"items": {"enum": list(MARKETPLACES)}, "uniqueItems": True},
    )
    sp_api: SpApiCredentials = Field(description="The Selling Partner API application.")
    ads_api: AdsApiCredentials | None = Field(
        None,
        description="The Amazon Ads API application, for the search term report (optional).",
    )
    seller: Seller | None = Field(
        None, description="This store's own facts, instead of the top-level `seller:`."
    )

    @field_validator("marketplaces")
    @classmethod
    def _one_region(cls, codes: list[str]) -> list[str]:
        known: list[str] = []
        for code in codes:
            normal = normalise_marketplace(str(code))
            if normal is None:
                raise ValueError(
                    f"unknown marketplace {code!r}: use Amazon country codes such as US, UK, DE, JP"
                )
            if normal not in known:
                known.append(normal)
        regions: dict[Region, list[str]] = {}
        for code in known:
            regions.setdefault(region_of(code), []).append(code)
        if len(regions) > 1:
            mixed = "; ".join(
                f"{region.label}: {', '.join(members)}" for region, members in regions.items()
            )
            raise ValueError(
                f"the marketplaces lie in {len(regions)} SP-API regions ({mixed}); a seller "
                "authorises an application per region, so make one store per region"
            )
        return known

    @property
    def region(self) -> Region:
        """The SP-API region all of the store's marketplaces lie in."""
        return region_of(self.marketplaces[0])


class Config(Strict):
    # A literal secret under `stores:` is refused; no error may print what was written.
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    rule_dirs: list[str] = Field(
        default_factory=list, description="Extra folders of rule packs (*.yaml)."
    )
    bundled_rules: bool = Field(True, description="Load the packs that ship with auditor.")
    overrides: dict[str, RuleOverride] = Field(
        default_factory=dict, description="Keyed by rule id."
    )
    disable: list[str] = Field(default_factory=list, description="Rule ids never evaluated.")
    select: list[str] = Field(
        default_factory=list,
        description="When set, only these rule ids (or id prefixes like LST-) run.",
    )
    default_marketplace: str | None = Field(
        None, description="For inputs that do not name their marketplace (Amazon country code)."
    )
    marketplaces: list[str] = Field(
        default_factory=list, description="Audit only these marketplaces."
    )
    language: Language = Language.en
    fail_on: Severity = Field(
        Severity.high, description="Lowest severity whose failures give exit code 1."
    )
    strict: bool = Field(False, description="warn findings gate the exit code too.")
    fail_on_unknown: Severity | None = Field(
        None,
        description="Lowest severity whose unknown findings gate the exit code like failures "
        "(a pre-launch gate that refuses what it could not check); unset: unknowns never gate.",
    )
    history: str | None = Field(
        None,
        description="SQLite file every audit is recorded in (relative to this file); "
        "`--no-history` turns it off for one run.",
    )
    store: str | None = Field(
        None,
        description="The seller account these audits belong to, in history (default: "
        "default); naming a profile of `stores:` applies that profile's `seller:`.",
        min_length=1,
    )
    seller: Seller | None = Field(
        None, description="The seller's own facts, for the rules that depend on them."
    )
    stores: dict[str, Store] = Field(
        default_factory=dict,
        description="Store profiles for `auditor fetch --store NAME`, keyed by the store's "
        "name (letters, digits, '.', '_', '-'), which is also its name in history.",
        json_schema_extra={"propertyNames": {"pattern": STORE_NAME_PATTERN}},
    )
    notify: list[NotifyEntry] = Field(
        default_factory=list,
        description="Where alerts of new failing findings and expiring documents go: Apprise "
        "URLs, or {url, min_severity, quiet}. Sent by `auditor run`, `auditor fleet` and "
        "`auditor audit --notify`, never by a plain audit.",
    )
    replenishment_lead_time_days: int = Field(
        DEFAULT_LEAD_TIME_DAYS,
        ge=1,
        le=365,
        description="Days from ordering stock to its being available at FBA. INV-005 "
        "(stockout-risk) fails a SKU whose days of supply are below it and warns below it "
        f"plus {LEAD_TIME_SAFETY_DAYS} days; an explicit overrides.INV-005.check wins.",
    )

    severity_weights: dict[Severity, float] = Field(
        default_factory=dict,
        description="Points a rule of each severity can take off its area's score (0-100); "
        "the severities not named keep their defaults (critical 20, high 10, medium 5, low 2, "
        "info 0). A more severe level never weighs less than a less severe one, so a more "
        "severe finding never raises a score.",
        json_schema_extra={"propertyNames": {"enum": [s.value for s in Severity]}},
    )

    @field_validator("severity_weights")
    @classmethod
    def _monotone_weights(cls, weights: dict[Severity, float]) -> dict[Severity, float]:
        for severity, weight in weights.items():
            if not 0 <= weight <= 100:  # NaN fails too
                raise ValueError(f"severity_weights.{severity.value}: {weight} is not in 0-100")
        merged = DEFAULT_SEVERITY_WEIGHTS | weights
        ordered = sorted(merged.items(), key=lambda item: SEVERITY_RANK[item[0]])
        for (lower, low_weight), (higher, high_weight) in pairwise(ordered):
            if high_weight < low_weight:
                raise ValueError(
                    f"severity_weights: {higher.value} ({high_weight:g}) weighs less than "
                    f"{lower.value} ({low_weight:g}); weights must not decrease with severity"
                )
        return weights

    @field_validator("stores")
    @classmethod
    def _store_names(cls, stores: dict[str, Store]) -> dict[str, Store]:
        for name in stores:
            if not _STORE_NAME.match(name):
                raise ValueError(
                    f"store name {name!r}: use letters, digits, '.', '_' and '-' only "
                    "(it is also the store's name in history and in file names)"
                )
        return stores

    def seller_for(self, store: str | None) -> Seller | None:
        """The seller facts that apply to `store`: its profile's `seller:` when it has one,
        else the top-level `seller:` (one business with several stores states it once)."""
        profile = self.stores.get(store) if store is not None else None
        if profile is not None and profile.seller is not None:
            return profile.seller
        return self.seller

    def weights(self) -> dict[Severity, float]:
        """The severity weights in effect: the defaults with the configured ones over them."""
        return DEFAULT_SEVERITY_WEIGHTS | self.severity_weights

    def rule_overrides(self) -> dict[str, RuleOverride]:
        """`overrides`, plus the rule limits that settings imply.

        A setting becomes a rule parameter through the same override machinery a user
        writes by hand (so it is validated the same way); the user's own override of
        that parameter wins. Left at its default, a setting adds nothing.
        """
        result = dict(self.overrides)
        days = self.replenishment_lead_time_days
        if days != DEFAULT_LEAD_TIME_DAYS:
            implied: dict[str, Any] = {
                "fail": {"lt": days},
                "warn": {"lt": days + LEAD_TIME_SAFETY_DAYS},
            }
            explicit = result.get("INV-005") or RuleOverride()
            result["INV-005"] = RuleOverride(
                severity=explicit.severity, check={**implied, **(explicit.check or {})}
            )
        return result
