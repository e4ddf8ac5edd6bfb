"""The account's own facts (auditor.yaml `seller:`) as the `account` and `vat_registrations`
tables: measured here (due dates, shared names, differences), judged by rules/account.yaml."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml
from conftest import table
from pydantic import ValidationError

from auditor.ingest.account import AmazonAccount, account_tables, same_address, same_name
from auditor.model.config import Config, Seller
from auditor.model.tables import CanonicalTable

#: One business with a European store, and a second store run by a "cousin" company that
#: pays out to the same bank account holder and was never approved.
FLEET = """\
seller:
  country: CN
  legal_name: Shenzhen Lumen Trading Co., Ltd.
  address: Room 1201, Building A, 88 Keji Road, Nanshan, Shenzhen 518057
  bank_account_holder: SHENZHEN LUMEN TRADING CO LTD
  inform_certified_on: 2025-12-20
  vat: {DE: DE312345678, GB: GB123456789}
  fba_countries: [DE, UK, PL]
stores:
  lumen-eu:
    seller_id: A1LUMENEU
    marketplaces: [DE, UK]
    sp_api: {client_id: "${A}", client_secret: "${B}", refresh_token: "${C}"}
  lumen-us:
    seller_id: A1LUMENEU
    marketplaces: [US]
    sp_api: {client_id: "${A}", client_secret: "${B}", refresh_token: "${C}"}
  glow-eu:
    seller_id: A3GLOWEU
    marketplaces: [DE]
    sp_api: {client_id: "${A}", client_secret: "${B}", refresh_token: "${C}"}
    seller:
      country: CN
      legal_name: Shenzhen Glow Home Co., Ltd.
      bank_account_holder: Shenzhen Lumen Trading Co., Ltd.
