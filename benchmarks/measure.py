"""The measurements behind `python -m benchmarks`, one function per figure."""

from __future__ import annotations

import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa

from analytics import (
    advice,
    compare,
    evidence,
    learner,
    pairs,
    profiles,
    queries,
    salaries,
    trends,
)
from analytics.filters import Filters
from pipelines import db, readers
from pipelines.load import WORKERS, extraction_text, matcher_for, skills_of
from pipelines.skills import Matcher, Skill, load_taxonomy, spellings

REPO = Path(__file__).resolve().parents[1]


def read_texts(corpus: Path, limit: int) -> tuple[list[str], list[str]]:
    """(job ids, title + "\\n" + description) of the first `limit` listings, as ingest sees them."""
    frame = pd.read_csv(corpus, dtype=str, keep_default_na=False, nrows=limit)
    texts = [extraction_text(t, d) for t, d in zip(frame["job_title"], frame["description"])]
    return list(frame["job_id"]), texts


def _timed(action: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def extraction(corpus: Path, *, limit: int, runs: int) -> dict:
    """MB/s of UTF-8 text through the matcher (built beforehand): `Matcher.skills_in` in a loop
    on one core, and batches of listings on every core as ingest and re-extraction run them."""
    frame = pd.read_csv(corpus, dtype=str, keep_default_na=False, nrows=limit)
    titles, descriptions = frame["job_title"].tolist(), frame["description"].tolist()
    texts = list(map(extraction_text, titles, descriptions))
    matcher = Matcher(load_taxonomy())
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    one_core, _ = _timed(lambda: [matcher.skills_in(t) for t in texts], runs)
    # Each batch its own arrays: a slice of one big table would carry all of it to a worker.
    step = readers.BATCH_ROWS
    batches = [
        pa.record_batch(
            {
                "posting_id": frame["job_id"][start : start + step].tolist(),
                "title": titles[start : start + step],
                "description": descriptions[start : start + step],
            }
        )
        for start in range(0, len(texts), step)
    ]
    cores, _ = _timed(lambda: skills_of(batches, matcher, parallel=True), runs)
    return {
        "texts": len(texts),
        "mb": megabytes,
        "seconds": one_core,
        "mb_per_s": megabytes / one_core,
        "workers": WORKERS,
        "parallel_seconds": cores,
        "parallel_mb_per_s": megabytes / cores,
    }


def unambiguous(skills: tuple[Skill, ...]) -> list[Skill]:
    """Skills named only by case-insensitive aliases: the ones a plain regex can find alone."""
    return [s for s in skills if s.aliases and not (s.exact or s.weak or s.exclude or s.patterns)]


def common_pattern(aliases: tuple[str, ...]) -> str:
    """The common approach done with care: each alias as the spellings we accept (words joined
    by spaces, a hyphen, an underscore or nothing), between characters that are not word ones.

    Python's `\\b` would miss "C#" and "C++", whose last character is not a word character.
    """
    spelled = [
        re.escape(spelling).replace(r"\ ", r"[^\S\n]+")
        for alias in aliases
        for spelling in spellings(alias)
    ]
    return r"(?<!\w)(?:" + "|".join(spelled) + r")(?!\w)"


def baseline(corpus: Path, *, limit: int, runs: int) -> dict:
    """pandas str.contains per skill against our matcher, on the same texts and skills: timed
    with `\\b(?:alias|...)\\b`, and compared with `common_pattern`.

    Disagreements where our hit touches a letter or digit ("oMATLAB", "SQLExperience") are
    words glued where a scraper lost a line break: we split them, a word-boundary regex cannot.
    They are counted apart from the rest.
    """
    ids, texts = read_texts(corpus, limit)
    matcher = Matcher(load_taxonomy())
    chosen = unambiguous(matcher.taxonomy.skills)
    series = pd.Series(texts)
    plain = {s.id: r"\b(?:" + "|".join(map(re.escape, s.aliases)) + r")\b" for s in chosen}
    patterns = {s.id: common_pattern(s.aliases) for s in chosen}

    def contains(regexes: dict[str, str]) -> dict[str, pd.Series]:
        return {
            skill: series.str.contains(regex, case=False, regex=True)
            for skill, regex in regexes.items()
        }

    # Timed as people write it; compared in the careful form, which means what ours means.
    pandas_seconds, _ = _timed(lambda: contains(plain), runs)
    theirs = contains(patterns)
    ours_seconds, found = _timed(lambda: [set(matcher.skills_in(t)) for t in texts], runs)
    cells = agree = glued = 0
    same_listing = [True] * len(texts)
    disagreements = []
    for skill, hits in theirs.items():
        for row, their in enumerate(hits.tolist()):
            mine = skill in found[row]
            cells += 1
            if mine == their:
                agree += 1
                continue
            same_listing[row] = False
            if mine and _glued(texts[row], matcher, skill):
                glued += 1
                continue
            if len(disagreements) < 20:
                disagreements.append(
                    {
                        "skill": skill,
                        "job_id": ids[row],
                        "found_by": "pandas" if their else "ours",
                        "text": _context(texts[row], patterns[skill], matcher, skill),
                    }
                )
    return {
        "texts": len(texts),
        "mb": sum(len(t.encode("utf-8")) for t in texts) / 1e6,
        "skills": len(patterns),
        "pandas_seconds": pandas_seconds,
        "ours_seconds": ours_seconds,
        "speedup": pandas_seconds / ours_seconds,
        "agreement": agree / max(cells, 1),
        "glued_cells": glued,
        "agreement_apart_from_glued": (agree + glued) / max(cells, 1),
        "listings_identical": sum(same_listing) / max(len(texts), 1),
        "disagreements": disagreements,
    }


def _glued(text: str, matcher: Matcher, skill: str) -> bool:
    """Every hit of `skill` in `text` touches a letter or digit on one side."""
    spans = [(hit.start, hit.end) for hit in matcher.hits(text) if hit.skill_id == skill]
    return bool(spans) and all(
        (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum())
        for start, end in spans
    )


def _context(text: str, pattern: str, matcher: Matcher, skill: str) -> str:
    match = re.search(pattern, text, re.IGNORECASE)
    if match:
        start, end = match.span()
    else:
        hit = next((h for h in matcher.hits(text) if h.skill_id == skill), None)
        if hit is None:
            return ""
        start, end = hit.start, hit.end
    return text[max(0, start - 30) : end + 30].replace("\n", " ")


# Progress lines of `python -m pipelines ingest` on a non-terminal: "<file>: <Stage>...".
_STAGE = re.compile(r"^[^:]+: (?P<stage>[A-Z][A-Za-z ]+)\.\.\.$")
_PEAK_WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
lines = [(time.perf_counter() - started, line.rstrip("\\n")) for line in child.stderr]
stdout = child.stdout.read()
code = child.wait()
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"returncode": code, "seconds": seconds, "peak_rss_kb": peak,
                  "stderr": lines, "stdout": stdout}))
