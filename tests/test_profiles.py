"""Role profiles against an independent pandas count of the real sample and by hand."""

from __future__ import annotations

import datetime
import math
from pathlib import Path

import pandas as pd
import pytest

from analytics import profiles
from analytics.filters import Filters
from pipelines import db
from pipelines.roles import ROLE_FAMILIES

FILTERS = {
    "none": Filters(),
    "hn": Filters(sources=("hn-whoishiring",)),
    "full-text sources": Filters(sources=("glassdoor-2020", "jsearch-ds-2025")),
    "data scientists": Filters(role_families=("data_scientist",)),
    "ml and ai engineers": Filters(role_families=("ml_engineer", "ai_engineer")),
    "2023-2024": Filters(date_from=datetime.date(2023, 1, 1), date_to=datetime.date(2024, 12, 31)),
    "title keyword": Filters(title_keyword=" Engineer "),
}
NOTHING = Filters(title_keyword="astronaut")


@pytest.fixture(scope="module")
def sample(sample_db: Path):
    con = db.connect(sample_db, read_only=True)
    postings = con.execute("SELECT * FROM postings").df()
    datasets = con.execute("SELECT dataset_id, name AS source FROM datasets").df()
    named = con.execute("SELECT * FROM posting_skills").df()
    skills = con.execute("SELECT skill_id, name FROM skills").df()
    yield con, postings.merge(datasets, on="dataset_id"), named, skills
    con.close()


@pytest.fixture
def hand(hand_db: Path):
    con = db.connect(hand_db, read_only=True)
    yield con
    con.close()


