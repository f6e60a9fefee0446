"""Overview: how many listings, from where and when, and the skills they ask for most."""

import streamlit as st

from analytics import charts, queries
from pages.common import connection, download, empty_state, query

st.title("Overview")
con = connection()
if con is None:
    st.stop()

head = query(con, queries.summary)
if head["listings"] == 0:
    empty_state()
    st.stop()

sources = query(con, queries.datasets_in_view)
cols = st.columns(5)
cols[0].metric("Listings", f"{head['listings']:,}")
if head["listings_with_date"]:
    cols[1].metric("First month", f"{head['first_date']:%b %Y}")
    cols[2].metric("Last month", f"{head['last_date']:%b %Y}")
else:
    cols[1].metric("Dates", "none")
cols[3].metric("Sources", f"{head['datasets']:,}")
cols[4].metric(
    "No skill found",
    f"{head['listings_without_skill'] / max(head['listings_with_text'], 1):.0%}",
    help="Share of listings with text in which no known skill was found.",
)
st.caption(
    "Sources: "
    + "; ".join(
        f"{row.name} ({row.listings:,} listings, {row.listings_with_text:,} with text)"
        for row in sources.itertuples()
    )
)

n = int(head["listings_with_text"])
shares = query(con, queries.skill_shares)
st.plotly_chart(charts.skill_share_bars(shares, f"Top {len(shares)} skills by share of listings"))
st.caption(
    f"Share of the {n:,} listings with a description or skills list that name each skill "
    "(once per listing), with its 95% interval and count. Hacker News listings count through "
    "their languages-and-frameworks list: their shares are shares of postings that name one. "
    f"Skills found with taxonomy version {head['taxonomy_version']} "
    f"({head['taxonomy_skills']} skills)."
)
download(shares, "top skills", "top_skills.csv")

left, right = st.columns(2)
with left:
    months = query(con, queries.listings_per_month)
    if months.empty:
        st.info("None of these listings has a posting date, so there is no monthly view.")
    else:
        st.plotly_chart(charts.listings_per_month(months, "Listings per month"))
        st.caption(
            f"{int(months['listings'].sum()):,} dated listings by month posted; "
            f"{head['listings'] - head['listings_with_date']:,} undated listings are not shown."
        )
        download(months, "listings per month", "listings_per_month.csv")
with right:
    categories = query(con, queries.category_shares)
    st.plotly_chart(charts.category_share_bars(categories, "Share of listings per skill category"))
    st.caption(f"Listings naming at least one skill of the category, of {n:,} with text.")
    download(categories, "categories", "skill_categories.csv")
