"""A large database made from a loaded one in SQL: every listing copied as N datasets.

Ingesting a million listings takes minutes; copying the postings and skills of a 100k database
ten times takes seconds. Each copy is its own dataset with new posting ids and its dates moved
by up to a month either way, so a source or date filter keeps a realistic share of listings.
"""

from __future__ import annotations

from pathlib import Path

from pipelines import db, summaries

# Columns copied as they are; posting_id, dataset_id, posted_date and content_hash change per copy.
_SAME = (
    "title", "company", "location", "country", "remote", "salary_min", "salary_max",
    "salary_currency", "salary_period", "salary_annual_min", "salary_annual_max", "description",
    "role_family", "seniority",
)  # fmt: skip


def replicate(source: Path, target: Path, copies: int = 10) -> Path:
    """Write `target` holding `copies` copies of every listing of `source`; returns `target`."""
    target = Path(target)
    target.unlink(missing_ok=True)
    con = db.connect(target)
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("ATTACH ? AS source (READ_ONLY)", [str(source)])
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "INSERT INTO skills (skill_id, name, category, taxonomy_version, description) "
            "SELECT skill_id, name, category, taxonomy_version, description FROM source.skills"
        )
        con.execute("INSERT INTO user_taxonomy SELECT * FROM source.user_taxonomy")
        same = ", ".join(_SAME)
        for copy in range(copies):
            dataset_id = con.execute(
                "INSERT INTO datasets (name, source_kind, file_name, file_sha256, loaded_at, "
                "rows_read, rows_loaded, rows_duplicate, rows_rejected) "
                "SELECT 'bench-' || $copy, 'replica', 'replica', NULL, now(), sum(rows_read), "
                "sum(rows_loaded), sum(rows_duplicate), sum(rows_rejected) FROM source.datasets "
                "RETURNING dataset_id",
                {"copy": copy},
            ).fetchone()[0]
            con.execute(
                f"INSERT INTO postings (posting_id, dataset_id, posted_date, content_hash, {same}) "
                f"SELECT $copy || ':' || posting_id, $dataset_id, "
                "posted_date + CAST(hash(posting_id, $copy) % 61 AS INTEGER) - 30, "
                f"md5(content_hash || $copy), {same} FROM source.postings",
                {"copy": copy, "dataset_id": dataset_id},
            )
            con.execute(
                "INSERT INTO posting_skills SELECT $copy || ':' || posting_id, skill_id "
                "FROM source.posting_skills",
                {"copy": copy},
            )
        summaries.refresh(con)
        db.bump_content_version(con)
        con.execute("COMMIT")
        con.execute("DETACH source")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return target
