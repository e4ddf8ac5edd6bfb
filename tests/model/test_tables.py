"""The canonical tables' declarations agree with each other and with the rule model."""

from __future__ import annotations

import typing

from auditor.model.common import normalise_marketplace
from auditor.model.labels import ZH_LABELS
from auditor.model.rules import AuditedTable
from auditor.model.tables import AUDITED_TABLES, PRODUCT_COLUMNS, TABLES, ListingRow


def test_rule_model_accepts_exactly_the_audited_tables():
    assert set(typing.get_args(AuditedTable)) == set(AUDITED_TABLES)


def test_entity_key_and_evidence_fields_are_columns_of_their_table():
    for spec in TABLES.values():
        columns = set(spec.columns)
        for group in (
            spec.required_columns,
            spec.key_fields,
            spec.entity_fields,
            spec.evidence_fields,
            tuple(spec.vocabularies),
        ):
            assert set(group) <= columns, (spec.name, group)


def test_listings_carry_every_products_register_column():
    assert set(PRODUCT_COLUMNS) <= set(ListingRow.model_fields)
    assert "sku" not in PRODUCT_COLUMNS


def test_identifiers_are_text_and_rates_are_numbers():
    listing = TABLES["listings"].column_types()
    assert listing["sku"] == listing["asin"] == listing["product_id"] == "text"
    assert listing["price"] == "number" and listing["gtin_exempt"] == "boolean"
    assert TABLES["account_metrics"].column_types()["value"] == "number"
    assert TABLES["documents"].column_types()["expires_on"] == "date"


def test_marketplace_codes_aliases_and_ids():
    assert normalise_marketplace("gb") == "UK"
    assert normalise_marketplace(" de ") == "DE"
    assert normalise_marketplace("ATVPDKIKX0DER") == "US"
    assert normalise_marketplace("Germany") is None


def test_every_input_column_has_one_chinese_label_of_its_own():
    """A Chinese header names one column in every table (model/labels.py), so the reader
    can map it before it knows the table, and it never spells another column's name."""
    columns = {c for spec in TABLES.values() if spec.from_inputs for c in spec.columns}
    assert columns <= set(ZH_LABELS), sorted(columns - set(ZH_LABELS))
    labels = {column: label.strip().lower() for column, label in ZH_LABELS.items()}
    assert len(set(labels.values())) == len(labels)
    # a label is its own column's name (SKU for sku) or no column's name
    assert all(label == column or label not in columns for column, label in labels.items())
    assert TABLES["documents"].headers("zh")[:2] == ["文件类型", "证书编号/注册号"]
    assert TABLES["documents"].headers() == list(TABLES["documents"].columns)
