"""Loading a file of listings as one dataset: map, normalise, de-duplicate, extract, write.

A dataset lands in one transaction or not at all, so a failed or killed load leaves the database
exactly as it was. Progress reaches any UI through the `progress` callback.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipelines import db, normalise, roles
from pipelines.mapping import resolve
from pipelines.readers import MAX_DESCRIPTION_CHARS, InputError, check_file, read_rows
from pipelines.skills import DEFAULT_TAXONOMY, Matcher, load_taxonomy, read_taxonomy_file

Progress = Callable[[str, float], None]

POSTING_COLUMNS = (
    "posting_id", "dataset_id", "title", "company", "location", "country", "remote",
    "posted_date", "salary_min", "salary_max", "salary_currency", "salary_period",
    "salary_annual_min", "salary_annual_max", "description", "role_family", "seniority",
    "content_hash",
)  # fmt: skip
_RAW_LIMIT = 1000
_EXTRACT_BATCH = 2000


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
    table = read_rows(path, sheet=sheet, overrides=overrides)
    frame = table.frame
    if table.note:
        progress(f"Reading {table.note}", 0.05)
    if frame.empty and table.rejected.empty:
        raise InputError(f"{path.name}: no rows below the header; nothing to load")
    mapping = resolve(frame.columns, overrides, file_name=path.name)
    progress("Normalising", 0.1)
    staged, rejected = normalise_rows(frame, mapping, name=name, default_date=posted_date)
    if not table.rejected.empty:
        parts = [part for part in (table.rejected, rejected) if not part.empty]
        rejected = pd.concat(parts, ignore_index=True).sort_values("row_number", kind="stable")
    rows_read = len(frame) + len(table.rejected)
    unique = staged.drop_duplicates("posting_id").drop_duplicates("content_hash")
    progress("Finding skills", 0.2)
    found = extract_pairs(unique, matcher, lambda f: progress("Finding skills", 0.2 + 0.7 * f))
    progress("Writing", 0.9)
    dataset_id, loaded = _write(
        con, path, sha, name, source_kind, rows_read, unique, rejected, found, matcher
    )
    mentions, distinct = con.execute(
        "SELECT count(*), count(DISTINCT ps.skill_id) FROM posting_skills ps "
        "JOIN postings p USING (posting_id) WHERE p.dataset_id = ?",
        [dataset_id],
    ).fetchone()
    progress("Done", 1.0)
    return LoadResult(
        name=name,
        file_name=path.name,
        dataset_id=dataset_id,
        rows_read=rows_read,
        rows_loaded=loaded,
        rows_duplicate=len(staged) - loaded,
        rows_rejected=len(rejected),
        skill_mentions=mentions,
        distinct_skills=distinct,
        seconds=time.perf_counter() - started,
    )


def normalise_rows(
    frame: pd.DataFrame,
    mapping: dict[str, list[str]],
    *,
    name: str,
    default_date: datetime.date | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(postings ready to stage, rejected rows) from raw text columns."""

    def column(field: str) -> pd.Series:
        columns = mapping.get(field)
        if not columns:
            return pd.Series([None] * len(frame), index=frame.index, dtype=object)
        values = frame[columns[0]].map(normalise.clean)
        for fallback in columns[1:]:
            values = values.where(values.notna(), frame[fallback].map(normalise.clean))
        return values.astype(object)

    title = column("title").map(_one_line)
    title = title.map(lambda t: t[:MAX_DESCRIPTION_CHARS] if isinstance(t, str) else t)
    body = column("description").map(normalise.html_to_text)
    skills_text = column("skills_text").map(normalise.html_to_text)
    # Cut so one listing cannot bloat the database; a cut listing still loads.
    description = [
        _join(b, s)[:MAX_DESCRIPTION_CHARS] for b, s in zip(body, skills_text, strict=True)
    ]
    out = pd.DataFrame(index=frame.index)
    out["row_number"] = frame.index + 1
    out["title"] = title
    out["company"] = column("company").map(normalise.clean_company)
    raw_location = column("location")
    out["location"] = raw_location.map(_one_line)
    country = column("country")
    out["country"] = [normalise.normalise_country(c, loc) for c, loc in zip(country, raw_location)]
    out["remote"] = [
        normalise.parse_remote(r, loc) for r, loc in zip(column("remote"), raw_location)
    ]
    today = datetime.date.today()
    dates = column("posted_date").map(lambda v: normalise.parse_date(v, reference=today))
    out["posted_date"] = dates.map(lambda d: d if d is not None else default_date)
    salaries = [_salary(row) for row in zip(*(column(f) for f in _SALARY_FIELDS))]
    for field in ("minimum", "maximum", "currency", "period", "annual_min", "annual_max"):
        out[_SALARY_COLUMN[field]] = [getattr(s, field) if s else None for s in salaries]
    out["description"] = description
    out["role_family"] = title.map(roles.role_family)
    out["seniority"] = title.map(roles.seniority)

    has_text = out["title"].notna() | pd.Series([bool(d) for d in description], index=out.index)
    rejected = pd.DataFrame(
        {
            "row_number": out.loc[~has_text, "row_number"],
            "reason": "no title or description",
            "raw": [_raw(frame.loc[i]) for i in out.index[~has_text]],
        }
    )
    out = out[has_text].copy()
    out["description"] = out["description"].map(lambda d: d or None)
    out["content_hash"] = [
        _content_hash(t, c, d, p)
        for t, c, d, p in zip(out["title"], out["company"], out["description"], out["posted_date"])
    ]
    source_ids = column("source_id")[has_text]
    out["posting_id"] = [
        f"{name}:{sid}" if sid else f"h:{h[:20]}"
        for sid, h in zip(source_ids, out["content_hash"], strict=True)
    ]
    return out, rejected


