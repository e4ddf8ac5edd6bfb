"""Damaged and hostile seller files through every reader: read, or skipped with a reason.

Each case takes a real-format file (a seed: the demo store, its images included, the
pre-launch stores, some of Amazon's formats under tests/data/amazon, and workbooks built
here), damages it the
way files get damaged or made hostile, and reads it as `auditor audit` does. Damage,
one to three steps of:

* bytes flipped, the file cut short, a run of bytes lost or repeated, lines repeated,
  lost or swapped, line ends changed, the text re-encoded (UTF-16, GBK, cp1252);
* hostile bytes or text put in, anywhere or as a cell: NUL, a lone `\\r`, a BOM
  mid-file, a line of 200,000 characters, 60,000 spaces, invalid UTF-8, GBK bytes,
  quotes and delimiters, `=cmd|' /C calc'!A0`, 1e400, inf, NaN, -0,
  9223372036854775808, a 5,000-digit number, impossible dates;
* header cells swapped, repeated, dropped, emptied or replaced;
* in JSON: a value replaced (by one of the above, a list, an object, nesting 100,000
  deep), a key dropped or renamed, an item repeated;
* in a workbook: its sheet XML and shared strings edited inside the zip (a cell's
  text or number, its type, its reference, the declared dimension, the sheet's name,
  a row repeated or lost, a member cut short or removed), or its raw bytes.

What must hold for every case (`problems`):

* reading never raises, and takes under DEADLINE seconds;
* the file is read (each row audited, or rejected with its row number and reason) or
  skipped with a reason, and that reason never quotes the file: the text CANARY,
  which the damage puts in cells, headers, keys and sheet names, never appears in it
  (docs/security.md, "Skip reasons never quote file content");
* no file is skipped by the readers' catch-all (`READER_FAILED`): a reader that fails
  in a way nobody foresaw is a bug to fix, even though the audit goes on.

Some cases, lightly damaged, also go through a whole audit together (`api.audit`, then
every report format), to catch what breaks downstream of the readers.

By default a fixed set of cases runs, the same on every run, in a few seconds. To
search further:

    AUDITOR_FUZZ_SECONDS=600 pytest tests/ingest/test_fuzz.py  # 10 minutes, new cases
    AUDITOR_FUZZ_EXAMPLES=50 pytest tests/ingest/test_fuzz.py  # cases per seed (default 1)
    AUDITOR_FUZZ_SEED=7 pytest tests/ingest/test_fuzz.py       # another fixed set of cases

A failure names its case (e.g. `0:products.csv:1`): `AUDITOR_FUZZ_REPLAY=0:products.csv:1`
runs that case alone. A case that hangs for good is ended by `faulthandler`, which
prints where it hung (HANG_SECONDS). For long runs, `AUDITOR_FUZZ_LOG=fuzz.log` names
each case in that file before it is read, and takes the hang's traceback: a crash that
ends the process (an abort inside a parser) leaves the case it was on.
"""

from __future__ import annotations

import faulthandler
import io
import json
import os
import random
import re
import secrets
import sys
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any, TextIO

import openpyxl
import pytest
from conftest import AS_OF, DATA, REPO

from auditor import api
from auditor.ingest.assemble import read_inputs
from auditor.ingest.formats import FORMATS
from auditor.ingest.images.names import image_name
from auditor.ingest.images.reader import IMAGE_FORMAT
from auditor.ingest.probe import Probe
from auditor.ingest.read import READER_FAILED, recognise
from auditor.ingest.result import FileResult
from auditor.model.manifest import MANIFEST_NAME
from auditor.outputs.render import FORMATS as REPORT_FORMATS
from auditor.outputs.render import render

DEMO = REPO / "examples" / "demo-store"

#: Seconds one damaged file may take to read (the slowest seed reads in about 0.15 s).
DEADLINE = 5.0
#: Seconds after which a case is taken to hang for good: the run ends with a traceback.
HANG_SECONDS = 120

