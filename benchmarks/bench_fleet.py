"""Benchmark: a fleet of N stores of M listings, on a local Dask cluster of 1 worker and of W.

    python benchmarks/bench_fleet.py --stores 8 --listings 20000 [--workers 2] [--repeat 1]

Each store is generated as bench_audit.py generates one (a catalogue in the canonical
CSV with a realistic mix of faults, a products register, documents and approvals),
with its own seed, so no two stores are alike. `auditor fleet` is then run as a fresh
process, once with `--workers 1` and once with `--workers W`, in the default formats
(each store's report.json and report.html, the portfolio), best of `--repeat` runs;
and, for reference, `auditor audit` of each store one after the other. The target
(issue 23): on 2 cores, W=2 takes at most 0.8 of the one-worker time.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_audit import catalogue, products, registers  # noqa: E402

AS_OF = "2026-11-27"


def make_fleet(folder: Path, stores: int, listings: int) -> Path:
    """N store folders and the FLEET.yaml naming them."""
    lines = ["stores:"]
    for index in range(stores):
        name = f"store-{index:02d}"
        store = folder / "data" / name
        store.mkdir(parents=True)
        frame = catalogue(listings, seed=7 + index)
        frame.to_csv(store / "listings.csv", index=False)
        products(frame, seed=11 + index).to_csv(store / "products.csv", index=False)
        registers(store)
        lines += [f"  - name: {name}", f"    inputs: [data/{name}]"]
    fleet = folder / "FLEET.yaml"
    fleet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return fleet


def timed(command: list[str], repeat: int) -> float:
    """The best wall time of `command` over `repeat` runs (exit 0, 1 and 3 are results)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1, 3):
            sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stores", type=int, default=8)
    parser.add_argument("--listings", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--no-serial", action="store_true", help="Skip the `auditor audit` one store at a time."
    )
    parser.add_argument(
        "--history",
        action="store_true",
        help="Record every store's run in a history (a fresh file per fleet run): the client "
        "records each run and the report is rendered where it was audited.",
    )
    args = parser.parse_args()
    auditor = str(Path(sys.executable).parent / "auditor")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        fleet = make_fleet(folder, args.stores, args.listings)
        print(
            f"{args.stores} stores x {args.listings:,} listings, generated in "
            f"{time.perf_counter() - start:.1f} s"
        )
        results: dict[str, float] = {}
        if not args.no_serial:
            start = time.perf_counter()
            for index in range(args.stores):
                store = folder / "data" / f"store-{index:02d}"
                out = folder / "serial" / store.name
                out.mkdir(parents=True)
                timed(
                    [auditor, "audit", str(store), "--as-of", AS_OF, "--format", "json",
                     "--format", "html", "-o", str(out)],
                    1,
                )  # fmt: skip
            results["auditor audit, one store after another"] = time.perf_counter() - start
        for workers in (1, args.workers):
            out = folder / f"fleet-{workers}"
            history = ["--history", str(folder / f"history-{workers}.db")] if args.history else []
            results[f"auditor fleet --workers {workers}"] = timed(
                [auditor, "fleet", str(fleet), "--workers", str(workers), "--as-of", AS_OF,
                 "-o", str(out), *history],
                args.repeat,
            )  # fmt: skip
    for label, seconds in results.items():
        print(f"{label:42s} {seconds:8.1f} s")
    one = results["auditor fleet --workers 1"]
    many = results[f"auditor fleet --workers {args.workers}"]
    print(f"{args.workers} workers / 1 worker: {many / one:.2f} (target at most 0.80 on 2 cores)")


if __name__ == "__main__":
    main()
