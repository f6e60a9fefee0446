"""Loading a file of listings as one dataset: map, normalise, de-duplicate, extract, write.

A dataset lands in one transaction or not at all, so a failed or killed load leaves the database
exactly as it was. The file is read, normalised and searched for skills a batch at a time, on
worker processes when it is big, so a load holds a few batches and never the whole file.
Progress reaches any UI through the `progress` callback.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import multiprocessing
import os
import pickle
import signal
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipelines import db, normalise, readers, roles, summaries
from pipelines.mapping import resolve
from pipelines.readers import MAX_DESCRIPTION_CHARS, InputError, Table, check_file, read_batches
from pipelines.skills import DEFAULT_TAXONOMY, Matcher, load_taxonomy, read_taxonomy_file

Progress = Callable[[str, float], None]

POSTING_COLUMNS = (
    "posting_id", "dataset_id", "title", "company", "location", "country", "remote",
    "posted_date", "salary_min", "salary_max", "salary_currency", "salary_period",
    "salary_annual_min", "salary_annual_max", "description", "role_family", "seniority",
    "content_hash",
)  # fmt: skip
_SALARY_FIGURES = ("salary_min", "salary_max", "salary_annual_min", "salary_annual_max")
_NOT_TEXT = {"posted_date": pa.date32(), **dict.fromkeys(_SALARY_FIGURES, pa.float64())}
# A batch of postings as normalising hands it over: the postings columns but dataset_id, the
# row number in the file, and the skills found.
_STAGED = pa.schema(
    [("row_number", pa.int64())]
    + [(name, _NOT_TEXT.get(name, pa.string())) for name in POSTING_COLUMNS if name != "dataset_id"]
    + [("skills", pa.list_(pa.string()))]
)
_REJECTED = pa.schema([("row_number", pa.int64()), ("reason", pa.string()), ("raw", pa.string())])
_RAW_LIMIT = 1000
# DuckDB keeps a transaction's new rows in memory while it has room, and a load is one
# transaction: under this limit a big load's finished row groups go to the file early.
LOAD_MEMORY_LIMIT = 2 << 30
# Smaller loads run in this process: starting workers would cost more than they save.
PARALLEL_MIN_ROWS = 2_000
# One worker per core; each holds a batch or two, so many cores would only take memory.
WORKERS = min(os.cpu_count() or 1, 8)


@dataclass(frozen=True)
class LoadResult:
    name: str
    file_name: str
    dataset_id: int | None
    rows_read: int
    rows_loaded: int
    rows_duplicate: int
    rows_rejected: int
    skill_mentions: int
    distinct_skills: int
    seconds: float
    already_loaded_as: str | None = None

    def summary(self) -> str:
        if self.already_loaded_as:
            return (
                f"{self.file_name}: already loaded as dataset {self.already_loaded_as!r}; "
                "nothing added"
            )
        return (
            f"{self.file_name} -> dataset {self.name!r}: read {self.rows_read:,}, "
            f"loaded {self.rows_loaded:,}, duplicate {self.rows_duplicate:,}, "
            f"rejected {self.rows_rejected:,}; {self.skill_mentions:,} skill mentions of "
            f"{self.distinct_skills} skills; {self.seconds:.1f} s"
        )


def _no_progress(stage: str, fraction: float) -> None:
    pass


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ingest_file(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    matcher: Matcher,
    *,
    name: str | None = None,
    overrides: dict[str, str] | None = None,
    posted_date: datetime.date | None = None,
    sheet: str | None = None,
    source_kind: str = "file",
    progress: Progress = _no_progress,
) -> LoadResult:
    """Load one file as a new dataset; loading the same file again adds nothing.

    `source_kind` records where the file came from: "file", or a connector's name.
    `sheet` names the sheet of an Excel workbook (default: the first with a title or
    description column). Raises InputError, with the database untouched, for a file that
    cannot be loaded; rows that cannot be read are stored as rejected rows instead.
    """
    started = time.perf_counter()
    path = Path(path)
    check_file(path)  # before hashing: an oversized file is refused without being read
    name = name or path.name.split(".")[0]
    sha = file_sha256(path)
    if sheet is not None:  # another sheet of a loaded workbook is other listings
        sha = hashlib.sha256(f"{sha}:{sheet}".encode()).hexdigest()
    earlier = con.execute(
        "SELECT name FROM datasets WHERE file_sha256 = ? LIMIT 1", [sha]
    ).fetchone()
    if earlier:
        return LoadResult(name, path.name, None, 0, 0, 0, 0, 0, 0, 0.0, earlier[0])

    progress("Reading file", 0.0)
    found = read_batches(path, sheet=sheet, overrides=overrides)
    if found.note:
        progress(f"Reading {found.note}", 0.05)
    # Small files are read whole here, so their problems are found before anything is written.
    first = _first_batches(found.batches, PARALLEL_MIN_ROWS)
    if not any(_rows(batch) for batch in first):
        raise InputError(f"{path.name}: no rows below the header; nothing to load")
    mapping = resolve(found.columns, overrides, file_name=path.name)
    recipe = _Recipe(mapping, name, posted_date, _filled(mapping, name, first))
    parallel = sum(map(_rows, first)) >= PARALLEL_MIN_ROWS
    batches = itertools.chain(first, found.batches)
    dataset = (name, source_kind, path.name, sha)
    while True:
        progress("Finding skills", 0.1)
        jobs = ((recipe, batch) for batch in batches)
        try:
            with _memory_limited(con):
                load = _write(con, dataset, jobs, matcher, parallel, progress)
            break
        except _FilledLater as late:  # rare: start again, hashing as the whole file needs
            recipe = replace(recipe, filled=recipe.filled | late.parts)
            batches = read_batches(path, sheet=sheet, overrides=overrides).batches
    mentions, distinct = con.execute(
        "SELECT count(*), count(DISTINCT ps.skill_id) FROM posting_skills ps "
        "JOIN postings p USING (posting_id) WHERE p.dataset_id = ?",
        [load.dataset_id],
    ).fetchone()
    progress("Done", 1.0)
    return LoadResult(
        name=name,
        file_name=path.name,
        dataset_id=load.dataset_id,
        rows_read=load.rows_read,
        rows_loaded=load.rows_loaded,
        rows_duplicate=load.rows_with_text - load.rows_loaded,
        rows_rejected=load.rows_rejected,
        skill_mentions=mentions,
        distinct_skills=distinct,
        seconds=time.perf_counter() - started,
    )


def _rows(batch: Table) -> int:
    return batch.readable_rows + len(batch.rejected)


def _first_batches(batches: Iterator[Table], rows: int) -> list[Table]:
    """Batches from the start of the file until they hold `rows` rows, or the file ends."""
    first: list[Table] = []
    while sum(map(_rows, first)) < rows and (batch := next(batches, None)) is not None:
        first.append(batch)
    return first


def _write(
    con: duckdb.DuckDBPyConnection,
    dataset: tuple[str, str, str, str],
    jobs: Iterable[tuple],
    matcher: Matcher,
    parallel: bool,
    progress: Progress,
) -> _Load:
    """Prepare and write every batch in one transaction; `dataset` is (name, source kind,
    file name, file sha256)."""
    with _changing(con):
        stale_taxonomy = sync_skills(con, matcher)
        dataset_id = con.execute(
            "INSERT INTO datasets (name, source_kind, file_name, file_sha256, loaded_at, "
            "rows_read, rows_loaded, rows_duplicate, rows_rejected) "
            "VALUES (?, ?, ?, ?, now(), 0, 0, 0, 0) RETURNING dataset_id",
            list(dataset),
        ).fetchall()[0][0]
        load = _Load(con, dataset_id)
        with (
            closing(_in_order(_prepare, jobs, matcher, parallel=parallel)) as batches,
            _one_thread(con, parallel),
        ):
            for batch in batches:
                load.add(batch)
                progress("Finding skills", 0.1 + 0.8 * batch.share)
        progress("Writing", 0.9)
        load.finish()
        if stale_taxonomy:
            reextract_all(con, matcher)
    return load


@contextmanager
def _changing(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One write transaction; it commits with the summary tables and content version current."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        summaries.refresh(con)
        db.bump_content_version(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


@contextmanager
def _memory_limited(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB's memory limit lowered to LOAD_MEMORY_LIMIT while a load runs."""
    [(limit,)] = con.execute(
        "SELECT parse_formatted_bytes(current_setting('memory_limit'))"
    ).fetchall()
    if limit <= LOAD_MEMORY_LIMIT:
        yield
        return
    con.execute("SET memory_limit = ?", [f"{LOAD_MEMORY_LIMIT}B"])
    try:
        yield
    finally:
        # DuckDB shows a limit rounded, so it cannot be set back to what it was; nothing here
        # sets one, so the default is what it was.
        con.execute("RESET memory_limit")


