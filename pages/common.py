"""What every page shares: the database connection, cached queries and the current filters."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from analytics import queries
from analytics.filters import Filters
from pipelines import db
from pipelines.roles import ROLE_FAMILIES, SENIORITIES


@st.cache_resource
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return db.connect(path, read_only=True)


def open_database() -> duckdb.DuckDBPyConnection | None:
    """A cursor on the database, or None when there is no database yet."""
    path = db.database_path()
    return _connection(str(path)).cursor() if path.exists() else None


def connection() -> duckdb.DuckDBPyConnection | None:
    """A cursor on the database, or None (with a message) when there is no database yet."""
    con = open_database()
    if con is None:
        st.info(
            f"No listings database at `{db.database_path()}` yet. Run `make run` to build it "
            "from the shipped sample, or load a file with `python -m pipelines ingest FILE`."
        )
    return con


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


@st.cache_data(show_spinner=False)
def _options(_con: duckdb.DuckDBPyConnection, version: int) -> queries.FilterOptions:
    return queries.filter_options(_con)


def sidebar_filters(con: duckdb.DuckDBPyConnection) -> Filters:
    """The shared filters, in the sidebar and in the URL, so a copied link reopens the view."""
    options = _options(con, db.content_version(con))
    bar = st.sidebar
    bar.header("Filters")
    months = options.months
    first, last = (months[0], months[-1]) if months else (None, None)
    period = (first, last)
    if len(months) > 1:
        period = bar.select_slider(
            "Posted between", months, value=(first, last), format_func=_month,
            key="months", bind="query-params",
            help="Narrowing the period leaves out listings without a date.",
        )  # fmt: skip
    sources = bar.multiselect(
        "Source", options.sources, key="source", bind="query-params", placeholder="All sources"
    )
    roles = bar.multiselect(
        "Role", list(ROLE_FAMILIES), format_func=ROLE_FAMILIES.get, key="role",
        bind="query-params", placeholder="All roles",
    )  # fmt: skip
    levels = bar.multiselect(
        "Seniority", list(SENIORITIES), format_func=SENIORITIES.get, key="seniority",
        bind="query-params", placeholder="All levels",
    )  # fmt: skip
    countries = bar.multiselect(
        "Country", options.countries, key="country", bind="query-params",
        placeholder="All countries",
    )  # fmt: skip
    remote = bar.multiselect(
        "Remote", ["remote", "hybrid", "on-site"], key="remote", bind="query-params",
        placeholder="Any",
    )  # fmt: skip
    keyword = bar.text_input(
        "Title contains", key="q", bind="query-params", placeholder="e.g. machine learning"
    )
    return Filters(
        date_from=period[0] if period[0] != first else None,
        date_to=_month_end(period[1]) if period[1] != last else None,
        role_families=tuple(roles),
        seniorities=tuple(levels),
        countries=tuple(countries),
        remote=tuple(remote),
        sources=tuple(sources),
        title_keyword=keyword,
    )


def _month(value: datetime.date) -> str:
    return f"{value:%b %Y}"


def _month_end(value: datetime.date) -> datetime.date:
    following = (value.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)
