"""Amazon's product type definitions for the seller's product types, into the folder.

For each product type and marketplace: `getDefinitionsProductType` (Product Type
Definitions API v2020-09-01, requirements LISTING, enforced), then the schema its answer
links to, fetched at once: the link is a pre-signed address "valid for seven days"
(Amazon's "Retrieve a Product Type Definition"), so it is never stored for later. The
schema's bytes are checked against the answer's `checksum` (an MD5; Base64 in the model's
words, hex in its example: either is accepted) and written beside the answer; ingest
pairs the two files by that checksum (ingest/definitions.py).

Definitions are cached by product type, marketplace, version and checksum (the user's
cache folder, `platformdirs`; AUDITOR_CACHE_DIR overrides it): a schema already held for
the same version and checksum is not downloaded again, as definitions run to megabytes
and a catalogue's product types change seldom. The answer itself is always asked for,
as it says whether the schema changed.

Which product types: those named (`--product-type`), and those of the seller's listings
in the marketplace, read from the Listings Items document in the folder (fetched in the
same run when `listings-items` is asked for too, as it is by default).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.errors import AuditorError
from auditor.fetch import listings
from auditor.fetch.fetched import Asked, Fetched
from auditor.fetch.patience import CallFailed
from auditor.writing import write_atomically

if TYPE_CHECKING:
    from auditor.fetch.sp_api import SpApi

NAME = "product-types"
OPERATION = "getDefinitionsProductType"
SCHEMA = "productTypeSchema"
#: A product type name as Amazon writes them (LUGGAGE, HEADPHONES, AUTO_ACCESSORY).
PRODUCT_TYPE = re.compile(r"^[A-Z0-9_]{1,64}$")
CACHE_VARIABLE = "AUDITOR_CACHE_DIR"


def cache_folder() -> Path:
    """Where definitions are cached: AUDITOR_CACHE_DIR, else the user's cache folder."""
    given = os.environ.get(CACHE_VARIABLE)
    if given:
        return Path(given) / NAME
    import platformdirs

    return Path(platformdirs.user_cache_dir("auditor")) / NAME


#: The locale Amazon's answer is in unless asked: the marketplace's own language.
DEFAULT_LOCALE = "DEFAULT"
#: Locales as Amazon names them (`de_DE`, `zh_CN`, `en`): the API's enumeration is longer
#: than worth copying, so the shape is checked here and Amazon refuses one it lacks.
LOCALE = re.compile(r"^(DEFAULT|[a-z]{2}(_[A-Z]{2})?)$")


def _stem(product_type: str, marketplace: str, locale: str) -> str:
    tail = "" if locale == DEFAULT_LOCALE else f"-{locale}"
    return f"{NAME}-{product_type}-{marketplace}{tail}"


def answer_name(product_type: str, marketplace: str, locale: str = DEFAULT_LOCALE) -> str:
    return f"{_stem(product_type, marketplace, locale)}.json"


def schema_name(product_type: str, marketplace: str, locale: str = DEFAULT_LOCALE) -> str:
    return f"{_stem(product_type, marketplace, locale)}.schema.json"


def catalogue_types(folder: Path, marketplace: str) -> list[str]:
    """The product types of the seller's listings in the marketplace, from the Listings
    Items document in `folder` (empty when there is none or it cannot be read)."""
    path = folder / listings.file_name(marketplace)
    try:
        items = json.loads(path.read_text(encoding="utf-8")).get("items") or []
    except (OSError, ValueError, AttributeError):
        return []
    found = []
    for item in items if isinstance(items, list) else []:
        summaries = item.get("summaries") if isinstance(item, dict) else None
        for summary in summaries if isinstance(summaries, list) else []:
            kind = summary.get("productType") if isinstance(summary, dict) else None
            if isinstance(kind, str):
                found.append(kind.upper())
    return sorted(set(found))


