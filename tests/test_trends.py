"""Trends queries against an independent pandas count of the shipped sample."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from reference import Sample, load_sample, pooled_test, select, wilson

from analytics.filters import Filters
from analytics.trends import MIN_MONTH_LISTINGS, monthly_shares, rising_falling
from pipelines import db

SKILLS = ("pytorch", "tensorflow", "python", "r", "sql")
FILTERS = [
    Filters(),
    Filters(sources=("hn-whoishiring",)),
    Filters(date_from=datetime.date(2023, 6, 15), date_to=datetime.date(2024, 9, 30)),
    Filters(role_families=("ml_engineer", "data_scientist")),
    Filters(title_keyword=" Machine Learning "),
]
HN = Filters(sources=("hn-whoishiring",))
WINDOW_COUNTS = ("recent_listings", "recent_n", "earlier_listings", "earlier_n")


def expected_months(sample: Sample, filters: Filters, skills: tuple[str, ...]) -> pd.DataFrame:
    dated = select(sample.postings, filters).dropna(subset=["posted_date"])
    dated = dated.assign(month=dated["posted_date"].dt.to_period("M").dt.to_timestamp())
    grid = pd.date_range(dated["month"].min(), dated["month"].max(), freq="MS")
    with_text = dated[dated["has_text"]]
    n = with_text.groupby("month").size().reindex(grid, fill_value=0)
    named = with_text.merge(sample.posting_skills, on="posting_id")
    frames = []
    for skill in skills:
        hits = named[named["skill_id"] == skill].groupby("month").size()
        frames.append(
            pd.DataFrame(
                {
                    "month": grid,
                    "skill_id": skill,
                    "n": n.values,
                    "listings": hits.reindex(grid, fill_value=0).values,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


@pytest.mark.parametrize("filters", FILTERS)
def test_monthly_shares_match_pandas(sample_con, sample, filters: Filters) -> None:
    expected = expected_months(sample, filters, SKILLS)
    got = monthly_shares(sample_con, filters, SKILLS)
    assert list(got["skill_id"]) == list(expected["skill_id"])
    assert list(got["month"]) == list(expected["month"])
    assert got["month"].dtype.kind == "M"
    assert list(got["listings"]) == list(expected["listings"])
    assert list(got["n"]) == list(expected["n"])
    share = expected["listings"] / expected["n"].replace(0, np.nan)
    np.testing.assert_allclose(got["share"], share)
    low, high = zip(*(wilson(k, n) for k, n in zip(expected["listings"], expected["n"])))
    np.testing.assert_allclose(got["ci_low"], low, atol=1e-4)
    np.testing.assert_allclose(got["ci_high"], high, atol=1e-4)
    assert list(got["thin"]) == list(expected["n"] < 30)


@pytest.mark.parametrize(
    "filters",
    [
        Filters(sources=("hn-whoishiring",), title_keyword="senior"),
        # On-site HN listings have months of exactly 30 with text: the bar is "fewer than 30".
        Filters(sources=("hn-whoishiring",), remote=("on-site",)),
    ],
)
def test_thin_months_are_flagged_where_pandas_counts_under_30(sample_con, sample, filters) -> None:
    expected = expected_months(sample, filters, ("python",))
    got = monthly_shares(sample_con, filters, ("python",))
    assert MIN_MONTH_LISTINGS == 30
    assert list(got["thin"]) == list(expected["n"] < 30)
    assert got["thin"].any() and not got["thin"].all()


def test_no_filter_grid_has_the_empty_months_between_sets(sample_con, sample) -> None:
    # Glassdoor sits in January 2020 and Hacker News starts in December 2022: the months between
    # are rows with n = 0, share NaN, flagged thin.
    got = monthly_shares(sample_con, Filters(), ("python",))
    assert got["month"].iloc[0] == pd.Timestamp(2020, 1, 1)
    assert got["month"].iloc[-1] == pd.Timestamp(2025, 10, 1)
    assert len(got) == 12 * 5 + 10
    gap = got[(got["month"] > "2020-01-01") & (got["month"] < "2022-12-01")]
    assert len(gap) == 34
    assert gap["n"].eq(0).all() and gap["listings"].eq(0).all()
    assert gap["share"].isna().all() and gap["thin"].all()


def test_monthly_shares_order_follows_the_request_and_drops_unknown_ids(sample_con) -> None:
    got = monthly_shares(sample_con, HN, ("tensorflow", "no_such_skill", "pytorch", "tensorflow"))
    assert list(dict.fromkeys(got["skill_id"])) == ["tensorflow", "pytorch"]
    assert len(got) == 2 * 35
    assert set(got.loc[got["skill_id"] == "pytorch", "name"]) == {"PyTorch"}


def test_undated_listings_are_left_out(sample_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "undated.duckdb"
    shutil.copy(sample_db, copy)
    writer = db.connect(copy)
    writer.execute(
        "UPDATE postings SET posted_date = NULL WHERE dataset_id IN "
        "(SELECT dataset_id FROM datasets WHERE name = 'glassdoor-2020')"
    )
    writer.close()
    con = db.connect(copy, read_only=True)
    try:
        got = monthly_shares(con, Filters(), ("python",))
        expected = expected_months(load_sample(con), Filters(), ("python",))
        assert got["month"].iloc[0] == pd.Timestamp(2022, 12, 1)
        assert list(got["n"]) == list(expected["n"])
        assert list(got["listings"]) == list(expected["listings"])
        assert monthly_shares(con, Filters(sources=("glassdoor-2020",)), ("python",)).empty
    finally:
        con.close()


def expected_windows(
    sample: Sample, filters: Filters, recent: tuple, earlier: tuple
) -> pd.DataFrame:
    rows = select(sample.postings, filters)
    rows = rows[rows["has_text"] & rows["posted_date"].notna()]
    month = rows["posted_date"].dt.to_period("M").dt.to_timestamp()
    columns = {}
    for label, (first, last) in (("recent", recent), ("earlier", earlier)):
        window = rows[(month >= pd.Timestamp(first)) & (month <= pd.Timestamp(last))]
        counts = window.merge(sample.posting_skills, on="posting_id")["skill_id"].value_counts()
        columns[f"{label}_listings"] = counts
        columns[f"{label}_n"] = len(window)
    frame = pd.DataFrame({k: v for k, v in columns.items() if k.endswith("listings")}).fillna(0)
    return frame.assign(recent_n=columns["recent_n"], earlier_n=columns["earlier_n"])


@pytest.mark.parametrize(
    ("months", "recent", "earlier"),
    [
        # The HN set runs December 2022 to October 2025.
        (6, ("2025-05", "2025-10"), ("2024-11", "2025-04")),
        (12, ("2024-11", "2025-10"), ("2023-11", "2024-10")),
        (18, ("2024-05", "2025-10"), ("2022-11", "2024-04")),
    ],
)
def test_rising_falling_windows_on_the_hn_months(
    sample_con, sample, months, recent, earlier
) -> None:
    expected = expected_windows(sample, HN, recent, earlier)
    got = rising_falling(sample_con, HN, months=months).set_index("skill_id")
    assert set(got.index) == set(expected.index)
    assert got["recent_n"].eq(expected["recent_n"].iloc[0]).all()
    assert got["earlier_n"].eq(expected["earlier_n"].iloc[0]).all()
    for skill_id, row in expected.iterrows():
        k1, n1, k2, n2 = (int(row[c]) for c in WINDOW_COUNTS)
        assert got.loc[skill_id, "recent_listings"] == k1
        assert got.loc[skill_id, "earlier_listings"] == k2
        assert got.loc[skill_id, "recent_share"] == pytest.approx(k1 / n1)
        assert got.loc[skill_id, "earlier_share"] == pytest.approx(k2 / n2)
        assert got.loc[skill_id, "change"] == pytest.approx(k1 / n1 - k2 / n2)
        z, p = pooled_test(k1, n1, k2, n2)
        assert got.loc[skill_id, "z"] == pytest.approx(z, nan_ok=True)
        assert got.loc[skill_id, "p_value"] == pytest.approx(p, nan_ok=True)
    assert list(got["change"]) == sorted(got["change"], reverse=True)


@pytest.mark.parametrize("filters", [f for f in FILTERS if f != Filters()])
def test_rising_falling_windows_follow_the_filtered_latest_month(
    sample_con, sample, filters
) -> None:
    dated = select(sample.postings, filters).dropna(subset=["posted_date"])
    last = dated["posted_date"].max().to_period("M")
    recent = (str(last - 5), str(last))
    earlier = (str(last - 11), str(last - 6))
    expected = expected_windows(sample, filters, recent, earlier)
    got = rising_falling(sample_con, filters).set_index("skill_id")
    if expected["recent_n"].iloc[0] == 0 or expected["earlier_n"].iloc[0] == 0:
        assert got.empty
        return
    assert set(got.index) == set(expected.index)
    assert got["recent_n"].eq(expected["recent_n"].iloc[0]).all()
    assert got["earlier_n"].eq(expected["earlier_n"].iloc[0]).all()
    assert (got["recent_listings"] == expected.loc[got.index, "recent_listings"]).all()
    assert (got["earlier_listings"] == expected.loc[got.index, "earlier_listings"]).all()


def test_rising_falling_p_value_on_a_hand_computed_example(hand_db: Path) -> None:
    # Latest month March 2025; months=2 puts, A-9 (Feb-Mar 2025) in "recent" and
    # A-8, A-5 (Dec 2024-Jan 2025) in "earlier". SQL: 2 of 4 against 0 of 2.
    # Pooled p = 1/3, se = sqrt(1/3 * 2/3 * (1/4 + 1/2)) = sqrt(1/6), z = 0.5 * sqrt(6) = 1.2247;
    # two-sided p = erfc(z / sqrt(2)) = erfc(sqrt(3) / 2) = 0.22067.
    con = db.connect(hand_db, read_only=True)
    try:
        got = rising_falling(con, Filters(), months=2).set_index("skill_id")
    finally:
        con.close()
    sql = got.loc["sql"]
    assert (sql["recent_listings"], sql["recent_n"]) == (2, 4)
    assert (sql["earlier_listings"], sql["earlier_n"]) == (0, 2)
    assert sql["change"] == pytest.approx(0.5)
    assert sql["z"] == pytest.approx(1.224745, abs=1e-6)
    assert sql["p_value"] == pytest.approx(0.220671, abs=1e-6)
    assert got.loc["jax", "change"] == pytest.approx(-0.5)
    assert "spark" not in got.index  # A-4 (November 2023) is in neither window


def test_rising_falling_is_empty_when_a_window_has_no_listings(sample_con) -> None:
    columns = (
        "skill_id name category recent_listings recent_n recent_share "
        "earlier_listings earlier_n earlier_share change z p_value"
    ).split()
    # Glassdoor is all January 2020 and the 2025 snapshot June-July 2025: no earlier window.
    for filters in (Filters(sources=("glassdoor-2020",)), Filters(sources=("jsearch-ds-2025",))):
        got = rising_falling(sample_con, filters)
        assert got.empty and list(got.columns) == columns
    assert list(rising_falling(sample_con, Filters(title_keyword="astronaut")).columns) == columns
    with pytest.raises(ValueError):
        rising_falling(sample_con, HN, months=0)


def test_filters_that_match_nothing_give_empty_results(sample_con) -> None:
    nothing = Filters(title_keyword="astronaut")
    got = monthly_shares(sample_con, nothing, SKILLS)
    assert got.empty
    assert {"month", "skill_id", "share", "ci_low", "thin"} <= set(got.columns)
    assert monthly_shares(sample_con, HN, ()).empty
    assert rising_falling(sample_con, nothing).empty
