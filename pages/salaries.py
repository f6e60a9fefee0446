"""Salaries: the annual salary listings state, per skill and currency, with counts."""

import streamlit as st

from analytics import charts, salaries
from pages.common import connection, download, empty_state, query

st.title("Salaries")
con = connection()
if con is None:
    st.stop()

currencies = query(con, salaries.salary_currencies)
if currencies.empty:
    empty_state("listings with a salary")
    st.stop()
counts = dict(zip(currencies["currency"], currencies["listings"]))
currency = st.selectbox(
    "Currency", list(counts), key="currency", bind="query-params",
    format_func=lambda c: f"{c} ({counts[c]:,} listings)",
)  # fmt: skip
overall = query(con, salaries.salary_overall, currency=currency)
table = query(con, salaries.salary_by_skill, currency=currency)
shown = table[table["shown"]]
cols = st.columns(3)
cols[0].metric("Median salary", f"{overall['median']:,.0f} {currency}")
cols[1].metric("Middle half", f"{overall['q1']:,.0f} – {overall['q3']:,.0f}")
cols[2].metric("Listings with a salary", f"{overall['listings']:,}")
if shown.empty:
    st.info(
        f"No skill is named in {salaries.MIN_SALARY_LISTINGS} or more listings with a {currency} "
        "salary under these filters. Widen the filters to see salaries by skill."
    )
    st.stop()
top = st.slider(
    "Skills shown", 5, max(5, min(40, len(shown))), min(20, len(shown)), key="salary_top"
)
st.plotly_chart(
    charts.salary_ranges(
        shown.head(top), overall["median"], currency, f"Annual salary by skill ({currency})"
    )
)
st.caption(
    f"Median and middle half (25th to 75th percentile) of the yearly salary stated by listings "
    f"naming each skill, in {currency}; hourly, daily and monthly pay is scaled to a year. "
    f"Skills named in fewer than {salaries.MIN_SALARY_LISTINGS} such listings are hidden "
    f"({len(table) - len(shown)} skills). A higher median can reflect seniority or role, not "
    "the skill itself: filter by role and seniority to compare like with like."
)
download(table, "salaries by skill", f"salaries_{currency}.csv")
