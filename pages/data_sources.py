"""Data sources: every loaded dataset with its provenance and counts; delete one to undo a load."""

import streamlit as st

from analytics import queries
from pages.common import connection, download, write_lock
from pipelines.load import delete_dataset

st.title("Data sources")
con = connection()
if con is None:
    st.stop()

if "deleted" in st.session_state:
    st.success(st.session_state.pop("deleted"))
datasets = queries.datasets_table(con)
if datasets.empty:
    st.info("Nothing is loaded yet: load an export on the Upload data page.")
    st.stop()
st.dataframe(
    datasets,
    hide_index=True,
    column_order=[
        "dataset_id",
        "name",
        "rows_loaded",
        "share_of_listings",
        "first_date",
        "last_date",
        "rows_read",
        "rows_duplicate",
        "rows_rejected",
        "loaded_at",
        "source_kind",
        "file_name",
        "file_sha256",
    ],
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
        "first_date": st.column_config.DateColumn("First posted"),
        "last_date": st.column_config.DateColumn("Last posted"),
        "share_of_listings": st.column_config.NumberColumn("Share of listings", format="percent"),
    },
)
st.caption(
    f"{int(datasets['rows_loaded'].sum()):,} listings in {len(datasets)} datasets. Skills found "
    f"with taxonomy version {queries.taxonomy_version(con)}. Duplicates are listings already "
    "loaded (same source id, or same title, company, text and date)."
)
download(datasets, "datasets", "datasets.csv")

labels = {
    row.dataset_id: f"{row.name} (id {row.dataset_id}, {row.file_name}, {row.rows_loaded:,} loaded)"
    for row in datasets.itertuples()
}
chosen = st.selectbox("Dataset", list(labels), format_func=labels.get, key="dataset")

st.subheader("Rejected rows")
rejected = queries.rejected_rows(con, chosen)
if rejected.empty:
    st.write("No row of this dataset was rejected.")
else:
    st.dataframe(rejected, hide_index=True)
    download(rejected, "rejected rows", f"rejected_rows_{chosen}.csv")

st.subheader("Delete")
st.write(
    f"Deleting **{labels[chosen]}** removes its listings, their skills and its rejected rows from "
    "every page. Nothing else changes; load the file again to bring it back."
)
sure = st.checkbox("Yes, delete this dataset", key=f"confirm-{chosen}")
if st.button("Delete dataset", type="primary", disabled=not sure):
    with write_lock():
        removed = delete_dataset(con, chosen)
    st.session_state["deleted"] = f"Deleted {labels[chosen]}: {removed:,} listings removed."
    st.rerun()
