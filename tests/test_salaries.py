"""Salary figures against an independent pandas computation on the shipped sample."""

from __future__ import annotations

import datetime
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import HAND_SKILLS
from reference import Sample, select

from analytics.filters import Filters
from analytics.salaries import (
    MIN_SALARY_LISTINGS,
    salary_by_skill,
    salary_currencies,
    salary_overall,
)
from pipelines import db

FILTERS = [
    Filters(),
    Filters(sources=("hn-whoishiring",)),
    Filters(sources=("glassdoor-2020",)),
    Filters(date_from=datetime.date(2024, 1, 1), date_to=datetime.date(2024, 12, 31)),
    Filters(role_families=("ml_engineer", "data_scientist")),
    Filters(title_keyword="Senior"),
]
CURRENCIES = ("USD", "GBP", "EUR")


def salaried(sample: Sample, filters: Filters) -> pd.DataFrame:
    """Filtered listings with a currency and an annual figure (mean of the min/max present)."""
    rows = select(sample.postings, filters)
    figure = rows[["salary_annual_min", "salary_annual_max"]].mean(axis=1, skipna=True)
    rows = rows.assign(salary=figure)
    return rows[rows["salary"].notna() & rows["salary_currency"].notna()]


def summarise(salaries: pd.Series) -> pd.Series:
    # pandas' default quantile interpolation is linear, the definition of DuckDB's quantile_cont.
    return pd.Series(
        {
            "listings": len(salaries),
            "median": salaries.median(),
            "q1": salaries.quantile(0.25),
            "q3": salaries.quantile(0.75),
        }
    )


@pytest.mark.parametrize("filters", FILTERS)
def test_salary_currencies_match_pandas(sample_con, sample, filters: Filters) -> None:
    expected = salaried(sample, filters)["salary_currency"].value_counts()
    got = salary_currencies(sample_con, filters)
    assert list(got.columns) == ["currency", "listings"]
    assert dict(zip(got["currency"], got["listings"])) == expected.to_dict()
    assert list(got["listings"]) == sorted(got["listings"], reverse=True)


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("currency", CURRENCIES)
def test_salary_by_skill_matches_pandas(
    sample_con, sample, filters: Filters, currency: str
) -> None:
    rows = salaried(sample, filters)
    rows = rows[rows["salary_currency"] == currency].merge(sample.posting_skills, on="posting_id")
    expected = rows.groupby("skill_id")["salary"].agg(
        listings="size",
        median="median",
        q1=lambda s: s.quantile(0.25),
        q3=lambda s: s.quantile(0.75),
    )
    got = salary_by_skill(sample_con, filters, currency)
    assert list(got.columns) == "skill_id name category listings median q1 q3 shown".split()
    got = got.set_index("skill_id")
    assert set(got.index) == set(expected.index)
    if expected.empty:
        return
    expected = expected.loc[got.index]
    assert list(got["listings"]) == list(expected["listings"].astype(int))
    for column in ("median", "q1", "q3"):
        np.testing.assert_allclose(got[column], expected[column].astype(float))
    assert list(got["shown"]) == list(expected["listings"] >= 10)


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("currency", CURRENCIES)
def test_salary_overall_matches_pandas(sample_con, sample, filters: Filters, currency: str) -> None:
    rows = salaried(sample, filters)
    expected = summarise(rows.loc[rows["salary_currency"] == currency, "salary"])
    got = salary_overall(sample_con, filters, currency)
    assert set(got) == {"listings", "median", "q1", "q3"}
    assert got["listings"] == expected["listings"]
    for key in ("median", "q1", "q3"):
        assert got[key] == pytest.approx(expected[key], nan_ok=True)


def test_salary_by_skill_puts_shown_first_by_median_then_the_hidden(sample_con) -> None:
    got = salary_by_skill(sample_con, Filters(), "USD")
    assert MIN_SALARY_LISTINGS == 10
    shown = got[got["shown"]]
    assert got["shown"].any() and not got["shown"].all()
    assert list(got["shown"]) == sorted(got["shown"], reverse=True)
    assert list(shown["median"]) == sorted(shown["median"], reverse=True)
    assert got.loc[~got["shown"], "listings"].lt(10).all()
    assert shown["listings"].ge(10).all()


def test_salaries_on_the_hand_counted_listings(hand_db: Path) -> None:
    # A-1 "$120K-$150K" -> 135,000 USD; A-3 "$55/hr" -> 55 * 2,080 = 114,400 USD;
    # A-2 "£50,000 - £60,000 a year" -> 55,000 GBP; no other row gives pay.
    con = db.connect(hand_db, read_only=True)
    try:
        currencies = salary_currencies(con, Filters())
        usd = salary_overall(con, Filters(), "USD")
        by_skill = salary_by_skill(con, Filters(), "USD").set_index("skill_id")
        gbp = salary_by_skill(con, Filters(), "GBP").set_index("skill_id")
    finally:
        con.close()
    assert list(zip(currencies["currency"], currencies["listings"])) == [("USD", 2), ("GBP", 1)]
    assert usd["listings"] == 2
    assert usd["median"] == pytest.approx(124_700)
    assert usd["q1"] == pytest.approx(114_400 + 0.25 * 20_600)
    assert usd["q3"] == pytest.approx(114_400 + 0.75 * 20_600)
    assert by_skill.loc["python", "median"] == pytest.approx(135_000)
    assert by_skill.loc["pytorch", "median"] == pytest.approx(114_400)
    assert set(by_skill.index) == HAND_SKILLS["A-1"] | HAND_SKILLS["A-3"]
    assert not by_skill["shown"].any()
    assert set(gbp.index) == HAND_SKILLS["A-2"]
    assert gbp["median"].eq(55_000).all()


def test_filters_that_match_nothing_give_empty_results(sample_con) -> None:
    nothing = Filters(title_keyword="astronaut")
    assert salary_currencies(sample_con, nothing).empty
    assert salary_by_skill(sample_con, nothing, "USD").empty
    overall = salary_overall(sample_con, nothing, "USD")
    assert overall["listings"] == 0 and math.isnan(overall["median"])
    assert salary_by_skill(sample_con, Filters(), "XYZ").empty
    assert salary_overall(sample_con, Filters(), "XYZ")["listings"] == 0


def test_currency_is_a_value_not_sql(sample_con) -> None:
    assert salary_by_skill(sample_con, Filters(), "USD' OR 1=1 --").empty
