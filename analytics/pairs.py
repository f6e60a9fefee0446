"""Which skills listings name together: pair counts, P(B|A), lift and Jaccard (SPEC section 6).

All counts are over the filtered listings with text, the same denominator as skill shares.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.filters import Filters
from analytics.queries import run

# Pairs seen fewer times are not ranked: lift on tiny counts is noise.
MIN_PAIR_LISTINGS = 5


def cooccurrence(con: duckdb.DuckDBPyConnection, filters: Filters, top: int = 15) -> pd.DataFrame:
    """Every ordered pair of the `top` skills by share, zero pairs included: one heatmap cell each.

    Rows run in rank order of skill_a, then skill_b, so `skill_a.unique()` is the axis order.
    """
    return run(con, "cooccurrence", filters, top=top)


def top_pairs(con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = 20) -> pd.DataFrame:
    """Pairs named together most often, each once (skill_a < skill_b by id)."""
    return run(con, "top_pairs", filters, limit=limit, min_pair_listings=MIN_PAIR_LISTINGS)


def goes_with(
    con: duckdb.DuckDBPyConnection, filters: Filters, skill_id: str, limit: int = 15
) -> pd.DataFrame:
    """The skills named alongside `skill_id` most beyond chance (lift), then most often."""
    return run(
        con,
        "goes_with",
        filters,
        skill_id=skill_id,
        limit=limit,
        min_pair_listings=MIN_PAIR_LISTINGS,
    )
