"""A load reads, normalises and writes a file a batch at a time, on worker processes when big.

Batches must change nothing: a file of many small batches loads exactly as it does in one, and
a problem found in a late batch leaves the database as it was. Batch sizes are lowered here so
that small files take many batches and worker processes.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import pickle
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from conftest import table
from test_ingest import dump

from pipelines import db, load, readers
from pipelines.load import POSTING_COLUMNS, ingest_file, reextract
from pipelines.readers import InputError

DESCRIPTIONS = [
    "Python and SQL for dashboards.",
    "PyTorch or TensorFlow;\nAWS and Docker.",
    "<p>Spark, <b>Airflow</b> &amp; GCP</p>",
    "Excel and Tableau,\n\n\nreporting    to   managers.",
    "",
]
# Lines a reader rejects, each followed by a good row, at the end of the messy file.
BAD_LINES = ["R-1,Too,many,fields,for,this,header,here", "R-2,Too few"]
QUERIES = {
    "postings": f"SELECT {', '.join(c for c in POSTING_COLUMNS if c != 'dataset_id')} "
    "FROM postings ORDER BY posting_id",
    "skills": "SELECT * FROM posting_skills ORDER BY ALL",
    "counts": "SELECT rows_read, rows_loaded, rows_duplicate, rows_rejected FROM datasets",
    "rejected": "SELECT row_number, reason, raw FROM rejected_rows ORDER BY row_number",
}


def listings() -> pd.DataFrame:
    """40 listings: repeated ids, repeated contents under new ids, and rows without text."""
    rows = []
    for number in range(40):
        text = DESCRIPTIONS[number % len(DESCRIPTIONS)]
        rows.append(
            {
                "job_id": f"J-{number % 30}",  # J-0 .. J-9 come twice: the first one counts
                "title": None if text == "" and number % 2 else f"Data Scientist {number % 7}",
                "company": f"Company {number % 3}",
                "location": "Austin, TX",
                "posted_date": "2025-03-14",
                "description": text or None,
            }
        )
    for number in range(33, 37):  # new ids with the contents of rows 3 to 6
        rows[number] = {**rows[number - 30], "job_id": f"K-{number}"}
    return pd.DataFrame(rows)


@pytest.fixture
def messy_csv(tmp_path: Path) -> Path:
    path = tmp_path / "messy.csv"
    listings().to_csv(path, index=False, lineterminator="\n")
    with path.open("a", encoding="utf-8") as out:
        out.write(f"{BAD_LINES[0]}\nJ-40,Data Engineer,Delta,Berlin,2025-03-01,Spark\n")
        out.write(f"{BAD_LINES[1]}\nJ-41,ML Engineer,Delta,Berlin,2025-03-01,JAX\n")
    return path


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 3 rows, handed to worker processes from the first one."""
    monkeypatch.setattr(readers, "BATCH_ROWS", 3)
    monkeypatch.setattr(load, "PARALLEL_MIN_ROWS", 1)


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder temporary files go to, empty, for checking that a load leaves none."""
    root = tmp_path / "temp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def loaded(path: Path, database: Path, matcher) -> dict[str, list[tuple]]:
    con = db.connect(database)
    try:
        ingest_file(con, path, matcher, name="messy")
    finally:
        con.close()
    return {name: table(database, query) for name, query in QUERIES.items()}


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_many_batches_load_exactly_as_one(
    kind: str, messy_csv: Path, tmp_path: Path, matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = messy_csv
    if kind == "jsonl":
        path = tmp_path / "messy.jsonl"
        records = listings().to_dict("records")
        records.append({"job_id": "J-50", "title": "Data Engineer", "salary": "$120,000"})
        path.write_text("\n".join(map(json.dumps, records)) + "\nnot json\n", encoding="utf-8")
    whole = loaded(path, tmp_path / "whole.duckdb", matcher)
    monkeypatch.setattr(readers, "BATCH_ROWS", 3)
    monkeypatch.setattr(load, "PARALLEL_MIN_ROWS", 1)
    assert loaded(path, tmp_path / "batches.duckdb", matcher) == whole


def test_batched_load_matches_a_pandas_reading(
    messy_csv: Path, tmp_path: Path, matcher, small_batches: None
) -> None:
    got = loaded(messy_csv, tmp_path / "jobs.duckdb", matcher)
    frame = pd.read_csv(messy_csv, dtype=str, nrows=40)
    with_text = frame[frame["title"].notna() | frame["description"].notna()]
    first_by_id = with_text.drop_duplicates("job_id")
    unique = first_by_id[~first_by_id.duplicated(["title", "company", "description"])]
    ids = sorted(f"messy:{job_id}" for job_id in [*unique["job_id"], "J-40", "J-41"])
    assert [row[0] for row in got["postings"]] == ids
    assert got["skills"] and {posting_id for posting_id, _ in got["skills"]} <= set(ids)

    lines = messy_csv.read_text(encoding="utf-8").split("\n")
    without_text = frame.index.difference(with_text.index)
    no_text = [(number + 1, "no title or description") for number in without_text]
    bad = [
        (row, f"row {row} (line {lines.index(text) + 1}) has {fields}, the header has 6", text)
        for row, text, fields in [(41, BAD_LINES[0], "8 fields"), (43, BAD_LINES[1], "2 fields")]
    ]
    assert [row[:2] for row in got["rejected"]] == sorted(no_text + [row[:2] for row in bad])
    assert [row for row in got["rejected"] if row[0] > 40] == bad
    read, rejected = 44, len(no_text) + len(bad)
    assert got["counts"] == [(read, len(ids), read - rejected - len(ids), rejected)]


def test_a_column_first_seen_in_a_late_batch_is_read(tmp_path: Path, small_batches: None) -> None:
    records = [{"id": f"L-{n}", "title": f"Analyst {n}"} for n in range(8)]
    records.append({"id": "L-8", "title": "ML Engineer", "pay": "$120,000", "meta": {"a": 1}})
    path = tmp_path / "late.jsonl"
    path.write_text("\n".join(map(json.dumps, records)) + "\nnot json\n", encoding="utf-8")
    found = readers.read_batches(path)
    assert found.columns == ["id", "title", "pay", "meta.a"]
    batches = list(found.batches)
    assert [(len(b.frame), len(b.rejected)) for b in batches] == [(3, 0), (3, 0), (3, 0), (0, 1)]
    assert batches[2].frame.loc[8].tolist() == ["L-8", "ML Engineer", "$120,000", "1"]
    assert batches[0].frame["pay"].isna().all()


def test_a_batch_arrow_read_reaches_a_worker_as_the_same_rows(
    tmp_path: Path, small_batches: None
) -> None:
    """Batches Arrow read travel to the workers as Arrow and become frames there: the same
    values, missing cells and row numbers as a frame built before they left."""
    path = tmp_path / "plain.csv"
    rows = [("L-1", "Data Scientist", ""), ("L-2", "", "Python, SQL"), ("L-3", "Analyst", "R")]
    rows += [(f"L-{n}", f"Engineer {n}", "Spark") for n in range(4, 9)]
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows([("id", "title", "body"), *rows])
    sent = list(readers.read_batches(path).batches)
    built = list(readers.read_batches(path).batches)
    expected = [batch.frame for batch in built]  # built here, as the load does for the first
    assert [len(frame) for frame in expected] == [3, 3, 2]
    arrived = [pickle.loads(pickle.dumps(batch)) for batch in [*sent, *built]]
    for frame, batch in zip(expected * 2, arrived, strict=True):
        pd.testing.assert_frame_equal(batch.frame, frame)
    assert expected[0].loc[0].tolist() == ["L-1", "Data Scientist", None]
    assert expected[2].index.tolist() == [6, 7]


def late_problem(folder: Path, case: str) -> tuple[Path, int, str]:
    """A file whose problem shows only after batches were written: (file, batch rows, message)."""
    if case == "every row rejected":
        path = folder / "ragged.csv"
        path.write_text("title,description\n" + "a,b,c\n" * 20, encoding="utf-8")
        return path, 3, "none of its 20 rows could be read"
    rows = "".join(f"Data Scientist {n},Python and SQL {n}\n" for n in range(100_000))
    packed = gzip.compress(f"title,description\n{rows}".encode())
    path = folder / "cut.csv.gz"
    path.write_bytes(packed[: len(packed) * 3 // 4])
    return path, 5_000, "not a complete gzip file"


@pytest.mark.parametrize("case", ["every row rejected", "cut-off gzip"])
def test_a_problem_in_a_late_batch_changes_nothing(
    case: str,
    hand_db: Path,
    tmp_path: Path,
    matcher,
    monkeypatch: pytest.MonkeyPatch,
    temp_root: Path,
) -> None:
    path, batch_rows, message = late_problem(tmp_path, case)
    monkeypatch.setattr(readers, "BATCH_ROWS", batch_rows)
    monkeypatch.setattr(load, "PARALLEL_MIN_ROWS", 1)
    written = []
    add = load._Load.add
    monkeypatch.setattr(load._Load, "add", lambda self, batch: written.append(add(self, batch)))
    before = dump(hand_db)
    con = db.connect(hand_db)
    try:
        limit = con.execute("SELECT current_setting('memory_limit')").fetchall()
        with pytest.raises(InputError, match=message):
            ingest_file(con, path, matcher)
        assert con.execute("SELECT current_setting('memory_limit')").fetchall() == limit
    finally:
        con.close()
    assert len(written) > 1, "the problem was found before batches were written"
    assert dump(hand_db) == before
    assert list(temp_root.iterdir()) == [], "batches handed to the workers were left behind"


def test_reextraction_on_workers_finds_what_one_process_finds(
    messy_csv: Path, tmp_path: Path, matcher, monkeypatch: pytest.MonkeyPatch, temp_root: Path
) -> None:
    database = tmp_path / "jobs.duckdb"
    before = loaded(messy_csv, database, matcher)["skills"]
    monkeypatch.setattr(readers, "BATCH_ROWS", 3)
    monkeypatch.setattr(load, "PARALLEL_MIN_ROWS", 1)
    con = db.connect(database)
    try:
        con.execute("DELETE FROM posting_skills")
        assert reextract(con, matcher) == len(before)
    finally:
        con.close()
    assert table(database, QUERIES["skills"]) == before
    assert list(temp_root.iterdir()) == []


@pytest.mark.parametrize(
    "text",
    [
        "  Senior\u00a0Data\tScientist  ",
        "<ul><li>Python</li>\n<li>SQL</li></ul>\r\n\r\n\r\nSpark\u2028and\u3000Kafka  ",
        "line one\n\n\n\nline  two\x0bthree\x1cfour  \n  ",
        "ÀÉÎ ÕÜ Σ\n\nΣ",
        "İstanbul ǅ Ⅻ STRAẞE",
        "Café – naïve • “Python” ß ½",
    ],
)
def test_content_hash_is_the_plain_formula(text: str) -> None:
    """The fast hash of normalised fields is the formula stored hashes were made with."""
    frame = pd.DataFrame(
        {"title": [text], "company": [text], "date": ["2025-03-14"], "description": [text * 3]}
    )
    mapping = {
        "title": ["title"], "company": ["company"], "posted_date": ["date"],
        "description": ["description"],
    }  # fmt: skip
    postings, _, _ = load.normalise_rows(frame, mapping, name="x")
    parts = [postings[field][0] for field in ("title", "company", "description", "posted_date")]
    assert postings["content_hash"] == [plain_hash(*parts)]


def plain_hash(*parts: object) -> str:
    text = "\x1f".join(re.sub(r"\s+", " ", str(p)).strip().lower() for p in parts)
    return hashlib.sha1(text.encode()).hexdigest()


@pytest.mark.parametrize(("empty_rows", "reads"), [(0, 1), (2, 1), (12, 2), (15, 1)])
def test_a_missing_company_hashes_as_nan_when_the_file_names_companies(
    empty_rows: int,
    reads: int,
    tmp_path: Path,
    matcher,
    small_batches: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Hashes made before batches read a lacking field as "nan" if its column holds text
    anywhere in the file, else as "" (pandas' NaN); a company first seen after the first
    batches makes the load start again, hashing the earlier rows as the whole file needs."""
    rows = [(f"Analyst {n}", "" if n < empty_rows else f"Co {n}", "SQL") for n in range(15)]
    path = tmp_path / "companies.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows([("title", "company", "body"), *rows])
    opened = []

    def read_batches(*args, **kwargs) -> readers.Batches:
        opened.append(args)
        return readers.read_batches(*args, **kwargs)

    monkeypatch.setattr(load, "read_batches", read_batches)
    database = tmp_path / "jobs.duckdb"
    con = db.connect(database)
    try:
        ingest_file(con, path, matcher)
    finally:
        con.close()
    assert len(opened) == reads  # the first batch has no company: read again once one shows
    got = dict(table(database, "SELECT title, content_hash FROM postings"))
    missing = "nan" if empty_rows < len(rows) else ""
    assert got == {t: plain_hash(t, c or missing, b, "") for t, c, b in rows}


