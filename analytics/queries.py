"""Dashboard queries: each a SQL file in analytics/sql/, run with the shared filters bound."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from analytics.filters import Filters
from analytics.stats import wilson_interval

SQL_DIR = Path(__file__).resolve().parent / "sql"
# Top-N bars stay readable on a slide.
TOP_SKILLS = 20


# Shared subqueries a query file names by token: the filtered listings; those with text as
# bitmaps over posting_key (the form of skill_bitmaps, pipelines/summaries.py), each skill's
# bits and count among them; their cells, and the listings of the cells not covered (cells.sql).
_FRAGMENTS = {
    "FILTERED_POSTINGS": "filtered",
    "FILTERED_BITS": "filtered_bits",
    "NAMED_BITS": "named_bits",
    "SKILL_COUNTS": "skill_counts",
    "FILTERED_CELLS": "cells",
    "UNCOVERED_POSTINGS": "uncovered",
    "KNOWN_SKILL_KEYS": "known_skill_keys",
    "UNCOVERED_SKILL_LISTS": "uncovered_skill_lists",
}


@cache
def sql(name: str) -> str:
    """The query text of analytics/sql/NAME.sql with the shared subqueries in place."""
    text = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    for token, fragment in _FRAGMENTS.items():
        text = text.replace(token, (SQL_DIR / f"{fragment}.sql").read_text(encoding="utf-8"))
    return text


def run(
    con: duckdb.DuckDBPyConnection, name: str, filters: Filters, **params: object
) -> pd.DataFrame:
    return con.execute(sql(name), filters.params() | params).df()


def summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.Series:
    return run(con, "summary", filters).iloc[0]


def datasets_in_view(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    return run(con, "datasets_in_view", filters)


def listings_per_month(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    return run(con, "listings_per_month", filters)


def skill_shares(
    con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = TOP_SKILLS
) -> pd.DataFrame:
    shares = run(con, "skill_shares", filters, limit=limit)
    return with_interval(shares)


def with_interval(frame: pd.DataFrame, k: str = "listings", n: str = "n") -> pd.DataFrame:
    """Add the 95% Wilson interval (ci_low, ci_high) of k in n."""
    low, high = wilson_interval(frame[k], frame[n])
    return frame.assign(ci_low=low.to_numpy(), ci_high=high.to_numpy())


def category_shares(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    return run(con, "category_shares", filters)


@dataclass(frozen=True)
class FilterOptions:
    """The values the sidebar filters can take, from what is loaded."""

    sources: list[str]
    countries: list[str]
    months: list[datetime.date]
    # The source with dated listings in the most months: the default for trends, so a trend
    # line is not a jump from one source to another.
    trend_source: str | None


def filter_options(con: duckdb.DuckDBPyConnection) -> FilterOptions:
    sources = con.execute(
        "SELECT name FROM datasets WHERE rows_loaded > 0 GROUP BY name ORDER BY min(dataset_id)"
    ).fetchall()
    countries = con.execute(
        "SELECT country FROM postings WHERE country IS NOT NULL "
        "GROUP BY country ORDER BY count(*) DESC, country"
    ).fetchall()
    months = con.execute(
        "SELECT range::DATE FROM range("
        "  (SELECT date_trunc('month', min(posted_date)) FROM postings),"
        "  (SELECT date_trunc('month', max(posted_date)) FROM postings) + INTERVAL 1 MONTH,"
        "  INTERVAL 1 MONTH)"
    ).fetchall()
    trend_source = con.execute(
        "SELECT d.name FROM postings p JOIN datasets d USING (dataset_id) "
        "WHERE p.posted_date IS NOT NULL GROUP BY d.name "
        "ORDER BY count(DISTINCT year(p.posted_date) * 12 + month(p.posted_date)) DESC, d.name "
        "LIMIT 1"
    ).fetchone()
    return FilterOptions(
        [r[0] for r in sources],
        [r[0] for r in countries],
        [r[0] for r in months],
        trend_source[0] if trend_source else None,
    )


def taxonomy_version(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute("SELECT any_value(taxonomy_version) FROM skills").fetchone()
    return row[0] or ""


def skill_catalog(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every skill of the taxonomy with its description, by category then name."""
    return con.execute(
        "SELECT skill_id, name, category, coalesce(description, '') AS description "
        "FROM skills ORDER BY category, name"
    ).df()


def datasets_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every loaded dataset with its provenance, counts, date range and share, newest first."""
    return con.execute(
        "SELECT d.dataset_id, d.name, d.source_kind, d.file_name, d.file_sha256, d.loaded_at, "
        "d.rows_read, d.rows_loaded, d.rows_duplicate, d.rows_rejected, "
        "min(p.posted_date) AS first_date, max(p.posted_date) AS last_date, "
        "count(p.posting_key) / nullif((SELECT count(*) FROM postings), 0) AS share_of_listings "
        "FROM datasets AS d LEFT JOIN postings AS p USING (dataset_id) "
        "GROUP BY ALL ORDER BY d.dataset_id DESC"
    ).df()


def rejected_rows(con: duckdb.DuckDBPyConnection, dataset_id: int) -> pd.DataFrame:
    """The rows a load rejected, with the reason and the raw row, in file order."""
    return con.execute(
        "SELECT row_number, reason, raw FROM rejected_rows WHERE dataset_id = ? "
        "ORDER BY row_number",
        [dataset_id],
    ).df()
