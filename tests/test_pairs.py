"""Co-occurrence queries against an independent pandas count of the real sample and by hand."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from reference import CASES, Sample, select

from analytics import pairs
from analytics.filters import Filters

NOTHING = Filters(title_keyword="astronaut")
COLUMNS = [
    "skill_a", "name_a", "skill_b", "name_b", "pair_listings", "a_listings", "b_listings", "n",
    "p_b_given_a", "lift", "jaccard",
]  # fmt: skip
GOES_WITH_COLUMNS = ["skill_id", "name", "category", *COLUMNS[4:]]


def expected_counts(sample: Sample, f: Filters) -> tuple[int, pd.DataFrame, pd.Series]:
    """(n, listings per skill with names, pair listings per ordered pair of distinct skills)."""
    base = select(sample.postings, f, with_text=True)
    named = sample.posting_skills
    named = named[named["posting_id"].isin(base["posting_id"])]
    counts = named["skill_id"].value_counts().rename("listings").reset_index()
    counts = counts.merge(sample.skills, on="skill_id")
    both = named.merge(named, on="posting_id", suffixes=("_a", "_b"))
    both = both[both["skill_id_a"] != both["skill_id_b"]]
    pair = both.groupby(["skill_id_a", "skill_id_b"]).size()
    return len(base), counts.set_index("skill_id"), pair


def expected_row(a: str, b: str, n: int, counts: pd.DataFrame, pair: pd.Series) -> dict:
    together = int(pair.get((a, b), 0))
    a_count, b_count = int(counts.loc[a, "listings"]), int(counts.loc[b, "listings"])
    return {
        "skill_a": a,
        "name_a": counts.loc[a, "name"],
        "skill_b": b,
        "name_b": counts.loc[b, "name"],
        "pair_listings": together,
        "a_listings": a_count,
        "b_listings": b_count,
        "n": n,
        "p_b_given_a": together / a_count,
        "lift": together * n / (a_count * b_count),
        "jaccard": together / (a_count + b_count - together),
    }


def assert_rows(got: pd.DataFrame, expected: list[dict], columns: list[str] = COLUMNS) -> None:
    assert list(got.columns) == columns
    assert len(got) == len(expected)
    for (_, row), want in zip(got.iterrows(), expected):
        for column, value in want.items():
            if isinstance(value, float):
                assert row[column] == pytest.approx(value), column
            else:
                assert row[column] == value, column


@pytest.mark.parametrize("case", CASES)
def test_cooccurrence_matches_pandas(sample_con, sample, case: str) -> None:
    n, counts, pair = expected_counts(sample, CASES[case])
    ranked = counts.reset_index().sort_values(
        ["listings", "name", "skill_id"], ascending=[False, True, True]
    )
    top = list(ranked["skill_id"].head(15))
    expected = [expected_row(a, b, n, counts, pair) for a, b in itertools.permutations(top, 2)]
    got = pairs.cooccurrence(sample_con, CASES[case])
    assert_rows(got, expected)
    assert len(got) == 15 * 14
    assert got[["p_b_given_a", "lift", "jaccard"]].notna().all().all()


@pytest.mark.parametrize("case", ["none", "ml and ai engineers"])
def test_cooccurrence_zero_cells_are_zero_not_missing(sample_con, sample, case: str) -> None:
    *_, pair = expected_counts(sample, CASES[case])
    got = pairs.cooccurrence(sample_con, CASES[case])
    never = [(a, b) for a, b in zip(got["skill_a"], got["skill_b"]) if (a, b) not in pair]
    assert never, "the sample has skills among the top 15 that never share a listing"
    cells = got.set_index(["skill_a", "skill_b"]).loc[never]
    assert (cells[["pair_listings", "p_b_given_a", "lift", "jaccard"]] == 0).all().all()


@pytest.mark.parametrize("case", CASES)
def test_top_pairs_match_pandas(sample_con, sample, case: str) -> None:
    n, counts, pair = expected_counts(sample, CASES[case])
    unordered = pair.rename("pair").reset_index()
    unordered = unordered[
        (unordered["skill_id_a"] < unordered["skill_id_b"])
        & (unordered["pair"] >= pairs.MIN_PAIR_LISTINGS)
    ].sort_values(["pair", "skill_id_a", "skill_id_b"], ascending=[False, True, True])
    expected = [
        expected_row(a, b, n, counts, pair)
        for a, b in zip(unordered["skill_id_a"].head(20), unordered["skill_id_b"].head(20))
    ]
    assert_rows(pairs.top_pairs(sample_con, CASES[case]), expected)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("skill_id", ["python", "sql", "pytorch"])
def test_goes_with_matches_pandas(sample_con, sample, case: str, skill_id: str) -> None:
    n, counts, pair = expected_counts(sample, CASES[case])
    partners = [
        expected_row(skill_id, b, n, counts, pair)
        for (a, b), together in pair.items()
        if a == skill_id and together >= pairs.MIN_PAIR_LISTINGS
    ]
    partners.sort(key=lambda r: (-r["lift"], -r["pair_listings"], r["name_b"], r["skill_b"]))
    got = pairs.goes_with(sample_con, CASES[case], skill_id)
    expected = [
        {
            "skill_id": r["skill_b"],
            "name": r["name_b"],
            "category": counts.loc[r["skill_b"], "category"],
            **{k: r[k] for k in COLUMNS[4:]},
        }
        for r in partners[:15]
    ]
    assert len(expected) == 15 or case != "none"
    assert_rows(got, expected, GOES_WITH_COLUMNS)


def test_python_and_sql_on_the_hand_counted_listings(hand_con) -> None:
    # Python and SQL are the only skills named twice, so they rank first;
    # together only in A-1, among 7 listings with text.
    got = pairs.cooccurrence(hand_con, Filters())
    row = got[(got["skill_a"] == "python") & (got["skill_b"] == "sql")].iloc[0]
    assert (row["pair_listings"], row["a_listings"], row["b_listings"], row["n"]) == (1, 2, 2, 7)
    assert row["p_b_given_a"] == pytest.approx(1 / 2)
    assert row["lift"] == pytest.approx(1 * 7 / (2 * 2))
    assert row["jaccard"] == pytest.approx(1 / 3)
    assert list(got["skill_a"].unique()[:2]) == ["python", "sql"]
    # Then 13 of the 17 skills named once, by name: up to NumPy; PyTorch, R, Tableau and
    # TensorFlow fall outside the 15. Every ordered pair is present, most never named together.
    once = "aws airflow spark cpp deep_learning docker gcp jax java javascript machine_learning"
    assert set(got["skill_a"]) == {"python", "sql", "excel", "numpy", *once.split()}
    assert len(got) == 15 * 14
    never = got[(got["skill_a"] == "python") & (got["skill_b"] == "cpp")].iloc[0]
    assert list(never[["pair_listings", "p_b_given_a", "lift", "jaccard"]]) == [0, 0, 0, 0]


def test_pairs_below_the_minimum_are_not_ranked(hand_con, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every hand-counted pair is seen once, far below the minimum.
    assert pairs.top_pairs(hand_con, Filters()).empty
    assert pairs.goes_with(hand_con, Filters(), "python").empty
    monkeypatch.setattr(pairs, "MIN_PAIR_LISTINGS", 1)
    # Pairs per listing: A-1 3, A-2 3, A-3 10, A-4 6, A-8 3, A-9 3; no pair is in two listings.
    assert len(pairs.top_pairs(hand_con, Filters(), limit=100)) == 28
    with_python = pairs.goes_with(hand_con, Filters(), "python")
    # Python is in A-1 (with SQL, Tableau) and A-4 (with Spark, Airflow, GCP): lift 7/2 for the
    # partners named once, 7/4 for SQL, named twice; ties go by name (Apache Airflow, Apache
    # Spark, Google Cloud Platform, Tableau).
    assert list(with_python["skill_id"]) == ["airflow", "spark", "gcp", "tableau", "sql"]
    assert list(with_python["lift"]) == pytest.approx([3.5, 3.5, 3.5, 3.5, 1.75])
    assert list(with_python["jaccard"]) == pytest.approx([0.5, 0.5, 0.5, 0.5, 1 / 3])


def test_filters_that_match_nothing_give_empty_results(hand_con) -> None:
    assert pairs.cooccurrence(hand_con, NOTHING).empty
    assert pairs.top_pairs(hand_con, NOTHING).empty
    assert pairs.goes_with(hand_con, NOTHING, "python").empty
    assert list(pairs.cooccurrence(hand_con, NOTHING).columns) == COLUMNS
    assert pairs.goes_with(hand_con, Filters(), "no_such_skill").empty


@pytest.mark.parametrize("case", ["none", "hn", "title keyword"])
@pytest.mark.parametrize("limit", [1, 7, 60, 400, 5000])
def test_top_pairs_match_pandas_at_any_length(sample_con, sample, case: str, limit: int) -> None:
    # Only the pairs of skills named at least as often as the limit-th pair are counted: short
    # and long lists, the latter reaching skills far down the ranking, must still be exact.
    n, counts, pair = expected_counts(sample, CASES[case])
    unordered = pair.rename("pair").reset_index()
    unordered = unordered[
        (unordered["skill_id_a"] < unordered["skill_id_b"])
        & (unordered["pair"] >= pairs.MIN_PAIR_LISTINGS)
    ].sort_values(["pair", "skill_id_a", "skill_id_b"], ascending=[False, True, True])
    expected = [
        expected_row(a, b, n, counts, pair)
        for a, b in zip(unordered["skill_id_a"].head(limit), unordered["skill_id_b"].head(limit))
    ]
    assert_rows(pairs.top_pairs(sample_con, CASES[case], limit=limit), expected)