@contextmanager
def _one_thread(con: duckdb.DuckDBPyConnection, workers: bool) -> Iterator[None]:
    """DuckDB on one thread while worker processes keep the cores busy, so its inserts take
    turns with them instead of contending (a 100k-listing load ran ~3% faster)."""
    if not workers:
        yield
        return
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute("RESET threads")  # nothing here sets another, so the default was in force


@dataclass(frozen=True)
class _Recipe:
    """How every batch of one file is prepared."""

    mapping: dict[str, list[str]]
    name: str
    default_date: datetime.date | None
    filled: frozenset[str]  # see _HASH_TEXT


class _FilledLater(Exception):
    """A batch has a value in a part of the content hash that earlier batches hashed as empty."""

    def __init__(self, parts: frozenset[str]) -> None:
        super().__init__(parts)
        self.parts = parts


def _filled(mapping: dict[str, list[str]], name: str, batches: list[Table]) -> frozenset[str]:
    """The parts of the content hash that have a value in `batches`."""
    found = (normalise_rows(batch.frame, mapping, name=name)[2] for batch in batches)
    return frozenset().union(*found)


@dataclass
class _Prepared:
    """One batch normalised and searched for skills, ready to write."""

    postings: pa.Table  # _STAGED
    rejected: pa.Table  # row_number, reason, raw
    rows_read: int
    share: float  # of the file read up to this batch
    filled_late: frozenset[str]  # parts of the content hash the recipe took for empty