"""


def config(text: str = FLEET) -> Config:
    return Config.model_validate(yaml.safe_load(text))


def row(tables: dict[str, CanonicalTable]) -> dict[str, object]:
    return tables["account"].frame.iloc[0].to_dict()


def test_the_seller_section_becomes_one_account_row_for_the_store_audited():
    tables = account_tables(config(), "lumen-eu")

    account = row(tables)
    assert (account["store"], account["seller_id"]) == ("lumen-eu", "A1LUMENEU")
    assert account["inform_due_on"] == pd.Timestamp(2026, 12, 20)  # a year after the last one
    # The bank holder is the legal name, in capitals and without commas: no difference.
    assert pd.isna(account["name_differences"])
    assert {"inform_due_on", "name_differences", "related_stores"} <= tables["account"].provided


def test_a_store_sharing_the_bank_account_holder_without_approval_is_named():
    account = row(account_tables(config(), "lumen-eu"))

    # lumen-us is the same account (same seller id) in another region: not another account.
    assert account["related_stores"] == "glow-eu (A3GLOWEU): bank_account_holder"


def test_an_approved_account_is_not_a_related_account_risk():
    approved = FLEET.replace(
        "  fba_countries:", "  approved_accounts: [A3GLOWEU]\n  fba_countries:"
    )

    assert row(account_tables(config(approved), "lumen-eu"))["related_stores"] is None


def test_without_amazons_record_the_bank_holder_is_compared_with_the_legal_name():
    account = row(account_tables(config(), "glow-eu"))

    assert account["name_differences"] == (
        "bank_account_holder 'Shenzhen Lumen Trading Co., Ltd.' ≠ legal_name "
        "'Shenzhen Glow Home Co., Ltd.'"
    )


def test_amazons_record_is_what_the_names_and_address_must_match():
    amazon = AmazonAccount(
        legal_name="Shenzhen Lumen Technology Co., Ltd.",
        address="Room 1201, Building A, 88 Keji Road, Nanshan, Shenzhen 518057",
        business_type="PRIVATE_LIMITED",
    )
    tables = account_tables(config(), "lumen-eu", amazon=amazon)

    account = row(tables)
    assert account["amazon_business_type"] == "PRIVATE_LIMITED"
    differences = str(account["name_differences"])
    assert differences.startswith(
        "legal_name 'Shenzhen Lumen Trading Co., Ltd.' ≠ amazon_legal_name 'Shenzhen Lumen Tech"
    )
    assert "bank_account_holder" in differences and "address" not in differences


def test_vat_registrations_are_one_row_per_eu_or_uk_country_of_fba_stock():
    vat = account_tables(config(), "lumen-eu")["vat_registrations"].frame

    cells = vat[["country", "vat_number", "stock_from"]].astype(object)
    assert cells.where(cells.notna(), None).values.tolist() == [
        ["DE", "DE312345678", "config"],
        ["UK", "GB123456789", "config"],  # GB is read as UK
        ["PL", None, "config"],
    ]


def test_the_inventory_report_decides_the_marketplaces_it_covers_and_the_config_the_rest():
    inventory = table(
        "inventory",
        {"sku": "LM-LAMP-01", "marketplace": "DE", "available": 140},
        {"sku": "LM-LAMP-01", "marketplace": "FR", "available": 0, "inbound": 60},
        {"sku": "LM-LAMP-01", "marketplace": "IT", "available": 0},
        {"sku": "LM-LAMP-01", "marketplace": "US", "available": 300},
    )
    vat = account_tables(config(), "lumen-eu", inventory)["vat_registrations"].frame

    # The US is no VAT country and IT holds nothing; UK and PL, which the report does not
    # cover, hold stock as seller.fba_countries says.
    assert dict(zip(vat["country"], vat["stock_from"], strict=True)) == {
        "DE": "inventory",
        "FR": "inventory",
        "UK": "config",
        "PL": "config",
    }


def test_without_the_seller_section_there_is_no_account_table():
    assert account_tables(config("default_marketplace: US\n"), "default") == {}


def test_facts_left_out_are_not_provided_so_their_rules_say_not_checked():
    tables = account_tables(config("seller: {country: CN}\n"), "default")

    assert tables["account"].provided == {"store", "related_stores"}
    assert "vat_registrations" not in tables  # no stock known anywhere


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("SHENZHEN EXAMPLE CO., LTD", "Shenzhen Example Co Ltd", True),
        ("深圳市示例贸易有限公司（南山）", "深圳市示例贸易有限公司(南山)", True),
        ("Shenzhen Example Trading Co., Ltd.", "Shenzhen Example Technology Co., Ltd.", False),
    ],
)
def test_names_are_compared_without_case_width_or_punctuation(first, second, same):
    assert same_name(first, second) is same


@pytest.mark.parametrize(
    ("facts", "why"),
    [
        ({"vat": {"XX": "1"}}, "'XX' is not an ISO 3166 country code"),
        ({"vat": {"DE": " "}}, "vat.DE: the registration number is blank"),
        ({"approved_accounts": ["A1-BAD"]}, "is not a seller id"),
        ({"inform_certified_on": "last spring"}, "inform_certified_on"),
    ],
)
def test_the_account_facts_are_validated_when_the_config_loads(facts, why):
    with pytest.raises(ValidationError, match=why):
        Seller.model_validate({"country": "CN", **facts})


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (
            "Room 1201, Building A, 88 Keji Road, Nanshan District, Shenzhen 518057",
            "Room 1201, Building A, 88 Keji Road, Nanshan District, Shenzhen, GD, 518057, CN",
            True,  # Amazon's record adds the province and the country
        ),
        (
            "Room 1201, Building A, 88 Keji Road, Shenzhen 518057",
            "Room 1202, Building A, 88 Keji Road, Shenzhen 518057",
            False,  # another room is another address
        ),
    ],
)
def test_addresses_are_the_same_when_one_adds_only_words_to_the_other(first, second, same):
    assert same_address(first, second) is same
