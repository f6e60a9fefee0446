"""Roles: the skill profile of each role family, and two roles side by side."""

import dataclasses

import streamlit as st

from analytics import charts, profiles
from pages.common import (
    comparison,
    connection,
    current_filters,
    download,
    empty_state,
    query,
)
from pipelines.roles import ROLE_FAMILIES

st.title("Roles")
con = connection()
if con is None:
    st.stop()

sizes = query(con, profiles.role_sizes)
solid = sizes[~sizes["thin"]]
if solid.empty:
    empty_state("listings of any role")
    st.stop()
st.caption(
    "Role family comes from the job title (e.g. 'Senior ML Engineer' is an ML engineer). "
    + "; ".join(f"{r.label}: {r.n:,}" for r in sizes.itertuples())
    + f". Roles with fewer than {profiles.MIN_ROLE_LISTINGS} listings with text are left out."
)

profile = query(con, profiles.role_profiles, top=12)
profile = profile[profile["role_family"].isin(solid["role_family"])]
st.plotly_chart(
    charts.heatmap(
        profile, "name", "label", "share", "Share of each role's listings naming its top skills",
        ".0%",
    )
)  # fmt: skip
st.caption("Each row: one role's own twelve most asked-for skills; blank cells are not in its top.")
download(profile, "role profiles", "role_profiles.csv")

st.subheader("Two roles side by side")
choices = list(solid["role_family"])
defaults = [r for r in ("ml_engineer", "data_scientist") if r in choices] + choices
left, right = st.columns(2)
first = left.selectbox(
    "Role A", choices, choices.index(defaults[0]), format_func=ROLE_FAMILIES.get, key="role_a"
)
second_default = next((r for r in defaults if r != first), first)
second = right.selectbox(
    "Role B", choices, choices.index(second_default), format_func=ROLE_FAMILIES.get, key="role_b"
)
if first == second:
    st.info("Pick two different roles.")
else:
    shared = current_filters()
    a = dataclasses.replace(shared, role_families=(first,))
    b = dataclasses.replace(shared, role_families=(second,))
    comparison(con, a, b, ROLE_FAMILIES[first], ROLE_FAMILIES[second], "roles")
