"""Broken and hostile files, through the CLI and through `ingest_file` (the Upload page's call).

A file that cannot be loaded exits 2 (or raises InputError) with a message naming the file, where
the problem is and what to do, and leaves the database exactly as it was. Bad rows inside a good
file are stored as rejected rows with the reason, and the rest loads. Small files live in
tests/fixtures/bad/; big and binary ones are built here. The CLI runs go in parallel, because each
one spends about two seconds building the skill matcher.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import random
import shutil
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import HAND_COUNTED, ROOT, table
from PIL import Image
from test_ingest import dump

from analytics.export import csv_bytes
from pipelines import db, load, readers
from pipelines.load import ingest_file
from pipelines.readers import MAX_DESCRIPTION_CHARS, MAX_FIELD_CHARS, InputError

BAD = Path(__file__).parent / "fixtures" / "bad"
SQL_NAME = '"; DROP TABLE postings; --'


# --- files built at test time ----------------------------------------------------------------


def random_bytes(folder: Path) -> Path:
    path = folder / "random.csv"
    path.write_bytes(random.Random(7).randbytes(64 << 10))
    return path


def png_renamed(folder: Path) -> Path:
    path = folder / "photo.csv"
    Image.new("RGB", (8, 8), "teal").save(path, format="PNG")
    return path


def nul_bytes(folder: Path) -> Path:
    path = folder / "nul.csv"
    path.write_bytes(b"title,description\nData Scientist,Python\nData\x00Analyst,SQL\n")
    return path


def truncated_gzip(folder: Path) -> Path:
    path = folder / "cut.csv.gz"
    packed = gzip.compress(HAND_COUNTED.read_bytes() * 200)
    path.write_bytes(packed[: len(packed) // 2])
    return path


def gzip_bomb(folder: Path) -> Path:
    """2 GiB of the character 0 in about 2 MB: 128 gzip members of 16 MiB each."""
    path = folder / "bomb.csv.gz"
    member = gzip.compress(b"0" * (16 << 20), compresslevel=9, mtime=0)
    with path.open("wb") as out:
        for _ in range(128):
            out.write(member)
    return path


def oversized(folder: Path) -> Path:
    """A sparse file one byte over the limit: it takes no disk and must never be read."""
    path = folder / "huge.csv"
    with path.open("wb") as out:
        out.truncate(readers.MAX_FILE_BYTES + 1)
    return path


def two_megabytes(folder: Path) -> Path:
    path = folder / "two_mb.csv"
    path.write_text("title,description\n" + "Data Scientist,Python and SQL\n" * 70_000)
    return path


def utf16_bom(folder: Path) -> Path:
    path = folder / "utf16_bom.csv"
    path.write_bytes(UTF16_TEXT["utf16_bom"].encode("utf-16"))
    return path


def utf16le(folder: Path) -> Path:
    path = folder / "utf16le.csv"
    path.write_bytes(UTF16_TEXT["utf16le"].encode("utf-16-le"))  # no byte order mark
    return path


def long_cell(folder: Path) -> Path:
    """Row 2 has a 200 MB description; written a block at a time, as a reader must read it."""
    path = folder / "long_cell.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("title,description,company\nData Scientist,Julia for simulations,Acme\nHoarder,")
        block = "x" * (1 << 20)
        for _ in range(200):
            out.write(block)
        out.write(",Beta\nML Engineer,MLflow on Kubernetes,Gamma\n")
    return path


def long_description(folder: Path) -> Path:
    path = folder / "long_description.csv"
    body = "Python and SQL. " * 15_000  # 240,000 characters, under the field limit
    path.write_text(f"title,description\nVerbose Data Scientist,{body}\n", encoding="utf-8")
    return path


def workbook(folder: Path) -> Path:
    """Sheets: Notes (no listing columns), Jobs (title, description), More (Job Title, Body)."""
    path = folder / "jobs.xlsx"
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["Exported from the ATS on 2025-03-01"])
    jobs = book.create_sheet("Jobs")
    jobs.append(["title", "description"])
    jobs.append(["Spreadsheet Data Scientist", "Python and SQL"])
    jobs.append([None, None])
    jobs.append(["Spreadsheet ML Engineer", "PyTorch on AWS"])
    more = book.create_sheet("More")
    more.append(["Job Title", "Body"])
    more.append(["Spreadsheet Analyst", "Excel and Tableau"])
    book.save(path)
    return path


def workbook_without_listings(folder: Path) -> Path:
    path = folder / "figures.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Read me first"])
    book.create_sheet("Figures").append(["quarter", "revenue"])
    book.save(path)
    return path


UTF16_TEXT = {
    "utf16_bom": "title,location,description\nData Scientist in Zürich,Zürich,Python – SQL\n",
    "utf16le": "title,location,description\nData Engineer in Köln,Köln,Spark – Airflow\n",
}


# --- cases -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    file: str | Callable[[Path], Path]  # a file in tests/fixtures/bad, or a builder
    says: tuple[str, ...]  # what the message must say, besides the file name
    args: tuple[str, ...] = ()
    max_file_mb: int | None = None  # JOBS_MAX_FILE_MB for the run


def built(file: str | Callable[[Path], Path], folder: Path) -> Path:
    """The committed file, or the built one (built once per module)."""
    if isinstance(file, str):
        return BAD / file
    known = folder / BUILT_NAMES[file.__name__]
    return known if known.exists() else file(folder)


BUILT_NAMES = {
    "random_bytes": "random.csv", "png_renamed": "photo.csv", "nul_bytes": "nul.csv",
    "truncated_gzip": "cut.csv.gz", "gzip_bomb": "bomb.csv.gz", "oversized": "huge.csv",
    "two_megabytes": "two_mb.csv", "utf16_bom": "utf16_bom.csv", "utf16le": "utf16le.csv",
    "long_cell": "long_cell.csv", "long_description": "long_description.csv",
    "workbook": "jobs.xlsx", "workbook_without_listings": "figures.xlsx",
}  # fmt: skip

EXPORT = "export the listings as CSV"
TYPES = "use CSV, TSV, TXT, JSON, JSON Lines (.jsonl), Parquet or XLSX"
ARRAY = "expected an array of objects, one per listing"
FATAL = {
    "empty file": Case("empty.csv", ("the file is empty (0 bytes)", "export the listings again")),
    "header only": Case("header_only.csv", ("no rows below the header",)),
    "whitespace only": Case("whitespace_only.csv", ("only blank lines",)),
    "random bytes": Case(random_bytes, ("binary data, not a text file", EXPORT)),
    "PNG named .csv": Case(png_renamed, ("this is a PNG image, not a text file", EXPORT)),
    "NUL bytes": Case(nul_bytes, ("line 3 holds NUL bytes", EXPORT)),
    "truncated gzip": Case(truncated_gzip, ("not a complete gzip file", "download or compress")),
    "gzip bomb": Case(gzip_bomb, ("unpacks to more than 1,024 MB", "split it")),
    "over the size limit": Case(oversized, ("over the upload limit of 1,024 MB", "split")),
    "over a lowered limit": Case(two_megabytes, ("over the upload limit of 1 MB",), max_file_mb=1),
    "every row rejected": Case(
        "all_rejected.csv",
        ("none of its 3 rows", "row 1 (line 2) has 5 fields, the header has 3", "comma-separated"),
    ),
    "JSON number": Case("number.json", ("the JSON is a number", ARRAY)),
    "JSON string": Case("string.json", ("the JSON is a string", ARRAY)),
    "JSON list of lists": Case("list_of_lists.json", ("item 1 of the array is an array", ARRAY)),
    "JSON data: 5": Case("data_not_a_list.json", ("without a list of listings", "keys: data")),
    "JSON objects and numbers": Case("mixed_list.json", ("item 2 of the array is a number",)),
    "workbook without listings": Case(
        workbook_without_listings,
        ("no sheet has a title or description", "'Notes', 'Figures'", "--sheet NAME"),
    ),
    "sheet not in the workbook": Case(
        workbook, ("no sheet 'Nope'", "'Notes', 'Jobs', 'More'"), args=("--sheet", "Nope")
    ),
    "--sheet for a CSV": Case("formula.csv", ("--sheet applies only to Excel",), ("--sheet", "x")),
    ".pdf": Case("listings.pdf", ("unsupported file type .pdf", TYPES)),
    ".docx": Case("listings.docx", ("unsupported file type .docx", TYPES)),
    "no extension": Case("listings", ("unsupported file type (no extension)", TYPES)),
}

# Files that load with their bad rows rejected: file -> (read, loaded, rejected).
LOADS = {
    "cp1252.csv": (1, 1, 0),
    "mixed_encoding.csv": (2, 2, 0),
    utf16_bom: (1, 1, 0),
    utf16le: (1, 1, 0),
    "ragged.csv": (6, 4, 2),
    "unclosed_quote.csv": (4, 3, 1),
    "almost_all_rejected.csv": (6, 1, 5),
    long_cell: (3, 2, 1),
    long_description: (1, 1, 0),
    "sql_names.csv": (2, 2, 0),
    "formula.csv": (2, 2, 0),
    "dates_salaries.csv": (4, 4, 0),
    "duplicate_columns.csv": (1, 1, 0),
    "duplicate_keys.jsonl": (2, 2, 0),
    workbook: (2, 2, 0),
}


def dataset_name(file: str | Callable[[Path], Path]) -> str:
    """The dataset a file loads as by default: its name without extensions."""
    return (file if isinstance(file, str) else BUILT_NAMES[file.__name__]).split(".")[0]


# --- running the CLI -------------------------------------------------------------------------


def run_cli(*args: str | Path, max_file_mb: int | None = None) -> subprocess.CompletedProcess:
    """`python -m pipelines ARGS` as conftest.cli runs it, with the upload limit chosen here."""
    env = {k: v for k, v in os.environ.items() if k != "JOBS_MAX_FILE_MB"}
    if max_file_mb is not None:
        env["JOBS_MAX_FILE_MB"] = str(max_file_mb)
    return subprocess.run(
        [sys.executable, "-m", "pipelines", *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bad-files")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, matcher) -> Path:
    """A database holding the hand-counted listings; every run gets its own copy."""
    path = tmp_path_factory.mktemp("template") / "jobs.duckdb"
    con = db.connect(path)
    ingest_file(con, HAND_COUNTED, matcher, name="hand")
    con.close()
    return path


def copy_of(template: Path, folder: Path) -> Path:
    target = folder / f"{len(list(folder.iterdir()))}.duckdb"
    shutil.copy(template, target)
    return target


@dataclass(frozen=True)
class Run:
    result: subprocess.CompletedProcess
    database: Path
    file: Path


@pytest.fixture(scope="module")
def runs(files: Path, template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every CLI run of this module, side by side: case -> Run."""
    folder = tmp_path_factory.mktemp("databases")
    plans = {}  # key -> (files, extra args, JOBS_MAX_FILE_MB)
    for key, case in FATAL.items():
        plans[key] = ([built(case.file, files)], case.args, case.max_file_mb)
    plans["all loads"] = ([built(file, files) for file in LOADS], (), None)
    plans["--map"] = ([BAD / "sql_names.csv"], ("--map", f"title={SQL_NAME}"), None)
    plans["--sheet"] = ([built(workbook, files)], ("--sheet", "More"), None)
    databases = {key: copy_of(template, folder) for key in plans}
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {
            key: pool.submit(
                run_cli, "ingest", *paths, *args, "--db", databases[key], max_file_mb=mb
            )
            for key, (paths, args, mb) in plans.items()
        }
        return {
            key: Run(future.result(), databases[key], plans[key][0][0])
            for key, future in futures.items()
        }