"""


def run_pipelines(arguments: list[str], *, file_bytes: int = 0) -> dict:
    """Run `python -m pipelines ...` under a small wrapper that reports its peak RSS alone.

    RUSAGE_CHILDREN of this process would mix every child ever waited for, so a fresh
    wrapper process waits for the one command and reads its own RUSAGE_CHILDREN.
    """
    env = dict(os.environ)
    if file_bytes:  # a 1M-listing corpus is larger than the upload limit a user gets
        env["JOBS_MAX_FILE_MB"] = str(max(1024, (file_bytes >> 20) + 64))
    command = [sys.executable, "-c", _PEAK_WRAPPER, sys.executable, "-m", "pipelines", *arguments]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, check=True)
    report = json.loads(done.stdout)
    stages: dict[str, float] = {}
    previous_name, previous_at = "start-up", 0.0
    for at, line in report["stderr"]:
        match = _STAGE.match(line)
        if not match:
            continue
        stages[previous_name] = stages.get(previous_name, 0.0) + at - previous_at
        previous_name, previous_at = match["stage"].lower(), at
    stages[previous_name] = stages.get(previous_name, 0.0) + report["seconds"] - previous_at
    return {
        "returncode": report["returncode"],
        "seconds": report["seconds"],
        "peak_rss_mb": report["peak_rss_kb"] / 1024,
        "stages": stages,
        "stdout": report["stdout"],
        "stderr_tail": "\n".join(line for _, line in report["stderr"][-5:]),
    }


def dashboard_queries(con, matcher: Matcher) -> dict[str, Callable[[Filters], object]]:
    """Every analytics function the pages call, with arguments a page would pass."""
    top = tuple(queries.skill_shares(con, Filters(), limit=5)["skill_id"])
    first = top[0] if top else "python"
    known = top[:2]
    split_to, split_from = datetime.date(2018, 12, 31), datetime.date(2019, 1, 1)
    currency = salaries.salary_currencies(con, Filters())
    money = str(currency.iloc[0, 0]) if len(currency) else "USD"

    return {
        "summary": lambda f: queries.summary(con, f),
        "datasets_in_view": lambda f: queries.datasets_in_view(con, f),
        "skill_shares": lambda f: queries.skill_shares(con, f),
        "listings_per_month": lambda f: queries.listings_per_month(con, f),
        "category_shares": lambda f: queries.category_shares(con, f),
        "trends.monthly_shares": lambda f: trends.monthly_shares(con, f, top),
        "trends.rising_falling": lambda f: trends.rising_falling(con, f),
        "pairs.cooccurrence": lambda f: pairs.cooccurrence(con, f),
        "pairs.top_pairs": lambda f: pairs.top_pairs(con, f),
        "pairs.goes_with": lambda f: pairs.goes_with(con, f, first),
        "profiles.role_sizes": lambda f: profiles.role_sizes(con, f),
        "profiles.role_profiles": lambda f: profiles.role_profiles(con, f),
        "profiles.skill_by_role": lambda f: profiles.skill_by_role(con, f, first),
        "learner.coverage": lambda f: learner.coverage(con, f, known),
        "learner.next_skills": lambda f: learner.next_skills(con, f, known),
        "salaries.salary_currencies": lambda f: salaries.salary_currencies(con, f),
        "salaries.salary_by_skill": lambda f: salaries.salary_by_skill(con, f, money),
        "salaries.salary_overall": lambda f: salaries.salary_overall(con, f, money),
        "advice.advice_check": lambda f: advice.advice_check(con, f),
        "compare.compare": lambda f: compare.compare(
            con, f, replace(f, date_to=split_to), replace(f, date_from=split_from)
        ),
        "evidence.sample_postings": lambda f: evidence.sample_postings(con, f, first, matcher),
        # The sidebar and the Data sources page: the same whatever the filters.
        "filter_options": lambda f: queries.filter_options(con),
        "datasets_table": lambda f: queries.datasets_table(con),
        "skill_catalog": lambda f: queries.skill_catalog(con),
    }


def benchmark_filters(con) -> dict[str, Filters]:
    """No filter, and one of each kind a user sets: a source, a role, a period, a title word."""
    source = con.execute("SELECT name FROM datasets ORDER BY dataset_id LIMIT 1").fetchone()
    last = con.execute("SELECT max(posted_date) FROM postings").fetchone()[0]
    chosen = {
        "all": Filters(),
        "source": Filters(sources=(source[0],) if source else ()),
        "role": Filters(role_families=("data_scientist",)),
        "title": Filters(title_keyword="data"),
    }
    if last is not None:  # the last three years, as a period slider would set them
        chosen["period"] = Filters(date_from=last.replace(year=last.year - 3, day=1), date_to=last)
    return chosen


def query_latencies(database: Path, *, repeats: int) -> dict:
    """Median and p95 in ms of each query under each benchmark filter.

    Runs go round all queries and filters in turn, so a slow spell on a shared machine spreads
    over every figure instead of landing on one.
    """
    con = db.connect(database, read_only=True)
    try:
        filters = benchmark_filters(con)
        chosen = dashboard_queries(con, matcher_for(con))
        for query in chosen.values():
            for f in filters.values():
                query(f)  # warm: the first call parses the SQL and reads the pages
        times: dict[tuple[str, str], list[float]] = {
            (name, label): [] for name in chosen for label in filters
        }
        for _ in range(repeats):
            for name, query in chosen.items():
                for label, f in filters.items():
                    started = time.perf_counter()
                    query(f)
                    times[name, label].append((time.perf_counter() - started) * 1000)
        return {
            name: {
                label: {
                    "median_ms": statistics.median(times[name, label]),
                    "p95_ms": _percentile(times[name, label], 0.95),
                    "runs": repeats,
                }
                for label in filters
            }
            for name in chosen
        }
    finally:
        con.close()


def page_renders(database: Path, *, runs: int) -> dict:
    """Median and slowest seconds of one AppTest run of each page (benchmarks/pages.py)."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.pages", str(database), str(runs)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    if done.returncode:
        raise RuntimeError(f"page renders failed:\n{done.stderr[-2000:]}")
    times = json.loads(done.stdout)
    return {
        page: {"median_s": statistics.median(seconds), "max_s": max(seconds), "runs": runs}
        for page, seconds in times.items()
    }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]