#: Text the damage puts in cells, headers, keys and sheet names, which no skip reason
#: may repeat. Lower case and one word: it survives header normalisation as itself.
CANARY = "zqcanary"

#: Amazon-format files beside the demo store's, chosen for their encodings and layouts.
AMAZON = [
    "all-listings/uk-all-listings-cp1252.txt",
    "all-listings/B2B-All-Listings-47.txt",
    "fba-inventory-planning/inventory-planning-2022-cp1252.txt",
    "fba-fee-preview/fee-preview-DE-29.txt",
    "business-report/GeschaeftsBericht-DE-de.csv",
    "search-term-report/sp-search-term-report-DE.csv",
    "search-term-report/Sponsored Products Search term report.xlsx",
    "ads-api-search-term/sp-search-terms-US-ads-api.json",
    "listings-items/getListingsItem-VX-HDP-03.json",
    "listings-items-preview/preview-US.json",
    "seller-performance/schema-example-spellings.json",
    "sales-traffic/sales-traffic-UK.json",
    "product-type-definitions/LUGGAGE.json",
    "product-type-definitions/LUGGAGE.US.definition.json",
]


# --- seeds -----------------------------------------------------------------------------


@cache
def seeds() -> dict[str, bytes]:
    """Every seed's bytes by its name (the file name a damaged copy is saved under)."""
    files = [
        # The demo's fetch manifests are read by the folder, not by a reader.
        *sorted(
            p
            for p in DEMO.rglob("*")
            if p.is_file() and p.suffix != ".md" and p.name != MANIFEST_NAME
        ),
        *sorted(p for p in (DATA / "stores").glob("prelaunch-us*/*") if p.suffix != ".md"),
        DATA / "ingest" / "locale" / "products-gbk.csv",
        *(DATA / "amazon" / name for name in AMAZON),
    ]
    found: dict[str, bytes] = {}
    for path in files:
        data = path.read_bytes()
        if data in found.values():  # the two pre-launch stores share their flat file
            continue
        name = path.name if path.name not in found else f"{path.parent.name}-{path.name}"
        found[name] = data
    found["Category Listing Report.xlsx"] = category_listing_report()
    found["Flat.File.Home.us.xlsm"] = workbook(
        {"Template": [line.split("\t") for line in _flat_file_lines()]}
    )
    found["listings register.xlsx"] = workbook(
        {
            "Notes": [["Listings we keep by hand; the register is on the next sheet."]],
            "Listings": [
                ["sku", "marketplace", "title", "brand", "price", "quantity", "open_date"],
                ["0001-BT", "US", "Voltix Speaker", "Voltix", 39.99, 12, "2026-05-01"],
                ["0002-BT", "US", "Voltix Speaker Mini", "Voltix", 19.5, 0, "2026-06-15"],
            ],
        }
    )
    return found


def _flat_file_lines() -> list[str]:
    text = (DATA / "stores" / "prelaunch-us" / "Flat.File.Home.us.txt").read_bytes()
    return text.decode("utf-8").splitlines()


