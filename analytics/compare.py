"""Compare two sets of listings (two datasets or two periods) skill by skill, with a test each."""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.filters import Filters
from analytics.queries import run, skill_shares
from analytics.stats import two_proportion_test

# The usual 5% level; the page shows p itself, so a reader can be stricter with many skills.
SIGNIFICANCE = 0.05
# More than any taxonomy holds, so every skill either side names comes back.
ALL_SKILLS = 1_000_000

COLUMNS = [
    "skill_id",
    "name",
    "category",
    "a_listings",
    "a_n",
    "a_share",
    "b_listings",
    "b_n",
    "b_share",
    "difference",
    "z",
    "p_value",
    "significant",
]


def compare(
    con: duckdb.DuckDBPyConnection, filters: Filters, a: Filters, b: Filters
) -> pd.DataFrame:
    """Skill shares of `a` against `b`, largest absolute difference first.

    `a` and `b` are complete: the page builds them from the shared `filters`, which are
    taken here only to keep the (con, filters, ...) signature of every analytics function.
    """
    (a_side, a_n), (b_side, b_n) = _side(con, a, "a"), _side(con, b, "b")
    both = a_side.merge(b_side, on=["skill_id", "name", "category"], how="outer")
    for side, n in (("a", a_n), ("b", b_n)):
        both[f"{side}_listings"] = both[f"{side}_listings"].fillna(0).astype("int64")
        both[f"{side}_n"] = n
        both[f"{side}_share"] = both[f"{side}_listings"] / n
    z, p_value = two_proportion_test(
        both["a_listings"], both["a_n"], both["b_listings"], both["b_n"]
    )
    both = both.assign(
        difference=both["a_share"] - both["b_share"], z=z.to_numpy(), p_value=p_value.to_numpy()
    )
    both["significant"] = both["p_value"] < SIGNIFICANCE
    both = both.assign(_size=both["difference"].abs()).sort_values(
        ["_size", "name"], ascending=[False, True], na_position="last", ignore_index=True
    )
    return both[COLUMNS]


def _side(con: duckdb.DuckDBPyConnection, filters: Filters, side: str) -> tuple[pd.DataFrame, int]:
    """The side's skill counts, and its listings with text (n)."""
    shares = skill_shares(con, filters, limit=ALL_SKILLS)
    # A side whose listings name no skill has no row to read n off, but still has its n.
    n = shares["n"].iloc[0] if len(shares) else run(con, "listings_with_text", filters)["n"][0]
    counts = shares[["skill_id", "name", "category", "listings"]]
    return counts.rename(columns={"listings": f"{side}_listings"}), int(n)
