"""The advice check against an independent pandas count of the shipped sample."""

from __future__ import annotations

import datetime
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import HAND_LISTINGS_WITH_TEXT

from analytics.advice import ADVICE_AREAS, advice_check
from analytics.filters import Filters
from pipelines import db
from pipelines.skills import load_taxonomy

FILTERS = [
    Filters(),
    Filters(sources=("jsearch-ds-2025",)),
    Filters(sources=("glassdoor-2020", "jsearch-ds-2025")),
    Filters(date_from=datetime.date(2025, 1, 1), date_to=datetime.date(2025, 7, 31)),
    Filters(role_families=("ml_engineer", "data_scientist")),
    Filters(title_keyword="Machine Learning"),
]
COLUMNS = ["area", "skill_ids", "listings", "n", "share", "ci_low", "ci_high"]


@pytest.fixture(scope="module")
def con(sample_db: Path):
    connection = db.connect(sample_db, read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def tables(con) -> tuple[pd.DataFrame, pd.DataFrame]:
    postings = con.execute("SELECT * FROM postings").df()
    datasets = con.execute("SELECT dataset_id, name AS dataset FROM datasets").df()
    postings = postings.merge(datasets, on="dataset_id")
    postings["has_text"] = postings["description"].notna()
    return postings, con.execute("SELECT * FROM posting_skills").df()


def select(postings: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    keep = pd.Series(True, index=postings.index)
    if filters.date_from:
        keep &= postings["posted_date"] >= pd.Timestamp(filters.date_from)
    if filters.date_to:
        keep &= postings["posted_date"] <= pd.Timestamp(filters.date_to)
    for column, values in (
        ("dataset", filters.sources),
        ("role_family", filters.role_families),
        ("seniority", filters.seniorities),
        ("country", filters.countries),
        ("remote", filters.remote),
    ):
        if values:
            keep &= postings[column].isin(values)
    if filters.title_keyword.strip():
        word = filters.title_keyword.strip().lower()
        keep &= postings["title"].str.lower().str.contains(word, regex=False).fillna(False)
    return postings[keep]


def wilson(k: float, n: float, z: float = 1.959964) -> tuple[float, float]:
    if n == 0:
        return math.nan, math.nan
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def test_areas_are_the_spec_areas_with_known_skill_ids() -> None:
    assert list(ADVICE_AREAS) == [
        "Programming (Python, R)",
        "Linear algebra and calculus",
        "Data structures and algorithms",
        "ML libraries and frameworks",
        "Statistics and probability",
        "Collaboration and communication",
        "Continuous learning",
    ]
    known = {skill.id for skill in load_taxonomy().skills}
    for area, skill_ids in ADVICE_AREAS.items():
        assert skill_ids and set(skill_ids) <= known, area
    assert {"tensorflow", "pytorch", "scikit_learn"} <= set(
        ADVICE_AREAS["ML libraries and frameworks"]
    )


@pytest.mark.parametrize("filters", FILTERS)
def test_advice_check_matches_pandas(con, tables, filters: Filters) -> None:
    postings, posting_skills = tables
    rows = select(postings, filters)
    rows = rows[rows["has_text"]]
    named = rows.merge(posting_skills, on="posting_id")
    got = advice_check(con, filters)
    assert list(got.columns) == COLUMNS
    assert list(got["area"]) == list(ADVICE_AREAS)
    for row, (area, skill_ids) in zip(got.itertuples(), ADVICE_AREAS.items()):
        k = named.loc[named["skill_id"].isin(skill_ids), "posting_id"].nunique()
        assert [s.strip() for s in row.skill_ids.split(",")] == list(skill_ids)
        assert (row.listings, row.n) == (k, len(rows)), area
        assert row.share == pytest.approx(k / len(rows))
        low, high = wilson(k, len(rows))
        assert row.ci_low == pytest.approx(low, abs=1e-4)
        assert row.ci_high == pytest.approx(high, abs=1e-4)


def test_an_area_counts_a_listing_once_however_many_of_its_skills_it_names(con, tables) -> None:
    postings, posting_skills = tables
    rows = select(postings, FILTERS[1])
    per_skill = posting_skills[posting_skills["posting_id"].isin(rows["posting_id"])]
    libraries = per_skill[per_skill["skill_id"].isin(ADVICE_AREAS["ML libraries and frameworks"])]
    got = advice_check(con, FILTERS[1]).set_index("area")
    assert got.loc["ML libraries and frameworks", "listings"] < len(libraries)


def test_advice_check_on_the_hand_counted_listings(hand_db: Path) -> None:
    # Programming: A-1 and A-4 (Python), A-2 (R); libraries: A-3 (PyTorch, TensorFlow), A-8 (JAX);
    # no listing names any other area's skill. 7 listings with text.
    con = db.connect(hand_db, read_only=True)
    try:
        got = advice_check(con, Filters()).set_index("area")
    finally:
        con.close()
    expected = {"Programming (Python, R)": 3, "ML libraries and frameworks": 2}
    for area in ADVICE_AREAS:
        assert got.loc[area, "listings"] == expected.get(area, 0)
        assert got.loc[area, "n"] == HAND_LISTINGS_WITH_TEXT == 7
    assert got.loc["Programming (Python, R)", "share"] == pytest.approx(3 / 7)


def test_filters_that_match_nothing_give_all_zero_rows(con) -> None:
    got = advice_check(con, Filters(title_keyword="astronaut"))
    assert list(got["area"]) == list(ADVICE_AREAS)
    assert got["listings"].eq(0).all() and got["n"].eq(0).all()
    assert np.isnan(got["share"]).all() and np.isnan(got["ci_low"]).all()