def _prepare(matcher: Matcher, job: tuple[_Recipe, Table]) -> _Prepared:
    recipe, batch = job
    postings, rejected, filled = normalise_rows(
        batch.frame,
        recipe.mapping,
        name=recipe.name,
        default_date=recipe.default_date,
        filled=recipe.filled,
    )
    postings["skills"] = [
        matcher.skills_in(extraction_text(title, description))
        for title, description in zip(postings["title"], postings["description"])
    ]
    if not batch.rejected.empty:
        parts = [part for part in (batch.rejected, rejected) if not part.empty]
        rejected = pd.concat(parts, ignore_index=True).sort_values("row_number", kind="stable")
    return _Prepared(
        pa.table(postings, schema=_STAGED),
        pa.Table.from_pandas(rejected, _REJECTED, preserve_index=False),
        _rows(batch),
        batch.share,
        filled - recipe.filled,
    )


# Statements on a batch, read as the table "staged" (see _run_on).
_INSERT_POSTINGS = (
    f"INSERT INTO postings ({', '.join(POSTING_COLUMNS)}) "
    f"SELECT {', '.join(POSTING_COLUMNS)} FROM staged"
)
_INSERT_SKILLS = "INSERT INTO posting_skills SELECT posting_id, unnest(skills) FROM staged"
_INSERT_REJECTED = (
    "INSERT INTO rejected_rows SELECT dataset_id, row_number, reason, raw FROM staged"
)