def test_records_across_blocks_keep_their_line_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "_BLOCK", 64)  # every record spans several blocks
    path = tmp_path / "blocks.csv"
    text = "word " * 50
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["title", "description", "company"])
        for number in range(10):
            writer.writerow([f"Title {number}", f"{text}\n{text}", "Acme"])
        out.write('broken,"unclosed,x\nTitle 10,fine,Acme\n')
    found = readers.read_rows(path)
    assert list(found.frame["title"]) == [f"Title {n}" for n in range(11)]
    assert list(found.frame.index) == [*range(10), 11]
    assert found.rejected.values.tolist() == [
        [11, "row 11 (line 22) has 2 fields, the header has 3", 'broken,"unclosed,x']
    ]


def _tricky_rows(count: int) -> list[list[str | None]]:
    """Rows with quoted commas, quotes, line breaks and empty cells."""
    return [
        [
            f"Title {n}",
            None if n % 7 == 0 else f'Uses "SQL", Python\nand R (row {n})',
            "" if n % 5 == 0 else f"Acme {n % 3}",
        ]
        for n in range(count)
    ]


def _tricky_csv(
    path: Path, rows: list[list[str | None]], *, before: str = "", after: str = ""
) -> Path:
    """`rows` under a title,description,company header, with `before` and `after` as written."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(f"{before}title,description,company\n")
        csv.writer(out, lineterminator="\n").writerows([[v or "" for v in row] for row in rows])
        out.write(after)
    return path


def _read(path: Path) -> tuple[pd.DataFrame, list[list]]:
    """Every readable row as read (None for an empty cell), and the rejected rows."""
    batches = list(readers.read_batches(path).batches)
    rejected = [row for batch in batches for row in batch.rejected.values.tolist()]
    return pd.concat([batch.frame for batch in batches]), rejected


@pytest.fixture
def careful_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Small Arrow blocks and batches; lists how many rows each careful read skipped."""
    monkeypatch.setattr(readers, "_ARROW_BLOCK", 4096)
    monkeypatch.setattr(readers, "BATCH_ROWS", 50)
    skips: list[int] = []
    real = readers._csv_batches

    def careful(*args, skip: int) -> Iterator[readers.Table]:
        skips.append(skip)
        return real(*args, skip=skip)

    monkeypatch.setattr(readers, "_csv_batches", careful)
    return skips


