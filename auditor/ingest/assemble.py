"""Read every input and assemble the canonical tables the engine audits.

Rows of one table from several files are concatenated. For listings, the same
(sku, marketplace) may come from several formats: they are merged field by field,
the value from the more authoritative format winning (`LISTING_PRECEDENCE`), and
each merged row says which file filled which fields. A second row for the same key
from the same kind of source is rejected, naming the row it repeats. The products
register is joined into listings by SKU, its value winning where it states one, and
the listing's own facts filling the rest (`auditor.ingest.facts`). The seller's image
files named `SKU.MAIN.jpg` ... are joined into listings by SKU, the local main image
winning over what the listing files say of it (`auditor.ingest.images.join`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from auditor.ingest import definitions
from auditor.ingest.attributes import nested
from auditor.ingest.facts import join_products
from auditor.ingest.files import input_files
from auditor.ingest.images.join import join_images, set_aside_ambiguous
from auditor.ingest.manifests import FolderManifests
from auditor.ingest.provenance import Sources
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult, Rejected, TablePart
from auditor.model.manifest import MANIFEST_NAME
from auditor.model.tables import CanonicalTable

#: Columns that identify a row; a repeat of the same key is rejected.
UNIQUE_KEYS = {
    "listings": ("sku", "marketplace"),
    "products": ("sku",),
    "sales_traffic": ("asin", "marketplace"),
    "ad_campaigns": ("campaign", "marketplace"),
}

#: Which source wins when one listing comes from several, most authoritative first:
#: what Amazon's API says is live, then what the seller uploads (flat files,
#: category listing reports), then the seller's own canonical sheet, and last the
#: All Listings report, which carries only a few fields.
LISTING_PRECEDENCE = (
    "listings-items-api",
    "flat-file",
    "category-listing-report",
    "canonical",
    "all-listings-report",
)
CANONICAL_FORMATS = {"csv", "tsv", "json", "xlsx"}


def read_inputs(
    paths: Iterable[Path], default_marketplace: str | None, follow_links: bool = False
) -> tuple[dict[str, CanonicalTable], list[FileResult]]:
    """Every file of `paths` read; links out of a folder only with `follow_links`.

    A folder `auditor fetch` wrote holds its manifest (model/manifest.py): the manifest
    is listed as read, not audited, and each file it lists is read as of the marketplace
    it was fetched for, whatever the default, in the charset Amazon served it in."""
    results = []
    manifests = FolderManifests()
    for file, display, skipped in input_files(paths, follow_links):
        if skipped:
            results.append(FileResult(path=display, skipped=skipped))
            continue
        manifest = manifests.of(file.parent)
        if manifest is not None and file.name == MANIFEST_NAME:
            results.append(FileResult(path=display, format="fetch-manifest"))
            continue
        fetched = manifest.entry_of(file.name) if manifest else None
        marketplace = fetched.marketplace if fetched else None
        charset = fetched.charset if fetched else None
        results.append(read_file(file, display, marketplace or default_marketplace, charset))
    return assemble(results), results


def _kind(part: TablePart) -> str:
    return "canonical" if part.format in CANONICAL_FORMATS else part.format


def _rank(part: TablePart) -> int:
    kind = _kind(part)
    return LISTING_PRECEDENCE.index(kind) if kind in LISTING_PRECEDENCE else len(LISTING_PRECEDENCE)


def assemble(results: list[FileResult]) -> dict[str, CanonicalTable]:
    set_aside_ambiguous(results)
    by_table: dict[str, list[tuple[FileResult, TablePart]]] = {}
    for result in results:
        for part in result.parts:
            by_table.setdefault(part.table, []).append((result, part))
    tables: dict[str, CanonicalTable] = {}
    for name, parts in by_table.items():
        key = UNIQUE_KEYS.get(name)
        sources = Sources()
        groups: dict[int, list[tuple[FileResult, TablePart]]] = {}
        for result, part in parts:
            groups.setdefault(_rank(part) if name == "listings" else 0, []).append((result, part))
        frames = []
        for _, group in sorted(groups.items()):
            frame = pd.concat(
                [p.frame.assign(_src=sources.code(p.provided)) for _, p in group],
                ignore_index=True,
            )
            if key:
                frame = _reject_repeats(frame, key, {r.path: r for r, _ in group}, name)
            frames.append(frame)
        merged = frames[0]
        for lower in frames[1:]:
            merged = _merge(merged, lower, list(key or ()), sources)
        provided = frozenset().union(*(p.provided for _, p in parts))
        tables[name] = CanonicalTable(name, merged, provided, tuple(sources.sets))
    if "ad_search_terms" in tables:
        tables["ad_search_terms"] = _join_campaigns(
            tables["ad_search_terms"], tables.get("ad_campaigns"), tables.get("products")
        )
    if "sales_traffic" in tables and "products" in tables:
        tables["sales_traffic"] = _join_category(tables["sales_traffic"], tables["products"])
    if "returns" in tables and "products" in tables:  # a return rate's band is per category
        tables["returns"] = _join_category(tables["returns"], tables["products"])
    if "ad_search_terms" in tables and "fba_fees" in tables:
        tables["ad_search_terms"] = _fill_break_even(
            tables["ad_search_terms"],
            tables.get("ad_campaigns"),
            tables.get("products"),
            tables["fba_fees"],
        )
    if "fba_fees" in tables:
        tables["fba_fees"] = _fill_other_fees(tables["fba_fees"])
        tables["fba_fees"] = _fill_advertising_cost_share(
            tables["fba_fees"], tables.get("ad_search_terms"), tables.get("sales_traffic")
        )
    tables.pop("ad_campaigns", None)
    if "product_type_definitions" in tables:
        found = tables["product_type_definitions"]
        tables["product_type_definitions"] = found.with_frame(
            definitions.pair(found.frame, results)
        )
    if "listings" in tables:
        tables["listings"] = join_products(tables["listings"], tables.get("products"))
        if "images" in tables:
            tables["listings"] = join_images(tables["listings"], tables["images"])
    if "listings" in tables and "product_type_definitions" in tables:
        listings = tables["listings"]
        keys = definitions.definition_keys(listings.frame, tables["product_type_definitions"].frame)
        frame = listings.frame.assign(product_type_definition=keys)
        judged = (keys.notna() & frame["attributes"].notna()).to_numpy(dtype=bool)
        frame.loc[judged, "attributes"] = pd.Series(
            [nested(a) for a in frame.loc[judged, "attributes"]],
            index=frame.index[judged],
            dtype=object,
        )
        tables["listings"] = _adding(listings, frame, {"product_type_definition"})
    tables.pop("products", None)
    return tables


def _reject_repeats(
    frame: pd.DataFrame, key: tuple[str, ...], by_path: dict[str, FileResult], table: str
) -> pd.DataFrame:
    """`frame` without the rows that repeat an earlier row's key; each repeat is rejected
    naming the row it repeats. Done in one pass, not a lookup and a copy of the file's
    rows per repeat: a register pasted in 50 times over took seconds, and 20,000
    repeats minutes."""
    columns = list(key)
    repeated = frame.duplicated(columns, keep="first")
    if not repeated.any():
        return frame
    where = [*columns, "_file", "_row"]
    repeats = frame.loc[repeated, where].merge(
        frame.loc[~repeated, where], on=columns, how="left", suffixes=("", "_first")
    )
    for values in zip(*(repeats[c].tolist() for c in repeats.columns), strict=True):
        row = dict(zip(repeats.columns, values, strict=True))  # NA as <NA>, as a cell shows it
        what = " and ".join(f"{k} {row[k]}" for k in key)
        by_path[row["_file"]].rejected.append(
            Rejected(
                int(row["_row"]),
                key[0],
                f"repeats {what} of {row['_file_first']} row {row['_row_first']}",
            )
        )
    for path, rows in repeats.groupby("_file", sort=False)["_row"]:
        for part in by_path[str(path)].parts:
            if part.table == table:
                part.frame = part.frame[~part.frame["_row"].isin(rows)]
    return frame[~repeated].reset_index(drop=True)


def _merge(high: pd.DataFrame, low: pd.DataFrame, key: list[str], sources: Sources) -> pd.DataFrame:
    """Fill blanks of `high` from `low` row by key; keep rows only `low` has; record provenance."""
    high_i, low_i = high.set_index(key), low.set_index(key)
    aligned = low_i.reindex(high_i.index)  # the lower source's row for each higher row, or blanks
    merged_src = sources.union(high_i["_src"], aligned["_src"], sources.sets)
    fields = [c for c in high.columns if not c.startswith("_") and c not in key]
    combined = high_i.copy()
    filled = pd.DataFrame(index=high_i.index)
    for column in fields:
        filled[column] = (high_i[column].isna() & aligned[column].notna()).to_numpy()
        combined[column] = high_i[column].fillna(aligned[column].astype(high_i[column].dtype))
    previous = (
        combined["_merged"]
        if "_merged" in combined
        else pd.Series(None, index=combined.index, dtype=object)
    )
    both = high_i.index.intersection(low_i.index)
    notes: dict[Any, list[dict[str, Any]]] = {}
    files, rows = aligned.loc[both, "_file"].tolist(), aligned.loc[both, "_row"].tolist()
    for index, flags, file, row in zip(both, filled.loc[both].to_numpy(), files, rows, strict=True):
        entry = {
            "file": file,
            "row": int(row),
            "fields": [f for f, hit in zip(fields, flags, strict=True) if hit],
        }
        prior = previous.get(index)
        notes[index] = [*(prior if isinstance(prior, list) else []), entry]
    combined["_merged"] = previous
    combined["_src"] = merged_src.to_numpy()
    if notes:
        combined.loc[list(notes), "_merged"] = pd.Series(notes, dtype=object)
    only_low = low_i.loc[low_i.index.difference(high_i.index)]
    return pd.concat([combined, only_low]).reset_index()


def _join_campaigns(
    terms: CanonicalTable, campaigns: CanonicalTable | None, products: CanonicalTable | None
) -> CanonicalTable:
    """Each search term's category from the campaigns register (by campaign and marketplace,
    then by campaign alone for a register row with a blank marketplace); a register row
    that names a SKU instead gives that SKU's category in the products register."""
    if campaigns is None:
        return terms
    register = campaigns.frame.copy()
    if products is not None:
        by_sku = products.frame.set_index("sku")["category"]
        register["category"] = register["category"].fillna(
            register["sku"].map(by_sku).astype("string")
        )
    frame = terms.frame.copy()
    exact = register.dropna(subset=["marketplace"]).set_index(["campaign", "marketplace"])
    anywhere = register[register["marketplace"].isna()].set_index("campaign")["category"]
    keys = pd.MultiIndex.from_arrays([frame["campaign"], frame["marketplace"]])
    found = exact["category"].reindex(keys).set_axis(frame.index)
    found = found.fillna(anywhere.reindex(frame["campaign"]).set_axis(frame.index))
    frame["category"] = frame["category"].fillna(found.astype("string"))
    added = {"category"} if "category" in campaigns.provided else set()
    return _adding(terms, frame, added)


