"""Skill pairs: which skills listings ask for together, and what goes with a chosen skill."""

import streamlit as st

from analytics import charts, pairs
from pages.common import catalog, connection, download, empty_state, query

st.title("Skill pairs")
con = connection()
if con is None:
    st.stop()

top = st.slider("Skills in the matrix", 5, 25, 15, key="pairs_top")
measure = st.radio(
    "Measure", ["lift", "p_b_given_a", "jaccard"], horizontal=True, key="pairs_measure",
    format_func={"lift": "Lift", "p_b_given_a": "P(column | row)", "jaccard": "Jaccard"}.get,
    help="Lift: how many times more often two skills appear together than by chance. "
    "P(column | row): of the listings naming the row's skill, the share naming the column's. "
    "Jaccard: listings naming both over listings naming either.",
)  # fmt: skip
matrix = query(con, pairs.cooccurrence, top=top)
if matrix.empty:
    empty_state()
    st.stop()
n = int(matrix["n"].iloc[0])
text_format = ".1f" if measure == "lift" else ".0%"
st.plotly_chart(
    charts.heatmap(
        matrix, "name_b", "name_a", measure, f"Top {top} skills: {measure.replace('_', ' ')}",
        text_format,
    )
)  # fmt: skip
st.caption(
    f"Pairs among the {top} most asked-for skills in {n:,} listings with text. Lift below 1 "
    "means the two appear together less often than chance; pairs with few listings are noisy."
)
download(matrix, "pair matrix", "skill_pairs_matrix.csv")

st.subheader("Most frequent pairs")
frequent = query(con, pairs.top_pairs, limit=20)
if frequent.empty:
    st.info(f"No pair appears in {pairs.MIN_PAIR_LISTINGS} or more listings under these filters.")
else:
    st.dataframe(
        frequent[["name_a", "name_b", "pair_listings", "p_b_given_a", "lift", "jaccard"]],
        hide_index=True,
        column_config={
            "name_a": "Skill A",
            "name_b": "Skill B",
            "pair_listings": st.column_config.NumberColumn("Listings naming both", format="%d"),
            "p_b_given_a": st.column_config.NumberColumn("P(B | A)", format="percent"),
            "lift": st.column_config.NumberColumn("Lift", format="%.2f"),
            "jaccard": st.column_config.NumberColumn("Jaccard", format="%.2f"),
        },
    )
    download(frequent, "frequent pairs", "top_pairs.csv")

st.subheader("Goes with…")
skills = catalog(con).set_index("skill_id")
ids = list(matrix.drop_duplicates("skill_a")["skill_a"]) or list(skills.index)
ids += [s for s in skills.index if s not in set(ids)]
chosen = st.selectbox(
    "Skill", ids, format_func=lambda s: skills.loc[s, "name"], key="with", bind="query-params"
)
companions = query(con, pairs.goes_with, skill_id=chosen)
if companions.empty:
    st.info(f"Too few listings name {skills.loc[chosen, 'name']} with another skill to rank.")
else:
    labels = [
        f"lift {v:.1f} · {p:.0%}" for v, p in zip(companions["lift"], companions["p_b_given_a"])
    ]
    st.plotly_chart(
        charts.value_bars(
            companions, "lift", "name", f"Skills that go with {skills.loc[chosen, 'name']}",
            "lift (1 = as often as chance)", labels,
        )
    )  # fmt: skip
    st.caption(
        f"Of {int(companions['a_listings'].iloc[0]):,} listings naming "
        f"{skills.loc[chosen, 'name']}: lift, and the share also naming each skill. Pairs seen "
        f"fewer than {pairs.MIN_PAIR_LISTINGS} times are left out."
    )
    download(companions, "companion skills", f"{chosen}_goes_with.csv")