# --- files that cannot be loaded -------------------------------------------------------------


@pytest.mark.parametrize("case_id", FATAL)
def test_cli_refuses_with_a_clear_message_and_changes_nothing(
    case_id: str, runs: dict[str, Run], template: Path
) -> None:
    run = runs[case_id]
    assert run.result.returncode == 2, run.result.stderr
    error = run.result.stderr.strip().splitlines()[-1]
    assert error.startswith("error: ") and run.file.name in error, error
    for part in FATAL[case_id].says:
        assert part in error, error
    assert "Traceback" not in run.result.stderr
    assert dump(run.database) == dump(template)


@pytest.mark.parametrize("case_id", FATAL)
def test_ingest_file_raises_input_error_and_changes_nothing(
    case_id: str, files: Path, template: Path, tmp_path: Path, matcher, monkeypatch
) -> None:
    case = FATAL[case_id]
    if case.max_file_mb:
        monkeypatch.setattr(readers, "MAX_FILE_BYTES", case.max_file_mb << 20)
    path = built(case.file, files)
    sheet = case.args[1] if case.args[:1] == ("--sheet",) else None
    database = copy_of(template, tmp_path)
    con = db.connect(database)
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as raised:
            ingest_file(con, path, matcher, sheet=sheet)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        con.close()
    assert path.name in str(raised.value)
    for part in case.says:
        assert part in str(raised.value)
    assert dump(database) == dump(template)
    assert peak < 32 << 20, f"{peak / 2**20:.0f} MB held to refuse {path.name}"


