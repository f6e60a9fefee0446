"""What every page shares: the database connection, cached queries and the current filters."""

from __future__ import annotations

import dataclasses
import datetime
import importlib
import threading
from collections.abc import Callable
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from analytics import charts, compare, queries
from analytics.export import csv_bytes
from analytics.filters import Filters
from pipelines import db
from pipelines.load import matcher_for
from pipelines.roles import ROLE_FAMILIES, SENIORITIES
from pipelines.skills import Matcher


@st.cache_resource
def _database(path: str) -> duckdb.DuckDBPyConnection:
    # One read-write connection per dashboard process: sessions read through cursors while an
    # upload writes through another, and DuckDB keeps readers on the last committed state.
    return db.connect(path)


@st.cache_resource
def write_lock() -> threading.Lock:
    """DuckDB has a single writer: uploads and deletes from all sessions take turns."""
    return threading.Lock()


def open_database(*, create: bool = False) -> duckdb.DuckDBPyConnection | None:
    """A cursor on the database; None when it does not exist yet (unless `create`) or is busy."""
    path = db.database_path()
    if not (path.exists() or create):
        return None
    try:
        return _database(str(path)).cursor()
    except db.DatabaseBusyError:
        return None


def connection(*, create: bool = False) -> duckdb.DuckDBPyConnection | None:
    """A cursor on the database, or None with a message saying what to do."""
    con = open_database(create=create)
    if con is None and db.database_path().exists():
        st.warning(
            "Another program is writing to the listings database (a command-line load?). "
            "Pages work again as soon as it finishes; reload this page then."
        )
    elif con is None:
        st.info(
            f"No listings database at `{db.database_path()}` yet. Run `make run` to build it "
            "from the shipped sample, or load a file on the Upload data page."
        )
    return con


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(_con: duckdb.DuckDBPyConnection, name: str, version: int, filters: Filters, **kw):
    module, function = name.split(":")
    return getattr(importlib.import_module(module), function)(_con, filters, **kw)


def query(
    con: duckdb.DuckDBPyConnection,
    function: Callable[..., Any],
    filters: Filters | None = None,
    **kwargs: object,
) -> Any:
    """Run an analytics function through the cache, refreshed whenever the database changes.

    `filters` defaults to the shared sidebar filters.
    """
    name = f"{function.__module__}:{function.__name__}"
    version = db.content_version(con)
    return _cached(con, name, version, filters or current_filters(), **kwargs)


@st.cache_resource(show_spinner="Loading the skill taxonomy…")
def _matcher(_con: duckdb.DuckDBPyConnection, version: str) -> Matcher:
    return matcher_for(_con)


def matcher(con: duckdb.DuckDBPyConnection) -> Matcher:
    """The matcher of the taxonomy the database was extracted with, for showing evidence."""
    return _matcher(con, queries.taxonomy_version(con))


def trend_filters(con: duckdb.DuckDBPyConnection) -> Filters:
    """The shared filters for a trend: unless the user chose sources, one source only.

    Mixing sources turns a trend line into a jump from one source to the next, so trends rest on
    the source with dated listings in the most months; a note on the page says so.
    """
    shared = current_filters()
    source = options(con).trend_source
    if shared.sources or not source:
        return shared
    st.info(
        f"Trends show **{source}**, the source with listings across the most months. "
        "Choose sources in the sidebar to see others."
    )
    return dataclasses.replace(shared, sources=(source,))


def comparison(
    con: duckdb.DuckDBPyConnection, a: Filters, b: Filters, label_a: str, label_b: str, what: str
) -> None:
    """Two groups of listings skill by skill, with a significance test, chart, caption and CSV."""
    compared = query(con, compare.compare, a=a, b=b)
    if compared.empty or not (compared["a_n"].iloc[0] and compared["b_n"].iloc[0]):
        empty_state(f"listings of both {what}")
        return
    title = f"{label_a} vs {label_b}: biggest differences"
    st.plotly_chart(charts.comparison_dots(compared.head(25), label_a, label_b, title))
    st.caption(
        f"Share of listings naming each skill in {label_a} ({int(compared['a_n'].iloc[0]):,} "
        f"listings) and {label_b} ({int(compared['b_n'].iloc[0]):,}), largest differences first; "
        "skills in bold differ by more than chance (two-proportion test, p < 0.05)."
    )
    download(compared, "comparison", f"{label_a}_vs_{label_b}.csv".replace(" ", "_"))


def download(frame: pd.DataFrame, label: str, file_name: str) -> None:
    """A CSV download of the table behind a chart."""
    st.download_button(
        f"Download {label} (CSV)", csv_bytes(frame), file_name, "text/csv", key=f"csv-{file_name}"
    )


def empty_state(what: str = "listings") -> None:
    st.warning(
        f"No {what} match the current filters. Loosen a filter in the sidebar (source, role, "
        "seniority, country, remote, period or title keyword) to see more."
    )


def current_filters() -> Filters:
    return st.session_state.get("filters", Filters())


@st.cache_data(show_spinner=False)
def _options(_con: duckdb.DuckDBPyConnection, version: int) -> queries.FilterOptions:
    return queries.filter_options(_con)


def options(con: duckdb.DuckDBPyConnection) -> queries.FilterOptions:
    """What the filters can take (sources, countries, months), from what is loaded."""
    return _options(con, db.content_version(con))


@st.cache_data(show_spinner=False)
def _catalog(_con: duckdb.DuckDBPyConnection, version: int) -> pd.DataFrame:
    return queries.skill_catalog(_con)


def catalog(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every skill with its name, category and description."""
    return _catalog(con, db.content_version(con))


def sidebar_filters(con: duckdb.DuckDBPyConnection) -> Filters:
    """The shared filters, in the sidebar and in the URL, so a copied link reopens the view."""
    choices = options(con)
    bar = st.sidebar
    bar.header("Filters")
    months = choices.months
    first, last = (months[0], months[-1]) if months else (None, None)
    period = (first, last)
    if len(months) > 1:
        period = bar.select_slider(
            "Posted between", months, value=(first, last), format_func=_month,
            key="months", bind="query-params",
            help="Narrowing the period leaves out listings without a date.",
        )  # fmt: skip
    sources = bar.multiselect(
        "Source", choices.sources, key="source", bind="query-params", placeholder="All sources"
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
        "Country", choices.countries, key="country", bind="query-params",
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
