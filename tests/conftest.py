"""Shared fixtures: the real taxonomy, and small databases built through the real ingest path."""

from __future__ import annotations

import datetime
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import streamlit as st
from reference import Sample, load_sample

from pipelines import db
from pipelines.load import ingest_file
from pipelines.skills import Matcher, load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The ids SPEC section 4 names; accuracy is measured over these.
SPEC_IDS = frozenset(
    "python r sql java cpp scala julia matlab go javascript "
    "tensorflow pytorch keras scikit_learn jax xgboost lightgbm hugging_face pandas numpy spark "
    "langchain mathematics linear_algebra calculus optimization probability "
    "statistics hypothesis_testing ab_testing bayesian_methods time_series "
    "data_structures_algorithms machine_learning deep_learning nlp computer_vision "
    "reinforcement_learning llm mlops aws gcp azure docker kubernetes airflow mlflow git linux "
    "tableau power_bi excel communication collaboration continuous_learning".split()
)
HAND_COUNTED = FIXTURES / "hand_counted.csv"
# Read off tests/fixtures/hand_counted.csv: row A-6 repeats has no text, so neither
# is loaded; A-5 names no skill ("excel at", "go-to-market").
HAND_SKILLS = {
    "A-1": {"python", "sql", "tableau"},
    "A-2": {"excel", "sql", "r"},
    "A-3": {"machine_learning", "pytorch", "tensorflow", "aws", "docker"},
    "A-4": {"spark", "airflow", "python", "gcp"},
    "A-5": set(),
    "A-8": {"deep_learning", "jax", "numpy"},
    "A-9": {"cpp", "java", "javascript"},
}
HAND_SKILL_COUNTS = Counter(skill for skills in HAND_SKILLS.values() for skill in skills)
HAND_LISTINGS_WITH_TEXT = len(HAND_SKILLS)


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    return Matcher(load_taxonomy())


@pytest.fixture
def hand_db(tmp_path: Path, matcher: Matcher) -> Path:
    """A database holding the hand-counted listings of tests/fixtures/hand_counted.csv."""
    path = tmp_path / "jobs.duckdb"
    con = db.connect(path)
    ingest_file(con, HAND_COUNTED, matcher, name="hand")
    con.close()
    return path


@pytest.fixture
def hand_con(hand_db: Path):
    """A read-only connection to the hand-counted database."""
    con = db.connect(hand_db, read_only=True)
    yield con
    con.close()


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch):
    """Start the dashboard in AppTest on a database: `at = app(path)`."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    # AppTest re-detects the pages/ folder before every run and then runs the current page as
    # a legacy page, skipping app.py; the real server turns that off once st.navigation runs.
    original_init = PagesManager.__init__

    def init_for_navigation(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_for_navigation)

    def start(database: Path, **query: str | list[str]) -> AppTest:
        st.cache_data.clear()
        st.cache_resource.clear()
        monkeypatch.setenv("JOBS_DB", str(database))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        return at.run()

    return start


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, matcher: Matcher) -> Path:
    """The shipped real sample, loaded as `make run` loads it. Tests must not write to it."""
    path = tmp_path_factory.mktemp("sample") / "jobs.duckdb"
    con = db.connect(path)
    sample = ROOT / "data" / "sample"
    ingest_file(con, sample / "glassdoor_jobs.csv", matcher, name="glassdoor-2020",
                posted_date=datetime.date(2020, 1, 1))  # fmt: skip
    ingest_file(con, sample / "data_scientist_us_2025.csv", matcher, name="jsearch-ds-2025")
    ingest_file(con, sample / "hn_whoishiring.csv", matcher, name="hn-whoishiring")
    con.close()
    return path


@pytest.fixture(scope="module")
def sample_con(sample_db: Path):
    """A connection to the sample, one per test module; tests only read through it.

    Opened as the dashboard opens it (read-write), so it shares the in-process database with
    page tests instead of clashing with their configuration.
    """
    con = db.connect(sample_db)
    yield con
    con.close()


@pytest.fixture(scope="session")
def sample(sample_db: Path) -> Sample:
    """The sample as plain pandas tables, for the reference counts of tests/reference.py."""
    con = db.connect(sample_db)
    try:
        return load_sample(con)
    finally:
        con.close()


def cli(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python -m pipelines ARGS` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "pipelines", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def table(path: Path, sql: str) -> list[tuple]:
    """Rows of a query; opened like the dashboard opens it, so it shares an in-process instance."""
    con = db.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
