"""Amazon's listing upload templates: inventory flat files and Category Listing Reports.

Both start with a settings row Amazon writes (`TemplateType=...`, `settings=...
primaryMarketplaceId=amzn1.mp.o.A1PA6795UKMFR9...contentLanguageTag=de_DE...`), which
is where the marketplace comes from: primaryMarketplaceId, else the language tag's
country, else `--marketplace`, else the rows are reported as needing one.

- **Inventory flat file** (category template, TSV or .xlsx/.xlsm): row 1 settings,
  row 2 labels, row 3 field names (`item_sku`, `item_name`, `bullet_point1`, ...);
  listings from row 4.
- **Category Listing Report** (CLR, .xlsx): the template sheet (`Template`, or a
  localized name), row 1 settings, row 2 instructions, row 3 group headers, row 4
  labels, row 5 field ids in Amazon's attribute grammar (`item_name[marketplace_id=
  ATVPDKIKX0DER][language_tag=en_US]#1.value`), row 6 Amazon's example (SKU `ABC123`,
  skipped), listings from row 7. Columns are taken by field id, never by label.

Layouts: the issue's description of both, and the CLR row structure used by the
public CLR checker amazon-catalog-cli 2.1.1 (`catalog/core/parser.py`, ROW_SETTINGS=1
... ROW_DATA_START=7). Rows are numbered as the spreadsheet shows them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from auditor.ingest import attributes, facts
from auditor.ingest.formats.base import Extracted
from auditor.ingest.probe import Probe, guess_separator, read_delimited, text_column
from auditor.ingest.workbooks import reading_order
from auditor.model.common import normalise_marketplace

_SETTING = re.compile(r"(primaryMarketplaceId|contentLanguageTag)=([^&\s]+)")
_FIELD_ID = re.compile(r"^(?P<name>[a-z0-9_]+)(?:\[[^\]]*\])*#(?P<index>\d+)\.(?P<sub>.+)$")
_OTHER_IMAGE = re.compile(r"^other_(?:product_)?image_(?:locator_|url)\d+$")

#: CLR field id (name, sub-field) -> canonical column; bullets keep their index.
CLR_FIELDS = {
    ("contribution_sku", "value"): "sku",
    ("merchant_suggested_asin", "value"): "asin",
    ("product_type", "value"): "product_type",
    ("item_name", "value"): "title",
    ("brand", "value"): "brand",
    ("generic_keyword", "value"): "search_terms",
    ("product_description", "value"): "description",
    ("item_highlights", "value"): "item_highlights",
    ("title_differentiation", "value"): "item_highlights",
    ("main_product_image_locator", "media_location"): "main_image_url",
    ("externally_assigned_product_identifier", "value"): "product_id",
    ("externally_assigned_product_identifier", "type"): "product_id_type",
    ("supplier_declared_has_product_identifier_exemption", "value"): "gtin_exempt",
    ("country_of_origin", "value"): "country_of_origin",
    ("batteries_required", "value"): facts.BATTERIES_REQUIRED,
    ("batteries_included", "value"): facts.BATTERIES_INCLUDED,
    ("battery", "cell_composition#1.value"): "battery_type",
    ("material", "value"): "materials",
    ("material_composition", "value"): f"{facts.MATERIAL_PREFIX}_composition",
    ("fabric_type", "value"): f"{facts.MATERIAL_PREFIX}_fabric",
    ("manufacturer_minimum_age", "value"): facts.MINIMUM_AGE,
    ("manufacturer_minimum_age", "unit"): facts.MINIMUM_AGE_UNIT,
    ("manufacturer_maximum_age", "value"): facts.MAXIMUM_AGE,
    ("manufacturer_maximum_age", "unit"): facts.MAXIMUM_AGE_UNIT,
    ("target_audience_keyword", "value"): "target_audience",
    ("item_type_keyword", "value"): "item_type_keyword",
    ("fulfillment_availability", "fulfillment_channel_code"): "fulfillment_channel",
    ("fulfillment_availability", "quantity"): "quantity",
    ("purchasable_offer", "our_price#1.schedule#1.value_with_tax"): "price",
    ("purchasable_offer", "currency"): "currency",
}

#: Flat-file field name -> canonical column.
FLAT_FILE_FIELDS = {
    "item_sku": "sku",
    "item_name": "title",
    "brand_name": "brand",
    "feed_product_type": "product_type",
    "external_product_id": "product_id",
    "external_product_id_type": "product_id_type",
    "standard_price": "price",
    "currency": "currency",
    "quantity": "quantity",
    "main_image_url": "main_image_url",
    "bullet_point1": "bullet_point1",
    "bullet_point2": "bullet_point2",
    "bullet_point3": "bullet_point3",
    "bullet_point4": "bullet_point4",
    "bullet_point5": "bullet_point5",
    "generic_keywords": "search_terms",
    "product_description": "description",
    "country_of_origin": "country_of_origin",
    "fulfillment_center_id": "fulfillment_channel",
    "item_highlights": "item_highlights",
    # Product facts (auditor.ingest.facts): ages with their unit, batteries, item type.
    "mfg_minimum": facts.MINIMUM_AGE,
    "mfg_minimum_unit_of_measure": facts.MINIMUM_AGE_UNIT,
    "mfg_maximum": facts.MAXIMUM_AGE,
    "mfg_maximum_unit_of_measure": facts.MAXIMUM_AGE_UNIT,
    "batteries_required": facts.BATTERIES_REQUIRED,
    "are_batteries_included": facts.BATTERIES_INCLUDED,
    "battery_cell_composition": "battery_type",
    "item_type_keyword": "item_type_keyword",
    "item_type": "item_type_keyword",
}

#: Flat-file fields that repeat (material_type1, target_audience_keywords1..5), each kept
#: under its own raw name and joined by `facts.listing_facts`.
FLAT_FILE_JOINED = (
    (re.compile(r"^(?:material_type|material_composition|fabric_type)\d*$"), facts.MATERIAL_PREFIX),
    (re.compile(r"^target_audience_keywords?\d*$"), facts.AUDIENCE_PREFIX),
)


def template_language(settings_row: list[str]) -> str | None:
    """The language a template's texts are in (its settings' contentLanguageTag), if named."""
    tag = dict(_SETTING.findall(" ".join(settings_row))).get("contentLanguageTag", "")
    return tag if re.fullmatch(r"[a-z]{2}_[A-Z]{2}", tag) else None


def template_marketplace(settings_row: list[str]) -> str | None:
    """The marketplace a template names in its settings row (primaryMarketplaceId first)."""
    found = dict(_SETTING.findall(" ".join(settings_row)))
    if "primaryMarketplaceId" in found:
        code = normalise_marketplace(found["primaryMarketplaceId"].rsplit(".", 1)[-1])
        if code:
            return code
    tag = found.get("contentLanguageTag", "")
    return normalise_marketplace(tag.split("_")[-1]) if "_" in tag else None


@dataclass
class _Layout:
    """Where a template's parts are: the sheet (None for text), field row and first data row (1-based)."""

    sheet: str | None
    field_row: int
    first_data_row: int