@dataclass
class _Load:
    """The dataset being written, a batch at a time.

    A listing is a duplicate when its posting id or its content hash is in the database, or
    was met earlier in the file (first by posting id, then among those by content hash).
    """

    con: duckdb.DuckDBPyConnection
    dataset_id: int
    rows_read: int = 0
    rows_with_text: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    file_ids: set[str] = field(default_factory=set)
    file_hashes: set[str] = field(default_factory=set)
    known_ids: set[str] = field(init=False)
    known_hashes: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.known_ids = _column_set(self.con, "SELECT posting_id FROM postings")
        self.known_hashes = _column_set(
            self.con, "SELECT content_hash FROM postings WHERE content_hash IS NOT NULL"
        )

    def add(self, batch: _Prepared) -> None:
        if batch.filled_late:
            raise _FilledLater(batch.filled_late)
        postings, rejected = batch.postings, batch.rejected
        ids, hashes = postings["posting_id"].to_pylist(), postings["content_hash"].to_pylist()
        new = postings.filter(pa.array(self._new(ids, hashes), pa.bool_()))
        _run_on(self.con, self._tagged(new), _INSERT_POSTINGS)
        _run_on(self.con, new, _INSERT_SKILLS)
        if rejected.num_rows:
            _run_on(self.con, self._tagged(rejected), _INSERT_REJECTED)
        self.rows_read += batch.rows_read
        self.rows_with_text += postings.num_rows
        self.rows_loaded += new.num_rows
        self.rows_rejected += rejected.num_rows

    def _tagged(self, rows: pa.Table) -> pa.Table:
        dataset = pa.scalar(self.dataset_id, pa.int32())
        return rows.append_column("dataset_id", pa.repeat(dataset, rows.num_rows))

    def _new(self, ids: list[str], hashes: list[str]) -> list[bool]:
        """Whether each listing is new: neither in the database nor earlier in the file."""
        new = []
        for posting_id, content_hash in zip(ids, hashes, strict=True):
            first = posting_id not in self.file_ids
            unique = first and content_hash not in self.file_hashes
            if first:
                self.file_ids.add(posting_id)
                self.file_hashes.add(content_hash)
            known = posting_id in self.known_ids or content_hash in self.known_hashes
            new.append(unique and not known)
        return new

    def finish(self) -> None:
        self.con.execute(
            "UPDATE datasets SET rows_read = ?, rows_loaded = ?, rows_duplicate = ?, "
            "rows_rejected = ? WHERE dataset_id = ?",
            [
                self.rows_read,
                self.rows_loaded,
                self.rows_with_text - self.rows_loaded,
                self.rows_rejected,
                self.dataset_id,
            ],
        )


def _run_on(con: duckdb.DuckDBPyConnection, staged: pa.Table, statement: str) -> None:
    """Run `statement`, which reads `staged` as the table "staged".

    Not a registered view: the transaction would hold on to that, and so to every batch.
    """
    con.from_arrow(staged).query("staged", statement)


def _column_set(con: duckdb.DuckDBPyConnection, query: str) -> set[str]:
    return set(con.sql(query).to_arrow_table().column(0).to_pylist())


# --- worker processes --------------------------------------------------------------------------

_worker_matcher: Matcher | None = None


def _in_order(
    task: Callable[[Matcher, Any], Any], items: Iterable, matcher: Matcher, *, parallel: bool
) -> Iterator:
    """task(matcher, item) for each item, in order; use it with contextlib.closing.

    In parallel, at most a few items are in flight, so memory stays bounded.
    """
    if not parallel or WORKERS < 2:
        for item in items:
            yield task(matcher, item)
        return
    # Forked workers start at once and inherit the code and the matcher, compiled databases and
    # all; they touch no database.
    context = multiprocessing.get_context("fork")
    with (
        tempfile.TemporaryDirectory(prefix="jobs-load-") as spool,
        ProcessPoolExecutor(WORKERS, context, _start_worker, (matcher,)) as pool,
    ):
        pending: deque[Future] = deque()
        try:
            for number, item in enumerate(items):
                path = Path(spool, f"{number}.pickle")
                with path.open("wb") as file:
                    pickle.dump(item, file, pickle.HIGHEST_PROTOCOL)
                pending.append(pool.submit(_in_worker, task, path))
                if len(pending) > WORKERS:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool as error:
            raise RuntimeError(
                "a worker process stopped before its batch was done (killed, or out of "
                "memory?); nothing was changed"
            ) from error
        finally:
            for waiting in pending:
                waiting.cancel()


def _start_worker(matcher: Matcher) -> None:
    global _worker_matcher
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the load in the main process
    _worker_matcher = matcher


