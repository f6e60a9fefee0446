"""Ingestion end to end: hand-counted listings, formats, duplicates, bad input, the CLI."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import HAND_COUNTED, HAND_SKILLS, cli, table

from pipelines import db
from pipelines.load import ingest_file


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, to compare a database before and after."""
    con = db.connect(path, read_only=True)
    try:
        tables = [
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        ]
        return {
            t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables
        }
    finally:
        con.close()


def test_hand_counted_csv(hand_db: Path) -> None:
    pairs = table(hand_db, "SELECT posting_id, skill_id FROM posting_skills")
    found = {row_id: set() for row_id in HAND_SKILLS}
    for posting_id, skill_id in pairs:
        found[posting_id.removeprefix("hand:")].add(skill_id)
    assert found == HAND_SKILLS
    assert table(
        hand_db, "SELECT rows_read, rows_loaded, rows_duplicate, rows_rejected FROM datasets"
    ) == [(9, 7, 1, 1)]
    assert table(hand_db, "SELECT row_number, reason FROM rejected_rows") == [
        (7, "no title or description")
    ]
    no_skill = table(
        hand_db,
        "SELECT title FROM postings "
        "WHERE posting_id NOT IN (SELECT posting_id FROM posting_skills)",
    )
    assert no_skill == [("Data Scientist",)]


def test_hand_counted_fields_are_normalised(hand_db: Path) -> None:
    rows = {
        r[0]: r[1:]
        for r in table(
            hand_db,
            "SELECT posting_id, company, country, remote, posted_date, salary_min, salary_max, "
            "salary_currency, salary_period, salary_annual_min, role_family, seniority, "
            "description FROM postings",
        )
    }
    a1 = rows["hand:A-1"]
    assert a1[:9] == (
        "Acme Analytics", "United States", None, datetime.date(2025, 3, 14),
        120000, 150000, "USD", "year", 120000,
    )  # fmt: skip
    assert a1[9:11] == ("data_scientist", "mid")
    assert "<p>" not in a1[11] and "Python" in a1[11]
    assert rows["hand:A-2"][1:4] == ("United Kingdom", None, datetime.date(2025, 3, 14))
    assert rows["hand:A-2"][4:9] == (50000, 60000, "GBP", "year", 50000)
    assert rows["hand:A-3"][2:4] == ("remote", datetime.date(2025, 3, 2))
    assert rows["hand:A-3"][4:9] == (55, 55, "USD", "hour", 55 * 2080)
    assert rows["hand:A-3"][9] == "ml_engineer"
    assert rows["hand:A-4"][1] == "Germany"
    assert rows["hand:A-4"][3] == datetime.date(2023, 11, 14)  # epoch 1700000000
    assert rows["hand:A-4"][9:11] == ("data_engineer", "senior")
    assert rows["hand:A-8"][1] == "Canada"
    assert rows["hand:A-9"][11] == "C++ & Java; no JavaScript."


def _same_listings_as(tmp_path: Path, kind: str) -> Path:
    frame = pd.read_csv(HAND_COUNTED, dtype=str, keep_default_na=False).replace("", None)
    target = tmp_path / f"hand_counted.{kind}"
    if kind == "jsonl":
        target.write_text(
            "\n".join(json.dumps(r) for r in frame.to_dict("records")) + "\n", encoding="utf-8"
        )
    else:
        frame.to_parquet(target, index=False)
    return target


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_csv_jsonl_and_parquet_give_identical_tables(
    tmp_path: Path, hand_db: Path, matcher, kind: str
) -> None:
    path = tmp_path / f"{kind}.duckdb"
    con = db.connect(path)
    ingest_file(con, _same_listings_as(tmp_path, kind), matcher, name="hand")
    con.close()
    for query in (
        "SELECT * EXCLUDE (dataset_id) FROM postings ORDER BY posting_id",
        "SELECT * FROM posting_skills ORDER BY ALL",
        "SELECT rows_read, rows_loaded, rows_duplicate, rows_rejected FROM datasets",
        "SELECT row_number, reason FROM rejected_rows",
    ):
        assert table(path, query) == table(hand_db, query), query


def test_same_file_twice_adds_nothing_and_says_so(hand_db: Path) -> None:
    before = dump(hand_db)
    result = cli("ingest", HAND_COUNTED, "--name", "again", "--db", hand_db)
    assert result.returncode == 0, result.stderr
    assert "already loaded" in result.stdout and "'hand'" in result.stdout
    assert dump(hand_db) == before


