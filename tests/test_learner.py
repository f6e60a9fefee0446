"""Learner coverage and next skills against a brute-force pandas count and by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from reference import CASES, Sample, select

from analytics import learner
from analytics.filters import Filters

KNOWN = {
    "python and sql": ("python", "sql"),
    "data science kit": (
        "python", "sql", "pandas", "numpy", "scikit_learn", "machine_learning", "statistics",
    ),
    "nothing": (),
}  # fmt: skip
NOTHING = Filters(title_keyword="astronaut")
NEXT_COLUMNS = [
    "skill_id", "name", "category", "listings", "full_gain", "full_share_after", "average_after",
]  # fmt: skip


@pytest.fixture(scope="module")
def matrices(sample: Sample):
    """Per filter case: one row per listing with text naming any skill, True per skill named."""
    named = sample.posting_skills
    by_case = {}
    for case, f in CASES.items():
        base = select(sample.postings, f, with_text=True)
        listed = named[named["posting_id"].isin(base["posting_id"])]
        by_case[case] = pd.crosstab(listed["posting_id"], listed["skill_id"]).astype(bool)
    return by_case


def covered(matrix: pd.DataFrame, known: set[str]) -> tuple[np.ndarray, np.ndarray]:
    """(known skills named, skills named) per listing."""
    columns = [c for c in matrix.columns if c in known]
    return matrix[columns].to_numpy().sum(axis=1), matrix.to_numpy().sum(axis=1)


@pytest.mark.parametrize("known", KNOWN)
@pytest.mark.parametrize("case", CASES)
def test_coverage_matches_pandas(sample_con, sample, matrices, case: str, known: str) -> None:
    matrix = matrices[case]
    have, found = covered(matrix, set(KNOWN[known]))
    got = learner.coverage(sample_con, CASES[case], KNOWN[known])
    assert got["n"] == len(matrix)
    assert got["full"] == (have == found).sum()
    assert got["full_share"] == pytest.approx((have == found).mean())
    assert got["average_share"] == pytest.approx((have / found).mean())


def brute_force_next(
    matrix: pd.DataFrame, categories: pd.Series, known: tuple[str, ...], exclude=()
) -> pd.DataFrame:
    """Coverage recomputed with each candidate skill added, all candidates at once."""
    have, found = covered(matrix, set(known))
    categories = categories[matrix.columns]
    candidates = matrix.loc[:, ~matrix.columns.isin(known) & ~categories.isin(exclude).to_numpy()]
    # A candidate is not known yet, so adding it adds one known skill where a listing names it.
    after = have[:, None] + candidates.to_numpy()
    full_after = (after == found[:, None]).sum(axis=0)
    return pd.DataFrame(
        {
            "skill_id": candidates.columns,
            "listings": candidates.to_numpy().sum(axis=0),
            "full_gain": full_after - (have == found).sum(),
            "full_share_after": full_after / len(matrix),
            "average_after": (after / found[:, None]).mean(axis=0),
        }
    )


@pytest.mark.parametrize(
    ("known", "exclude"),
    [
        ("python and sql", ()),
        ("data science kit", ()),
        ("data science kit", ("Programming languages", "Collaboration & communication")),
    ],
)
@pytest.mark.parametrize("case", CASES)
def test_next_skills_match_brute_force(
    sample_con, sample, matrices, case: str, known: str, exclude
) -> None:
    skills = sample.skills.set_index("skill_id")
    expected = brute_force_next(matrices[case], skills["category"], KNOWN[known], exclude)
    expected = expected.assign(rounded=expected["average_after"].round(9)).sort_values(
        ["full_gain", "rounded", "listings", "skill_id"], ascending=[False, False, False, True]
    )
    got = learner.next_skills(
        sample_con, CASES[case], KNOWN[known], limit=7, exclude_categories=exclude
    )
    assert list(got.columns) == NEXT_COLUMNS
    assert list(got["skill_id"]) == list(expected["skill_id"].head(7))
    for (_, row), (_, want) in zip(got.iterrows(), expected.iterrows()):
        assert (row["listings"], row["full_gain"]) == (want["listings"], want["full_gain"])
        assert row["full_share_after"] == pytest.approx(want["full_share_after"])
        assert row["average_after"] == pytest.approx(want["average_after"])
        assert row["name"] == skills.loc[row["skill_id"], "name"]
        assert row["category"] == skills.loc[row["skill_id"], "category"]
        assert row["category"] not in exclude


def test_coverage_of_the_hand_counted_listings(hand_con) -> None:
    # Six listings name a skill (A-5 names none). Known Python, SQL, Tableau: A-1 fully (3 of 3),
    # A-2 1 of 3 (SQL), A-4 1 of 4 (Python), A-3, A-8, A-9 none.
    got = learner.coverage(hand_con, Filters(), ("python", "sql", "tableau"))
    assert (got["n"], got["full"]) == (6, 1)
    assert got["full_share"] == pytest.approx(1 / 6)
    assert got["average_share"] == pytest.approx((1 + 1 / 3 + 1 / 4) / 6)
    assert learner.coverage(hand_con, Filters(), ()) == {
        "n": 6,
        "full": 0,
        "full_share": 0.0,
        "average_share": 0.0,
    }


def test_next_skill_on_the_hand_counted_listings(hand_con) -> None:
    # With Excel known too, A-2 (Excel, SQL, R) misses only R: R completes it.
    known = ("python", "sql", "tableau", "excel")
    best = learner.next_skills(hand_con, Filters(), known).iloc[0]
    assert (best["skill_id"], best["listings"], best["full_gain"]) == ("r", 1, 1)
    assert best["full_share_after"] == pytest.approx(2 / 6)
    assert best["average_after"] == pytest.approx((1 + 1 + 1 / 4) / 6)
    # No listing misses a single skill of Python, SQL, Tableau; the best steps each add 1/3 of a
    # three-skill listing: eight skills tie and go by id.
    ties = learner.next_skills(hand_con, Filters(), ("python", "sql", "tableau"))
    assert list(ties["skill_id"]) == ["cpp", "deep_learning", "excel", "java", "javascript"]
    assert (ties["full_gain"] == 0).all()
    assert list(ties["average_after"]) == pytest.approx([(1 + 1 / 3 + 1 / 4 + 1 / 3) / 6] * 5)
    # Without programming languages: the A-8 skills (1/3 each), then A-4's (1/4 each).
    others = learner.next_skills(
        hand_con, Filters(), known, exclude_categories=("Programming languages",)
    )
    assert list(others["skill_id"]) == ["deep_learning", "jax", "numpy", "airflow", "gcp"]


def test_filters_that_match_nothing_give_empty_results(hand_con) -> None:
    got = learner.coverage(hand_con, NOTHING, ("python",))
    assert (got["n"], got["full"]) == (0, 0)
    assert math.isnan(got["full_share"]) and math.isnan(got["average_share"])
    empty = learner.next_skills(hand_con, NOTHING, ("python",))
    assert empty.empty
    assert list(empty.columns) == NEXT_COLUMNS