def _in_worker(task: Callable[[Matcher, Any], Any], path: Path) -> Any:
    # Items come through a file: a worker reads one while the main process is busy, where a
    # pipe would wait for it to write a megabyte batch a few kilobytes at a time.
    with path.open("rb") as file:
        item = pickle.load(file)
    path.unlink()
    return task(_worker_matcher, item)


# --- normalising -------------------------------------------------------------------------------


# Most columns repeat a few values (titles, places, companies, dates, salary texts), so a
# process normalises each value once; descriptions, all different, are not kept.
_cached = lru_cache(maxsize=65_536, typed=True)
_clean = _cached(normalise.clean)
_company = _cached(normalise.clean_company)
_country = _cached(normalise.normalise_country)
_remote = _cached(normalise.parse_remote)
_date = _cached(normalise.parse_date)


def normalise_rows(
    frame: pd.DataFrame,
    mapping: dict[str, list[str]],
    *,
    name: str,
    default_date: datetime.date | None = None,
    filled: frozenset[str] = frozenset(),
) -> tuple[dict[str, list], pd.DataFrame, frozenset[str]]:
    """(postings ready to stage, as columns; rejected rows; the parts of the content hash
    with a value in `frame`). `filled` names the parts with a value anywhere in the file."""

    def column(field: str, clean: Callable = _clean) -> list:
        columns = mapping.get(field)
        if not columns:
            return [None] * len(frame)
        values = list(map(clean, frame[columns[0]]))
        for fallback in columns[1:]:
            values = [v if v is not None else clean(f) for v, f in zip(values, frame[fallback])]
        return values

    title = list(map(_title, column("title")))
    body = list(map(normalise.html_to_text, column("description", normalise.clean)))
    skills_text = list(map(normalise.html_to_text, column("skills_text", normalise.clean)))
    # Cut so one listing cannot bloat the database; a cut listing still loads.
    description = [
        _join(b, s)[:MAX_DESCRIPTION_CHARS] for b, s in zip(body, skills_text, strict=True)
    ]
    raw_location = column("location")
    today = datetime.date.today()
    dates = [_date(value, reference=today) for value in column("posted_date")]
    salaries = list(map(_salary, *(column(f) for f in _SALARY_FIELDS)))
    company = list(map(_company, column("company")))
    here = {"title": any(title), "company": any(company), "description": any(description)}
    out = {
        "row_number": list(frame.index + 1),
        "title": title,
        "company": company,
        "location": list(map(_one_line, raw_location)),
        "country": list(map(_country, column("country"), raw_location)),
        "remote": list(map(_remote, column("remote"), raw_location)),
        "posted_date": [d if d is not None else default_date for d in dates],
        **{
            _SALARY_COLUMN[part]: [getattr(s, part) if s else None for s in salaries]
            for part in _SALARY_COLUMN
        },
        "description": description,
        "role_family": list(map(roles.role_family, title)),
        "seniority": list(map(roles.seniority, title)),
    }
    has_text = [t is not None or bool(d) for t, d in zip(title, description, strict=True)]
    rejected = pd.DataFrame(
        {
            "row_number": [n for n, ok in zip(out["row_number"], has_text) if not ok],
            "reason": "no title or description",
            "raw": [_raw(frame.loc[i]) for i, ok in zip(frame.index, has_text) if not ok],
        }
    )
    out = {key: list(itertools.compress(values, has_text)) for key, values in out.items()}
    out["description"] = [d or None for d in out["description"]]
    parts = zip(out["title"], out["company"], out["description"], out["posted_date"])
    out["content_hash"] = [_content_hash(*values, filled) for values in parts]
    source_ids = itertools.compress(column("source_id"), has_text)
    out["posting_id"] = [
        f"{name}:{sid}" if sid else f"h:{h[:20]}"
        for sid, h in zip(source_ids, out["content_hash"], strict=True)
    ]
    return out, rejected, frozenset(part for part, found in here.items() if found)