def test_a_clean_csv_reads_the_same_in_arrow_blocks(
    tmp_path: Path, careful_reads: list[int]
) -> None:
    rows = _tricky_rows(600)
    path = _tricky_csv(tmp_path / "clean.csv", rows, before="\n")  # a blank line first
    frame, rejected = _read(path)
    assert careful_reads == []  # Arrow read it all
    assert frame.values.tolist() == [[v or None for v in row] for row in rows]
    assert list(frame.index) == list(range(600))
    assert rejected == []


def test_a_bad_row_after_arrow_blocks_is_rejected_and_no_row_read_twice(
    tmp_path: Path, careful_reads: list[int]
) -> None:
    rows = _tricky_rows(500)
    path = _tricky_csv(tmp_path / "late.csv", rows, after="Too few,fields\n")
    with path.open("ab") as out:
        out.write(b"Caf\xe9 Analyst,Excel,Beta\nLast,SQL,Gamma\n")  # cp1252, not UTF-8
    frame, rejected = _read(path)
    assert len(careful_reads) == 1 and 0 < careful_reads[0] < 500  # Arrow read rows before
    expected = [*rows, ["Café Analyst", "Excel", "Beta"], ["Last", "SQL", "Gamma"]]
    assert frame.values.tolist() == [[v or None for v in row] for row in expected]
    assert list(frame.index) == [*range(500), 501, 502]
    line = path.read_bytes().split(b"\n").index(b"Too few,fields") + 1
    assert rejected == [
        [501, f"row 501 (line {line}) has 2 fields, the header has 3", "Too few,fields"]
    ]


