"""The Sellers API's getAccount answer (`auditor fetch --reports account`), read as the
account record Amazon holds (`amazon_account`)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA

from auditor.errors import AuditorError
from auditor.ingest.account import AmazonAccount, amazon_account
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult
from auditor.model.tables import CanonicalTable

FILES = DATA / "amazon" / "sellers-account"
COMPANY = FILES / "account-A1LUMENEU.json"


def read(path: Path) -> FileResult:
    return read_file(path, path.name, None)


def table(result: FileResult) -> CanonicalTable:
    [part] = [p for p in result.parts if p.table == "amazon_account"]
    return CanonicalTable("amazon_account", part.frame, frozenset(part.frame.columns))


def test_a_company_gives_its_legal_name_address_and_business_type() -> None:
    result = read(COMPANY)

    assert (result.format, result.rows_read) == ("sellers-account", 1)
    assert amazon_account(table(result)) == AmazonAccount(
        legal_name="Shenzhen Lumen Trading Co., Ltd.",
        address="Room 1201, Building A, 88 Keji Road, Nanshan District, Shenzhen, GD, 518057, CN",
        business_type="PRIVATE_LIMITED",
    )


def test_the_account_without_its_payload_wrapper_is_read_too(tmp_path) -> None:
    bare = tmp_path / "account.json"
    bare.write_text(json.dumps(json.loads(COMPANY.read_text("utf-8"))["payload"]), "utf-8")

    assert read(bare).rows_read == 1


def test_an_individual_seller_has_no_business_name_and_the_record_says_so() -> None:
    result = read(FILES / "account-individual.json")

    assert all(part.frame.empty for part in result.parts)  # nothing to compare with
    [rejected] = result.rejected
    assert "names no business (businessType INDIVIDUAL)" in rejected.reason


def test_two_different_account_records_are_two_accounts_and_refused(tmp_path) -> None:
    other = json.loads(COMPANY.read_text("utf-8"))
    other["payload"]["business"]["name"] = "Shenzhen Glow Home Co., Ltd."
    second = tmp_path / "account.json"
    second.write_text(json.dumps(other), "utf-8")
    frames = [table(read(COMPANY)).frame, table(read(second)).frame]
    both = CanonicalTable("amazon_account", pd.concat(frames), frozenset())

    with pytest.raises(AuditorError, match="2 different Sellers API account records"):
        amazon_account(both)
