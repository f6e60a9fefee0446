"""What every page shares: the database connection, cached queries and the current filters."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from analytics import queries
from analytics.filters import Filters
from pipelines import db


@st.cache_resource
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return db.connect(path, read_only=True)


def connection() -> duckdb.DuckDBPyConnection | None:
    """A cursor on the database, or None (with a message) when there is no database yet."""
    path = db.database_path()
    if not path.exists():
        st.info(
            f"No listings database at `{path}` yet. Run `make run` to build it from the shipped "
            "sample, or load a file with `python -m pipelines ingest FILE`."
        )
        return None
    return _connection(str(path)).cursor()


@st.cache_data(show_spinner=False, max_entries=256)
def _cached(_con: duckdb.DuckDBPyConnection, name: str, version: int, filters: Filters, **kw):
    return getattr(queries, name)(_con, filters, **kw)


def query(
    con: duckdb.DuckDBPyConnection, function: Callable[..., pd.DataFrame], **kwargs: object
) -> pd.DataFrame:
    """Run an analytics query through the cache, refreshed whenever the database content changes."""
    return _cached(con, function.__name__, db.content_version(con), current_filters(), **kwargs)


def current_filters() -> Filters:
    return st.session_state.get("filters", Filters())
