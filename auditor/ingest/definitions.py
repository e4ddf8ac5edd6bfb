"""Product type definitions assembled: schemas paired with the API's answers, joined into listings.

A definition's schema file and the `getDefinitionsProductType` response about it are read
apart (ingest.formats.product_type_definitions) and paired here by the schema's checksum,
the one thing both state: the response says which marketplaces, locale, version and
requirements set the schema is. Each listing is then given the definition it is judged by
(`product_type_definition`): the one for its product type and marketplace, else one for
its product type that names no marketplace. Of several, the full listing's requirements
(`LISTING`) come first, as a pre-launch listing is a whole new listing, then the enforced
ones, then the first by key: the choice is deterministic.
"""

from __future__ import annotations

import base64
import binascii

import pandas as pd

from auditor.ingest.result import FileResult

#: Requirements sets, the one a new listing must meet first.
REQUIREMENTS_ORDER = {"LISTING": 0, "LISTING_PRODUCT_ONLY": 1, "LISTING_OFFER_ONLY": 2}


def _same_checksum(stated: object, base64_sum: str) -> bool:
    """Whether the response's checksum is the schema's MD5, in Base64 or in hex."""
    if not isinstance(stated, str) or not stated:
        return False
    if stated == base64_sum:
        return True
    try:
        return base64.b64decode(base64_sum).hex() == stated.lower()
    except (binascii.Error, ValueError):
        return False


def pair(frame: pd.DataFrame, results: list[FileResult]) -> pd.DataFrame:
    """Schema rows completed by the responses that describe them (one row per marketplace a
    response names); a response whose schema is not among the inputs is a warning on its
    file, as the listings of its product type are not judged by it."""
    is_schema = frame["definition"].notna().to_numpy(dtype=bool)
    schemas, responses = frame[is_schema], frame[~is_schema]
    described = ("marketplace", "locale", "version", "requirements", "requirements_enforced")
    rows = []
    used: set[object] = set()
    for _, schema in schemas.iterrows():
        matches = [
            (i, r)
            for i, r in responses.iterrows()
            if _same_checksum(r["checksum"], str(schema["checksum"]))
        ]
        if not matches:
            rows.append(schema)
            continue
        for i, response in matches:
            used.add(i)
            row = schema.copy()
            for column in (*described, "display_name"):
                value = response[column]
                if value is not None and value is not pd.NA:
                    row[column] = value
            rows.append(row)
    by_path = {r.path: r for r in results}
    for i, response in responses.iterrows():
        file = str(response["_file"])
        if i not in used and file in by_path:
            by_path[file].warnings.append(
                f"the schema of {response['product_type']!s} it describes (checksum "
                f"{response['checksum']!s}) is not among the inputs: listings are not judged by it"
            )
    paired = pd.DataFrame(rows, columns=frame.columns).reset_index(drop=True)
    paired["key"] = [
        f"{kind}/{'*' if market is None or market is pd.NA else market}/{checksum}"
        for kind, market, checksum in zip(
            paired["product_type"].tolist(),
            paired["marketplace"].tolist(),
            paired["checksum"].tolist(),
            strict=True,
        )
    ]
    return paired.astype({"key": "string"})


def definition_keys(listings: pd.DataFrame, definitions: pd.DataFrame) -> pd.Series:
    """The key of the definition each listing is judged by (NA where none is for it)."""
    if definitions.empty:
        return pd.Series(pd.NA, index=listings.index, dtype="string")
    ranked = definitions.assign(
        _type=definitions["product_type"].str.upper(),
        _req=definitions["requirements"].map(REQUIREMENTS_ORDER).fillna(len(REQUIREMENTS_ORDER)),
        _enf=(definitions["requirements_enforced"] != "ENFORCED").fillna(True).astype(int),
    ).sort_values(["_req", "_enf", "key"], kind="stable")
    best = ranked.drop_duplicates(["_type", "marketplace"])
    exact = best.dropna(subset=["marketplace"]).set_index(["_type", "marketplace"])["key"]
    anywhere = best[best["marketplace"].isna()].set_index("_type")["key"]
    types = listings["product_type"].astype("string").str.upper()
    keys = pd.MultiIndex.from_arrays([types, listings["marketplace"]])
    found = exact.reindex(keys).set_axis(listings.index)
    fallback = anywhere.reindex(types).set_axis(listings.index)
    return found.fillna(fallback).astype("string")
