"""Benchmark: measuring the seller's image files (SKU.MAIN.jpg ...) at ingest.

    python benchmarks/bench_images.py --images 50 [--size 2000]

Draws `--images` JPEGs of `--size` x `--size` px (a product over most of a white frame,
with photographic noise in it, at quality 90, as a seller's export is), then reads the
folder as `auditor audit` does (each file measured: format, colour mode, size, white
border, fill) and prints the time per image, best of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from auditor.ingest.assemble import read_inputs


def draw(folder: Path, count: int, size: int) -> None:
    rng = np.random.default_rng(0)
    for n in range(count):
        pixels = np.full((size, size, 3), 255, dtype=np.uint8)
        top, side = size // 20, size // 5
        product = rng.integers(0, 200, (size - 2 * top, size - 2 * side, 3), dtype=np.uint8)
        pixels[top : size - top, side : size - side] = product
        Image.fromarray(pixels).save(folder / f"SKU-{n:04d}.MAIN.jpg", quality=90)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=50)
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draw(folder, args.images, args.size)
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            tables, results = read_inputs([folder], None)
            best = min(best, time.perf_counter() - started)
        assert len(tables["images"].frame) == args.images, [r.skipped for r in results]
    each = best / args.images * 1000
    print(f"{args.images} images of {args.size} x {args.size} px: {best:.2f} s, {each:.0f} ms each")


if __name__ == "__main__":
    main()
