"""The seller's own facts (auditor.yaml `seller:`) on every listing, or clearly absent."""

from __future__ import annotations

import pytest
from conftest import make_rule, run, table
from pydantic import ValidationError

from auditor.ingest.seller import with_seller_facts
from auditor.model.config import Config, Seller
from auditor.model.tables import CanonicalTable

#: A rule that needs the seller's country: anything sold in the US by a non-US business.
NON_US_SELLER = make_rule(
    {"kind": "required", "fields": "sku"},
    when={"all": [{"field": "marketplace", "eq": "US"}, {"field": "seller_country", "ne": "US"}]},
)
#: As read from a flat file: its own columns, none of the seller's facts.
CATALOGUE = CanonicalTable(
    "listings",
    table("listings", {"sku": "SZ-PEST-01", "title": "Mosquito Repellent Bracelet"}).frame,
    frozenset({"sku", "title", "marketplace"}),
)


def test_the_seller_section_puts_its_facts_on_every_listing():
    seller = Seller(country="cn", tax_residence=["CN", "hk"], gs1_prefixes=["0850012345"])
    listings = with_seller_facts(CATALOGUE, seller)

    row = listings.frame.iloc[0]
    assert (row["seller_country"], row["seller_tax_residence"]) == ("CN", "CN;HK")
    assert row["seller_gs1_prefixes"] == "0850012345"
    assert {"seller_country", "seller_gs1_prefixes"} <= listings.provided
    assert run(NON_US_SELLER, listings).counts["pass"] == 1  # decided: in scope, and passes


def test_without_the_section_a_rule_that_needs_it_is_unknown_naming_where_it_comes_from():
    result = run(NON_US_SELLER, with_seller_facts(CATALOGUE, None))

    [finding] = result.findings
    assert finding["outcome"] == "unknown"
    assert finding["message"] == (
        "Cannot decide: no input has seller_country (it comes from seller.country in auditor.yaml)."
    )


def test_seller_facts_are_checked_when_the_config_loads():
    with pytest.raises(ValidationError, match="not an ISO 3166 country code"):
        Config.model_validate({"seller": {"country": "China"}})
    with pytest.raises(ValidationError, match="not 6 to 12 digits"):
        Config.model_validate({"seller": {"country": "CN", "gs1_prefixes": ["08500A"]}})
    assert Config.model_validate({"seller": {"country": "US"}}).seller == Seller(country="US")
