"""An independent pandas reference for the dashboard queries.

The tables are read as they are stored and the shared filters applied in plain pandas, so a test
can count what a query should return without going through analytics/sql at all.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.filters import Filters

# The 97.5% point of the standard normal distribution: a two-sided 95% interval.
Z95 = 1.959964
# Named filter cases for parametrised tests: sources, role families, a date range, a title keyword.
CASES = {
    "none": Filters(),
    "hn": Filters(sources=("hn-whoishiring",)),
    "full-text sources": Filters(sources=("glassdoor-2020", "jsearch-ds-2025")),
    "data scientists": Filters(role_families=("data_scientist",)),
    "ml and ai engineers": Filters(role_families=("ml_engineer", "ai_engineer")),
    "2023-2024": Filters(date_from=datetime.date(2023, 1, 1), date_to=datetime.date(2024, 12, 31)),
    "title keyword": Filters(title_keyword=" Engineer "),
}


@dataclass(frozen=True)
class Sample:
    """A database as plain tables.

    postings: every listing, plus `source` (the name of its dataset) and `has_text` (it has a
    description to read); posting_skills: posting_id, skill_id; skills: skill_id, name, category.
    """

    postings: pd.DataFrame
    posting_skills: pd.DataFrame
    skills: pd.DataFrame


def load_sample(con: duckdb.DuckDBPyConnection) -> Sample:
    postings = con.execute("SELECT * FROM postings").df()
    datasets = con.execute("SELECT dataset_id, name AS source FROM datasets").df()
    postings = postings.merge(datasets, on="dataset_id")
    postings["has_text"] = postings["description"].notna()
    return Sample(
        postings=postings,
        posting_skills=con.execute("SELECT posting_id, skill_id FROM posting_skills").df(),
        skills=con.execute("SELECT skill_id, name, category FROM skills").df(),
    )


def select(postings: pd.DataFrame, filters: Filters, *, with_text: bool = False) -> pd.DataFrame:
    """The listings the filters keep; with_text: only those with text to read.

    Every restriction must hold. A date bound leaves out undated listings; sources are dataset
    names; the title keyword is a case-insensitive substring of the title, blanks around it
    ignored, and a listing without a title never contains it.
    """
    keep = pd.Series(True, index=postings.index)
    if with_text:
        keep &= postings["has_text"]
    dates = postings["posted_date"]
    if filters.date_from is not None:
        keep &= dates.notna() & (dates >= pd.Timestamp(filters.date_from))
    if filters.date_to is not None:
        keep &= dates.notna() & (dates <= pd.Timestamp(filters.date_to))
    for column, values in (
        ("source", filters.sources),
        ("role_family", filters.role_families),
        ("seniority", filters.seniorities),
        ("country", filters.countries),
        ("remote", filters.remote),
    ):
        if values:
            keep &= postings[column].isin(values)
    word = filters.title_keyword.strip().lower()
    if word:
        keep &= postings["title"].str.lower().str.contains(word, regex=False, na=False)
    return postings[keep]


def wilson(k: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of k successes in n trials; (NaN, NaN) when n is 0."""
    if n == 0:
        return math.nan, math.nan
    p = k / n
    denominator = 1 + z * z / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / denominator, (centre + spread) / denominator


def pooled_test(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float]:
    """(z, two-sided p) of the pooled two-proportion z-test; NaN where it is undefined."""
    if n1 == 0 or n2 == 0:
        return math.nan, math.nan
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return math.nan, math.nan
    z = (k1 / n1 - k2 / n2) / se
    return z, math.erfc(abs(z) / math.sqrt(2))
