"""Upload data: where analysts load their own listing exports."""

import streamlit as st

st.title("Upload data")
st.info(
    "Uploading from the browser is coming next. Until then, load an export from the command "
    "line: `python -m pipelines ingest FILE --name NAME` (CSV, TSV, JSON, JSON Lines, Parquet, "
    "XLSX or .gz); see the README's analyst section. The dashboard shows it at once."
)
