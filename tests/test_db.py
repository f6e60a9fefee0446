"""Schema creation and migrations: a database built by an older version still opens."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines import db


def test_new_database_has_the_spec_tables(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "jobs.duckdb")
    tables = {
        row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert {
        "datasets",
        "postings",
        "skills",
        "posting_skills",
        "rejected_rows",
        "schema_version",
    } <= tables
    assert db.schema_version(con) == db.SCHEMA_VERSION
    assert db.content_version(con) == 0


def test_version_1_database_is_migrated_on_open_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    db.migrate(old, target=1)
    old.execute(
        "INSERT INTO datasets (name, source_kind, loaded_at, rows_read, rows_loaded, "
        "rows_duplicate, rows_rejected) VALUES ('old', 'file', now(), 1, 1, 0, 0)"
    )
    old.execute(
        "INSERT INTO postings (posting_id, dataset_id, title, role_family, seniority) "
        "VALUES ('old:1', 1, 'Data Scientist', 'data_scientist', 'mid')"
    )
    old.close()

    con = db.connect(path)
    assert db.schema_version(con) == db.SCHEMA_VERSION
    assert con.execute("SELECT posting_id, content_hash FROM postings").fetchall() == [
        ("old:1", None)
    ]
    assert db.content_version(con) == 0
    con.close()
    # Opening again is a no-op.
    assert db.schema_version(db.connect(path)) == db.SCHEMA_VERSION


def test_path_comes_from_argument_then_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("JOBS_DB", str(tmp_path / "env.duckdb"))
    assert db.database_path() == tmp_path / "env.duckdb"
    assert db.database_path(tmp_path / "arg.duckdb") == tmp_path / "arg.duckdb"


def test_second_writer_gets_a_clear_busy_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "jobs.duckdb"
    db.connect(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
            "print('ok', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(db.DatabaseBusyError, match="in use"):
            db.connect(path)
    finally:
        holder.kill()
        holder.wait()
