"""Advice check: the skill areas career advice names for ML engineers, against the listings."""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.filters import Filters
from analytics.queries import run, with_interval

# The areas of SPEC's introduction, in its order; an area counts a listing naming any of its skills.
ADVICE_AREAS: dict[str, tuple[str, ...]] = {
    "Programming (Python, R)": ("python", "r"),
    "Linear algebra and calculus": ("linear_algebra", "calculus", "mathematics"),
    "Data structures and algorithms": ("data_structures_algorithms",),
    "ML libraries and frameworks": (
        "tensorflow",
        "pytorch",
        "scikit_learn",
        "keras",
        "jax",
        "xgboost",
        "lightgbm",
        "hugging_face",
    ),
    "Statistics and probability": (
        "statistics",
        "probability",
        "hypothesis_testing",
        "bayesian_methods",
        "ab_testing",
    ),
    "Collaboration and communication": ("collaboration", "communication"),
    "Continuous learning": ("continuous_learning",),
}


def advice_check(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Share of listings naming each area, with its interval; n = 0 gives zeros, share NaN."""
    pairs = [(area, skill) for area, skills in ADVICE_AREAS.items() for skill in skills]
    areas, area_skills = (list(column) for column in zip(*pairs))
    return with_interval(run(con, "advice_check", filters, areas=areas, area_skills=area_skills))
