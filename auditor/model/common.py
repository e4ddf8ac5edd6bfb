"""Vocabulary shared by every layer: severities, outcomes, marketplaces, bilingual text."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Base for every user-facing model: an unknown key is an error, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Severity(StrEnum):
    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"


#: Higher is more severe: for sorting and for `--fail-on`.
SEVERITY_RANK = {
    Severity.info: 0,
    Severity.low: 1,
    Severity.medium: 2,
    Severity.high: 3,
    Severity.critical: 4,
}
#: The same, keyed by the names reports carry ("critical").
SEVERITY_RANK_OF = {severity.value: rank for severity, rank in SEVERITY_RANK.items()}


class Consequence(StrEnum):
    """What Amazon (or a regulator) can do to the seller when a rule fails: the scores
    weigh a finding by it as well as by its severity (docs/scoring.md)."""

    account = "account"  # the account is deactivated or put under review
    legal = "legal"  # the product is removed and the seller is legally exposed
    listing = "listing"  # one listing is suppressed or loses visibility
    advice = "advice"  # best practice: money or traffic left on the table


#: Most serious first: for sorting and display.
CONSEQUENCE_RANK = {
    Consequence.advice: 0,
    Consequence.listing: 1,
    Consequence.legal: 2,
    Consequence.account: 3,
}


class Outcome(StrEnum):
    """What one rule decided about one entity (and detail).

    `unknown` means the entity is there but a value needed to decide is missing:
    a missing attribute is never a silent pass.
    """

    passed = "pass"
    fail = "fail"
    warn = "warn"
    unknown = "unknown"


#: When one entity has several details (five bullets), its evaluation counts as the worst.
OUTCOME_PRIORITY = {Outcome.fail: 3, Outcome.warn: 2, Outcome.unknown: 1, Outcome.passed: 0}
#: The same, keyed by the names reports carry ("fail"), for code that reads report data.
OUTCOME_RANK = {outcome.value: rank for outcome, rank in OUTCOME_PRIORITY.items()}


class Language(StrEnum):
    en = "en"
    zh = "zh"


class Text(Strict):
    """A text in English and Chinese; both are required so no user sees a blank."""

    en: str
    zh: str

    def get(self, lang: Language | str) -> str:
        return self.zh if str(lang) == "zh" else self.en


#: Amazon's marketplaces by the country code Seller Central shows, with their marketplace ids.
MARKETPLACE_IDS: dict[str, str] = {
    "US": "ATVPDKIKX0DER",
    "CA": "A2EUQ1WTGCTBG2",
    "MX": "A1AM78C64UM0Y8",
    "BR": "A2Q3Y263D00KWC",
    "UK": "A1F83G8C2ARO7P",
    "IE": "A28R8C7NBKEWEA",
    "DE": "A1PA6795UKMFR9",
    "FR": "A13V1IB3VIYZZH",
    "IT": "APJ6JRA9NG5V4",
    "ES": "A1RKKUPIHCS9HS",
    "NL": "A1805IZSGTT6HS",
    "SE": "A2NODRKZP88ZB9",
    "PL": "A1C3SOZRARQ6R3",
    "BE": "AMEN7PMS3EDWL",
    "TR": "A33AVAJ2PDY3EV",
    "AE": "A2VIGQ35RCS4UG",
    "SA": "A17E79C6D8DWNP",
    "EG": "ARBP9OOSHTCHU",
    "IN": "A21TJRUUN4KGV",
    "JP": "A1VC38T7YXB528",
    "AU": "A39IBJ37TRP1C6",
    "SG": "A19VAU5U5O7RUS",
    "ZA": "AE08WJ6YKNBMC",
}
MARKETPLACES: tuple[str, ...] = tuple(MARKETPLACE_IDS)
#: The store's web address per country code, as sellers and Amazon's notices name it.
MARKETPLACE_DOMAINS: dict[str, str] = {
    "US": "amazon.com",
    "CA": "amazon.ca",
    "MX": "amazon.com.mx",
    "BR": "amazon.com.br",
    "UK": "amazon.co.uk",
    "IE": "amazon.ie",
    "DE": "amazon.de",
    "FR": "amazon.fr",
    "IT": "amazon.it",
    "ES": "amazon.es",
    "NL": "amazon.nl",
    "SE": "amazon.se",
    "PL": "amazon.pl",
    "BE": "amazon.com.be",
    "TR": "amazon.com.tr",
    "AE": "amazon.ae",
    "SA": "amazon.sa",
    "EG": "amazon.eg",
    "IN": "amazon.in",
    "JP": "amazon.co.jp",
    "AU": "amazon.com.au",
    "SG": "amazon.sg",
    "ZA": "amazon.co.za",
}
#: Each store's domain after `amazon.` (co.uk, com.mx) as its country code: how a
#: store's web address, or a tool such as Keepa, names a marketplace.
MARKETPLACE_OF_DOMAIN: dict[str, str] = {
    domain.removeprefix("amazon."): code for code, domain in MARKETPLACE_DOMAINS.items()
}
#: Spellings people use that mean one of the codes above.
MARKETPLACE_ALIASES = {"GB": "UK"}


def normalise_marketplace(value: str) -> str | None:
    """Return Amazon's country code for `value` (code, alias or marketplace id), or None."""
    code = value.strip().upper()
    code = MARKETPLACE_ALIASES.get(code, code)
    if code in MARKETPLACE_IDS:
        return code
    for country, marketplace_id in MARKETPLACE_IDS.items():
        if marketplace_id == code:
            return country
    return None


#: The version of the JSON report contract (auditor/model/report.py).
SCHEMA_VERSION = "1.1"

#: Entity fields that name an entity to a person, in the order reports show and sort them.
ENTITY_LABEL_FIELDS = (
    "marketplace",
    "sku",
    "asin",
    "order_id",
    "channel",
    "document_type",
    "identifier",
    "category",
)
