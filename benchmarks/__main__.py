"""`python -m benchmarks`: extraction, ingest, query latency, page renders and re-extraction.

Each size gets a generated corpus, loaded as a user would load it (`python -m pipelines ingest`).
With --replicate, the largest size is instead built by copying the listings of a smaller one
already loaded (it must be a multiple of it) in SQL (benchmarks/replicate.py): a million listings
in about a minute rather than a long ingest, with no extraction, baseline or ingest figures.
Prints one table per size with each SPEC section 9 target beside its figure, and writes every
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

from benchmarks.corpus import data_folder, make_corpus, to_parquet
from benchmarks.measure import (
    baseline,
    extraction,
    page_renders,
    query_latencies,
    run_pipelines,
)
from benchmarks.replicate import replicate

DEFAULT_OUT = Path(__file__).resolve().parent / "results.json"
TARGETS = {
    "extraction_mb_s": 100.0,  # at least, on a 2-core machine
    "ingest_100k_s": 15.0,  # at most, for 100k listings, extraction included
    "ingest_1m_peak_gb": 4.0,  # at most, peak memory of a 1M-listing ingest
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
    loaded: dict[int, Path] = {}
    try:
        for size in sizes:
            copy = args.replicate and size == max(sizes)
            results["sizes"][str(size)] = _bench_size(size, work, args, loaded, copy=copy)
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
        help="comma-separated corpus sizes in listings (default 10000,100000; add 1000000 for "
        "the SPEC's query target, with --replicate to skip its long ingest)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="one run per figure and a small baseline sample"
    )
    parser.add_argument(
        "--replicate",
        action="store_true",
        help="build the largest size by copying the listings of the largest smaller size it is "
        "a multiple of, in SQL, instead of ingesting a generated corpus (a 1M database in about "
        "a minute; no extraction, baseline or ingest figures at that size)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON")
    parser.add_argument("--workdir", help="keep corpora and databases here (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--seed", type=int, default=7)
    return parser


def _bench_size(
    size: int, work: Path, args: argparse.Namespace, loaded: dict[int, Path], *, copy: bool
) -> dict:
    """Every figure at one size; `copy`: build the database from a smaller one in `loaded`."""
    runs = 1 if args.quick else 3
    source = _replica_source(size, loaded) if copy else None
    if source:
        started = time.perf_counter()
        keep = replicate(loaded[source], work / f"bench_{size}_0.duckdb", copies=size // source)
        out: dict = {
            "replicated_from": source,
            "seconds_to_replicate": time.perf_counter() - started,
        }
    else:
        out = _load(size, work, args, runs)
        if "stderr" in out["ingest"]:
            return out
        keep = work / f"bench_{size}_0.duckdb"
    loaded[size] = keep

    out["queries"] = query_latencies(keep, repeats=3 if args.quick else 10)
    out["pages"] = page_renders(keep, runs=runs)
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


def _replica_source(size: int, loaded: dict[int, Path]) -> int | None:
    """The largest size already loaded that `size` is a multiple of, if any."""
    fitting = [s for s in loaded if s < size and size % s == 0]
    return max(fitting, default=None)


def _load(size: int, work: Path, args: argparse.Namespace, runs: int) -> dict:
    """Make the corpus, measure extraction and the baseline on it, and ingest it."""
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
    ingest_runs = runs if size <= 100_000 else 1
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
    if size <= PARQUET_MAX_ROWS:
        out["ingest_parquet"] = _parquet_ingest(corpus, work, size)
    return out


# One Parquet load per size up to here: the figure compares formats, not scale.
PARQUET_MAX_ROWS = 100_000


def _parquet_ingest(corpus: Path, work: Path, size: int) -> dict:
    """One ingest of the same corpus written as Parquet."""
    parquet = to_parquet(corpus)
    database = work / f"bench_{size}_parquet.duckdb"
    database.unlink(missing_ok=True)
    run = run_pipelines(
        ["ingest", str(parquet), "--name", "bench", "--db", str(database)],
        file_bytes=parquet.stat().st_size,
    )
    database.unlink(missing_ok=True)
    return {
        "mb": parquet.stat().st_size / 1e6,
        "seconds": run["seconds"],
        "peak_rss_mb": run["peak_rss_mb"],
        "returncode": run["returncode"],
    }


def _mark(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _print_size(size: int, result: dict) -> None:
    rows: list[tuple[str, str, str, str]] = []
    if "replicated_from" in result:
        rows.append(
            (
                "database",
                f"{result['replicated_from']:,} listings copied {size // result['replicated_from']}"
                f" times in SQL ({result['seconds_to_replicate']:.0f} s); not ingested",
                "",
                "",
            )
        )
    else:
        rows += _load_rows(size, result)
    if "queries" in result:
        rows += _query_rows(size, result["queries"])
    for page, render in result.get("pages", {}).items():
        rows.append(
            (
                f"page {page} (AppTest run)",
                f"median {render['median_s']:.2f} s, slowest {render['max_s']:.2f} s "
                f"({render['runs']} runs, query caches empty)",
                "",
                "",
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
    disagreements = result.get("baseline", {}).get("disagreements")
    if disagreements:
        print("  baseline disagreements (skill: listing, found by):")
        for item in disagreements[:5]:
            where = f"{item['skill']}: {item['job_id']} only {item['found_by']}"
            print(f"    {where}: {item['text']!r}")


def _load_rows(size: int, result: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    corpus = result["corpus"]
    rows.append(("corpus", f"{corpus['mb']:,.0f} MB CSV", "", ""))
    ext = result["extraction"]
    rows.append(
        (
            "extraction, Matcher.skills_in on 1 core",
            f"{ext['mb_per_s']:,.1f} MB/s ({ext['texts']:,} texts, {ext['mb']:,.0f} MB)",
            "",
            "",
        )
    )
    # On fewer texts, starting the worker processes weighs on the figure.
    judged = ext["texts"] >= 100_000
    rows.append(
        (
            f"extraction, batches on {ext['workers']} cores",
            f"{ext['parallel_mb_per_s']:,.1f} MB/s",
            f">= {TARGETS['extraction_mb_s']:.0f} MB/s" + ("" if judged else " (at 100k texts)"),
            _mark(ext["parallel_mb_per_s"] >= TARGETS["extraction_mb_s"]) if judged else "",
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
            f"{base['agreement_apart_from_glued']:.4f} of listing x skill cells, apart from "
            f"{base['glued_cells']} where we split glued words (all cells: "
            f"{base['agreement']:.4f})",
            "= 1.0",
            _mark(base["agreement_apart_from_glued"] >= TARGETS["agreement"]),
        )
    )
    ingest = result["ingest"]
    seconds, peak_gb = TARGETS["ingest_100k_s"], TARGETS["ingest_1m_peak_gb"]
    if size == 100_000:
        target, ok = f"< {seconds:.0f} s", ingest["seconds"] < seconds
    elif size == 1_000_000:
        target, ok = f"peak < {peak_gb:.0f} GB", ingest["peak_rss_mb"] < peak_gb * 1024
    else:
        target, ok = f"< {seconds:.0f} s (at 100k)", None
    rows.append(
        (
            f"ingest {size:,} listings ({ingest['runs']} runs)",
            f"{ingest['seconds']:.1f} s, peak RSS {ingest['peak_rss_mb']:,.0f} MB",
            target,
            "" if ok is None else _mark(ok),
        )
    )
    stages = ", ".join(f"{name} {seconds:.1f}" for name, seconds in ingest["stages"].items())
    rows.append(("  ingest stages (s)", stages, "", ""))
    parquet = result.get("ingest_parquet")
    if parquet:
        failed = f", exit code {parquet['returncode']}" if parquet["returncode"] else ""
        rows.append(
            (
                f"ingest {size:,} listings from Parquet (1 run)",
                f"{parquet['seconds']:.1f} s, peak RSS {parquet['peak_rss_mb']:,.0f} MB "
                f"({parquet['mb']:,.0f} MB file){failed}",
                "",
                "",
            )
        )
    return rows


def _query_rows(size: int, latencies: dict) -> list[tuple[str, str, str, str]]:
    """One row per query: no filter, then the slowest filter; marked against the median target."""
    target = TARGETS["query_median_ms"]
    where = "" if size == 1_000_000 else " (target at 1M)"
    rows, passed = [], 0
    for name, by_filter in latencies.items():
        unfiltered = by_filter["all"]
        label, worst = max(
            ((label, figures) for label, figures in by_filter.items() if label != "all"),
            key=lambda item: item[1]["median_ms"],
        )
        ok = max(figures["median_ms"] for figures in by_filter.values()) < target
        passed += ok
        rows.append(
            (
                f"query {name}",
                f"median {unfiltered['median_ms']:.1f} / p95 {unfiltered['p95_ms']:.1f} ms; "
                f"slowest filter ({label}) {worst['median_ms']:.1f} / {worst['p95_ms']:.1f}",
                f"< {target:.0f} ms median{where}",
                _mark(ok),
            )
        )
    filters = ", ".join(label for label in next(iter(latencies.values())) if label != "all")
    rows.insert(
        0,
        (
            f"queries under {target:.0f} ms median",
            f"{passed} of {len(latencies)}, each with no filter and by {filters}",
            "all",
            _mark(passed == len(latencies)),
        ),
    )
    return rows


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    sys.exit(main())