_SALARY_FIELDS = ("salary", "salary_min", "salary_max", "salary_currency", "salary_period")
_SALARY_COLUMN = {
    "minimum": "salary_min",
    "maximum": "salary_max",
    "currency": "salary_currency",
    "period": "salary_period",
    "annual_min": "salary_annual_min",
    "annual_max": "salary_annual_max",
}


@_cached
def _salary(
    text: str | None, low: str | None, high: str | None, currency: str | None, period: str | None
) -> normalise.Salary | None:
    if text:
        return normalise.parse_salary(text)
    if low or high:
        # Separate min/max columns read as one range string, so one parser handles both shapes.
        span = f"{low or high} - {high or low}"
        return normalise.parse_salary(f"{span} {currency or ''} {_PERIOD_WORDS.get(period, '')}")
    return None


_PERIOD_WORDS = {
    None: "",
    "YEARLY": "per year", "ANNUAL": "per year", "YEAR": "per year", "yearly": "per year",
    "MONTHLY": "per month", "MONTH": "per month", "monthly": "per month",
    "WEEKLY": "per week", "WEEK": "per week", "weekly": "per week",
    "DAILY": "per day", "DAY": "per day", "daily": "per day",
    "HOURLY": "per hour", "HOUR": "per hour", "hourly": "per hour",
}  # fmt: skip


@_cached
def _one_line(value: str | None) -> str | None:
    return " ".join(normalise.html_to_text(value).split()) or None


@_cached
def _title(value: str | None) -> str | None:
    title = _one_line(value)
    return title[:MAX_DESCRIPTION_CHARS] if title else None


def _join(body: str, skills_text: str) -> str:
    return "\n".join(part for part in (body, skills_text) if part)


# A text part of the content hash that a listing lacks enters the hash as "nan" when the file
# has that part in some listing, else as "": how stored hashes were made (pandas read the
# missing values of a column holding text as NaN), kept so that they still match.
_HASH_TEXT = ("title", "company", "description")


def _content_hash(
    title: str | None,
    company: str | None,
    description: str | None,
    posted: object,
    filled: frozenset[str],
) -> str:
    """sha1 of the fields lower-cased, each run of whitespace one space, joined by \\x1f."""
    squashed = (_squashed(title), _squashed(company), _squashed_description(description))
    texts = [
        b"nan" if text is None and part in filled else text or b""
        for part, text in zip(_HASH_TEXT, squashed, strict=True)
    ]
    data = b"\x1f".join((*texts, _squashed(posted) or b""))
    return hashlib.sha1(_lowered(data)).hexdigest()


_ASCII = bytes(range(128))


def _lowered(data: bytes) -> bytes:
    """UTF-8 `data` lower-cased as str.lower() would. Lower-casing the bytes changes only ASCII
    letters, which is all str.lower() changes when no other character of the text has a lower
    case; and it is several times faster on a text with any character outside ASCII ("•")."""
    others = data.translate(None, _ASCII).decode("utf-8")
    if others == others.lower():
        return data.lower()
    return data.decode("utf-8").lower().encode("utf-8")


def _squashed(value: object) -> bytes | None:
    return None if value is None else " ".join(str(value).split()).encode("utf-8")


def _squashed_description(description: str | None) -> bytes | None:
    # A normalised description's only whitespace is single spaces inside lines and one or two
    # line breaks between lines, so two replaces squash it, at a fraction of split's cost; as
    # UTF-8 bytes, which replace at memchr speed where a str with "’" or "•" in it does not.
    if description is None:
        return None
    return description.encode("utf-8").replace(b"\n\n", b"\n").replace(b"\n", b" ").strip()


def _raw(row: pd.Series) -> str:
    values = {k: v for k, v in row.items() if isinstance(v, str)}
    return json.dumps(values, ensure_ascii=False)[:_RAW_LIMIT]


def extraction_text(title: str | None, description: str | None) -> str:
    return f"{title or ''}\n{description or ''}"