def _campaign_sku(terms: pd.DataFrame, campaigns: pd.DataFrame) -> pd.Series:
    """The SKU the campaigns register names for each search term's campaign (by campaign
    and marketplace, then by campaign alone for a row with a blank marketplace)."""
    register = campaigns.dropna(subset=["sku"])
    exact = register.dropna(subset=["marketplace"]).set_index(["campaign", "marketplace"])["sku"]
    anywhere = register[register["marketplace"].isna()].set_index("campaign")["sku"]
    keys = pd.MultiIndex.from_arrays([terms["campaign"], terms["marketplace"]])
    found = exact[~exact.index.duplicated()].reindex(keys).set_axis(terms.index)
    fallback = anywhere[~anywhere.index.duplicated()].reindex(terms["campaign"])
    return found.fillna(fallback.set_axis(terms.index)).astype("string")


def _fill_break_even(
    terms: CanonicalTable,
    campaigns: CanonicalTable | None,
    products: CanonicalTable | None,
    fees: CanonicalTable,
) -> CanonicalTable:
    """`break_even_acos` of each search term whose campaign advertises a known SKU: what is
    left of the SKU's price after Amazon's fees (its estimated total, else referral plus
    FBA fee) and the seller's unit cost, as a share of the price. Above it an ad-driven sale loses money, so it is the target
    where it is known; blank when the register names no SKU or a figure is missing."""
    if campaigns is None or products is None or "unit_cost" not in products.provided:
        return terms
    frame = terms.frame.copy()
    sku = _campaign_sku(frame, campaigns.frame)
    fee = fees.frame.drop_duplicates(["sku", "marketplace"]).set_index(["sku", "marketplace"])
    keys = pd.MultiIndex.from_arrays([sku, frame["marketplace"]])
    price, referral, fba, total = (
        fee[c].astype("Float64").reindex(keys).set_axis(frame.index)
        for c in ("price", "referral_fee", "fulfillment_fee", "estimated_fee_total")
    )
    fees_per_unit = total.fillna(referral + fba)  # Amazon's total holds closing fees too
    cost = products.frame.drop_duplicates("sku").set_index("sku")["unit_cost"].astype("Float64")
    unit_cost = cost.reindex(sku).set_axis(frame.index)
    margin = (price - fees_per_unit - unit_cost) / price.where(price > 0)
    frame["break_even_acos"] = frame["break_even_acos"].fillna(margin.round(4).astype("Float64"))
    return _adding(terms, frame, {"break_even_acos"})


