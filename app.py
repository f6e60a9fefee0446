"""ML Job-Market Skills: which skills machine-learning job listings ask for, from real listings."""

import streamlit as st

from pages.common import open_database, sidebar_filters

st.set_page_config(
    page_title="ML Job-Market Skills", page_icon=":material/query_stats:", layout="wide"
)

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
]

page = st.navigation(PAGES)
con = open_database()
if con is not None:
    st.session_state["filters"] = sidebar_filters(con)
page.run()
