"""The summary tables (pipelines/summaries.py) match posting_skills after every kind of write.

Each check recomputes what the tables should hold from postings, posting_skills and skills in
plain Python, so a write path that forgets to refresh them, or refreshes them wrongly, fails.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter, defaultdict
from pathlib import Path

import duckdb
from conftest import HAND_COUNTED, cli, table

from pipelines import db
from pipelines.load import delete_dataset, ingest_file, matcher_for, reextract

EXTRA_SKILL = """
[[skills]]
id = "sales"
name = "Sales"
category = "Collaboration & communication"
aliases = ["sales"]
"""
OTHER = (
    "title,description,date,salary\n"
    "Data Engineer,Airflow and dbt; some Python,2024-05-02,$100K-$120K\n"
    "Data Analyst,,2024-05-20,\n"
    "Sales Lead,Enterprise sales and Excel,,£40000 a year\n"
)


def expected(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """What every summary table should hold, recomputed row by row from the base tables."""
    postings = {
        key: (posting_id, text is not None, posted, role, currency, low, high)
        for key, posting_id, text, posted, role, currency, low, high in con.execute(
            "SELECT posting_key, posting_id, description, posted_date, role_family, "
            "salary_currency, salary_annual_min, salary_annual_max FROM postings"
        ).fetchall()
    }
    key_of = {row[0]: key for key, row in postings.items()}
    skills: dict[int, list[int]] = defaultdict(list)
    for posting_id, skill_key in con.execute(
        "SELECT ps.posting_id, s.skill_key FROM posting_skills ps JOIN skills s USING (skill_id)"
    ).fetchall():
        skills[key_of[posting_id]].append(skill_key)
    cells: Counter = Counter()
    cell_skills: Counter = Counter()
    weights: dict[tuple, float] = defaultdict(float)
    bits: dict[int, set[int]] = defaultdict(set)
    blocks: Counter = Counter()
    salaries: Counter = Counter()
    for key, (_, has_text, posted, role, currency, low, high) in postings.items():
        month = posted.replace(day=1).isoformat() if posted else None
        named = sorted(skills.get(key, []))
        cells[month, role, "postings"] += 1
        cells[month, role, "with_text"] += has_text
        cells[month, role, "named"] += has_text and bool(named)
        if has_text:
            blocks[key >> 16] += 1
            for skill in named:
                bits[skill].add(key)
                cell_skills[month, role, skill] += 1
                weights[month, role, skill] += 1 / len(named)
        figures = [figure for figure in (low, high) if figure is not None]
        if currency is not None and figures:
            salary = sum(figures) / len(figures)
            for skill in [None, *named]:
                salaries[currency, salary, skill] += 1
    cell_rows = {(month, role) for month, role, _ in cells}
    return {
        "per_listing": sorted(
            (key, has_text, int(hashlib.md5(posting_id.encode()).hexdigest()[:16], 16))
            for key, (posting_id, has_text, *_) in postings.items()
        ),
        "lists": sorted((key, tuple(sorted(named))) for key, named in skills.items()),
        "bits": sorted((skill, tuple(sorted(keys))) for skill, keys in bits.items()),
        "block_sizes": sorted(blocks.items()),
        "cell_sizes": ordered(
            (m, r, cells[m, r, "postings"], cells[m, r, "with_text"], cells[m, r, "named"])
            for m, r in cell_rows
        ),
        "cell_skills": ordered(
            (*cell, n, round(weights[cell], 9)) for cell, n in cell_skills.items()
        ),
        "salary_skills": ordered((*figure, n) for figure, n in salaries.items()),
    }


def stored(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """The summary tables as they are, in the shapes of expected()."""
    bits: dict[int, set[int]] = defaultdict(set)
    for skill_key, block, text, listings in con.execute(
        "SELECT skill_key, block, bits::VARCHAR, listings FROM skill_bitmaps"
    ).fetchall():
        keys = {block * 65536 + i for i, bit in enumerate(text) if bit == "1"}
        assert len(keys) == listings, (skill_key, block)
        bits[skill_key].update(keys)
    return {
        "per_listing": sorted(
            con.execute("SELECT posting_key, has_text, sample_order FROM postings").fetchall()
        ),
        "lists": sorted(
            (key, tuple(keys))
            for key, keys in con.execute("SELECT * FROM posting_skill_lists").fetchall()
        ),
        "bits": sorted((skill, tuple(sorted(keys))) for skill, keys in bits.items()),
        "block_sizes": sorted(con.execute("SELECT * FROM block_sizes").fetchall()),
        "cell_sizes": ordered(
            (m and m.isoformat(), *rest)
            for m, *rest in con.execute("SELECT * FROM cell_sizes").fetchall()
        ),
        "cell_skills": ordered(
            (m and m.isoformat(), role, skill, n, round(weight, 9))
            for m, role, skill, n, weight in con.execute("SELECT * FROM cell_skills").fetchall()
        ),
        "salary_skills": ordered(con.execute("SELECT * FROM salary_skills").fetchall()),
    }


def ordered(rows) -> list[tuple]:
    """Rows sorted with NULLs (None) first in every column."""
    return sorted(rows, key=lambda row: tuple((value is not None, value) for value in row))


def assert_fresh(path: Path) -> None:
    con = db.connect(path, read_only=True)
    try:
        want, got = expected(con), stored(con)
    finally:
        con.close()
    for name in want:
        assert got[name] == want[name], name


def test_summaries_match_after_loads(tmp_path: Path, hand_db: Path) -> None:
    assert_fresh(hand_db)
    other = tmp_path / "other.csv"
    other.write_text(OTHER, encoding="utf-8")
    assert cli("ingest", other, "--name", "other", "--db", hand_db).returncode == 0
    assert table(hand_db, "SELECT count(*) FROM postings") == [(10,)]
    assert_fresh(hand_db)


def test_summaries_match_after_a_delete(tmp_path: Path, hand_db: Path, matcher) -> None:
    other = tmp_path / "other.csv"
    other.write_text(OTHER, encoding="utf-8")
    con = db.connect(hand_db)
    ingest_file(con, other, matcher, name="other", posted_date=datetime.date(2023, 1, 1))
    delete_dataset(con, 1)
    con.close()
    assert table(hand_db, "SELECT DISTINCT dataset_id FROM postings") == [(2,)]
    assert_fresh(hand_db)
    # Loading the deleted file again gives its listings new keys; the summaries follow.
    con = db.connect(hand_db)
    ingest_file(con, HAND_COUNTED, matcher, name="hand")
    con.close()
    assert_fresh(hand_db)


def test_summaries_match_after_reextraction_with_new_skills(tmp_path: Path, hand_db: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(EXTRA_SKILL, encoding="utf-8")
    con = db.connect(hand_db)
    reextract(con, matcher_for(con, [extra]))
    con.close()
    assert table(hand_db, "SELECT count(*) FROM posting_skills WHERE skill_id = 'sales'") == [(1,)]
    assert_fresh(hand_db)


def test_a_failed_write_leaves_the_summaries_as_they_were(hand_db: Path) -> None:
    before = table(hand_db, "SELECT * FROM posting_skill_lists ORDER BY ALL")
    con = db.connect(hand_db)
    try:
        reextract(con, None)  # fails half-way: no matcher
    except AttributeError:
        pass
    finally:
        con.close()
    assert table(hand_db, "SELECT * FROM posting_skill_lists ORDER BY ALL") == before
    assert_fresh(hand_db)


def test_a_version_3_database_gets_keys_and_summaries_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    db.migrate(old, target=3)
    old.execute(
        "INSERT INTO datasets (name, source_kind, loaded_at, rows_read, rows_loaded, "
        "rows_duplicate, rows_rejected) VALUES ('old', 'file', now(), 2, 2, 0, 0)"
    )
    old.execute(
        "INSERT INTO postings (posting_id, dataset_id, title, description, posted_date, "
        "role_family, seniority) VALUES "
        "('old:1', 1, 'Data Scientist', 'Python and SQL', DATE '2024-03-05', 'data_scientist', "
        "'mid'), ('old:2', 1, 'ML Engineer', NULL, NULL, 'ml_engineer', 'mid')"
    )
    old.execute(
        "INSERT INTO skills (skill_id, name, category, taxonomy_version) VALUES "
        "('python', 'Python', 'Programming languages', 'v'), "
        "('sql', 'SQL', 'Programming languages', 'v')"
    )
    old.execute(
        "INSERT INTO posting_skills VALUES ('old:1', 'python'), ('old:1', 'sql'), "
        "('old:2', 'python')"
    )
    old.close()

    con = db.connect(path)
    assert db.schema_version(con) == db.SCHEMA_VERSION
    keys = con.execute("SELECT posting_id, posting_key FROM postings ORDER BY 1").fetchall()
    assert [k for _, k in keys] == [1, 2]
    con.close()
    assert_fresh(path)
