"""ML Job-Market Skills: which skills machine-learning job listings ask for, from real listings."""

import streamlit as st

st.set_page_config(
    page_title="ML Job-Market Skills", page_icon=":material/query_stats:", layout="wide"
)

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
]

st.navigation(PAGES).run()