def _finish(
    raw: pd.DataFrame,
    rows: pd.Series,
    fmt: str,
    settings: list[str],
    unmapped: list[str],
    attributes: list[dict[str, Any]],
    marketplace: str | None = None,
) -> Extracted:
    """Common tail: drop empty rows, count images, name the language, keep the attributes.

    `image_count` is the main image plus the other images with a locator, whenever the
    template has an image column at all (a template with only the main image counts 0 or 1).
    `attributes` holds each row's attributes in Amazon's shape (ingest.attributes).
    """
    empty = (raw.fillna("") == "").all(axis=1).to_numpy()
    raw, rows = raw[~empty].reset_index(drop=True), rows[~empty].reset_index(drop=True)
    attributes = [a for a, blank in zip(attributes, empty, strict=True) if not blank]
    language = template_language(settings)
    if language:
        raw["language_tag"] = language
    others = [c for c in raw.columns if c.startswith("_image_")]
    images = [*others, *(["main_image_url"] if "main_image_url" in raw else [])]
    if images:
        count = (raw[images].fillna("").apply(lambda c: c.str.strip()) != "").sum(axis=1)
        raw = raw.drop(columns=others)
        raw["image_count"] = count.astype(str)
    # The marketplace comes from the settings row (or --marketplace), not from a column.
    provided = frozenset(raw.columns) | {"marketplace", "attributes"}
    return Extracted(
        table="listings",
        raw=raw,
        rows=rows,
        format=fmt,
        marketplace=marketplace or template_marketplace(settings),
        provided=provided,
        unmapped=unmapped,
        objects={"attributes": attributes},
    )


