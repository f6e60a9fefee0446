"""Deleting a dataset removes its listings and their skills, and nothing else."""

from __future__ import annotations

from pathlib import Path

from conftest import HAND_COUNTED, cli, table


def test_delete_removes_one_dataset_and_keeps_the_rest(tmp_path: Path, hand_db: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text(
        "title,description\nData Engineer,Airflow and dbt\nData Analyst,\n,\n", encoding="utf-8"
    )
    assert cli("ingest", other, "--name", "other", "--db", hand_db).returncode == 0
    kept_before = {
        sql: table(hand_db, sql)
        for sql in (
            "SELECT * FROM postings WHERE dataset_id = 2 ORDER BY posting_id",
            "SELECT ps.* FROM posting_skills ps JOIN postings USING (posting_id) "
            "WHERE dataset_id = 2 ORDER BY ALL",
            "SELECT * FROM rejected_rows WHERE dataset_id = 2",
            "SELECT * FROM datasets WHERE dataset_id = 2",
            "SELECT * FROM skills ORDER BY skill_id",
        )
    }

    result = cli("delete", "1", "--db", hand_db)
    assert result.returncode == 0, result.stderr
    assert "7 listings" in result.stdout

    assert table(hand_db, "SELECT DISTINCT dataset_id FROM postings") == [(2,)]
    assert table(hand_db, "SELECT count(*) FROM posting_skills WHERE posting_id LIKE 'hand:%'") == [
        (0,)
    ]
    assert table(hand_db, "SELECT DISTINCT dataset_id FROM rejected_rows") == [(2,)]
    for sql, rows in kept_before.items():
        assert table(hand_db, sql) == rows, sql

    # The same file loads again after its dataset is gone.
    again = cli("ingest", HAND_COUNTED, "--name", "hand", "--db", hand_db)
    assert again.returncode == 0 and "loaded 7" in again.stdout


def test_deleting_an_unknown_dataset_exits_2(hand_db: Path) -> None:
    result = cli("delete", "99", "--db", hand_db)
    assert result.returncode == 2
    assert "no dataset with id 99" in result.stderr
    assert table(hand_db, "SELECT count(*) FROM postings") == [(7,)]