def test_a_parquet_file_is_read_a_batch_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    converted = []
    real = readers._as_text
    monkeypatch.setattr(
        readers, "_as_text", lambda frame: converted.append(len(frame)) or real(frame)
    )
    rows = [[v or None for v in row] for row in _tricky_rows(5000)]
    source = pd.DataFrame(rows, columns=["title", "description", "company"])
    source["openings"] = [n % 4 for n in range(5000)]
    path = tmp_path / "listings.parquet"
    source.to_parquet(path, index=False)
    batches = list(readers.read_batches(path).batches)
    assert len(batches) > 1 and max(converted) < 5000  # never the whole file at once
    frame = pd.concat([batch.frame for batch in batches]).astype(object)
    assert list(frame.index) == list(range(5000))
    expected = [[*row, str(n % 4)] for n, row in enumerate(rows)]
    assert frame.where(frame.notna(), None).values.tolist() == expected
    assert [batch.share for batch in batches][-1] == 1.0


def test_a_killed_worker_stops_the_work_with_a_message(messy_csv: Path, tmp_path: Path, matcher):
    """A worker killed mid-batch (by the OOM killer, say) ends re-extraction with an error
    instead of leaving it waiting for that batch forever; the database keeps what it had."""
    database = tmp_path / "jobs.duckdb"
    before = loaded(messy_csv, database, matcher)["skills"]
    victim = before[-1][0]
    script = f"""
import os, signal
from pipelines import db, load, readers
from pipelines.skills import Matcher, load_taxonomy
load.WORKERS, load.PARALLEL_MIN_ROWS, readers.BATCH_ROWS = 2, 1, 3
found = load._skills_of

def dying(matcher, postings):
    if {victim!r} in postings["posting_id"].to_pylist():
        os.kill(os.getpid(), signal.SIGKILL)
    return found(matcher, postings)

load._skills_of = dying
con = db.connect({str(database)!r})
try:
    load.reextract(con, Matcher(load_taxonomy()))
except RuntimeError as error:
    print("stopped:", error)
finally:
    con.close()
"""
    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=repo
    )
    assert "stopped: a worker process stopped before its batch was done" in done.stdout, (
        done.stdout + done.stderr
    )
    assert table(database, QUERIES["skills"]) == before