class InventoryFlatFile:
    """Amazon's category inventory templates, as TSV or workbook."""

    name = "flat-file"

    def _layout(self, probe: Probe) -> tuple[_Layout, list[list[str]]] | None:
        if probe.is_workbook:
            names = reading_order(probe.sheet_names)
            for name in names:
                head = probe.sheet_rows(name, 4)
                layout = self._find(head, name)
                if layout:
                    return layout, head
            return None
        head = [line.split(guess_separator(line)) for line in probe.first_lines[:4]]
        layout = self._find(head, None)
        return (layout, head) if layout else None

    @staticmethod
    def _find(head: list[list[str]], sheet: str | None) -> _Layout | None:
        if not head or not head[0] or not str(head[0][0]).startswith("TemplateType="):
            return None
        for number, row in enumerate(head[1:], start=2):
            if "item_sku" in [str(c).strip() for c in row]:
                return _Layout(sheet, number, number + 1)
        return None

    def recognise(self, probe: Probe) -> bool:
        try:
            return self._layout(probe) is not None
        except ValueError:
            return False

    def extract(self, probe: Probe) -> list[Extracted]:
        found = self._layout(probe)
        assert found is not None
        layout, head = found
        if layout.sheet is None:
            table = read_delimited(
                probe.text, guess_separator(probe.first_lines[0]), header_line=layout.field_row - 1
            )
            body, rows, fmt = table.raw, table.rows, "flat-file"
            rejected = table.rejected
        else:
            sheet = probe.sheet(layout.sheet)
            body = sheet.iloc[layout.first_data_row - 1 :].reset_index(drop=True)
            body.columns = [str(c).strip() for c in sheet.iloc[layout.field_row - 1]]
            rows = pd.Series(
                np.arange(layout.first_data_row, layout.first_data_row + len(body)), dtype="int64"
            )
            fmt, rejected = "flat-file", []
        _refuse_repeated_fields(list(body.columns))
        columns: dict[str, str] = {}
        for c in body.columns:  # the first column of a canonical name wins (item_type_keyword)
            target = FLAT_FILE_FIELDS.get(c) or next(
                (f"{prefix}_{c}" for pattern, prefix in FLAT_FILE_JOINED if pattern.match(c)), None
            )
            if target and target not in columns.values() and c not in columns:
                columns[c] = target
        images = [c for c in body.columns if _OTHER_IMAGE.match(str(c))]
        raw = body[list(columns)].rename(columns=columns).astype(str)
        for i, column in enumerate(images):
            raw[f"_image_{i}"] = body[column].astype(str)
        unmapped = [c for c in body.columns if c not in columns and c not in images and c]
        # A classic flat file names each age's unit: without one, the age is not guessed.
        raw = facts.listing_facts(raw, default_age_unit=None)
        ids = attributes.flat_file_ids([str(c) for c in body.columns])
        built = [attributes.by_field_id(ids, row) for row in body.itertuples(index=False)]
        result = _finish(raw, rows, fmt, head[0], unmapped, built)
        result.rejected = list(rejected)
        return [result]


def _refuse_repeated_fields(names: list[str]) -> None:
    """A field the reader takes, named twice (`item_sku` in two columns), makes the file
    ambiguous: it is skipped with that reason, as the report readers do, rather than
    read from either column (selected by name, both columns came back as one)."""
    taken = Counter(
        name
        for name in names
        if name in FLAT_FILE_FIELDS
        or _OTHER_IMAGE.match(name)
        or any(pattern.match(name) for pattern, _ in FLAT_FILE_JOINED)
    )
    repeated = sorted(name for name, count in taken.items() if count > 1)
    if repeated:
        raise ValueError(f"ambiguous header: {', '.join(repeated)} appears more than once")


