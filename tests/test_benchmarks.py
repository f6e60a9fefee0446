"""The benchmark suite stays runnable: a small corpus is realistic and loads; the CLI runs."""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analytics import queries
from analytics.filters import Filters
from benchmarks.corpus import COLUMNS, make_corpus
from benchmarks.measure import common_pattern, dashboard_queries
from benchmarks.pages import page_files
from benchmarks.replicate import replicate
from pipelines import db

ROOT = Path(__file__).resolve().parent.parent


def _query_names() -> set[str]:
    con = db.connect(":memory:")
    try:
        return set(dashboard_queries(con, None))
    finally:
        con.close()


# Every analytics function the pages call, the sidebar and Data sources queries included.
QUERIES = _query_names()


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
    assert "loaded 300" in _ingest(first, database)


def test_benchmarks_run_and_write_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [
            sys.executable, "-m", "benchmarks", "--sizes", "500,1000", "--quick", "--replicate",
            "--out", str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "extraction" in done.stdout
    assert "PASS" in done.stdout or "MISS" in done.stdout
    results = json.loads(out.read_text(encoding="utf-8"))
    assert {"machine", "targets", "sizes"} <= results.keys()
    size = results["sizes"]["500"]
    assert {
        "corpus", "extraction", "baseline", "ingest", "queries", "pages", "reextract",
    } <= size.keys()  # fmt: skip
    assert size["extraction"]["mb_per_s"] > 0
    assert size["extraction"]["parallel_mb_per_s"] > 0
    assert {"pandas_seconds", "ours_seconds", "speedup", "agreement"} <= size["baseline"].keys()
    assert size["ingest"]["exit_codes"] == [0]
    assert size["ingest"]["peak_rss_mb"] > 0
    assert size["ingest_parquet"]["returncode"] == 0 and size["ingest_parquet"]["seconds"] > 0
    assert size["baseline"]["agreement_apart_from_glued"] == 1.0
    assert size["reextract"]["exit_codes"] == [0]
    # 1,000 is twice 500: copied from the loaded 500, not ingested.
    copied = results["sizes"]["1000"]
    assert copied["replicated_from"] == 500
    assert not {"corpus", "extraction", "baseline", "ingest"} & copied.keys()
    assert copied["reextract"]["exit_codes"] == [0]
    for measured in (size, copied):
        assert set(measured["queries"]) == QUERIES
        for latency in measured["queries"].values():
            assert set(latency) == {"all", "source", "role", "title", "period"}
            for figures in latency.values():
                assert 0 < figures["median_ms"] <= figures["p95_ms"]
        assert list(measured["pages"]) == page_files()
        assert all(page["median_s"] > 0 for page in measured["pages"].values())
    for name in QUERIES:
        assert f"query {name}" in done.stdout
    assert "page pages/skill_explorer.py" in done.stdout


def test_replica_copies_every_listing_as_new_datasets(tmp_path: Path) -> None:
    corpus = make_corpus(200, tmp_path, seed=5)
    source = tmp_path / "source.duckdb"
    _ingest(corpus, source)
    target = replicate(source, tmp_path / "copy.duckdb", copies=3)

    con = db.connect(source, read_only=True)
    original = con.execute("SELECT posting_id, posted_date FROM postings").fetchall()
    original_shares = queries.skill_shares(con, Filters(), limit=1000)
    skills = con.execute("SELECT count(*) FROM posting_skills").fetchone()[0]
    con.close()
    con = db.connect(target, read_only=True)
    try:
        assert con.execute("SELECT name FROM datasets ORDER BY dataset_id").fetchall() == [
            ("bench-0",),
            ("bench-1",),
            ("bench-2",),
        ]
        copies = con.execute("SELECT posting_id, posted_date FROM postings").fetchall()
        assert len(copies) == 3 * len(original) == len({posting_id for posting_id, _ in copies})
        dates = dict(original)
        for posting_id, posted in copies:
            _, source_id = posting_id.split(":", 1)
            assert abs((posted - dates[source_id]).days) <= 30, posting_id
        assert con.execute("SELECT count(*) FROM posting_skills").fetchone()[0] == 3 * skills
        shares = queries.skill_shares(con, Filters(), limit=1000)
        assert list(shares["skill_id"]) == list(original_shares["skill_id"])
        assert list(shares["listings"]) == [3 * n for n in original_shares["listings"]]
        one = queries.skill_shares(con, Filters(sources=("bench-1",)), limit=1000)
        assert list(one["listings"]) == list(original_shares["listings"])
    finally:
        con.close()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("C#, .NET and SQL", True),
        ("We use C#.", True),
        ("C# developer", True),
        ("C#x", False),
        ("ABC#", False),
        ("c sharp", True),
        ("C\nSharp", False),  # names do not run across a line break
        ("C  \t Sharp", True),
        ("C-Sharp or C_Sharp or CSharp", True),
    ],
)
def test_the_careful_baseline_reads_names_as_the_matcher_does(
    text: str, found: bool, matcher
) -> None:
    pattern = common_pattern(("C#", "C Sharp", "CSharp"))
    assert bool(re.search(pattern, text, re.IGNORECASE)) is found
    assert ("csharp" in matcher.skills_in(text)) is found


def _ingest(corpus: Path, database: Path) -> str:
    """`python -m pipelines ingest`, as a user runs it; its output."""
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "ingest", str(corpus), "--db", str(database)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
