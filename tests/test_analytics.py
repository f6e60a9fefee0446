"""Overview queries against an independent pandas count of the hand-counted listings."""

from __future__ import annotations

import datetime
import math
from pathlib import Path

import pandas as pd
import pytest
from conftest import HAND_COUNTED, HAND_SKILLS

from analytics import queries
from analytics.filters import Filters
from pipelines import db
from pipelines.skills import load_taxonomy

# The loaded rows of hand_counted.csv with the fields the filters look at, written by hand.
LOADED = pd.DataFrame(
    [
        ("A-1", "Data Scientist", datetime.date(2025, 3, 14), "United States", "data_scientist"),
        ("A-2", "Data Analyst", datetime.date(2025, 3, 14), "United Kingdom", "data_analyst"),
        ("A-3", "ML Engineer", datetime.date(2025, 3, 2), None, "ml_engineer"),
        ("A-4", "Senior Data Engineer", datetime.date(2023, 11, 14), "Germany", "data_engineer"),
        ("A-5", "Data Scientist", datetime.date(2025, 1, 5), None, "data_scientist"),
        ("A-8", "Research Scientist", datetime.date(2024, 12, 31), "Canada", "research_scientist"),
        ("A-9", "Software Engineer", datetime.date(2025, 2, 20), None, "software_engineer"),
    ],
    columns=["row", "title", "date", "country", "role"],
)


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


@pytest.fixture
def con(hand_db: Path):
    connection = db.connect(hand_db, read_only=True)
    yield connection
    connection.close()


def expected_shares(rows: pd.DataFrame) -> pd.DataFrame:
    counts = pd.Series([s for r in rows["row"] for s in HAND_SKILLS[r]]).value_counts()
    n = len(rows)
    return pd.DataFrame(
        {"skill_id": counts.index, "listings": counts.values, "share": counts.values / n}
    ).assign(n=n)


@pytest.mark.parametrize(
    ("filters", "keep"),
    [
        (Filters(), LOADED["row"].notna()),
        (Filters(date_from=datetime.date(2025, 1, 1)), LOADED["date"] >= datetime.date(2025, 1, 1)),
        (Filters(title_keyword="  SCIENTIST "), LOADED["title"].str.contains("Scientist")),
        (Filters(role_families=("data_scientist",)), LOADED["role"] == "data_scientist"),
        (Filters(countries=("Germany", "Canada")), LOADED["country"].isin(["Germany", "Canada"])),
    ],
)
def test_skill_shares_match_pandas(con, filters: Filters, keep: pd.Series) -> None:
    expected = expected_shares(LOADED[keep]).set_index("skill_id")
    got = queries.skill_shares(con, filters, limit=100).set_index("skill_id")
    assert set(got.index) == set(expected.index)
    for skill_id, row in expected.iterrows():
        assert got.loc[skill_id, "listings"] == row["listings"]
        assert got.loc[skill_id, "n"] == row["n"]
        assert got.loc[skill_id, "share"] == pytest.approx(row["share"])
        low, high = wilson(int(row["listings"]), int(row["n"]))
        assert got.loc[skill_id, "ci_low"] == pytest.approx(low, abs=1e-4)
        assert got.loc[skill_id, "ci_high"] == pytest.approx(high, abs=1e-4)
    assert list(got["listings"]) == sorted(got["listings"], reverse=True)


def test_summary_and_months_match_pandas(con) -> None:
    head = queries.summary(con, Filters())
    assert head["listings"] == len(LOADED)
    assert head["first_date"].date() == LOADED["date"].min()
    assert head["last_date"].date() == LOADED["date"].max()
    assert head["listings_without_skill"] == sum(1 for r in LOADED["row"] if not HAND_SKILLS[r])
    months = queries.listings_per_month(con, Filters())
    expected = pd.Series([d.replace(day=1) for d in LOADED["date"]]).value_counts().sort_index()
    assert [m.date() for m in months["month"]] == list(expected.index)
    assert list(months["listings"]) == list(expected.values)


def test_category_shares_match_pandas(con) -> None:
    category = {skill.id: skill.category for skill in load_taxonomy().skills}
    per_listing = [{category[s] for s in HAND_SKILLS[r]} for r in LOADED["row"]]
    expected = pd.Series([c for cats in per_listing for c in cats]).value_counts()
    got = queries.category_shares(con, Filters()).set_index("category")
    for name, count in expected.items():
        assert got.loc[name, "listings"] == count
        assert got.loc[name, "share"] == pytest.approx(count / len(LOADED))
    assert got.drop(expected.index)["listings"].eq(0).all()


def test_filters_that_match_nothing_give_empty_results(con) -> None:
    nothing = Filters(title_keyword="astronaut")
    assert queries.summary(con, nothing)["listings"] == 0
    assert queries.skill_shares(con, nothing).empty
    assert queries.listings_per_month(con, nothing).empty


def test_filter_values_are_data_not_sql(con) -> None:
    hostile = Filters(title_keyword="'; DROP TABLE postings; --", countries=("x') OR 1=1 --",))
    assert queries.summary(con, hostile)["listings"] == 0
    assert queries.summary(con, Filters())["listings"] == len(LOADED)


def test_source_file_is_the_hand_counted_fixture() -> None:
    rows = pd.read_csv(HAND_COUNTED, dtype=str)
    assert set(rows["Req ID"]) - {"A-6", "A-7"} == set(LOADED["row"])