class CategoryListingReport:
    """Amazon's Category Listing Report workbooks (field ids in row 5, listings from row 7)."""

    name = "category-listing-report"
    FIELD_ROW, EXAMPLE_ROW = 5, 6  # listings follow from row 7; row 6 is read in case it is one

    def _sheet(self, probe: Probe) -> tuple[str, list[list[str]]] | None:
        if not probe.is_workbook:
            return None
        for name in reading_order(probe.sheet_names):
            head = probe.sheet_rows(name, self.FIELD_ROW)
            if len(head) == self.FIELD_ROW and any(
                _FIELD_ID.match(c) and c.startswith("contribution_sku") for c in head[-1]
            ):
                return name, head
        return None

    def recognise(self, probe: Probe) -> bool:
        try:
            return self._sheet(probe) is not None
        except ValueError:
            return False

    def extract(self, probe: Probe) -> list[Extracted]:
        found = self._sheet(probe)
        assert found is not None
        name, head = found
        # A CLR has a column per attribute of the product type (well over a hundred), few
        # of them read by a rule: only the mapped columns are taken from the sheet.
        cells = probe.sheet_cells(name)
        ids = [c.strip() for c in head[self.FIELD_ROW - 1]]
        body = cells[self.EXAMPLE_ROW - 1 :]
        taken = [i if attributes.field_path(i) else None for i in ids]
        built = [attributes.by_field_id(taken, row) for row in body]
        rows = pd.Series(np.arange(self.EXAMPLE_ROW, self.EXAMPLE_ROW + len(body)), dtype="int64")
        raw = pd.DataFrame(index=pd.RangeIndex(len(body)))
        unmapped, images = [], 0
        for position, field_id in enumerate(ids):
            match = _FIELD_ID.match(field_id)
            if not match:
                if field_id:
                    unmapped.append(field_id)
                continue
            name_, index, sub = match["name"], int(match["index"]), match["sub"]
            if name_ == "bullet_point" and sub == "value":
                if index <= 5:
                    raw[f"bullet_point{index}"] = _text(body, position, raw.index)
                continue
            if _OTHER_IMAGE.match(name_) and sub == "media_location":
                raw[f"_image_{images}"] = _text(body, position, raw.index)
                images += 1
                continue
            column = CLR_FIELDS.get((name_, sub))
            if column is None:
                unmapped.append(field_id)
                continue
            values = _text(body, position, raw.index)
            if column in raw and index > 1:  # repeated values (materials, keywords) are joined
                joiner = ";" if column in ("materials", "target_audience") else " "
                raw[column] = (raw[column] + joiner + values).str.strip(joiner)
            elif column not in raw:
                raw[column] = values
        # Amazon's own example row (SKU ABC123) is not the seller's listing.
        example = rows == self.EXAMPLE_ROW
        if "sku" in raw:
            example &= raw["sku"].str.strip().eq("ABC123").to_numpy()
        raw, rows = (
            raw[~example.to_numpy()].reset_index(drop=True),
            rows[~example.to_numpy()].reset_index(drop=True),
        )
        built = [a for a, skip in zip(built, example.to_numpy(), strict=True) if not skip]
        marketplace = template_marketplace(head[0]) or _selector_marketplace(ids)
        raw = facts.listing_facts(raw)  # attribute ages are in months unless a unit says so
        return [_finish(raw, rows, self.name, head[0], unmapped, built, marketplace)]


def _text(rows: list[list[Any]], position: int, index: pd.Index) -> pd.Series:
    return pd.Series(text_column(rows, position), index=index, dtype=object)


def _selector_marketplace(ids: list[str]) -> str | None:
    """The marketplace named in field-id selectors (`[marketplace_id=A1PA6795UKMFR9]`), if only one."""
    found = {m for field_id in ids for m in re.findall(r"marketplace_id=([A-Z0-9]+)", field_id)}
    codes = {normalise_marketplace(m) for m in found} - {None}
    return codes.pop() if len(codes) == 1 else None
