"""Product type definitions for the seller's product types, fetched, cached and audited by."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from auditor import api
from auditor.errors import AuditorError
from auditor.fetch.batch import fetch_reports
from auditor.fetch.fetched import Fetched
from auditor.fetch.product_types import fetch_product_types, matches
from auditor.fetch.sp_api import Download
from auditor.model.product_types import META_SCHEMA_URI
from tests.fetch.documents import listing_item

SELLER = "A1EXAMPLESELLER"
DE = "A1PA6795UKMFR9"
TODAY = date(2026, 12, 7)

#: A KITCHEN definition as Amazon's schemas are laid out (its `$defs` give the marketplace
#: and language), asking for a manufacturer the stand-in's listings do not give.
KITCHEN = json.dumps(
    {
        "$schema": META_SCHEMA_URI,
        "$id": "https://schemas.amazon.com/selling-partners/definitions/product-types/schema/v1/KITCHEN",
        "$defs": {
            "marketplace_id": {"default": DE, "type": "string"},
            "language_tag": {"default": "de_DE", "type": "string"},
        },
        "type": "object",
        "required": ["item_name", "brand", "manufacturer"],
        "properties": {
            "item_name": {
                "type": "array",
                "maxUniqueItems": 1,
                "selectors": ["marketplace_id", "language_tag"],
                "items": {
                    "type": "object",
                    "properties": {
                        "value": {"type": "string", "maxUtf8ByteLength": 200},
                        "marketplace_id": {"$ref": "#/$defs/marketplace_id"},
                        "language_tag": {"$ref": "#/$defs/language_tag"},
                    },
                },
            },
            "brand": {"type": "array"},
            "manufacturer": {"type": "array"},
        },
    },
    indent=2,
).encode("utf-8")


def fetched(standin, patience, folder: Path, names: list[str], **rest) -> list[Fetched]:
    return fetch_reports(
        standin.access(), SELLER, ["DE"], names, None, None, folder,
        patience=patience, today=TODAY, **rest,
    )  # fmt: skip


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(folder))
    return folder


def test_the_catalogue_s_product_types_are_fetched_and_audit_the_listings(
    sp_api_standin, patience, cache, tmp_path
) -> None:
    sp_api_standin.add_listings(SELLER, DE, [listing_item(1), listing_item(2)])
    sp_api_standin.add_definition("KITCHEN", DE, KITCHEN)
    folder = tmp_path / "fetched"

    records = fetched(sp_api_standin, patience, folder, ["listings-items", "product-types"])

    assert [(r.name, r.report_type, r.status) for r in records] == [
        ("listings-items", "searchListingsItems", "done"),
        ("product-types", "getDefinitionsProductType", "done"),
        ("product-types", "productTypeSchema", "done"),
    ]
    [query] = sp_api_standin.defined
    assert query["marketplaceIds"] == [DE] and query["sellerId"] == [SELLER]
    assert (query["requirements"], query["requirementsEnforced"]) == (["LISTING"], ["ENFORCED"])
    assert (folder / "product-types-KITCHEN-DE.schema.json").read_bytes() == KITCHEN
    answer = json.loads((folder / "product-types-KITCHEN-DE.json").read_text(encoding="utf-8"))
    assert "link" not in answer["schema"] and answer["schema"]["checksum"]  # links expire

    report = api.audit([folder], api.Options(as_of=TODAY, history=None)).report
    found = [f for f in report["findings"] if f["rule_id"] == "LST-024"]
    assert sorted((f["entity"]["sku"], f["detail"], f["outcome"]) for f in found) == [
        ("SKU-001", "manufacturer", "fail"),
        ("SKU-002", "manufacturer", "fail"),
    ]


def test_a_schema_held_for_the_same_version_and_checksum_is_not_downloaded_again(
    sp_api_standin, patience, cache, tmp_path
) -> None:
    sp_api_standin.add_definition("KITCHEN", DE, KITCHEN)
    named = {"product_type_names": ["KITCHEN"]}

    fetched(sp_api_standin, patience, tmp_path / "first", ["product-types"], **named)
    fetched(sp_api_standin, patience, tmp_path / "second", ["product-types"], **named)
    assert sp_api_standin.calls["document"] == 1
    assert (tmp_path / "second" / "product-types-KITCHEN-DE.schema.json").read_bytes() == KITCHEN

    newer = KITCHEN.replace(b'"maxUtf8ByteLength": 200', b'"maxUtf8ByteLength": 150')
    sp_api_standin.add_definition("KITCHEN", DE, newer, version="V2newer")
    fetched(sp_api_standin, patience, tmp_path / "third", ["product-types"], **named)
    assert sp_api_standin.calls["document"] == 2
    assert (tmp_path / "third" / "product-types-KITCHEN-DE.schema.json").read_bytes() == newer


def test_a_product_type_amazon_does_not_know_fails_alone(
    sp_api_standin, patience, cache, tmp_path
) -> None:
    sp_api_standin.add_definition("KITCHEN", DE, KITCHEN)

    records = fetched(
        sp_api_standin, patience, tmp_path, ["product-types"],
        product_type_names=["kitchen", "NO_SUCH_TYPE", "bad name!"],
    )  # fmt: skip

    by_status = sorted((r.status, r.report_type, r.error or "") for r in records)
    assert by_status[0][:2] == ("done", "getDefinitionsProductType")
    failed = [r.error for r in records if r.status == "failed"]
    assert failed == [
        "'BAD NAME!' is no product type name",
        "NO_SUCH_TYPE: getDefinitionsProductType answered HTTP 400: InvalidInput: "
        "Product type NO_SUCH_TYPE is not available in marketplace.",
    ]


def test_nothing_to_fetch_is_said_not_failed(sp_api_standin, patience, cache, tmp_path) -> None:
    [record] = fetched(sp_api_standin, patience, tmp_path, ["product-types"])

    assert record.status == "cancelled"
    assert record.error is not None and "--product-type" in record.error


class _ChangedOnTheWay:
    """An API whose schema download does not match the checksum its answer gives."""

    def get_definitions_product_type(self, product_type, marketplace_id, seller_id, locale):
        checksum = base64.b64encode(hashlib.md5(KITCHEN).digest()).decode()
        link = {"resource": "https://example.invalid/KITCHEN.json", "verb": "GET"}
        return {"schema": {"link": link, "checksum": checksum}, "productType": product_type}

    def download(self, url: str) -> Download:
        return Download(KITCHEN + b" ", "application/json")


def test_a_schema_that_does_not_match_its_checksum_is_refused(tmp_path) -> None:
    records = fetch_product_types(
        _ChangedOnTheWay(), SELLER, "DE", DE, ["KITCHEN"], tmp_path,  # type: ignore[arg-type]
        lambda: datetime(2026, 12, 7, tzinfo=UTC), cache=tmp_path / "cache",
    )  # fmt: skip

    [record] = records
    assert record.status == "failed" and "does not match the checksum" in (record.error or "")
    assert not list(tmp_path.glob("*.json"))


def test_a_checksum_is_an_md5_in_base64_or_hex() -> None:
    digest = hashlib.md5(KITCHEN).digest()

    assert matches(KITCHEN, base64.b64encode(digest).decode())
    assert matches(KITCHEN, digest.hex()) and matches(KITCHEN, digest.hex().upper())
    assert not matches(KITCHEN + b"\n", digest.hex())
    assert not matches(KITCHEN, "not base64!")


def test_a_locale_names_the_definition_s_language_and_its_files(
    sp_api_standin, patience, cache, tmp_path
) -> None:
    sp_api_standin.add_definition("KITCHEN", DE, KITCHEN)

    records = fetched(
        sp_api_standin, patience, tmp_path, ["product-types"],
        product_type_names=["KITCHEN"], locale="zh_CN",
    )  # fmt: skip

    assert sp_api_standin.defined[0]["locale"] == ["zh_CN"]
    assert sorted(r.path.name for r in records if r.path) == [
        "product-types-KITCHEN-DE-zh_CN.json",
        "product-types-KITCHEN-DE-zh_CN.schema.json",
    ]
    with pytest.raises(AuditorError, match="no locale"):
        fetched(
            sp_api_standin, patience, tmp_path, ["product-types"],
            product_type_names=["KITCHEN"], locale="Chinese",
        )  # fmt: skip
