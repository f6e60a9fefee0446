"""The one DuckDB file: where it is, how to open it, and the schema migrations run on open."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from pipelines import summaries

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "jobs.duckdb"

# Each step moves the schema one version up; a database built by any older version is
# brought to the latest on open. Append new steps, never edit old ones.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE SEQUENCE dataset_id_seq START 1",
        """CREATE TABLE datasets (
            dataset_id INTEGER PRIMARY KEY DEFAULT nextval('dataset_id_seq'),
            name VARCHAR NOT NULL,
            source_kind VARCHAR NOT NULL,
            file_name VARCHAR,
            file_sha256 VARCHAR,
            loaded_at TIMESTAMP NOT NULL,
            rows_read BIGINT NOT NULL,
            rows_loaded BIGINT NOT NULL,
            rows_duplicate BIGINT NOT NULL,
            rows_rejected BIGINT NOT NULL
        )""",
        """CREATE TABLE postings (
            posting_id VARCHAR NOT NULL,
            dataset_id INTEGER NOT NULL,
            title VARCHAR,
            company VARCHAR,
            location VARCHAR,
            country VARCHAR,
            remote VARCHAR,
            posted_date DATE,
            salary_min DOUBLE,
            salary_max DOUBLE,
            salary_currency VARCHAR,
            salary_period VARCHAR,
            salary_annual_min DOUBLE,
            salary_annual_max DOUBLE,
            description VARCHAR,
            role_family VARCHAR NOT NULL,
            seniority VARCHAR NOT NULL
        )""",
        """CREATE TABLE skills (
            skill_id VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            category VARCHAR NOT NULL,
            taxonomy_version VARCHAR NOT NULL
        )""",
        "CREATE TABLE posting_skills (posting_id VARCHAR NOT NULL, skill_id VARCHAR NOT NULL)",
        """CREATE TABLE rejected_rows (
            dataset_id INTEGER NOT NULL,
            row_number BIGINT NOT NULL,
            reason VARCHAR NOT NULL,
            raw VARCHAR
        )""",
    ),
    (
        # Content hash de-duplicates listings that come without a source id.
        "ALTER TABLE postings ADD COLUMN content_hash VARCHAR",
        "ALTER TABLE skills ADD COLUMN description VARCHAR",
        # Bumped by every write, so dashboard caches know when to refresh.
        "CREATE TABLE meta (key VARCHAR NOT NULL, value VARCHAR NOT NULL)",
        "INSERT INTO meta VALUES ('content_version', '0')",
    ),
    (
        # Users' own skill files, kept so every later load and re-extraction uses them too.
        """CREATE TABLE user_taxonomy (
            file_name VARCHAR NOT NULL,
            content VARCHAR NOT NULL,
            added_at TIMESTAMP NOT NULL
        )""",
    ),
    (
        # Integer keys for listings and skills, whether a listing has text to read, its place
        # in the evidence samples, and the summary tables (all kept by pipelines/summaries.py).
        "CREATE SEQUENCE posting_key_seq START 1",
        "ALTER TABLE postings ADD COLUMN posting_key INTEGER DEFAULT nextval('posting_key_seq')",
        "ALTER TABLE postings ADD COLUMN has_text BOOLEAN",
        "ALTER TABLE postings ADD COLUMN sample_order UBIGINT",
        "CREATE SEQUENCE skill_key_seq START 1",
        "ALTER TABLE skills ADD COLUMN skill_key INTEGER DEFAULT nextval('skill_key_seq')",
        """CREATE TABLE skill_bitmaps (
            skill_key INTEGER NOT NULL,
            block INTEGER NOT NULL,
            bits BIT NOT NULL,
            listings BIGINT NOT NULL
        )""",
        "CREATE TABLE block_sizes (block INTEGER NOT NULL, with_text BIGINT NOT NULL)",
        """CREATE TABLE posting_skill_lists (
            posting_key INTEGER NOT NULL,
            skill_keys INTEGER[] NOT NULL
        )""",
        """CREATE TABLE cell_sizes (
            month DATE,
            role_family VARCHAR NOT NULL,
            postings BIGINT NOT NULL,
            with_text BIGINT NOT NULL,
            named BIGINT NOT NULL
        )""",
        """CREATE TABLE cell_skills (
            month DATE,
            role_family VARCHAR NOT NULL,
            skill_key INTEGER NOT NULL,
            listings BIGINT NOT NULL,
            weight DOUBLE NOT NULL
        )""",
        """CREATE TABLE salary_skills (
            currency VARCHAR NOT NULL,
            salary DOUBLE NOT NULL,
            skill_key INTEGER,
            listings BIGINT NOT NULL
        )""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class DatabaseBusyError(RuntimeError):
    """Another process holds the database for writing."""


def database_path(path: str | Path | None = None) -> Path:
    """The path given, else $JOBS_DB, else data/jobs.duckdb."""
    return Path(path or os.environ.get("JOBS_DB") or DEFAULT_DB)


def connect(
    path: str | Path | None = None, *, read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    """Open the database, creating and migrating it unless opened read-only."""
    target = database_path(path)
    if not read_only:
        target.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(target), read_only=read_only)
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise DatabaseBusyError(
                f"{target} is in use by another program: the dashboard (load files on its "
                "Upload data page instead, or stop it) or another load (wait for it to finish)"
            ) from error
        raise
    # No progress bars: DuckDB draws them on stdout, where the CLI writes its own output.
    con.execute("SET enable_progress_bar = false")
    if not read_only:
        migrate(con)
    return con


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0


def migrate(con: duckdb.DuckDBPyConnection, target: int = SCHEMA_VERSION) -> None:
    """Apply the missing migration steps up to `target`, each step in its own transaction.

    The summary tables are rebuilt with the last step, so a migrated database reads right.
    """
    current = schema_version(con)
    for version in range(current + 1, target + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            if version == 1:
                con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            for statement in MIGRATIONS[version - 1]:
                con.execute(statement)
            if version == target == SCHEMA_VERSION:
                summaries.refresh(con)
            con.execute("INSERT INTO schema_version VALUES (?)", [version])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise


def content_version(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT value FROM meta WHERE key = 'content_version'").fetchone()
    return int(row[0]) if row else 0


def bump_content_version(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) "
        "WHERE key = 'content_version'"
    )
