"""`python -m benchmarks`: measure extraction, ingest, queries and re-extraction (SPEC section 9).

Prints one table per corpus size with each SPEC target beside its figure, and writes every
number to a JSON file. It measures only; nothing here changes the product.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import data_folder, make_corpus
from benchmarks.measure import (
    baseline,
    extraction,
    query_latencies,
    run_pipelines,
)

DEFAULT_OUT = Path(__file__).resolve().parent / "results.json"
TARGETS = {
    "extraction_mb_s": 100.0,  # at least, on a 2-core machine
    "ingest_100k_s": 15.0,  # at most, for 100k listings, extraction included
    "query_median_ms": 100.0,  # at most, every dashboard query at 1M listings
    "speedup": 20.0,  # at least, over pandas str.contains per skill
    "agreement": 1.0,  # identical results on unambiguous skills
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    work = Path(args.workdir or tempfile.mkdtemp(prefix="jobskills-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "data": str(data_folder()),
        },
        "quick": args.quick,
        "targets": TARGETS,
        "sizes": {},
    }
    try:
        for size in sizes:
            results["sizes"][str(size)] = _bench_size(size, work, args)
            _print_size(size, results["sizes"][str(size)])
    finally:
        if not args.workdir and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nresults written to {args.out}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="comma-separated corpus sizes in listings (default 10000,100000; 1000000 on request)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="one run per figure and a small baseline sample"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON")
    parser.add_argument("--workdir", help="keep corpora and databases here (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--seed", type=int, default=7)
    return parser


def _bench_size(size: int, work: Path, args: argparse.Namespace) -> dict:
    runs = 1 if args.quick else 3
    started = time.perf_counter()
    corpus = make_corpus(size, work, seed=args.seed)
    out: dict = {
        "corpus": {
            "path": str(corpus),
            "mb": corpus.stat().st_size / 1e6,
            "seconds_to_make": time.perf_counter() - started,
        }
    }
    # Extraction speed does not depend on corpus size; past 100k listings a 100k sample says
    # the same and keeps a million texts out of memory.
    out["extraction"] = extraction(corpus, limit=100_000, runs=runs)
    out["baseline"] = baseline(corpus, limit=500 if args.quick else 3_000, runs=runs)

    # A fresh database per run: loading the same file again is (rightly) a no-op.
    ingest_runs = runs if size <= 10_000 else 1
    ingests = []
    for run in range(ingest_runs):
        database = work / f"bench_{size}_{run}.duckdb"
        database.unlink(missing_ok=True)
        ingests.append(
            run_pipelines(
                ["ingest", str(corpus), "--name", "bench", "--db", str(database)],
                file_bytes=corpus.stat().st_size,
            )
        )
    keep = work / f"bench_{size}_0.duckdb"
    for run in range(1, ingest_runs):
        (work / f"bench_{size}_{run}.duckdb").unlink(missing_ok=True)
    out["ingest"] = {
        "runs": ingest_runs,
        "seconds": statistics.median(r["seconds"] for r in ingests),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in ingests),
        "stages": ingests[0]["stages"],
        "exit_codes": [r["returncode"] for r in ingests],
        "summary": ingests[0]["stdout"].strip(),
    }
    if any(r["returncode"] for r in ingests):
        out["ingest"]["stderr"] = ingests[0]["stderr_tail"]
        return out

    out["queries"] = query_latencies(keep, repeats=3 if args.quick else 10)

    reextracts = [
        run_pipelines(["reextract", "--db", str(keep)])
        for _ in range(runs if size <= 10_000 else 1)
    ]
    out["reextract"] = {
        "runs": len(reextracts),
        "seconds": statistics.median(r["seconds"] for r in reextracts),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in reextracts),
        "exit_codes": [r["returncode"] for r in reextracts],
    }
    return out


def _mark(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _print_size(size: int, result: dict) -> None:
    rows: list[tuple[str, str, str, str]] = []
    corpus = result["corpus"]
    rows.append(("corpus", f"{corpus['mb']:,.0f} MB CSV", "", ""))
    ext = result["extraction"]
    rows.append(
        (
            "extraction (Matcher.skills_in, 1 core)",
            f"{ext['mb_per_s']:,.1f} MB/s ({ext['texts']:,} texts, {ext['mb']:,.0f} MB)",
            f">= {TARGETS['extraction_mb_s']:.0f} MB/s",
            _mark(ext["mb_per_s"] >= TARGETS["extraction_mb_s"]),
        )
    )
    base = result["baseline"]
    rows.append(
        (
            f"baseline str.contains ({base['skills']} skills)",
            f"{base['pandas_seconds']:.2f} s vs ours {base['ours_seconds']:.3f} s "
            f"({base['texts']:,} texts)",
            "",
            "",
        )
    )
    rows.append(
        (
            "speed-up over str.contains",
            f"{base['speedup']:,.0f}x",
            f">= {TARGETS['speedup']:.0f}x",
            _mark(base["speedup"] >= TARGETS["speedup"]),
        )
    )
    rows.append(
        (
            "agreement on unambiguous skills",
            f"{base['agreement']:.4f} of listing x skill cells "
            f"({base['listings_identical']:.3f} of listings identical)",
            "= 1.0",
            _mark(base["agreement"] >= TARGETS["agreement"]),
        )
    )
    ingest = result["ingest"]
    target = TARGETS["ingest_100k_s"] * size / 100_000
    scaled = "" if size == 100_000 else " (scaled)"
    rows.append(
        (
            f"ingest {size:,} listings ({ingest['runs']} runs)",
            f"{ingest['seconds']:.1f} s, peak RSS {ingest['peak_rss_mb']:,.0f} MB",
            f"< {target:.1f} s{scaled}",
            _mark(ingest["seconds"] < target),
        )
    )
    stages = ", ".join(f"{name} {seconds:.1f}" for name, seconds in ingest["stages"].items())
    rows.append(("  ingest stages (s)", stages, "", ""))
    if "queries" in result:
        for name, q in result["queries"].items():
            worst = max(q["all"]["median_ms"], q["source"]["median_ms"])
            rows.append(
                (
                    f"query {name}",
                    f"median {q['all']['median_ms']:.1f} / p95 {q['all']['p95_ms']:.1f} ms; "
                    f"source filter {q['source']['median_ms']:.1f} / {q['source']['p95_ms']:.1f}",
                    f"< {TARGETS['query_median_ms']:.0f} ms (at 1M)",
                    _mark(worst < TARGETS["query_median_ms"]),
                )
            )
    if "reextract" in result:
        re_ = result["reextract"]
        rows.append(
            (
                f"re-extraction ({re_['runs']} runs)",
                f"{re_['seconds']:.1f} s, peak RSS {re_['peak_rss_mb']:,.0f} MB",
                "",
                "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    print(f"\n== {size:,} listings ==")
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    if base["disagreements"]:
        print("  baseline disagreements (skill: listing, found by):")
        for item in base["disagreements"][:5]:
            where = f"{item['skill']}: {item['job_id']} only {item['found_by']}"
            print(f"    {where}: {item['text']!r}")


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    sys.exit(main())