def fetch_product_types(
    api: SpApi,
    seller_id: str,
    marketplace: str,
    marketplace_id: str,
    named: Iterable[str],
    folder: Path,
    now: Callable[[], datetime],
    cache: Path | None = None,
    locale: str = DEFAULT_LOCALE,
) -> list[Fetched]:
    """The definition of each product type (named, and those of the seller's listings in
    the folder) in one marketplace: two records each, the answer and its schema. `locale`
    is the language of the definition's titles and value names (`zh_CN` gives Chinese
    names; the requirements are the same in every locale)."""
    if not LOCALE.match(locale):
        raise AuditorError(f"{locale!r} is no locale (DEFAULT, en_US, de_DE, zh_CN ...)")
    wanted = sorted(
        {n.strip().upper() for n in named if n.strip()} | set(catalogue_types(folder, marketplace))
    )
    asked = Asked(NAME, OPERATION, marketplace, marketplace_id, now())
    if not wanted:  # nothing to fetch is no failure, but it is said
        return [
            asked.cancelled(
                "no product type named (--product-type) and no listings-items "
                f"document for {marketplace} in the folder"
            )
        ]
    schema_asked = Asked(NAME, SCHEMA, marketplace, marketplace_id, asked.requested_at)
    results: list[Fetched] = []
    for product_type in wanted:
        if not PRODUCT_TYPE.match(product_type):
            results.append(asked.failed(f"{product_type!r} is no product type name"))
            continue
        try:
            answer = api.get_definitions_product_type(
                product_type, marketplace_id, seller_id, locale
            )
            schema = _schema(api, answer, product_type, marketplace, cache or cache_folder())
        except CallFailed as failure:
            results.append(asked.failed(f"{product_type}: {failure.message}"))
            continue
        answer_path = folder / answer_name(product_type, marketplace, locale)
        results.append(asked.done(answer_path, _json_bytes(answer), now()))
        schema_path = folder / schema_name(product_type, marketplace, locale)
        results.append(schema_asked.done(schema_path, schema, now()))
    return results


def _json_bytes(answer: dict[str, Any]) -> bytes:
    """The answer as written: without its links, which are pre-signed and expire in seven
    days (a file that outlives them should not look like a way to the schema)."""
    kept = dict(answer)
    for key in ("schema", "metaSchema"):
        if isinstance(kept.get(key), dict):
            kept[key] = {k: v for k, v in kept[key].items() if k != "link"}
    return json.dumps(kept, ensure_ascii=False, indent=1).encode("utf-8")


def _schema(
    api: SpApi, answer: dict[str, Any], product_type: str, marketplace: str, cache: Path
) -> bytes:
    """The schema the answer links to: from the cache when held for the same version and
    checksum, else downloaded, checked against the checksum, and cached."""
    schema = _dict(answer.get("schema"))
    link = _dict(schema.get("link"))
    url, checksum = link.get("resource"), schema.get("checksum")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise CallFailed(f"{OPERATION} answered without a link to the schema")
    if not isinstance(checksum, str) or not checksum:
        raise CallFailed(f"{OPERATION} answered without the schema's checksum")
    stated = answer.get("productTypeVersion")
    version = (stated.get("version") if isinstance(stated, dict) else None) or "unversioned"
    held = (
        cache
        / _safe(product_type)
        / _safe(marketplace)
        / _safe(str(version))
        / f"{_safe(checksum)}.json"
    )
    try:
        content = held.read_bytes()
        if matches(content, checksum):
            return content
    except OSError:
        pass
    content = api.download(url).content
    if not matches(content, checksum):
        raise CallFailed(
            f"the schema of {product_type} does not match the checksum Amazon gave ({checksum})"
        )
    # A cache that cannot be written costs a download next time, nothing more.
    with contextlib.suppress(AuditorError):
        write_atomically(held, content)
    return content


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def matches(content: bytes, checksum: str) -> bool:
    """Whether `content`'s MD5 is `checksum`, written in Base64 or in hex."""
    digest = hashlib.md5(content, usedforsecurity=False).digest()
    if checksum.strip().lower() == digest.hex():
        return True
    try:
        return base64.b64decode(checksum, validate=True) == digest
    except (binascii.Error, ValueError):
        return False


def _safe(part: str) -> str:
    """A path part made of the name's safe characters (a checksum's `/` and `+` included)."""
    return re.sub(r"[^A-Za-z0-9_.=-]", "_", part)[:120] or "_"
