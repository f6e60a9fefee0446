"""My skills: how far a learner's skills cover the listings, and which one skill to learn next.

Only listings with text that name at least one skill count: a listing naming none cannot be
covered or missed. Coverage is full when every skill a listing names is known.
"""

from __future__ import annotations

import math

import duckdb
import pandas as pd

from analytics.filters import Filters
from analytics.queries import run

# The page shows the few best next steps; a long list hides the answer.
NEXT_SKILLS = 5


def coverage(
    con: duckdb.DuckDBPyConnection, filters: Filters, known: tuple[str, ...]
) -> dict[str, float]:
    """n, full, full_share, average_share; the shares are NaN when n is 0."""
    row = run(con, "coverage", filters, known=list(known)).iloc[0]
    return {
        "n": int(row["n"]),
        "full": int(row["full"]),
        "full_share": _number(row["full_share"]),
        "average_share": _number(row["average_share"]),
    }


def next_skills(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    known: tuple[str, ...],
    limit: int = NEXT_SKILLS,
    exclude_categories: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The skills that raise coverage most when added to `known`, best first."""
    return run(
        con,
        "next_skills",
        filters,
        known=list(known),
        limit=limit,
        exclude_categories=list(exclude_categories),
    )


def _number(value: object) -> float:
    return math.nan if pd.isna(value) else float(value)
