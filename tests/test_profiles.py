"""Role profiles against an independent pandas count of the real sample and by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from reference import CASES, Sample, select, wilson

from analytics import profiles
from analytics.filters import Filters
from pipelines.roles import ROLE_FAMILIES

NOTHING = Filters(title_keyword="astronaut")


def role_skill_counts(sample: Sample, f: Filters) -> tuple[pd.Series, pd.DataFrame]:
    """(listings with text per role, listings per role and skill with skill names)."""
    base = select(sample.postings, f, with_text=True)
    sizes = base["role_family"].value_counts()
    counts = (
        sample.posting_skills.merge(base[["posting_id", "role_family"]], on="posting_id")
        .groupby(["role_family", "skill_id"])
        .size()
        .rename("listings")
        .reset_index()
        .merge(sample.skills[["skill_id", "name"]], on="skill_id")
    )
    return sizes, counts


def assert_share(row: pd.Series, listings: int, n: int) -> None:
    assert (row["listings"], row["n"]) == (listings, n)
    assert row["share"] == pytest.approx(listings / n)
    low, high = wilson(listings, n)
    assert row["ci_low"] == pytest.approx(low, abs=1e-4)
    assert row["ci_high"] == pytest.approx(high, abs=1e-4)


@pytest.mark.parametrize("case", CASES)
def test_role_sizes_match_pandas(sample_con, sample, case: str) -> None:
    listings = select(sample.postings, CASES[case])
    all_rows = listings["role_family"].value_counts()
    with_text = listings[listings["description"].notna()]["role_family"].value_counts()
    got = profiles.role_sizes(sample_con, CASES[case])
    assert list(got.columns) == ["role_family", "label", "listings", "n", "thin"]
    assert set(got["role_family"]) == set(all_rows.index)
    for _, row in got.iterrows():
        n = int(with_text.get(row["role_family"], 0))
        assert row["label"] == ROLE_FAMILIES[row["role_family"]]
        assert (row["listings"], row["n"]) == (all_rows[row["role_family"]], n)
        assert row["thin"] == (n < profiles.MIN_ROLE_LISTINGS)
    assert list(got["n"]) == sorted(got["n"], reverse=True)


@pytest.mark.parametrize("case", CASES)
def test_role_profiles_match_pandas(sample_con, sample, case: str) -> None:
    sizes, counts = role_skill_counts(sample, CASES[case])
    got = profiles.role_profiles(sample_con, CASES[case], top=8)
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


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("skill_id", ["python", "pytorch", "tableau"])
def test_skill_by_role_matches_pandas(sample_con, sample, case: str, skill_id: str) -> None:
    sizes, counts = role_skill_counts(sample, CASES[case])
    naming = counts[counts["skill_id"] == skill_id].set_index("role_family")["listings"]
    got = profiles.skill_by_role(sample_con, CASES[case], skill_id)
    columns = ["role_family", "label", "listings", "n", "share", "ci_low", "ci_high", "thin"]
    assert list(got.columns) == columns
    assert set(got["role_family"]) == set(sizes.index)
    for _, row in got.iterrows():
        role = row["role_family"]
        assert_share(row, int(naming.get(role, 0)), sizes[role])
        assert row["thin"] == (sizes[role] < profiles.MIN_ROLE_LISTINGS)
    assert list(got["share"]) == sorted(got["share"], reverse=True)


def test_roles_of_the_hand_counted_listings(hand_con) -> None:
    # Two data scientists; one each of analyst, ML, data, research and software
    # engineer. All far below the minimum, so all thin.
    sizes = profiles.role_sizes(hand_con, Filters())
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
    sql = profiles.skill_by_role(hand_con, Filters(), "sql")
    assert list(sql["role_family"][:2]) == ["data_analyst", "data_scientist"]
    assert list(sql["share"]) == pytest.approx([1.0, 0.5, 0, 0, 0, 0])
    # The data scientists' top two: A-1 names Python, SQL and Tableau once each; by name.
    top = profiles.role_profiles(hand_con, Filters(), top=2)
    scientists = top[top["role_family"] == "data_scientist"]
    assert list(scientists["skill_id"]) == ["python", "sql"]
    assert list(scientists["share"]) == pytest.approx([0.5, 0.5])
    assert set(top["role_family"]) == set(sizes["role_family"])


def test_filters_that_match_nothing_give_empty_results(hand_con) -> None:
    assert profiles.role_sizes(hand_con, NOTHING).empty
    assert profiles.role_profiles(hand_con, NOTHING).empty
    assert profiles.skill_by_role(hand_con, NOTHING, "python").empty
    assert list(profiles.skill_by_role(hand_con, NOTHING, "python").columns)[-1] == "thin"