def matcher_for(
    con: duckdb.DuckDBPyConnection, skill_files: Sequence[Path] = (), *, reset: bool = False
) -> Matcher:
    """The base taxonomy, the user skill files kept in the database, then `skill_files`.

    A new file replaces a kept one of the same name; `reset` forgets the kept ones.
    """
    kept = (
        {}
        if reset
        else dict(
            con.execute("SELECT file_name, content FROM user_taxonomy ORDER BY added_at").fetchall()
        )
    )
    for path in skill_files:
        kept.pop(path.name, None)
        kept[path.name] = read_taxonomy_file(path)
    return Matcher(load_taxonomy(DEFAULT_TAXONOMY, user_files=list(kept.items())))


def sync_skills(con: duckdb.DuckDBPyConnection, matcher: Matcher) -> bool:
    """Make the skills tables match the matcher's taxonomy; True when it had another version."""
    taxonomy = matcher.taxonomy
    stored = con.execute("SELECT DISTINCT taxonomy_version FROM skills").fetchall()
    if stored == [(taxonomy.version,)]:
        return False
    con.execute("DELETE FROM skills")
    con.executemany(
        "INSERT INTO skills (skill_id, name, category, taxonomy_version, description) "
        "VALUES (?, ?, ?, ?, ?)",
        [(s.id, s.name, s.category, taxonomy.version, s.description) for s in taxonomy.skills],
    )
    con.execute("DELETE FROM user_taxonomy")
    for file_name, content in taxonomy.user_files:
        con.execute("INSERT INTO user_taxonomy VALUES (?, ?, now())", [file_name, content])
    return bool(stored)


def reextract_all(con: duckdb.DuckDBPyConnection, matcher: Matcher) -> int:
    """Re-run extraction over every loaded posting; call inside a transaction."""
    [(count,)] = con.execute("SELECT count(*) FROM postings").fetchall()
    parallel = count >= PARALLEL_MIN_ROWS
    # Closed before anything else runs: an open result blocks the connection, ROLLBACK too.
    query = con.sql("SELECT posting_id, title, description FROM postings")
    with query.to_arrow_reader(readers.BATCH_ROWS) as postings:
        skills = skills_of(postings, matcher, parallel=parallel)
    con.execute("DELETE FROM posting_skills")
    if skills:
        _run_on(con, pa.concat_tables(skills), _INSERT_SKILLS)
    return con.execute("SELECT count(*) FROM posting_skills").fetchall()[0][0]


def skills_of(
    postings: Iterable[pa.RecordBatch], matcher: Matcher, *, parallel: bool
) -> list[pa.Table]:
    """(posting_id, skills) of batches of postings with a title and description, on every
    core when `parallel`."""
    with closing(_in_order(_skills_of, postings, matcher, parallel=parallel)) as found:
        return list(found)


def _skills_of(matcher: Matcher, postings: pa.RecordBatch) -> pa.Table:
    # `extraction_text` joined by Arrow, handed on as UTF-8 bytes: no decoding into str
    parts = [pc.fill_null(postings[name], "") for name in ("title", "description")]
    texts = pc.binary_join_element_wise(*parts, "\n").cast(pa.large_binary()).to_pylist()
    skills = pa.array([matcher.skills_in(text) for text in texts], pa.list_(pa.string()))
    return pa.table({"posting_id": postings["posting_id"], "skills": skills})


def reextract(con: duckdb.DuckDBPyConnection, matcher: Matcher) -> int:
    """Re-extract skills for everything loaded with `matcher`'s taxonomy, atomically."""
    with _changing(con):
        sync_skills(con, matcher)
        return reextract_all(con, matcher)


def delete_dataset(con: duckdb.DuckDBPyConnection, dataset_id: int) -> int:
    """Remove one dataset: its listings, their skills and its rejected rows; nothing else."""
    with _changing(con):
        found = con.execute(
            "SELECT rows_loaded FROM datasets WHERE dataset_id = ?", [dataset_id]
        ).fetchone()
        if found is None:
            raise InputError(f"no dataset with id {dataset_id}; the Data sources page lists them")
        con.execute(
            "DELETE FROM posting_skills WHERE posting_id IN "
            "(SELECT posting_id FROM postings WHERE dataset_id = ?)",
            [dataset_id],
        )
        for table in ("postings", "rejected_rows", "datasets"):
            con.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [dataset_id])
    return found[0]
