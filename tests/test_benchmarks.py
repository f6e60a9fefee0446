"""The benchmark suite stays runnable: a small corpus is realistic and loads; the CLI runs."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import pandas as pd

from benchmarks.corpus import COLUMNS, make_corpus

ROOT = Path(__file__).resolve().parent.parent


def test_corpus_is_deterministic_realistic_and_loads(tmp_path: Path) -> None:
    first = make_corpus(300, tmp_path / "a", seed=3)
    again = make_corpus(300, tmp_path / "b", seed=3)
    other = make_corpus(300, tmp_path / "c", seed=4)
    assert first.read_bytes() == again.read_bytes()
    assert first.read_bytes() != other.read_bytes()

    frame = pd.read_csv(first, dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == COLUMNS
    assert len(frame) == 300
    assert frame["job_id"].is_unique
    lengths = frame["description"].str.len()
    assert 2_000 <= statistics.median(lengths) <= 7_000  # real listings: median ~3-5k chars
    assert (frame["job_title"] != "").all()
    months = frame["posted_date"].str[:7]
    assert months.min() >= "2011-01" and months.max() <= "2025-10"
    assert months.nunique() > 50

    database = tmp_path / "jobs.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "ingest", str(first), "--db", str(database)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "loaded 300" in done.stdout


def test_benchmarks_run_and_write_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--sizes", "500", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "extraction" in done.stdout
    assert "PASS" in done.stdout or "MISS" in done.stdout
    results = json.loads(out.read_text(encoding="utf-8"))
    assert {"machine", "targets", "sizes"} <= results.keys()
    size = results["sizes"]["500"]
    assert {"corpus", "extraction", "baseline", "ingest", "queries", "reextract"} <= size.keys()
    assert size["extraction"]["mb_per_s"] > 0
    assert {"pandas_seconds", "ours_seconds", "speedup", "agreement"} <= size["baseline"].keys()
    assert size["ingest"]["exit_codes"] == [0]
    assert size["ingest"]["peak_rss_mb"] > 0
    assert size["reextract"]["exit_codes"] == [0]
    for latency in size["queries"].values():
        assert latency["all"]["median_ms"] > 0 and latency["source"]["p95_ms"] > 0
    assert len(size["queries"]) == 16
