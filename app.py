"""ML Job-Market Skills: which skills machine-learning job listings ask for, from real listings."""

import streamlit as st

from pages.common import open_database, sidebar_filters

st.set_page_config(
    page_title="ML Job-Market Skills", page_icon=":material/query_stats:", layout="wide"
)

PAGES = {
    "Explore": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/trends.py", title="Trends", icon=":material/trending_up:"),
        st.Page("pages/skill_explorer.py", title="Skill explorer", icon=":material/search:"),
        st.Page("pages/skill_pairs.py", title="Skill pairs", icon=":material/hub:"),
        st.Page("pages/roles.py", title="Roles", icon=":material/badge:"),
        st.Page("pages/my_skills.py", title="My skills", icon=":material/school:"),
        st.Page("pages/salaries.py", title="Salaries", icon=":material/payments:"),
        st.Page("pages/advice_check.py", title="Advice check", icon=":material/fact_check:"),
    ],
    "Data": [
        st.Page("pages/upload_data.py", title="Upload data", icon=":material/upload:"),
        st.Page("pages/data_sources.py", title="Data sources", icon=":material/database:"),
    ],
}

page = st.navigation(PAGES)
con = open_database()
if con is not None:
    st.session_state["filters"] = sidebar_filters(con)
page.run()
