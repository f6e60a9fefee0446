"""Trends: monthly skill shares with their intervals, and the skills rising or falling lately."""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.filters import Filters
from analytics.queries import run, with_interval
from analytics.stats import two_proportion_test

# Below this many listings with text a month's share swings by several points on chance alone,
# so the month is flagged thin and not plotted as a fact.
MIN_MONTH_LISTINGS = 30

RISING_FALLING_COLUMNS = [
    "skill_id",
    "name",
    "category",
    "recent_listings",
    "recent_n",
    "recent_share",
    "earlier_listings",
    "earlier_n",
    "earlier_share",
    "change",
    "z",
    "p_value",
]


def monthly_shares(
    con: duckdb.DuckDBPyConnection, filters: Filters, skill_ids: tuple[str, ...]
) -> pd.DataFrame:
    """Share per calendar month for each skill, every month from the first to the last dated one.

    Rows come in the order of `skill_ids`, then by month; ids not in the taxonomy are dropped.
    """
    shares = run(con, "monthly_shares", filters, skill_ids=list(skill_ids))
    shares = with_interval(shares)
    return shares.assign(
        month=pd.to_datetime(shares["month"]), thin=shares["n"] < MIN_MONTH_LISTINGS
    )


def rising_falling(
    con: duckdb.DuckDBPyConnection, filters: Filters, months: int = 6
) -> pd.DataFrame:
    """Last `months` months against the `months` before, per skill, largest gain first."""
    if months < 1:
        raise ValueError(f"months must be at least 1, not {months}")
    counts = run(con, "rising_falling", filters, months=months)
    recent_share = counts["recent_listings"] / counts["recent_n"]
    earlier_share = counts["earlier_listings"] / counts["earlier_n"]
    z, p_value = two_proportion_test(
        counts["recent_listings"],
        counts["recent_n"],
        counts["earlier_listings"],
        counts["earlier_n"],
    )
    result = counts.assign(
        recent_share=recent_share,
        earlier_share=earlier_share,
        change=recent_share - earlier_share,
        z=z.to_numpy(),
        p_value=p_value.to_numpy(),
    )
    result = result.sort_values(["change", "name"], ascending=[False, True], ignore_index=True)
    return result[RISING_FALLING_COLUMNS]