def category_listing_report() -> bytes:
    """A Category Listing Report as Amazon lays it out (field ids on row 5, listings from 7)."""
    us = "ATVPDKIKX0DER"
    fields = {
        "contribution_sku#1.value": ["VX-SPK-01", "VX-SPK-02"],
        "product_type#1.value": ["SPEAKERS", "SPEAKERS"],
        f"item_name[marketplace_id={us}][language_tag=en_US]#1.value": [
            "Voltix Portable Bluetooth Speaker, 20W, Black",
            "Voltix Speaker Mini!!! Best $19 deal",
        ],
        f"brand[marketplace_id={us}][language_tag=en_US]#1.value": ["Voltix", "Voltix"],
        "externally_assigned_product_identifier#1.type": ["upc", "ean"],
        "externally_assigned_product_identifier#1.value": ["036000291452", "4006381333931"],
        f"bullet_point[marketplace_id={us}][language_tag=en_US]#1.value": [
            "LOUD AND CLEAR: 20 W stereo sound",
            "",
        ],
        f"main_product_image_locator[marketplace_id={us}]#1.media_location": [
            "https://m.media-amazon.com/images/I/1.jpg",
            "",
        ],
        "fulfillment_availability#1.fulfillment_channel_code": ["AMAZON_NA", "DEFAULT"],
        "fulfillment_availability#1.quantity": [12, 0],
        f"purchasable_offer[marketplace_id={us}][audience=ALL]#1.our_price#1.schedule#1.value_with_tax": [
            39.99,
            "19,99",
        ],
        "manufacturer_minimum_age#1.value": [36, ""],
    }
    settings = f"settings=contentLanguageTag=en_US&primaryMarketplaceId=amzn1.mp.o.{us}"
    rows: list[list[Any]] = [
        [settings],
        ["Fill in each row; required fields are marked."],
        ["Listing Identity", "", "", "", "", "", "Product Details"],
        [f.split("#")[0].split("[")[0].replace("_", " ").title() for f in fields],
        list(fields),
        ["ABC123", "LUGGAGE", "Example item name", "Example brand"],
        *(list(row) for row in zip(*fields.values(), strict=True)),
    ]
    return workbook({"Template": rows, "Data Definitions": [["Field", "Definition"]]})


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    """An .xlsx saved by openpyxl, its timestamps fixed so that the bytes are the same on every run."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    saved = io.BytesIO()
    book.save(saved)
    members = _members(saved.getvalue())
    members["docProps/core.xml"] = re.sub(
        rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-11-27T00:00:00Z", members["docProps/core.xml"]
    )
    return _zip(members)


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    """The members deflated, as Excel writes them, with a fixed date."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, (2026, 11, 27, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return out.getvalue()


# --- damage ----------------------------------------------------------------------------

#: Numbers no reader should trust nor choke on (JSON literals, or a cell's text).
NUMBERS = [
    "1e400",
    "-1e400",
    "1E+999",
    "1e-400",
    "inf",
    "-Infinity",
    "NaN",
    "-0",
    "-0.0",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "1" * 5000,
    "0x1F",
    "1_000",
    "１２３",
    "٣٫١٤",
    "12,34,56.78.9",
    "$-1,234.56",
    "1.234,56 €",
    "99.9%%",
]

#: Text put in cells, keys and names (some with NUL, BOM or line breaks).
TEXTS = [
    CANARY,
    f"{CANARY} {CANARY}",
    "",
    " ",
    '"',
    f'"{CANARY}',
    "'",
    "\t",
    ",",
    ";",
    "\n",
    "\r",
    "\r\n",
    "\x00",
    "\ufeff",
    f"\ufeff{CANARY}",
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "@SUM(A1)",
    "-2+3",
    "${jndi:ldap://example.invalid/a}",
    "<script>alert(1)</script>",
    "{{7*7}}",
    "%s%n%x",
    "\u202e",
    "A" * 70_000,
    CANARY * 25_000,
    "1" + " " * 60_000 + "x",  # a run of spaces a pattern might split many ways
    "$" + "\u00a0" * 60_000 + "-",
    "(" * 30_000,
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "31/12/99999",
    "2026/13/45 25:61:61 PDT",
    "商品名称",
    "NULL",
    "N/A",
    "--",
    "true",
    "B0" + "X" * 8,
    "amzn1.mp.o.ATVPDKIKX0DER",
    "A1PA6795UKMFR9",
    *NUMBERS,
]

#: Bytes put in as they are: invalid UTF-8, other encodings, BOMs, control bytes.
BYTES = [
    b"\x00",
    b"\r",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xc3\x28",
    b"\x80\x81\xfe",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    "商品名称，价格".encode("gbk"),
    "Größe".encode("cp1252"),
    "テンプレート".encode("shift_jis"),
    b"\x1a",
    b"\x1b[31m",
    b"PK\x03\x04",
]


