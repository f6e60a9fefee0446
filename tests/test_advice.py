"""The advice check against an independent pandas count of the shipped sample."""

from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
import pytest
from conftest import HAND_LISTINGS_WITH_TEXT
from reference import select, wilson

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
def test_advice_check_matches_pandas(sample_con, sample, filters: Filters) -> None:
    rows = select(sample.postings, filters, with_text=True)
    named = rows.merge(sample.posting_skills, on="posting_id")
    got = advice_check(sample_con, filters)
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


def test_an_area_counts_a_listing_once_however_many_of_its_skills_it_names(
    sample_con, sample
) -> None:
    rows = select(sample.postings, FILTERS[1])
    posting_skills = sample.posting_skills
    per_skill = posting_skills[posting_skills["posting_id"].isin(rows["posting_id"])]
    libraries = per_skill[per_skill["skill_id"].isin(ADVICE_AREAS["ML libraries and frameworks"])]
    got = advice_check(sample_con, FILTERS[1]).set_index("area")
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


def test_filters_that_match_nothing_give_all_zero_rows(sample_con) -> None:
    got = advice_check(sample_con, Filters(title_keyword="astronaut"))
    assert list(got["area"]) == list(ADVICE_AREAS)
    assert got["listings"].eq(0).all() and got["n"].eq(0).all()
    assert np.isnan(got["share"]).all() and np.isnan(got["ci_low"]).all()