def _join_category(table: CanonicalTable, products: CanonicalTable) -> CanonicalTable:
    """A table's blank `category` from the products register, by SKU."""
    register = products.frame.set_index("sku")["category"]
    frame = table.frame.copy()
    frame["category"] = frame["category"].fillna(
        register.reindex(frame["sku"]).set_axis(frame.index).astype("string")
    )
    return _adding(table, frame, {"category"} if "category" in products.provided else set())


def _fill_other_fees(fees: CanonicalTable) -> CanonicalTable:
    """`other_fees`: what Amazon's estimated total holds beyond the referral and FBA fees
    (a variable closing fee), so a cost structure counts every fee the preview shows."""
    if "estimated_fee_total" not in fees.provided:
        return fees
    frame = fees.frame.copy()
    rest = (
        frame["estimated_fee_total"].astype("Float64")
        - frame["referral_fee"].astype("Float64")
        - frame["fulfillment_fee"].astype("Float64")
    ).round(2)
    frame["other_fees"] = frame["other_fees"].fillna(rest.where(rest > 0, 0.0))
    return _adding(fees, frame, {"other_fees"})


def _fill_advertising_cost_share(
    fees: CanonicalTable, terms: CanonicalTable | None, sales: CanonicalTable | None
) -> CanonicalTable:
    """`advertising_cost_share` of each fee row: the marketplace's ad spend (search term
    report) / its ordered product sales (business report), where the row has none of its
    own. Blank when either report is absent, or the marketplace has no sales in it."""
    if terms is None or sales is None:
        return fees
    if "spend" not in terms.provided or "ordered_sales" not in sales.provided:
        return fees
    spend = terms.frame.groupby("marketplace")["spend"].sum(min_count=1)
    revenue = sales.frame.groupby("marketplace")["ordered_sales"].sum(min_count=1)
    share = (spend / revenue.where(revenue > 0)).astype("Float64")
    frame = fees.frame.copy()
    filled = frame["marketplace"].map(share).astype("Float64")
    frame["advertising_cost_share"] = frame["advertising_cost_share"].fillna(filled)
    return _adding(fees, frame, {"advertising_cost_share"})


def _adding(table: CanonicalTable, frame: pd.DataFrame, columns: set[str]) -> CanonicalTable:
    """`table` over `frame`, where a join filled `columns` for every row it could."""
    sources = tuple(s | columns for s in table.sources)
    return CanonicalTable(table.name, frame, table.provided | columns, sources, table.joined)