def test_oversized_file_is_refused_before_it_is_read(files: Path, matcher, monkeypatch) -> None:
    def no_reading(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(load, "file_sha256", no_reading)
    monkeypatch.setattr(readers, "_open", no_reading)
    con = db.connect(":memory:")
    try:
        with pytest.raises(InputError, match="over the upload limit"):
            ingest_file(con, built(oversized, files), matcher)
    finally:
        con.close()


def test_a_huge_cell_is_read_in_bounded_memory(files: Path) -> None:
    """Memory while refusing a gzip bomb is measured with the other refusals above."""
    tracemalloc.start()
    try:
        table = readers.read_rows(built(long_cell, files))
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert len(table.frame) == 2 and peak < 32 << 20, f"{peak / 2**20:.0f} MB"


# --- files that load, bad rows rejected ------------------------------------------------------


def postings(database: Path, name: str, columns: str) -> list[tuple]:
    """`columns` of the postings of one dataset, sorted."""
    return _query(database, f"SELECT {columns} FROM postings", name)


def rejected(database: Path, name: str, columns: str) -> list[tuple]:
    return _query(database, f"SELECT {columns} FROM rejected_rows", name)


def _query(database: Path, select: str, name: str) -> list[tuple]:
    con = db.connect(database)
    try:
        return con.execute(
            f"{select} WHERE dataset_id = (SELECT dataset_id FROM datasets WHERE name = ?) "
            "ORDER BY ALL",
            [name],
        ).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def loaded(runs: dict[str, Run]) -> Path:
    run = runs["all loads"]
    assert run.result.returncode == 0, run.result.stderr
    assert "Traceback" not in run.result.stderr
    return run.database


@pytest.mark.parametrize("file", LOADS, ids=dataset_name)
def test_cli_loads_the_good_rows_and_counts_the_rest(
    file, runs: dict[str, Run], loaded: Path
) -> None:
    read, done, rejects = LOADS[file]
    name = dataset_name(file)
    summaries = runs["all loads"].result.stdout.splitlines()
    summary = next(line for line in summaries if f"-> dataset '{name}'" in line)
    assert f"read {read:,}, loaded {done:,}, duplicate 0, rejected {rejects:,}" in summary
    assert postings(loaded, name, "count(*)") == [(done,)]
    assert rejected(loaded, name, "count(*)") == [(rejects,)]


@pytest.mark.parametrize("file", LOADS, ids=dataset_name)
def test_ingest_file_loads_the_good_rows_and_counts_the_rest(
    file, files: Path, matcher, tmp_path: Path
) -> None:
    con = db.connect(tmp_path / "jobs.duckdb")
    try:
        result = ingest_file(con, built(file, files), matcher)
    finally:
        con.close()
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == LOADS[file]


def test_encodings_all_read_right(loaded: Path) -> None:
    assert postings(loaded, "cp1252", "title, company, location, description") == [
        ("Café Data Analyst", "Société Générale", "Zürich", "“Naïve” Bayes and SQL – 50€ bonus")
    ]
    assert postings(loaded, "mixed_encoding", "location, description") == [
        ("München", "Excel – written as cp1252"),
        ("Zürich", "Python – written as UTF-8"),
    ]
    for name, text in UTF16_TEXT.items():
        expected = tuple(text.splitlines()[1].split(","))
        assert postings(loaded, name, "title, location, description") == [expected]


def test_ragged_rows_are_rejected_with_row_line_and_reason(loaded: Path) -> None:
    assert postings(loaded, "ragged", "title") == [
        ("Data Scientist",), ("ML Engineer",), ("Research Scientist",), ("Software Engineer",)
    ]  # fmt: skip
    assert rejected(loaded, "ragged", "row_number, reason, raw") == [
        (2, "row 2 (line 3) has 9 fields, the header has 7",
         "R-2,Data Analyst,Beta,London,2025-03-14,,Excel,and,more"),
        (4, "row 4 (line 5) has 3 fields, the header has 7", "R-4,Data Engineer,Delta"),
    ]  # fmt: skip
    assert ("JAX and NumPy,\nacross two lines",) in postings(loaded, "ragged", "description")


def test_an_unclosed_quote_rejects_its_row_only(loaded: Path) -> None:
    assert postings(loaded, "unclosed_quote", "title") == [
        ("Data Engineer",), ("Data Scientist",), ("ML Engineer",)
    ]  # fmt: skip
    assert rejected(loaded, "unclosed_quote", "row_number, reason") == [
        (2, "row 2 (line 3) has 4 fields, the header has 7")
    ]


def test_almost_everything_rejected_is_still_a_load(loaded: Path) -> None:
    reasons = [reason for (reason,) in rejected(loaded, "almost_all_rejected", "reason")]
    assert "row 3 (line 4) has 1 field, the header has 3" in reasons
    assert postings(loaded, "almost_all_rejected", "title") == [("Data Scientist",)]


def test_a_200_mb_cell_rejects_its_row_and_long_texts_are_cut(loaded: Path) -> None:
    assert rejected(loaded, "long_cell", "row_number, reason") == [
        (2, f"row 2 (line 3) is longer than {MAX_FIELD_CHARS:,} characters")
    ]
    assert postings(loaded, "long_cell", "title") == [("Data Scientist",), ("ML Engineer",)]
    assert postings(loaded, "long_description", "length(description)") == [(MAX_DESCRIPTION_CHARS,)]
    [(longest_raw,)] = table(loaded, "SELECT max(length(raw)) FROM rejected_rows")
    assert longest_raw <= 1000


def test_sql_in_column_names_is_only_a_name(loaded: Path, runs: dict[str, Run]) -> None:
    assert postings(loaded, "sql_names", "title") == [("Data Analyst",), ("Data Scientist",)]
    assert postings(loaded, "hand", "count(*)") == [(7,)]
    mapped = runs["--map"]
    assert mapped.result.returncode == 0, mapped.result.stderr
    assert postings(mapped.database, "sql_names", "title") == [
        ("Quant Researcher",), ("Statistician",)
    ]  # fmt: skip
    assert table(mapped.database, "SELECT count(*) FROM postings") == [(9,)]


def test_formulas_load_as_text_and_are_defused_in_downloads(loaded: Path) -> None:
    titles = postings(loaded, "formula", "title")
    assert titles == [("+cmd|' /C calc'!A0",), ('=HYPERLINK("http://evil","click")',)]
    exported = csv_bytes(pd.DataFrame(titles, columns=["title"])).decode("utf-8-sig")
    cells = [row[0] for row in csv.reader(io.StringIO(exported))][1:]
    assert cells == ["'+cmd|' /C calc'!A0", '\'=HYPERLINK("http://evil","click")']


def test_impossible_dates_and_salaries_are_left_empty(loaded: Path) -> None:
    assert postings(loaded, "dates_salaries", "title, posted_date, salary_min") == [
        ("Data Analyst", None, None),  # 9999-12-31, $999,999,999
        ("Data Engineer", None, 80000),  # epoch 0, $80,000
        ("Data Scientist", None, None),  # 0001-01-01, -50000
        ("ML Engineer", None, 120000),  # 1970-01-01, $120K
    ]


def test_duplicate_columns_use_the_first(loaded: Path) -> None:
    assert postings(loaded, "duplicate_columns", "title") == [("First title",)]
    # JSON keys differing only by case: the first wins, the others fill its gaps.
    assert postings(loaded, "duplicate_keys", "title") == [("First title",), ("Only upper",)]


def test_workbook_loads_the_first_sheet_with_listings_or_the_one_named(
    loaded: Path, runs: dict[str, Run], files: Path, matcher
) -> None:
    assert postings(loaded, "jobs", "title") == [
        ("Spreadsheet Data Scientist",), ("Spreadsheet ML Engineer",)
    ]  # fmt: skip
    progress = runs["all loads"].result.stderr
    assert "jobs.xlsx: Reading sheet 'Jobs' (the first of 'Notes', 'Jobs', 'More'" in progress
    chosen = runs["--sheet"]
    assert chosen.result.returncode == 0, chosen.result.stderr
    assert postings(chosen.database, "jobs", "title") == [("Spreadsheet Analyst",)]
    stages = []
    con = db.connect(":memory:")
    try:
        ingest_file(con, built(workbook, files), matcher, progress=lambda s, f: stages.append(s))
    finally:
        con.close()
    assert any(stage.startswith("Reading sheet 'Jobs'") for stage in stages)


def test_sheet_option_is_explained_in_help() -> None:
    text = " ".join(run_cli("ingest", "--help").stdout.split())
    assert "--sheet NAME Excel workbooks: the sheet to load (default: the first sheet" in text
