"""Comparing two sets of listings, against an independent pandas count of the shipped sample."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from conftest import HAND_SKILLS
from reference import Sample, pooled_test, select

from analytics.compare import compare
from analytics.filters import Filters
from pipelines import db

SHARED = Filters()
HN = Filters(sources=("hn-whoishiring",))
PAIRS = [
    # Then and now: the two data-science sets five years apart.
    (Filters(sources=("jsearch-ds-2025",)), Filters(sources=("glassdoor-2020",))),
    # Two periods of Hacker News.
    (
        replace(HN, date_from=datetime.date(2025, 1, 1), date_to=datetime.date(2025, 10, 31)),
        replace(HN, date_from=datetime.date(2023, 1, 1), date_to=datetime.date(2023, 12, 31)),
    ),
    (Filters(role_families=("ml_engineer",)), Filters(role_families=("data_scientist",))),
    (Filters(title_keyword="machine learning"), Filters(title_keyword="analyst")),
    # Overlapping sets are allowed: everything against one source.
    (Filters(), HN),
]
COLUMNS = (
    "skill_id name category a_listings a_n a_share b_listings b_n b_share "
    "difference z p_value significant"
).split()


def counts(sample: Sample, filters: Filters) -> tuple[pd.Series, int]:
    """Listings with text naming each skill, and how many listings have text."""
    rows = select(sample.postings, filters, with_text=True)
    return rows.merge(sample.posting_skills, on="posting_id")["skill_id"].value_counts(), len(rows)


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_compare_matches_pandas(sample_con, sample, a: Filters, b: Filters) -> None:
    a_counts, a_n = counts(sample, a)
    b_counts, b_n = counts(sample, b)
    got = compare(sample_con, SHARED, a, b)
    assert list(got.columns) == COLUMNS
    assert set(got["skill_id"]) == set(a_counts.index) | set(b_counts.index)
    assert got["a_n"].eq(a_n).all() and got["b_n"].eq(b_n).all()
    for row in got.itertuples():
        k1, k2 = int(a_counts.get(row.skill_id, 0)), int(b_counts.get(row.skill_id, 0))
        assert (row.a_listings, row.b_listings) == (k1, k2)
        assert row.a_share == pytest.approx(k1 / a_n)
        assert row.b_share == pytest.approx(k2 / b_n)
        assert row.difference == pytest.approx(k1 / a_n - k2 / b_n)
        z, p = pooled_test(k1, a_n, k2, b_n)
        assert row.z == pytest.approx(z, nan_ok=True)
        assert row.p_value == pytest.approx(p, nan_ok=True)
        assert row.significant == (p < 0.05)
    size = got["difference"].abs()
    assert list(size) == sorted(size, reverse=True)


def test_compare_gives_names_and_categories(sample_con) -> None:
    got = compare(sample_con, SHARED, *PAIRS[0]).set_index("skill_id")
    assert got.loc["pytorch", "name"] == "PyTorch"
    assert got.loc["python", "category"] == "Programming languages"
    assert got["name"].notna().all() and got["category"].notna().all()


def test_compare_p_value_on_a_hand_computed_example(hand_db: Path) -> None:
    # a, A-9 (from February 2025); b, A-8 (to January 2025).
    # SQL: 2 of 4 against 0 of 3. Pooled p = 2/7, se = sqrt(2/7 * 5/7 * (1/4 + 1/3)) = 0.345033,
    # z = 0.5 / 0.345033 = 1.449138, two-sided p = erfc(z / sqrt(2)) = 0.147299: not significant.
    # Python: 1 of 4 against 1 of 3: difference -1/12.
    con = db.connect(hand_db, read_only=True)
    try:
        a = Filters(date_from=datetime.date(2025, 2, 1))
        b = Filters(date_to=datetime.date(2025, 1, 31))
        got = compare(con, SHARED, a, b).set_index("skill_id")
    finally:
        con.close()
    sql = got.loc["sql"]
    assert (sql["a_listings"], sql["a_n"], sql["b_listings"], sql["b_n"]) == (2, 4, 0, 3)
    assert sql["difference"] == pytest.approx(0.5)
    assert sql["z"] == pytest.approx(1.449138, abs=1e-6)
    assert sql["p_value"] == pytest.approx(0.147299, abs=1e-6)
    assert not sql["significant"]
    assert got.loc["python", "difference"] == pytest.approx(1 / 4 - 1 / 3)
    assert set(got.index) == set().union(*HAND_SKILLS.values())


def test_a_side_that_matches_nothing_gives_zeros_not_an_error(sample_con, sample) -> None:
    b_counts, b_n = counts(sample, HN)
    got = compare(sample_con, SHARED, Filters(title_keyword="astronaut"), HN)
    assert set(got["skill_id"]) == set(b_counts.index)
    assert got["a_listings"].eq(0).all() and got["a_n"].eq(0).all()
    assert got["a_share"].isna().all() and got["difference"].isna().all()
    assert got["p_value"].isna().all() and not got["significant"].any()
    assert got["b_n"].eq(b_n).all()


def test_both_sides_matching_nothing_give_an_empty_result(sample_con) -> None:
    nothing = Filters(title_keyword="astronaut")
    got = compare(sample_con, SHARED, nothing, replace(nothing, sources=("glassdoor-2020",)))
    assert got.empty and list(got.columns) == COLUMNS


def test_a_set_against_itself_differs_nowhere(sample_con) -> None:
    got = compare(sample_con, SHARED, HN, HN)
    assert got["difference"].eq(0).all()
    assert got["z"].fillna(0).eq(0).all() and not got["significant"].any()