_SALARY_FIELDS = ("salary", "salary_min", "salary_max", "salary_currency", "salary_period")
_SALARY_COLUMN = {
    "minimum": "salary_min",
    "maximum": "salary_max",
    "currency": "salary_currency",
    "period": "salary_period",
    "annual_min": "salary_annual_min",
    "annual_max": "salary_annual_max",
}


def _salary(values: tuple) -> normalise.Salary | None:
    text, low, high, currency, period = values
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


def _one_line(value: str | None) -> str | None:
    text = normalise.html_to_text(value)
    return re.sub(r"\s+", " ", text).strip() or None


def _join(body: str, skills_text: str) -> str:
    return "\n".join(part for part in (body, skills_text) if part)


def _content_hash(*parts: object) -> str:
    text = "\x1f".join(
        "" if p is None else re.sub(r"\s+", " ", str(p)).strip().lower() for p in parts
    )
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _raw(row: pd.Series) -> str:
    values = {k: v for k, v in row.items() if isinstance(v, str)}
    return json.dumps(values, ensure_ascii=False)[:_RAW_LIMIT]


def extraction_text(title: str | None, description: str | None) -> str:
    return f"{title or ''}\n{description or ''}"


def extract_pairs(
    postings: pd.DataFrame, matcher: Matcher, progress: Callable[[float], None]
) -> pd.DataFrame:
    """(posting_id, skill_id) for every skill each posting names."""
    ids, skills = [], []
    total = max(len(postings), 1)
    rows = list(zip(postings["posting_id"], postings["title"], postings["description"]))
    for offset in range(0, len(rows), _EXTRACT_BATCH):
        for posting_id, title, description in rows[offset : offset + _EXTRACT_BATCH]:
            for skill_id in matcher.skills_in(extraction_text(title, description)):
                ids.append(posting_id)
                skills.append(skill_id)
        progress(min(1.0, (offset + _EXTRACT_BATCH) / total))
    return pd.DataFrame({"posting_id": ids, "skill_id": skills}, dtype=object)


def _write(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    sha: str,
    name: str,
    source_kind: str,
    rows_read: int,
    staged: pd.DataFrame,
    rejected: pd.DataFrame,
    found: pd.DataFrame,
    matcher: Matcher,
) -> tuple[int, int]:
    """Write the dataset in one transaction; returns (dataset_id, postings inserted)."""
    con.execute("BEGIN TRANSACTION")
    try:
        stale_taxonomy = sync_skills(con, matcher)
        dataset_id = con.execute(
            "INSERT INTO datasets (name, source_kind, file_name, file_sha256, loaded_at, "
            "rows_read, rows_loaded, rows_duplicate, rows_rejected) "
            "VALUES (?, ?, ?, ?, now(), ?, 0, 0, ?) RETURNING dataset_id",
            [name, source_kind, path.name, sha, rows_read, len(rejected)],
        ).fetchone()[0]
        staged = staged.assign(dataset_id=dataset_id)[list(POSTING_COLUMNS)]
        con.register("staged_postings", staged)
        con.register("staged_skills", found)
        con.register("staged_rejected", rejected)
        con.execute(
            f"INSERT INTO postings ({', '.join(POSTING_COLUMNS)}) "
            f"SELECT {', '.join(POSTING_COLUMNS)} FROM staged_postings s "
            "WHERE s.posting_id NOT IN (SELECT posting_id FROM postings) "
            "AND s.content_hash NOT IN "
            "(SELECT content_hash FROM postings WHERE content_hash IS NOT NULL)"
        )
        loaded = con.execute(
            "SELECT count(*) FROM postings WHERE dataset_id = ?", [dataset_id]
        ).fetchone()[0]
        con.execute(
            "INSERT INTO posting_skills SELECT s.posting_id, s.skill_id FROM staged_skills s "
            "JOIN postings p USING (posting_id) WHERE p.dataset_id = ?",
            [dataset_id],
        )
        con.execute(
            "INSERT INTO rejected_rows SELECT ?, row_number, reason, raw FROM staged_rejected",
            [dataset_id],
        )
        con.execute(
            "UPDATE datasets SET rows_loaded = ?, rows_duplicate = ? WHERE dataset_id = ?",
            [loaded, rows_read - len(rejected) - loaded, dataset_id],
        )
        if stale_taxonomy:
            reextract_all(con, matcher)
        db.bump_content_version(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for view in ("staged_postings", "staged_skills", "staged_rejected"):
            con.unregister(view)
    return dataset_id, loaded


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
    postings = con.execute("SELECT posting_id, title, description FROM postings").df()
    found = extract_pairs(postings, matcher, lambda f: None)
    con.execute("DELETE FROM posting_skills")
    con.register("staged_skills", found)
    try:
        con.execute("INSERT INTO posting_skills SELECT posting_id, skill_id FROM staged_skills")
    finally:
        con.unregister("staged_skills")
    return len(found)


def reextract(con: duckdb.DuckDBPyConnection, matcher: Matcher) -> int:
    """Re-extract skills for everything loaded with `matcher`'s taxonomy, atomically."""
    con.execute("BEGIN TRANSACTION")
    try:
        sync_skills(con, matcher)
        mentions = reextract_all(con, matcher)
        db.bump_content_version(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return mentions


def delete_dataset(con: duckdb.DuckDBPyConnection, dataset_id: int) -> int:
    """Remove one dataset: its listings, their skills and its rejected rows; nothing else."""
    con.execute("BEGIN TRANSACTION")
    try:
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
        db.bump_content_version(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return found[0]