def selected(postings: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The filtered listings, with or without text, selected in plain pandas."""
    keep = pd.Series(True, index=postings.index)
    if f.date_from:
        keep &= postings["posted_date"] >= pd.Timestamp(f.date_from)
    if f.date_to:
        keep &= postings["posted_date"] <= pd.Timestamp(f.date_to)
    if f.role_families:
        keep &= postings["role_family"].isin(f.role_families)
    if f.sources:
        keep &= postings["source"].isin(f.sources)
    if f.title_keyword.strip():
        word = f.title_keyword.strip().lower()
        keep &= postings["title"].str.lower().str.contains(word, regex=False, na=False)
    return postings[keep]


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def role_skill_counts(sample, f: Filters) -> tuple[pd.Series, pd.DataFrame]:
    """(listings with text per role, listings per role and skill with skill names)."""
    _, postings, named, skills = sample
    base = selected(postings, f)
    base = base[base["description"].notna()]
    sizes = base["role_family"].value_counts()
    counts = (
        named.merge(base[["posting_id", "role_family"]], on="posting_id")
        .groupby(["role_family", "skill_id"])
        .size()
        .rename("listings")
        .reset_index()
        .merge(skills, on="skill_id")
    )
    return sizes, counts


def assert_share(row: pd.Series, listings: int, n: int) -> None:
    assert (row["listings"], row["n"]) == (listings, n)
    assert row["share"] == pytest.approx(listings / n)
    low, high = wilson(listings, n)
    assert row["ci_low"] == pytest.approx(low, abs=1e-4)
    assert row["ci_high"] == pytest.approx(high, abs=1e-4)


@pytest.mark.parametrize("case", FILTERS)
def test_role_sizes_match_pandas(sample, case: str) -> None:
    listings = selected(sample[1], FILTERS[case])
    all_rows = listings["role_family"].value_counts()
    with_text = listings[listings["description"].notna()]["role_family"].value_counts()
    got = profiles.role_sizes(sample[0], FILTERS[case])
    assert list(got.columns) == ["role_family", "label", "listings", "n", "thin"]
    assert set(got["role_family"]) == set(all_rows.index)
    for _, row in got.iterrows():
        n = int(with_text.get(row["role_family"], 0))
        assert row["label"] == ROLE_FAMILIES[row["role_family"]]
        assert (row["listings"], row["n"]) == (all_rows[row["role_family"]], n)
        assert row["thin"] == (n < profiles.MIN_ROLE_LISTINGS)
    assert list(got["n"]) == sorted(got["n"], reverse=True)


@pytest.mark.parametrize("case", FILTERS)
def test_role_profiles_match_pandas(sample, case: str) -> None:
    sizes, counts = role_skill_counts(sample, FILTERS[case])
    got = profiles.role_profiles(sample[0], FILTERS[case], top=8)
    columns = ["role_family", "label", "skill_id", "name", "listings", "n", "share"]
    assert list(got.columns) == [*columns, "ci_low", "ci_high"]
    assert set(got["role_family"]) == set(counts["role_family"])
    for role, rows in got.groupby("role_family", sort=False):
        own = counts[counts["role_family"] == role].sort_values(
            ["listings", "name", "skill_id"], ascending=[False, True, True]
        )
        assert list(rows["skill_id"]) == list(own["skill_id"].head(8))
        for (_, row), listings in zip(rows.iterrows(), own["listings"]):
            assert row["label"] == ROLE_FAMILIES[role]
            assert_share(row, listings, sizes[role])
    roles_in_order = list(dict.fromkeys(got["role_family"]))
    assert [sizes[r] for r in roles_in_order] == sorted(sizes[roles_in_order], reverse=True)


@pytest.mark.parametrize("case", FILTERS)
@pytest.mark.parametrize("skill_id", ["python", "pytorch", "tableau"])
def test_skill_by_role_matches_pandas(sample, case: str, skill_id: str) -> None:
    sizes, counts = role_skill_counts(sample, FILTERS[case])
    naming = counts[counts["skill_id"] == skill_id].set_index("role_family")["listings"]
    got = profiles.skill_by_role(sample[0], FILTERS[case], skill_id)
    columns = ["role_family", "label", "listings", "n", "share", "ci_low", "ci_high", "thin"]
    assert list(got.columns) == columns
    assert set(got["role_family"]) == set(sizes.index)
    for _, row in got.iterrows():
        role = row["role_family"]
        assert_share(row, int(naming.get(role, 0)), sizes[role])
        assert row["thin"] == (sizes[role] < profiles.MIN_ROLE_LISTINGS)
    assert list(got["share"]) == sorted(got["share"], reverse=True)


def test_roles_of_the_hand_counted_listings(hand) -> None:
    # Two data scientists; one each of analyst, ML, data, research and software
    # engineer. All far below the minimum, so all thin.
    sizes = profiles.role_sizes(hand, Filters())
    assert sizes["role_family"].iloc[0] == "data_scientist"
    assert dict(zip(sizes["role_family"], sizes["n"])) == {
        "data_scientist": 2,
        "data_analyst": 1,
        "ml_engineer": 1,
        "data_engineer": 1,
        "research_scientist": 1,
        "software_engineer": 1,
    }
    assert sizes["thin"].all()
    # SQL: A-1 of the two data scientists, A-2 the one analyst, no other role.
    sql = profiles.skill_by_role(hand, Filters(), "sql")
    assert list(sql["role_family"][:2]) == ["data_analyst", "data_scientist"]
    assert list(sql["share"]) == pytest.approx([1.0, 0.5, 0, 0, 0, 0])
    # The data scientists' top two: A-1 names Python, SQL and Tableau once each; by name.
    top = profiles.role_profiles(hand, Filters(), top=2)
    scientists = top[top["role_family"] == "data_scientist"]
    assert list(scientists["skill_id"]) == ["python", "sql"]
    assert list(scientists["share"]) == pytest.approx([0.5, 0.5])
    assert set(top["role_family"]) == set(sizes["role_family"])


def test_filters_that_match_nothing_give_empty_results(hand) -> None:
    assert profiles.role_sizes(hand, NOTHING).empty
    assert profiles.role_profiles(hand, NOTHING).empty
    assert profiles.skill_by_role(hand, NOTHING, "python").empty
    assert list(profiles.skill_by_role(hand, NOTHING, "python").columns)[-1] == "thin"