#: One step of damage: the new bytes and what it did, or None where it does not fit (a
#: JSON edit of a CSV).
Damage = Callable[[bytes, random.Random], tuple[bytes, str] | None]


def _position(data: bytes, rng: random.Random) -> int:
    return rng.randrange(len(data) + 1)


def _text(rng: random.Random) -> bytes:
    if rng.random() < 0.25:
        return rng.choice(BYTES)
    return rng.choice(TEXTS).encode("utf-8")


def flip_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    if not data:
        return None
    damaged = bytearray(data)
    count = rng.choice([1, 2, 4, 16])
    for _ in range(count):
        damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
    return bytes(damaged), f"{count} bits flipped"


def cut_short(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    end = rng.randrange(len(data)) if data else 0
    return data[:end], f"cut at byte {end}"


def drop_or_repeat_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    start = _position(data, rng)
    end = min(len(data), start + rng.choice([1, 7, 100, 4000]))
    if rng.random() < 0.5:
        return data[:start] + data[end:], f"bytes {start}-{end} lost"
    return data[:end] + data[start:end] * rng.choice([1, 50]) + data[end:], (
        f"bytes {start}-{end} repeated"
    )


def put_in(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    at, text = _position(data, rng), _text(rng)
    return data[:at] + text + data[at:], f"{_said(text)} put in at byte {at}"


def _said(text: bytes) -> str:
    return repr(text[:40]) + (f"... ({len(text)} bytes)" if len(text) > 40 else "")


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def lines_changed(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    lines = _lines(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    change = rng.choice(["repeat", "lose", "swap", "blank", "long", "crlf", "cr", "reverse"])
    if change == "repeat":
        lines.insert(a, lines[a])
    elif change == "lose":
        del lines[a]
    elif change == "swap":
        lines[a], lines[b] = lines[b], lines[a]
    elif change == "blank":
        lines.insert(a, rng.choice([b"", b"\r", b"\t\t\t", b",,,,", b" "]))
    elif change == "long":
        lines.insert(a, b"\t".join([b"x" * 200_000, b"y"]))
    elif change == "crlf":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"), "line ends as CRLF"
    elif change == "cr":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r"), "line ends as CR"
    else:
        lines.reverse()
    return b"\n".join(lines), f"line {a + 1}: {change}"


def reencoded(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    encoding = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "gbk", "cp1252", "utf-8-sig"])
    prefix = b"\xef\xbb\xbf" if rng.random() < 0.2 else b""
    return prefix + text.encode(encoding, errors="replace"), f"re-encoded as {encoding}"


def _separator(line: bytes) -> bytes:
    return b"\t" if line.count(b"\t") > line.count(b",") else b","


def cell_replaced(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    lines = _lines(data)
    number = 0 if rng.random() < 0.3 else rng.randrange(len(lines))
    sep = _separator(lines[number])
    cells = lines[number].split(sep)
    at, text = rng.randrange(len(cells)), _text(rng)
    cells[at] = text
    lines[number] = sep.join(cells)
    return b"\n".join(lines), f"line {number + 1}, cell {at + 1}: {_said(text)}"


def header_changed(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    """A header row's cells swapped, repeated, dropped, emptied or renamed (line 1, or
    the field-name line of a flat file)."""
    lines = _lines(data)
    number = rng.choice([0, 0, 1, 2]) if len(lines) > 3 else 0
    sep = _separator(lines[number])
    cells = lines[number].split(sep)
    a, b = rng.randrange(len(cells)), rng.randrange(len(cells))
    change = rng.choice(["swap", "repeat", "drop", "empty", "rename", "shuffle"])
    if change == "swap":
        cells[a], cells[b] = cells[b], cells[a]
    elif change == "repeat":
        cells.insert(b, cells[a])
    elif change == "drop":
        del cells[a]
    elif change == "empty":
        cells[a] = b""
    elif change == "rename":
        cells[a] = CANARY.encode()
    else:
        rng.shuffle(cells)
    lines[number] = sep.join(cells)
    return b"\n".join(lines), f"header on line {number + 1}: {change} cell {a + 1}"


# JSON: a value somewhere in the document replaced, or a key or an item changed.

#: Raw JSON text for a value json.dumps cannot write (1e400, nesting 100,000 deep).
_RAW = "@@raw:{}@@"


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


JSON_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    [],
    {},
    [CANARY],
    {CANARY: CANARY},
    *TEXTS[: -len(NUMBERS)],
    *(_RAW.format(n) for n in NUMBERS[:13]),
    _RAW.format(_deep(50)),
    _RAW.format(_deep(990)),
    _RAW.format(_deep(100_000)),
    _RAW.format('{"a":' * 3000 + "1" + "}" * 3000),
]


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nodes(item, (*path, index))


def json_changed(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    try:
        document = json.loads(data.decode("utf-8-sig"))
        paths = [p for p in _nodes(document) if p]
    except (ValueError, RecursionError):  # not JSON (any more), or nested too deep to edit
        return None
    if not paths:
        return None
    path = rng.choice(paths)
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    change = rng.choice(["value", "value", "value", "drop", "rename", "repeat"])
    if change == "drop":
        del parent[last]
    elif change == "rename" and isinstance(parent, dict):
        parent[rng.choice([CANARY, "", "\x00", "sku", "marketplaceId", "items"])] = parent.pop(last)
    elif change == "repeat" and isinstance(parent, list):
        parent.insert(last, parent[last])
    else:
        change = "value"
        parent[last] = rng.choice(JSON_VALUES)
    try:
        text = json.dumps(document, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 2]))
    except RecursionError:  # an earlier step nested it deeper than json.dumps goes
        return None
    text = re.sub(r'"@@raw:(.*?)@@"', lambda m: json.loads(f'"{m[1]}"'), text)
    where = ".".join(str(p) for p in path)
    return text.encode("utf-8"), f"JSON {where}: {change}"


# Workbooks: a member of the zip edited, then zipped again.

#: Cell references, ranges and types a sheet's XML should not hold.
REFERENCES = ["A0", "A", "1", "", "ZZ9", "B2:A1", "-1", CANARY]
#: References beyond the workbook limits, put only in a sheet that declares no
#: <dimension>, so that the check measures the sheet by its cells. A declared dimension
#: is trusted (docs/security.md, "Known limits of the check"): with A1:Z4 declared, a
#: cell at XFD1048576 makes calamine abort the process, and one at XFE1 gives a grid of
#: 16,385 columns that takes 9 s to read.
FAR_REFERENCES = [
    "A2000001",
    "CZZ1",
    "XFE1",
    "ZZZZ1",
    "ZZ999999",
    "XFD1048576",
    "A1234567890",
    "A" + "9" * 5000,
]
CELL_TYPES = ["s", "n", "b", "e", "str", "inlineStr", "d", CANARY]


def _escaped(text: str) -> bytes:
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufeff]", "", text)  # not allowed in XML 1.0
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


def _edit_xml(content: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    """One edit of a member's XML: a value, a type, a reference, a row, a name."""
    edits: list[tuple[str, bytes, Callable[[re.Match[bytes]], bytes]]] = [
        ("text", rb"(<t[^>]*>)([^<]*)(</t>)", lambda m: m[1] + _escaped(_pick(rng)) + m[3]),
        ("value", rb"(<v>)([^<]*)(</v>)", lambda m: m[1] + _escaped(_pick(rng)) + m[3]),
        ("type", rb'( t=")([^"]*)(")', lambda m: m[1] + rng.choice(CELL_TYPES).encode() + m[3]),
        (
            "reference",
            rb'(<c r=")([^"]*)(")',
            lambda m: m[1] + rng.choice(REFERENCES).encode() + m[3],
        ),
        (
            "far reference",
            rb'(<c r=")([^"]*)(")',
            lambda m: m[1] + rng.choice(FAR_REFERENCES).encode() + m[3],
        ),
        (
            "dimension",
            rb'(<dimension ref=")([^"]*)(")',
            lambda m: m[1] + rng.choice(REFERENCES).encode() + m[3],
        ),
        (
            "row number",
            rb'(<row r=")([^"]*)(")',
            lambda m: m[1] + rng.choice(["0", "1", "3", "999999", ""]).encode() + m[3],
        ),
        (
            "sheet name",
            rb'(<sheet name=")([^"]*)(")',
            lambda m: m[1] + _escaped(rng.choice([CANARY, "", "'", "x" * 300])) + m[3],
        ),
        ("row repeated", rb"(<row\b.*?</row>)", lambda m: m[1] * 2),
        ("row lost", rb"(<row\b.*?</row>)", lambda m: b""),
    ]
    rng.shuffle(edits)
    for name, pattern, replace in edits:
        found = list(re.finditer(pattern, content, re.DOTALL))
        if found:
            match = rng.choice(found)
            edited = content[: match.start()] + replace(match) + content[match.end() :]
            if name == "far reference":
                edited = re.sub(rb"<dimension\b[^>]*>", b"", edited)
            return edited, name
    return None


def _pick(rng: random.Random) -> str:
    return rng.choice(TEXTS if rng.random() < 0.6 else NUMBERS)


def workbook_changed(
    data: bytes, rng: random.Random, change: str | None = None
) -> tuple[bytes, str] | None:
    try:
        members = _members(data)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, RuntimeError):
        return None  # no longer a zip archive that can be edited
    names = sorted(members)
    xml = [n for n in names if n.startswith("xl/") and n.endswith(".xml")]
    name = rng.choice(xml if xml and rng.random() < 0.8 else names)
    change = change or rng.choice(["edit"] * 6 + ["bytes", "cut", "lose"])
    if change == "edit":
        edited = _edit_xml(members[name], rng)
        if edited is None:
            return None
        members[name], what = edited
    elif change == "bytes":
        damaged = (
            put_in(members[name], rng) if rng.random() < 0.5 else flip_bytes(members[name], rng)
        )
        if damaged is None:
            return None
        members[name], what = damaged
    elif change == "cut":
        members[name], what = cut_short(members[name], rng)
    else:
        del members[name]
        what = "removed"
    return _zip(members), f"{name}: {what}"


TEXT_DAMAGE: list[Damage] = [
    flip_bytes,
    cut_short,
    drop_or_repeat_bytes,
    put_in,
    lines_changed,
    reencoded,
    cell_replaced,
    cell_replaced,
    header_changed,
    header_changed,
]
JSON_DAMAGE: list[Damage] = [json_changed] * 10
WORKBOOK_DAMAGE: list[Damage] = [workbook_changed] * 12 + [
    flip_bytes,
    cut_short,
    drop_or_repeat_bytes,
]
#: One step of the kinds that leave most files readable, for the cases audited whole:
#: a cell, a JSON value or a sheet's XML edited.
LIGHT_DAMAGE: dict[str, list[Damage]] = {
    "text": [cell_replaced],
    "json": [json_changed],
    "workbook": [partial(workbook_changed, change="edit")],
}


def damaged(seed: bytes, rng: random.Random, light: bool = False) -> tuple[bytes, list[str]]:
    """The seed after one to three steps of damage (one `light` step), and what each did."""
    data, said = seed, []
    for _ in range(1 if light else rng.choice([1, 1, 1, 2, 3])):
        if data[:4] == b"PK\x03\x04":
            kind, choices = "workbook", WORKBOOK_DAMAGE
        elif data.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in (b"{", b"["):
            kind, choices = "json", JSON_DAMAGE + TEXT_DAMAGE
        else:
            kind, choices = "text", TEXT_DAMAGE
        choices = LIGHT_DAMAGE[kind] if light else choices
        for _attempt in range(5):
            done = rng.choice(choices)(data, rng)
            if done is not None:
                data, what = done
                said.append(what)
                break
    return data, said


# --- the oracle ------------------------------------------------------------------------


def problems(result: FileResult, seconds: float) -> list[str]:
    """What is wrong with how a damaged file was read (nothing, as a rule)."""
    found = []
    if seconds > DEADLINE:
        found.append(f"took {seconds:.1f} s to read (the deadline is {DEADLINE} s)")
    if result.skipped is not None:
        if not result.skipped.strip():
            found.append("skipped with a blank reason")
        if result.skipped.startswith(READER_FAILED):
            found.append(f"skipped by the readers' catch-all: {result.skipped}")
        if CANARY in result.skipped.lower():
            found.append(f"the skip reason quotes the file: {result.skipped[:300]!r}")
        if result.parts:
            found.append("skipped, yet rows were read")
    for rejected in result.rejected:
        if not (isinstance(rejected.row, int) and rejected.row >= 1):
            found.append(f"a row rejected without its number: {rejected}")
        if not rejected.reason.strip():
            found.append(f"row {rejected.row} rejected without a reason")
    used = {int(row) for part in result.parts for row in part.frame["_row"]}
    rejected_rows = {r.row for r in result.rejected}
    if len(used | rejected_rows) != result.rows_read:
        found.append(
            f"{result.rows_read} rows read, but {len(used | rejected_rows)} used or rejected"
        )
    return found


@dataclass
class Case:
    """One damaged copy of a seed, named so that it can be made again (`case`)."""

    name: str
    seed: str
    data: bytes
    damage: list[str]

    def __str__(self) -> str:
        return f"{self.name} ({'; '.join(self.damage)})"


def case(name: str) -> Case:
    """The case `base:seed:number` (`base:seed:audit-number`: lightly damaged, to be
    audited whole): the same bytes on every run and every machine."""
    _, seed, number = name.split(":", 2)
    data, damage = damaged(seeds()[seed], random.Random(name), number.startswith(AUDIT))
    return Case(name, seed, data, damage)


def read(case: Case, folder: Path) -> tuple[FileResult, float]:
    """The damaged file read as `auditor audit` reads a file (and assembled)."""
    path = folder / case.seed
    path.write_bytes(case.data)
    if LOG is not None:
        LOG.write(f"{case}\n"[:1000])
        LOG.flush()
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True, file=LOG or sys.stderr)
    try:
        started = time.perf_counter()
        _, [result] = read_inputs([path], None)
        return result, time.perf_counter() - started
    finally:
        faulthandler.cancel_dump_traceback_later()
        path.unlink()


# --- how many cases ----------------------------------------------------------------------

SECONDS = float(os.environ.get("AUDITOR_FUZZ_SECONDS", "0"))
EXAMPLES = int(os.environ.get("AUDITOR_FUZZ_EXAMPLES", "1"))
#: Fixed cases unless a time budget is given; a timed search draws new ones each run.
BASE = os.environ.get("AUDITOR_FUZZ_SEED") or (secrets.token_hex(4) if SECONDS else "0")
REPLAY = os.environ.get("AUDITOR_FUZZ_REPLAY")


def _log() -> TextIO | None:
    """Where each case is named before it is read, and where a hang's traceback goes: a
    crash that ends the process leaves the case it was on (pytest keeps nothing of it)."""
    path = os.environ.get("AUDITOR_FUZZ_LOG")
    return open(path, "a", encoding="utf-8") if path else None  # open for the whole run


LOG = _log()


#: The start of the number of a case audited whole.
AUDIT = "audit-"


def cases(seed: str, kind: str = "") -> Iterator[Case]:
    """The cases of one seed (`kind` AUDIT: to audit whole): EXAMPLES of them, or as many
    as fit in the seed's share of SECONDS."""
    if REPLAY:
        if REPLAY.split(":")[1] == seed and REPLAY.split(":")[2].startswith(kind):
            yield case(REPLAY)
        return
    stop = time.monotonic() + SECONDS / len(seeds())
    number = 0
    while (time.monotonic() < stop) if SECONDS else number < EXAMPLES:
        yield case(f"{BASE}:{seed}:{kind}{number}")
        number += 1


# --- the tests ---------------------------------------------------------------------------


def test_every_reader_is_reached_by_a_seed():
    """A new reader needs a seed here: the damage reaches only the readers the seeds do.
    Image files (the demo store's SKU.MAIN.jpg) are told by their names, not their content."""
    reached = {}
    for name, data in seeds().items():
        if image_name(name) is not None:
            reached.setdefault(IMAGE_FORMAT, []).append(name)
            continue
        reader = recognise(Probe(Path(name), name, data))
        assert reader is not None, f"no reader recognises the seed {name}"
        reached.setdefault(reader.name, []).append(name)
    assert set(reached) == {reader.name for reader in FORMATS} | {IMAGE_FORMAT}, reached


@pytest.mark.parametrize("seed", list(seeds()))
def test_damaged_files_are_read_or_skipped_with_a_reason(seed, tmp_path):
    failures = []
    for damaged_case in cases(seed):
        try:
            result, seconds = read(damaged_case, tmp_path)
        except Exception as error:  # the finding itself: reported with its case
            failures.append(f"{damaged_case}: raised {type(error).__name__}: {error}"[:500])
            continue
        failures += [f"{damaged_case}: {problem}" for problem in problems(result, seconds)]
    assert not failures, "\n".join(["", *failures[:20], "(replay one: AUDITOR_FUZZ_REPLAY=<case>)"])


#: Seeds whose damaged copies also go through a whole audit, together: listings from the
#: API, a flat file and a Category Listing Report merged, and an account health report.
AUDITED = [
    "searchListingsItems-JP.json",
    "GET_V2_SELLER_PERFORMANCE_REPORT.json",
    "Flat.File.Custom.de.txt",
    "Category Listing Report.xlsx",
]
#: Every report format.
RENDERED = list(REPORT_FORMATS)


def audit_rounds() -> Iterator[list[Case]]:
    """Each round's lightly damaged copy of every AUDITED seed: EXAMPLES rounds, or as
    many as fit in their share of SECONDS (or the round of an audit case replayed)."""
    if REPLAY:
        base, _, number = REPLAY.split(":", 2)
        if number.startswith(AUDIT):
            yield [case(f"{base}:{seed}:{number}") for seed in AUDITED]
        return
    stop = time.monotonic() + SECONDS * len(AUDITED) / len(seeds())
    number = 0
    while (time.monotonic() < stop) if SECONDS else number < EXAMPLES:
        yield [case(f"{BASE}:{seed}:{AUDIT}{number}") for seed in AUDITED]
        number += 1


def test_damaged_files_go_through_a_whole_audit(tmp_path):
    """Audited together beside a clean products register, then rendered: each damaged
    file is an input read, or skipped with its reason, and nothing downstream of the
    readers (assembly, the rules, the renderers) breaks."""
    (tmp_path / "products.csv").write_bytes((DEMO / "products.csv").read_bytes())
    for audited in audit_rounds():
        for damaged_case in audited:
            (tmp_path / damaged_case.seed).write_bytes(damaged_case.data)
        said = "; ".join(str(c) for c in audited)
        try:
            report = api.audit([tmp_path], api.Options(as_of=AS_OF)).report
            rendered = {fmt: render(report, fmt, "en") for fmt in RENDERED}
        except Exception as error:  # the finding itself: reported with its cases
            pytest.fail(
                f"{said}: {type(error).__name__}: {error}"[:1000]
                + "\n(replay the round: AUDITOR_FUZZ_REPLAY=<any of its cases>)"
            )
        assert len(report["run"]["inputs"]) == len(AUDITED) + 1, said
        assert json.loads(rendered["json"])["run"]["id"] == report["run"]["id"]
