"""Trends: how each skill's share of listings moves month by month, and then-and-now."""

import dataclasses

import pandas as pd
import streamlit as st

from analytics import charts, queries, trends
from pages.common import (
    catalog,
    comparison,
    connection,
    current_filters,
    download,
    empty_state,
    options,
    query,
    trend_filters,
)

st.title("Trends")
con = connection()
if con is None:
    st.stop()

shared = current_filters()
over_time = trend_filters(con)
skills = catalog(con)
names = dict(zip(skills["skill_id"], skills["name"]))
top = query(con, queries.skill_shares, over_time, limit=5)
chosen = st.multiselect(
    "Skills", list(names), default=list(top["skill_id"]), format_func=names.get,
    key="skills", bind="query-params", max_selections=8,
    help="Pick up to eight skills; the five most asked-for are chosen at first.",
)  # fmt: skip

st.subheader("Share of listings per month")
monthly = query(con, trends.monthly_shares, over_time, skill_ids=tuple(chosen)) if chosen else None
if not chosen:
    st.info("Choose at least one skill above to see its trend.")
elif monthly.empty:
    empty_state("dated listings")
else:
    months = monthly.drop_duplicates("month")
    solid = months[~months["thin"]]
    st.plotly_chart(charts.monthly_trends(monthly, "Share of listings naming each skill"))
    st.caption(
        f"Each month's share of that month's listings with a description or skills list "
        f"({int(months['n'].sum()):,} listings over {len(months)} months), with 95% bands. "
        f"Months with fewer than {trends.MIN_MONTH_LISTINGS} listings are grey circles, not "
        f"facts ({len(months) - len(solid)} of {len(months)} months). Hacker News postings "
        "count through their languages-and-frameworks list. Undated listings are left out."
    )
    download(monthly, "monthly shares", "monthly_shares.csv")

st.subheader("Rising and falling skills")
window = st.select_slider("Compare the last … months with the same span before", [3, 6, 12], 6)
changes = query(con, trends.rising_falling, over_time, months=window)
if changes.empty:
    st.info(
        f"Not enough dated listings: this needs listings in both the last {window} months and "
        f"the {window} months before. Widen the period or the sources in the sidebar."
    )
else:
    shown = pd.concat([changes.head(10), changes.tail(10)]).drop_duplicates("skill_id")
    st.plotly_chart(
        charts.change_bars(shown, f"Biggest moves: last {window} months vs the {window} before")
    )
    recent_n, earlier_n = int(changes["recent_n"].iloc[0]), int(changes["earlier_n"].iloc[0])
    st.caption(
        f"Change in share between {earlier_n:,} listings in the earlier and {recent_n:,} in the "
        "recent window; coloured bars pass a two-proportion test at p < 0.05, grey bars may be "
        "chance."
    )
    download(changes, "rising and falling skills", "rising_falling.csv")

st.subheader("Then and now: compare two sources")
sources = options(con).sources
if len(sources) < 2:
    st.info("Load a second source to compare two sets of listings skill by skill.")
else:
    then_default = "glassdoor-2020" if "glassdoor-2020" in sources else sources[0]
    now_default = "jsearch-ds-2025" if "jsearch-ds-2025" in sources else sources[1]
    left, right = st.columns(2)
    first = left.selectbox("Then", sources, sources.index(then_default), key="then")
    second = right.selectbox("Now", sources, sources.index(now_default), key="now")
    if first == second:
        st.info("Pick two different sources.")
    else:
        a = dataclasses.replace(shared, sources=(first,))
        b = dataclasses.replace(shared, sources=(second,))
        comparison(con, a, b, first, second, "sources")
