"""Skill profiles per role family (SPEC section 6, Roles); roles with few listings are flagged.

Two roles side by side is analytics.compare.compare with one role filter on each side.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.filters import Filters
from analytics.queries import run, with_interval
from pipelines.roles import ROLE_FAMILIES

# Roles with fewer listings with text are flagged, not compared: intervals span tens of points.
MIN_ROLE_LISTINGS = 20
# Enough bars per role to show its character without crowding a small-multiples chart.
TOP_ROLE_SKILLS = 12


def role_sizes(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Listings and listings with text (n) per role family, largest first; thin when n is small."""
    sizes = run(con, "role_sizes", filters, min_role_listings=MIN_ROLE_LISTINGS)
    return _labelled(sizes)[["role_family", "label", "listings", "n", "thin"]]


def role_profiles(
    con: duckdb.DuckDBPyConnection, filters: Filters, top: int = TOP_ROLE_SKILLS
) -> pd.DataFrame:
    """Each role family's own `top` skills by share of its listings, with the Wilson interval."""
    profiles = with_interval(run(con, "role_profiles", filters, top=top))
    columns = ["role_family", "label", "skill_id", "name", "listings", "n", "share"]
    return _labelled(profiles)[[*columns, "ci_low", "ci_high"]]


def skill_by_role(con: duckdb.DuckDBPyConnection, filters: Filters, skill_id: str) -> pd.DataFrame:
    """The share of each role family's listings naming `skill_id`, highest first."""
    shares = with_interval(
        run(con, "skill_by_role", filters, skill_id=skill_id, min_role_listings=MIN_ROLE_LISTINGS)
    )
    columns = ["role_family", "label", "listings", "n", "share", "ci_low", "ci_high", "thin"]
    return _labelled(shares)[columns]


def _labelled(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(label=frame["role_family"].map(lambda role: ROLE_FAMILIES.get(role, role)))
