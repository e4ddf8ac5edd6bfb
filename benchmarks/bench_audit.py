"""Benchmark: load, audit and render every report format for N synthetic listings.

    python benchmarks/bench_audit.py --listings 100000 [--formats json,csv,...]

The catalogue is generated column-wise in the canonical CSV format with a realistic
mix: most listings clean, some with over-long titles, banned characters, repeated
words, few or short bullets, over-long search terms, bad check digits, missing
brands and blank fields; DE listings are checked against a documents register, and a
products register states each SKU's facts (`--without-products` leaves it out).
Prints seconds per phase, rows per second and peak RSS; then renders the report in
each format in a forked process of its own, so each format's time and peak RSS (the
audited report included, as in a real run) are measured apart. Numbers belong in
notes and issues, never in timed unit tests.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import multiprocessing
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from stdnum import ean

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from auditor.api import Options, audit_tables, load_rules, remember
from auditor.ingest.assemble import read_inputs
from auditor.outputs.render import FORMATS, render, to_json

MARKETPLACES = np.array(["US", "US", "US", "DE", "UK", "JP", "IN"])
NOUNS = np.array(
    [
        "Water Bottle",
        "Bluetooth Speaker",
        "Yoga Mat",
        "Dog Bed",
        "Desk Lamp",
        "Frying Pan",
        "Power Bank",
    ]
)
BRANDS = np.array(["Voltix", "HomeNest", "LittleSprout", "GlowLab", "VitaPeak"])


def gtins(rng: np.random.Generator, n: int) -> np.ndarray:
    bodies = rng.integers(10**10, 10**11, size=n).astype(str)
    bodies = np.char.add("0", bodies)  # 11 digits with a leading zero, as many UPCs have
    unique = pd.unique(bodies)
    check = dict(zip(unique, (ean.calc_check_digit(b) for b in unique), strict=True))
    return np.char.add(bodies, pd.Series(bodies).map(check).to_numpy().astype(str))


def catalogue(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    pick = lambda values: values[rng.integers(0, len(values), size=n)]  # noqa: E731
    brand, noun = pick(BRANDS), pick(NOUNS)
    title = pd.Series(brand).str.cat(
        [pd.Series(noun), pd.Series(rng.integers(1, 999, n).astype(str))], sep=" "
    )
    title = title + ", Stainless, Leak-Proof, 750 ml, Blue"
    faults = rng.random(n)
    title = title.mask(faults < 0.03, title + " " + "Extra Long Description Words " * 8)
    title = title.mask((faults >= 0.03) & (faults < 0.05), title + " Best Price!!!")
    title = title.mask(
        (faults >= 0.05) & (faults < 0.07), title + " " + pd.Series(noun) + " " + pd.Series(noun)
    )
    title = title.mask((faults >= 0.07) & (faults < 0.08), "")
    bullets = {
        f"bullet_point{i}": np.where(
            rng.random(n) < 0.9 - i * 0.05,
            f"FEATURE {i}: a clear benefit described in one sentence",
            "",
        )
        for i in range(1, 6)
    }
    search = np.where(
        rng.random(n) < 0.05, "keyword " * 40, "portable wireless outdoor gift travel"
    )
    product_id = gtins(rng, n)
    product_id = np.where(
        rng.random(n) < 0.02,
        np.char.add(np.char.rstrip(product_id, "0123456789")[:, None].ravel(), "123456789012"),
        product_id,
    )
    return pd.DataFrame(
        {
            "sku": np.char.add("SKU-", np.arange(n).astype(str)),
            "asin": np.char.add("B0", rng.integers(10**7, 10**8, n).astype(str)),
            "marketplace": pick(MARKETPLACES),
            "title": title,
            "brand": np.where(rng.random(n) < 0.02, "", brand),
            "product_type": "HOME",
            "price": rng.integers(500, 10000, n) / 100,
            "currency": "USD",
            "quantity": rng.integers(0, 500, n),
            **bullets,
            "search_terms": search,
            "product_id": product_id,
            "product_id_type": "UPC",
            "gtin_exempt": "no",
        }
    )


def products(listings: pd.DataFrame, seed: int = 11) -> pd.DataFrame:
    """The products register a store audited for compliance keeps: one row per SKU with
    the facts the compliance rules scope on (without it, each listing is `unknown` for
    about eight compliance rules, which is the tool's answer, not a catalogue's)."""
    rng = np.random.default_rng(seed)
    n = len(listings)
    noun = listings["title"].str.extract(r"^\S+ (\S+ ?\S*?) \d", expand=False).fillna("")
    powered = noun.isin(["Bluetooth Speaker", "Power Bank", "Desk Lamp"]).to_numpy()
    lithium = noun.isin(["Bluetooth Speaker", "Power Bank"]).to_numpy()
    yes_no = lambda mask: np.where(mask, "yes", "no")  # noqa: E731
    return pd.DataFrame(
        {
            "sku": listings["sku"],
            "category": np.where(powered, "Electronics", "Home & Kitchen"),
            "gated_category": "",
            "materials": np.where(powered, "plastic;glass", "plastic;silicone"),
            "country_of_origin": np.where(rng.random(n) < 0.7, "CN", "VN"),
            "contains_batteries": yes_no(lithium),
            "battery_type": np.where(lithium, "lithium_ion", ""),
            "is_electrical": yes_no(powered),
            "has_radio": yes_no(noun.eq("Bluetooth Speaker").to_numpy()),
            "for_children": yes_no(rng.random(n) < 0.02),
        }
    )


def registers(folder: Path) -> None:
    (folder / "documents.csv").write_text(
        "document_type,identifier,sku,asin,brand,marketplace,issued_on,expires_on\n"
        "epr_de_packaging,DE4702819365120,,,Voltix,DE,2023-02-01,\n"
        "epr_de_packaging,DE4702819365120,,,HomeNest,DE,2023-02-01,\n"
        # Brand-wide documents most of the catalogue relies on: lithium transport papers,
        # the EU responsible person and safety information, WEEE registration.
        + "".join(
            f"{kind},{ident}-{brand[:2].upper()},,,{brand},{market},2024-03-01,\n"
            for brand in ("Voltix", "HomeNest", "GlowLab")
            for kind, ident, market in (
                ("un38_3_summary", "UN383", ""),
                ("sds", "SDS", ""),
                ("gpsr_responsible_person", "EU-RP", ""),
                ("gpsr_safety_information", "SI", ""),
                ("epr_de_weee", "DE12345678", "DE"),
                ("epr_de_batteries", "DE21436587", "DE"),
                ("eu_declaration_of_conformity", "DOC", ""),
                ("fcc_sdoc", "SDOC", "US"),
            )
        ),
        encoding="utf-8",
    )
    (folder / "account_metrics.csv").write_text(
        "marketplace,channel,metric,window_days,value\nUS,mfn,order_defect_rate,60,0.004\nUS,mfn,late_shipment_rate,30,0.05\n",
        encoding="utf-8",
    )


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--formats", default=",".join(FORMATS), help="Formats to render.")
    parser.add_argument("--lang", default="en", choices=["en", "zh"])
    parser.add_argument(
        "--without-products",
        action="store_true",
        help="No products register: every listing is unknown for the compliance rules "
        "that scope on product facts (the worst case for the number of findings).",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        listings = catalogue(args.listings)
        listings.to_csv(folder / "listings.csv", index=False)
        if not args.without_products:
            products(listings).to_csv(folder / "products.csv", index=False)
        registers(folder)
        generated = time.perf_counter() - start
        size_mib = (folder / "listings.csv").stat().st_size / 2**20

        options = Options(as_of=dt.date(2026, 11, 27))
        t0 = time.perf_counter()
        packs, rules = load_rules(options)
        t1 = time.perf_counter()
        tables, files = read_inputs([folder], None)
        t2 = time.perf_counter()
        result = audit_tables(tables, files, packs, rules, options)
        t3 = time.perf_counter()
        text = to_json(result.report)
        t4 = time.perf_counter()
        # History: the first week's run recorded, then the next week's, whose since_last
        # compares every finding by fingerprint and whose trends read back the series.
        history = folder / "history.db"
        weekly = [
            replace(options, history=history, as_of=options.as_of + dt.timedelta(days=d))
            for d in (0, 7)
        ]
        recorded = []
        for week in weekly:
            report = copy.deepcopy(result.report)
            report["run"] |= {"id": f"bench-{week.as_of}", "as_of": week.as_of.isoformat()}
            start = time.perf_counter()
            remember(report, tables, files, rules, week)
            recorded.append(time.perf_counter() - start)
        history_mib = history.stat().st_size / 2**20

    n = args.listings
    findings = len(result.report["findings"])
    print(f"listings: {n:,} ({size_mib:.1f} MiB CSV, generated in {generated:.1f} s)")
    print(f"rules: {len(rules)}; findings: {findings:,}; JSON report {len(text) / 2**20:.1f} MiB")
    print(f"load rules   {t1 - t0:7.2f} s")
    print(f"read inputs  {t2 - t1:7.2f} s  {n / (t2 - t1):>10,.0f} rows/s")
    print(f"audit        {t3 - t2:7.2f} s  {n / (t3 - t2):>10,.0f} rows/s")
    print(f"json report  {t4 - t3:7.2f} s")
    print(f"total        {t4 - t0:7.2f} s  {n / (t4 - t0):>10,.0f} rows/s")
    print(
        f"history: record a first run {recorded[0]:.2f} s; the next week's, with since_last and trends, {recorded[1]:.2f} s; file {history_mib:.1f} MiB"
    )
    print(f"peak RSS     {peak_rss_mib():7.0f} MiB")
    print(f"rendering each format ({args.lang}), in a process of its own:")
    for fmt in args.formats.split(","):
        seconds, size, rss = render_apart(result.report, fmt, args.lang)
        print(f"  {fmt:6s} {seconds:7.2f} s  {size / 2**20:7.1f} MiB  peak RSS {rss:6.0f} MiB")


def _render(report: dict, fmt: str, language: str, queue: multiprocessing.Queue) -> None:
    start = time.perf_counter()
    output = render(report, fmt, language)
    queue.put((time.perf_counter() - start, len(output), peak_rss_mib()))


def render_apart(report: dict, fmt: str, language: str) -> tuple[float, int, float]:
    """Render in a forked child: its time, output size and peak RSS, apart from the others."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_render, args=(report, fmt, language, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


if __name__ == "__main__":
    main()
