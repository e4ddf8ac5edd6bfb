"""Read every input and assemble the canonical tables the engine audits.

Rows of one table from several files are concatenated; a second row for the same
key (sku and marketplace for listings) is rejected, naming the row it repeats; the
products register is joined into listings by SKU, the listing's own value winning.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from auditor.ingest.canonical import read_file
from auditor.ingest.result import FileResult, Rejected
from auditor.model.tables import PRODUCT_COLUMNS, CanonicalTable

#: Columns that identify a row; a repeat of the same key is rejected.
UNIQUE_KEYS = {"listings": ("sku", "marketplace"), "products": ("sku",)}


def input_files(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """Files to read, with the name shown for each: folders are walked in sorted order."""
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ):
                found.append((file, file.as_posix()))
        else:
            found.append((path, path.as_posix()))
    return found


def read_inputs(
    paths: Iterable[Path], default_marketplace: str | None
) -> tuple[dict[str, CanonicalTable], list[FileResult]]:
    results = []
    for file, display in input_files(paths):
        if not file.exists():
            results.append(FileResult(path=display, skipped="no such file"))
            continue
        results.append(read_file(file, display, default_marketplace))
    return assemble(results), results


def assemble(results: list[FileResult]) -> dict[str, CanonicalTable]:
    by_table: dict[str, list[FileResult]] = {}
    for result in results:
        if result.table and result.frame is not None:
            by_table.setdefault(result.table, []).append(result)
    tables: dict[str, CanonicalTable] = {}
    for name, parts in by_table.items():
        frame = pd.concat([p.frame for p in parts], ignore_index=True)
        if name in UNIQUE_KEYS:
            frame = _reject_repeats(frame, UNIQUE_KEYS[name], {p.path: p for p in parts})
        provided = frozenset().union(*(p.provided for p in parts))
        tables[name] = CanonicalTable(name, frame, provided)
    if "products" in tables and "listings" in tables:
        tables["listings"] = _join_products(tables["listings"], tables["products"])
    tables.pop("products", None)
    return tables


def _reject_repeats(
    frame: pd.DataFrame, key: tuple[str, ...], by_path: dict[str, FileResult]
) -> pd.DataFrame:
    repeated = frame.duplicated(list(key), keep="first")
    if not repeated.any():
        return frame
    firsts = frame[~repeated].set_index(list(key))[["_file", "_row"]]
    for _, row in frame[repeated].iterrows():
        first = firsts.loc[tuple(row[k] for k in key) if len(key) > 1 else row[key[0]]]
        what = " and ".join(f"{k} {row[k]}" for k in key)
        by_path[row["_file"]].rejected.append(
            Rejected(
                int(row["_row"]), key[0], f"repeats {what} of {first['_file']} row {first['_row']}"
            )
        )
        result = by_path[row["_file"]]
        result.frame = result.frame[result.frame["_row"] != row["_row"]]  # type: ignore[index]
    return frame[~repeated].reset_index(drop=True)


def _join_products(listings: CanonicalTable, products: CanonicalTable) -> CanonicalTable:
    register = products.frame.set_index("sku")[list(PRODUCT_COLUMNS)]
    frame = listings.frame.copy()
    joined = register.reindex(frame["sku"]).set_axis(frame.index)
    for column in PRODUCT_COLUMNS:
        frame[column] = frame[column].fillna(joined[column])
    return CanonicalTable("listings", frame, listings.provided | products.provided)
