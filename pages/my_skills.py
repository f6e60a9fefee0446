"""My skills: how much of the market a learner's skills cover, and which skill to learn next."""

import streamlit as st

from analytics import charts, learner, pairs
from pages.common import catalog, connection, download, empty_state, query

st.title("My skills")
con = connection()
if con is None:
    st.stop()

skills = catalog(con).set_index("skill_id")
known = st.multiselect(
    "The skills I have", list(skills.index), default=["python", "sql"],
    format_func=lambda s: skills.loc[s, "name"], key="known", bind="query-params",
)  # fmt: skip
categories = sorted(skills["category"].unique())
soft = [c for c in categories if c in ("Collaboration & communication", "Continuous learning")]
skip = st.multiselect(
    "Leave out of the suggestions", categories, default=soft, key="skip_categories",
    help="Soft skills are asked for everywhere; leave them out to see technical next steps.",
)  # fmt: skip

cover = query(con, learner.coverage, known=tuple(known))
if cover["n"] == 0:
    empty_state("listings with a skill found")
    st.stop()
cols = st.columns(3)
cols[0].metric(
    "Listings fully covered",
    f"{cover['full_share']:.1%}",
    help="All skills found in the listing are among yours.",
)
cols[1].metric(
    "Average coverage",
    f"{cover['average_share']:.1%}",
    help="Of the skills a listing names, the share you have, averaged over listings.",
)
cols[2].metric("Listings counted", f"{cover['n']:,}")
st.caption(
    f"{cover['full']:,} of {cover['n']:,} listings with at least one skill found name only "
    "skills you have. Coverage counts the skills this dashboard knows; listings also ask for "
    "experience and degrees it does not count."
)

st.subheader("What to learn next")
suggestions = query(
    con, learner.next_skills, known=tuple(known), limit=5, exclude_categories=tuple(skip)
)
if suggestions.empty:
    st.info("No suggestion: widen the filters or leave fewer categories out.")
else:
    labels = [
        f"+{g:,} listings · average {a:.0%}"
        for g, a in zip(suggestions["full_gain"], suggestions["average_after"])
    ]
    st.plotly_chart(
        charts.value_bars(
            suggestions, "full_gain", "name", "Listings you would fully cover by adding…",
            "listings newly fully covered", labels,
        )
    )  # fmt: skip
    st.caption(
        "For each skill you lack, how many more listings you would cover completely if you "
        "added it, and your average coverage after."
    )
    download(suggestions, "next skills", "next_skills.csv")

if known:
    st.subheader("Skills that go with yours")
    first = known[0]
    companions = query(con, pairs.goes_with, skill_id=first)
    companions = companions[~companions["skill_id"].isin(known)]
    if companions.empty:
        st.info(f"Too few listings name {skills.loc[first, 'name']} with another skill.")
    else:
        st.dataframe(
            companions[["name", "category", "p_b_given_a", "lift", "pair_listings"]],
            hide_index=True,
            column_config={
                "name": "Skill",
                "category": "Category",
                "p_b_given_a": st.column_config.NumberColumn(
                    f"Share of {skills.loc[first, 'name']} listings", format="percent"
                ),
                "lift": st.column_config.NumberColumn("Lift", format="%.2f"),
                "pair_listings": st.column_config.NumberColumn("Listings", format="%d"),
            },
        )
        download(companions, "companion skills", "goes_with_mine.csv")