def test_same_listings_in_another_file_are_duplicates(tmp_path: Path, hand_db: Path) -> None:
    copy = tmp_path / "copy.csv"
    copy.write_text(HAND_COUNTED.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = cli("ingest", copy, "--name", "hand", "--db", hand_db)
    assert result.returncode == 0, result.stderr
    assert "loaded 0" in result.stdout and "duplicate 8" in result.stdout
    assert table(hand_db, "SELECT count(*) FROM postings") == [(7,)]
    assert table(
        hand_db, "SELECT name, rows_loaded, rows_duplicate FROM datasets ORDER BY dataset_id"
    ) == [
        ("hand", 7, 1),
        ("hand", 0, 8),
    ]


def test_file_without_title_or_description_exits_2_and_changes_nothing(hand_db: Path) -> None:
    bad = Path(__file__).parent / "fixtures" / "no_text_columns.csv"
    before = dump(hand_db)
    result = cli("ingest", bad, "--db", hand_db)
    assert result.returncode == 2
    assert "no_text_columns.csv" in result.stderr
    assert "title or description" in result.stderr and "--map" in result.stderr
    assert "Employer, City, Salary" in result.stderr
    assert dump(hand_db) == before


def test_map_names_columns_the_synonyms_do_not_know(tmp_path: Path) -> None:
    export = tmp_path / "ats.tsv"
    export.write_text(
        "Gig\tBlurb\tWhen\nQuant Researcher\tKdb+ and Python; some C++\t2024-05-01\n",
        encoding="utf-8",
    )
    dbfile = tmp_path / "jobs.duckdb"
    result = cli(
        "ingest", export, "--map", "title=Gig", "--map", "description=Blurb",
        "--map", "posted_date=When", "--db", dbfile,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert table(dbfile, "SELECT title, posted_date FROM postings") == [
        ("Quant Researcher", datetime.date(2024, 5, 1))
    ]
    assert table(dbfile, "SELECT skill_id FROM posting_skills ORDER BY 1") == [
        ("cpp",),
        ("python",),
    ]

    wrong = cli("ingest", export, "--map", "title=Nope", "--db", tmp_path / "other.duckdb")
    assert wrong.returncode == 2
    assert "'Nope'" in wrong.stderr and "Gig, Blurb, When" in wrong.stderr


def test_posted_date_fills_listings_without_a_date(tmp_path: Path) -> None:
    export = tmp_path / "scrape.csv"
    export.write_text(
        "title,description\nData Scientist,SQL\nData Analyst,Excel\n", encoding="utf-8"
    )
    dbfile = tmp_path / "jobs.duckdb"
    result = cli("ingest", export, "--posted-date", "2020", "--db", dbfile)
    assert result.returncode == 0, result.stderr
    assert table(dbfile, "SELECT DISTINCT posted_date FROM postings") == [
        (datetime.date(2020, 1, 1),)
    ]

    bad = cli("ingest", export, "--posted-date", "someday", "--db", tmp_path / "x.duckdb")
    assert bad.returncode == 2 and "--posted-date" in bad.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = cli("ingest", tmp_path / "nope.csv", "--db", tmp_path / "jobs.duckdb")
    assert result.returncode == 2
    assert "nope.csv" in result.stderr and "not found" in result.stderr


def test_extract_cli_reads_and_writes_json_lines(tmp_path: Path) -> None:
    source = tmp_path / "texts.jsonl"
    source.write_text(
        json.dumps({"id": 1, "text": "Python, SQL and R&D"}) + "\n"
        + json.dumps({"id": "b", "text": "We use PyTorch. TensorFlow too."}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    result = cli("extract", source)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"id": 1, "skills": ["python", "sql"]},
        {"id": "b", "skills": ["pytorch", "tensorflow"]},
    ]
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": 1}\n', encoding="utf-8")
    result = cli("extract", broken)
    assert result.returncode == 2 and "line 1" in result.stderr


def test_map_with_no_column_leaves_a_recognised_field_out(tmp_path: Path) -> None:
    dbfile = tmp_path / "jobs.duckdb"
    result = cli("ingest", HAND_COUNTED, "--map", "salary=", "--map", "company=", "--db", dbfile)
    assert result.returncode == 0, result.stderr
    assert table(dbfile, "SELECT count(salary_min), count(company), count(*) FROM postings") == [
        (0, 0, 7)
    ]
