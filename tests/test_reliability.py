"""Loads that are killed, blocked or run beside readers never corrupt or half-fill the database."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
from conftest import HAND_COUNTED, ROOT, cli, table
from test_ingest import dump

from analytics import queries
from analytics.filters import Filters
from pipelines import db
from pipelines.load import ingest_file

COPIES = 5


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """~51k distinct real-looking listings: the HN sample five times over, companies renamed."""
    sample = pd.read_csv(ROOT / "data" / "sample" / "hn_whoishiring.csv", dtype=str)
    copies = [
        sample.assign(
            post_link_id=sample["post_link_id"] + f"-{k}", company=sample["company"] + f" {k}"
        )
        for k in range(COPIES)
    ]
    path = tmp_path_factory.mktemp("big") / "big.csv"
    pd.concat(copies).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def undisturbed(tmp_path_factory: pytest.TempPathFactory, big_csv: Path) -> int:
    """Postings of big_csv after a load nobody interrupts."""
    database = tmp_path_factory.mktemp("clean") / "jobs.duckdb"
    assert cli("ingest", big_csv, "--db", database).returncode == 0
    return table(database, "SELECT count(*) FROM postings")[0][0]


@pytest.mark.parametrize("stage", ["Finding skills", "Writing"])
def test_load_killed_midway_leaves_the_previous_contents(
    hand_db: Path, big_csv: Path, undisturbed: int, stage: str
) -> None:
    before = dump(hand_db)
    load = subprocess.Popen(
        [sys.executable, "-m", "pipelines", "ingest", str(big_csv), "--db", str(hand_db)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in load.stderr:
        if stage in line:
            load.send_signal(signal.SIGKILL)
            break
    load.wait(timeout=60)
    after = dump(hand_db)
    if after != before:
        # The kill came after the commit: then the whole dataset is there, never a part of it.
        assert table(hand_db, "SELECT rows_loaded FROM datasets WHERE name = 'big'") == [
            (undisturbed,)
        ]
    assert load.returncode == -signal.SIGKILL
    again = cli("ingest", big_csv, "--db", hand_db)
    assert again.returncode == 0, again.stderr
    assert table(hand_db, "SELECT count(*) FROM postings WHERE dataset_id > 1") == [(undisturbed,)]


def test_cli_gets_a_clear_message_while_the_dashboard_holds_the_database(hand_db: Path) -> None:
    before = dump(hand_db)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"from pipelines import db; c = db.connect({str(hand_db)!r}); print('ok', flush=True); "
         "import time; time.sleep(60)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ok"
        result = cli("ingest", HAND_COUNTED, "--name", "again", "--db", hand_db)
        assert result.returncode == 2
        assert "in use by another program" in result.stderr
        assert "Upload data page" in result.stderr
    finally:
        holder.kill()
        holder.wait()
    assert dump(hand_db) == before


def test_dashboard_sessions_keep_answering_while_an_upload_runs(
    hand_db: Path, big_csv: Path, undisturbed: int, matcher
) -> None:
    con = db.connect(hand_db)  # the dashboard's one connection; sessions use cursors
    errors: list[BaseException] = []
    seen: list[int] = []
    loading = threading.Event()

    def upload() -> None:
        try:
            ingest_file(con.cursor(), big_csv, matcher, progress=lambda *_: loading.set())
        except BaseException as error:
            errors.append(error)

    def session() -> None:
        cursor = con.cursor()
        try:
            while writer.is_alive():
                seen.append(int(queries.summary(cursor, Filters())["listings"]))
                queries.skill_shares(cursor, Filters())
        except BaseException as error:
            errors.append(error)

    writer = threading.Thread(target=upload)
    writer.start()
    loading.wait(timeout=30)
    readers = [threading.Thread(target=session) for _ in range(3)]
    for reader in readers:
        reader.start()
    for thread in (writer, *readers):
        thread.join(timeout=120)
    con.close()
    assert not errors, errors
    assert len(seen) >= 6, "sessions were blocked during the upload"
    assert set(seen) <= {7, 7 + undisturbed}, "a reader saw a half-loaded dataset"


def test_hostile_file_name_is_data_not_sql(tmp_path: Path) -> None:
    name = tmp_path / "x'); DROP TABLE postings; --.csv"
    name.write_text("title,description\nData Scientist,SQL\n", encoding="utf-8")
    database = tmp_path / "jobs.duckdb"
    result = cli("ingest", name, "--db", database)
    assert result.returncode == 0, result.stderr
    assert table(database, "SELECT file_name FROM datasets") == [(name.name,)]
    assert table(database, "SELECT count(*) FROM postings") == [(1,)]
