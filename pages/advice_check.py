"""Advice check: the skill areas career advice names, against what listings really ask for."""

import streamlit as st

from analytics import advice, charts
from pages.common import catalog, connection, download, empty_state, query

st.title("Advice check")
st.write(
    "Career advice for ML engineers names a handful of skill areas: programming in Python or R, "
    "linear algebra and calculus, data structures and algorithms, ML libraries and frameworks, "
    "statistics and probability, collaboration and communication, and continuous learning. "
    "Here is how often listings actually ask for each."
)
con = connection()
if con is None:
    st.stop()

areas = query(con, advice.advice_check)
if areas.empty or int(areas["n"].iloc[0]) == 0:
    empty_state()
    st.stop()
st.plotly_chart(
    charts.skill_share_bars(
        areas.sort_values("share", ascending=False), "Share of listings asking for each area",
        label="area",
    )
)  # fmt: skip
st.caption(
    f"Share of {int(areas['n'].iloc[0]):,} listings with text naming at least one skill of the "
    "area, with 95% intervals. An area counts a listing once even if it names several of its "
    "skills; soft skills count only where a listing asks for them in words the taxonomy knows."
)
names = catalog(con).set_index("skill_id")["name"]
areas = areas.assign(
    skills=[", ".join(names.get(s, s) for s in ids.split(", ")) for ids in areas["skill_ids"]]
)
st.dataframe(
    areas[["area", "skills", "listings", "share"]],
    hide_index=True,
    column_config={
        "area": "Area",
        "skills": "Skills counted",
        "listings": st.column_config.NumberColumn("Listings", format="%d"),
        "share": st.column_config.NumberColumn("Share", format="percent"),
    },
)
download(areas, "advice check", "advice_check.csv")
