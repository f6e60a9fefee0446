"""Upload data: load listing exports from the browser, check the mapping, see what was rejected."""

import datetime
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from analytics import queries
from pages.common import connection, download, matcher, write_lock
from pipelines.load import LoadResult, ingest_file, matcher_for
from pipelines.mapping import FIELDS, REQUIRED_ANY, resolve
from pipelines.readers import InputError, read_table
from pipelines.skills import TaxonomyError

FORMATS = ["csv", "tsv", "txt", "json", "jsonl", "parquet", "xlsx", "gz"]
NONE = "(not in this file)"
_HELP = dict.fromkeys(REQUIRED_ANY, "* a listing needs a title, a description or a skills list")
PREVIEW_ROWS = 20

st.title("Upload data")
st.write(
    "Load listing exports (CSV, TSV, JSON, JSON Lines, Parquet, XLSX, or .gz of the text "
    "formats). Columns are recognised by their names; check the mapping, then load. Each file "
    "loads in one step or not at all, listings already loaded are skipped, and rejected rows "
    "are kept with the reason."
)
con = connection(create=True)
if con is None:
    st.stop()

uploads = st.file_uploader("Listing files", type=FORMATS, accept_multiple_files=True)
skills_upload = st.file_uploader(
    "Your own skills (optional TOML, same format as data/skills.toml)", type=["toml"],
    help="Adds or replaces skills by id; kept in the database for later loads too.",
)  # fmt: skip


@st.cache_resource(max_entries=16)
def _saved(file_id: str, name: str, data: bytes) -> Path:
    """The upload as a file on disk under its own name, once per upload."""
    path = Path(tempfile.mkdtemp(prefix="upload-")) / Path(name).name
    path.write_bytes(data)
    return path


@st.cache_data(max_entries=4, show_spinner="Reading the file…")
def _read(path: Path) -> pd.DataFrame:
    return read_table(path)


def _mapping_widgets(path: Path, columns: list[str], key: str) -> dict[str, str]:
    """Select boxes for the column of each field, preset from the header synonyms.

    Returns the user's mapping as overrides; "" turns off a field the synonyms would fill.
    """
    try:
        found = resolve(columns, file_name=path.name)
    except InputError as error:
        st.error(str(error))
        found = {}
    chosen = {}
    cells = st.columns(3)
    for index, field in enumerate(FIELDS):
        options = [NONE, *columns]
        preset = found.get(field, [NONE])[0]
        label = f"{field} *" if field in REQUIRED_ANY else field
        column = cells[index % 3].selectbox(
            label, options, options.index(preset), key=f"{key}-{field}", help=_HELP.get(field)
        )
        if column != NONE:
            chosen[field] = column
        elif field in found:
            chosen[field] = ""  # the user turned a recognised column off
    return chosen


def _custom_skills() -> list[Path]:
    if skills_upload is None:
        return []
    return [_saved(skills_upload.file_id, skills_upload.name, skills_upload.getvalue())]


plans = []
for upload in uploads or []:
    path = _saved(upload.file_id, upload.name, upload.getvalue())
    with st.expander(f"{upload.name} ({upload.size / 1e6:,.1f} MB)", expanded=True):
        try:
            frame = _read(path)
        except InputError as error:
            st.error(str(error))
            continue
        st.caption(f"{len(frame):,} rows, {len(frame.columns)} columns; the first {PREVIEW_ROWS}:")
        st.dataframe(frame.head(PREVIEW_ROWS), hide_index=True)
        overrides = _mapping_widgets(path, list(frame.columns), upload.file_id)
        left, right = st.columns(2)
        stem = path.name.split(".")[0]
        name = left.text_input("Dataset name", stem, key=f"{upload.file_id}-name")
        give_date = right.checkbox(
            "Give listings without a date this date", key=f"{upload.file_id}-dated",
            help="For scrapes without a posting date; listings with no date at all still count "
            "everywhere except trends.",
        )  # fmt: skip
        posted = right.date_input("Date", datetime.date.today(), key=f"{upload.file_id}-date")
        plans.append((path, name, overrides, posted if give_date else None))

if plans and st.button(f"Load {len(plans)} file{'s' * (len(plans) > 1)}", type="primary"):
    try:
        extra = _custom_skills()
        skill_matcher = matcher_for(con, extra) if extra else matcher(con)
    except (InputError, TaxonomyError) as error:
        st.error(f"Your skills file: {error}")
        st.stop()
    results: list[LoadResult] = []
    for path, name, overrides, posted in plans:
        bar = st.progress(0.0, text=f"{path.name}: waiting for other loads to finish")
        try:
            with write_lock():
                result = ingest_file(
                    con, path, skill_matcher, name=name, overrides=overrides, posted_date=posted,
                    progress=lambda stage, done, bar=bar, file=path.name: bar.progress(
                        min(done, 1.0), text=f"{file}: {stage}"
                    ),
                )  # fmt: skip
        except InputError as error:
            bar.empty()
            st.error(f"{error}. Nothing from this file was loaded.")
            continue
        bar.empty()
        results.append(result)
    st.session_state["loaded"] = results

for result in st.session_state.get("loaded", []):
    if result.already_loaded_as:
        st.info(result.summary())
        continue
    st.success(result.summary())
    cols = st.columns(5)
    for col, (label, value) in zip(
        cols,
        [
            ("Read", result.rows_read),
            ("Loaded", result.rows_loaded),
            ("Duplicates", result.rows_duplicate),
            ("Rejected", result.rows_rejected),
            ("Skills found", result.distinct_skills),
        ],
    ):
        col.metric(label, f"{value:,}")
    if result.rows_rejected:
        rejected = queries.rejected_rows(con, result.dataset_id)
        st.dataframe(rejected.head(PREVIEW_ROWS), hide_index=True)
        download(rejected, f"rejected rows of {result.name}", f"rejected_{result.dataset_id}.csv")
if st.session_state.get("loaded"):
    st.caption("Every page shows the new listings now; the Data sources page lists all loads.")
