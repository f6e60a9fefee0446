"""Skill explorer: one skill's share, trend, roles, salary, companion skills and real evidence."""

import html

import streamlit as st

from analytics import charts, evidence, pairs, profiles, queries, salaries, trends
from pages.common import (
    catalog,
    connection,
    current_filters,
    download,
    empty_state,
    matcher,
    query,
    trend_filters,
)

st.title("Skill explorer")
con = connection()
if con is None:
    st.stop()

skills = catalog(con).set_index("skill_id")
shares = query(con, queries.skill_shares, limit=len(skills))
ranked = list(shares["skill_id"]) + [s for s in skills.index if s not in set(shares["skill_id"])]
skill = st.selectbox(
    "Skill", ranked, format_func=lambda s: skills.loc[s, "name"], key="skill",
    bind="query-params", help="Skills are listed from most to least asked for.",
)  # fmt: skip
info = skills.loc[skill]
st.markdown(f"**{info['name']}** · {info['category']}")
if info["description"]:
    st.write(info["description"])

head = query(con, queries.summary)
if head["listings_with_text"] == 0:
    empty_state()
    st.stop()
row = shares[shares["skill_id"] == skill]
count = int(row["listings"].iloc[0]) if len(row) else 0
n = int(head["listings_with_text"])
cols = st.columns(3)
cols[0].metric("Share of listings", f"{count / n:.1%}")
cols[1].metric("Listings naming it", f"{count:,}")
cols[2].metric("Listings with text", f"{n:,}")
if len(row):
    st.caption(
        f"95% interval {row['ci_low'].iloc[0]:.1%} to {row['ci_high'].iloc[0]:.1%}; a listing "
        "counts once however often it names the skill."
    )

trend_tab, roles_tab, salary_tab, pairs_tab, evidence_tab = st.tabs(
    ["Trend", "By role", "Salary", "Goes with", "Evidence"]
)
with trend_tab:
    monthly = query(con, trends.monthly_shares, trend_filters(con), skill_ids=(skill,))
    if monthly.empty:
        st.info("None of these listings has a posting date, so there is no trend to show.")
    else:
        st.plotly_chart(charts.monthly_trends(monthly, f"{info['name']}: share per month"))
        st.caption(
            f"Share of each month's listings naming {info['name']}, with a 95% band; months with "
            f"fewer than {trends.MIN_MONTH_LISTINGS} listings are grey circles."
        )
        download(monthly, "monthly shares", f"{skill}_per_month.csv")
with roles_tab:
    by_role = query(con, profiles.skill_by_role, skill_id=skill)
    solid = by_role[~by_role["thin"]]
    if solid.empty:
        st.info("No role has enough listings under these filters.")
    else:
        st.plotly_chart(
            charts.skill_share_bars(solid, f"{info['name']}: share by role", label="label")
        )
        st.caption(
            f"Share of each role's listings naming {info['name']}; roles with fewer than "
            f"{profiles.MIN_ROLE_LISTINGS} listings are left out."
        )
        download(by_role, "shares by role", f"{skill}_by_role.csv")
with salary_tab:
    currencies = query(con, salaries.salary_currencies)
    if currencies.empty:
        st.info("None of these listings states a salary.")
    else:
        currency = st.selectbox("Currency", list(currencies["currency"]), key="explorer_currency")
        table = query(con, salaries.salary_by_skill, currency=currency)
        mine = table[table["skill_id"] == skill]
        overall = query(con, salaries.salary_overall, currency=currency)
        if mine.empty or not bool(mine["shown"].iloc[0]):
            have = int(mine["listings"].iloc[0]) if len(mine) else 0
            st.info(
                f"Only {have} listings naming {info['name']} state a salary in {currency}; "
                f"a figure needs at least {salaries.MIN_SALARY_LISTINGS}."
            )
        else:
            st.plotly_chart(
                charts.salary_ranges(mine, overall["median"], currency, f"{info['name']} salary")
            )
            stated = int(mine["listings"].iloc[0])
            st.caption(
                f"Median and middle half of the annual salary stated in {stated:,} "
                f"listings naming {info['name']}, against all {overall['listings']:,} listings "
                f"with a {currency} salary. Seniority and role affect salary as much as skills do."
            )
with pairs_tab:
    companions = query(con, pairs.goes_with, skill_id=skill)
    if companions.empty:
        st.info(f"Too few listings name {info['name']} with another skill to rank companions.")
    else:
        labels = [
            f"{p:.0%} · lift {lift:.1f}"
            for p, lift in zip(companions["p_b_given_a"], companions["lift"])
        ]
        figure = charts.value_bars(
            companions, "p_b_given_a", "name", f"Listings naming {info['name']} also name…",
            "share of those listings", labels,
        )  # fmt: skip
        figure.update_xaxes(tickformat=".0%")
        st.plotly_chart(figure)
        st.caption(
            f"Of the {int(companions['a_listings'].iloc[0]):,} listings naming {info['name']}, "
            "the share naming each other skill; lift above 1 means they go together more often "
            f"than chance. Pairs seen fewer than {pairs.MIN_PAIR_LISTINGS} times are left out."
        )
        download(companions, "companion skills", f"{skill}_goes_with.csv")
with evidence_tab:
    examples = evidence.sample_postings(con, current_filters(), skill, matcher(con), limit=5)
    if not examples:
        st.info(f"No listing under these filters names {info['name']}.")
    for example in examples:
        when = f"{example.posted_date:%b %Y}" if example.posted_date else "undated"
        where = " · ".join(filter(None, [example.company, example.source, when]))
        st.html(
            f"<p><b>{html.escape(example.title or '(no title)')}</b> · {html.escape(where)}</p>"
            + evidence.highlight_html(example)
        )
