"""Salaries: annualised salary per skill and overall, one currency at a time, with counts."""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.filters import Filters
from analytics.queries import run

# A median of fewer listings moves with one or two postings: shown as "too few", not as a fact.
MIN_SALARY_LISTINGS = 10

SKILL_COLUMNS = ["skill_id", "name", "category", "listings", "median", "q1", "q3", "shown"]


def salary_currencies(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Currencies with listings that give an annual salary figure, the most common first."""
    return run(con, "salary_currencies", filters)


def salary_by_skill(
    con: duckdb.DuckDBPyConnection, filters: Filters, currency: str
) -> pd.DataFrame:
    """Median and quartiles per skill; highest median first among those shown, then the rest."""
    salaries = _salaries(con, filters, currency)
    return salaries[salaries["skill_id"].notna()].reset_index(drop=True)[SKILL_COLUMNS]


def salary_overall(con: duckdb.DuckDBPyConnection, filters: Filters, currency: str) -> dict:
    """listings, median, q1, q3 over every listing with a figure in `currency` (NaN if none)."""
    salaries = _salaries(con, filters, currency)
    overall = salaries[salaries["skill_id"].isna()].iloc[0]
    return {
        "listings": int(overall["listings"]),
        **{key: float(overall[key]) for key in ("median", "q1", "q3")},
    }


def _salaries(con: duckdb.DuckDBPyConnection, filters: Filters, currency: str) -> pd.DataFrame:
    return run(con, "salaries", filters, currency=currency, min_listings=MIN_SALARY_LISTINGS)
