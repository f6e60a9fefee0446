"""Data sources: every loaded dataset with its provenance and counts."""

import streamlit as st

from analytics import queries
from pages.common import connection, download, empty_state, query

st.title("Data sources")
con = connection()
if con is None:
    st.stop()

sources = query(con, queries.datasets_in_view)
datasets = queries.datasets_table(con)
if datasets.empty:
    st.info("Nothing is loaded yet: `python -m pipelines ingest FILE` loads an export.")
    st.stop()
st.dataframe(
    datasets,
    hide_index=True,
    column_config={
        "dataset_id": "Id",
        "name": "Dataset",
        "source_kind": "Kind",
        "file_name": "File",
        "file_sha256": "SHA-256",
        "loaded_at": st.column_config.DatetimeColumn("Loaded at", format="YYYY-MM-DD HH:mm"),
        "rows_read": "Read",
        "rows_loaded": "Loaded",
        "rows_duplicate": "Duplicates",
        "rows_rejected": "Rejected",
    },
)
in_view = "; ".join(f"{r.name} {r.listings:,} listings" for r in sources.itertuples())
st.caption(
    f"Skills found with taxonomy version {queries.taxonomy_version(con)}. "
    + (f"Under the current filters: {in_view}." if in_view else "")
)
if sources.empty:
    empty_state()
download(datasets, "datasets", "datasets.csv")
