"""The matcher's two paths, the fast presence scan and the evidence spans, on real listings."""

from __future__ import annotations

import duckdb

from pipelines.load import extraction_text
from pipelines.skills import Matcher


def test_presence_scan_and_evidence_agree_on_every_sample_listing(
    sample_con: duckdb.DuckDBPyConnection, matcher: Matcher
) -> None:
    """`skills_in` takes shortcuts that `hits` does not; over 11k real listings they agree."""
    rows = sample_con.execute("SELECT posting_id, title, description FROM postings").fetchall()
    assert len(rows) > 10_000
    disagree = [
        posting_id
        for posting_id, title, description in rows
        if matcher.skills_in(text := extraction_text(title, description))
        != sorted({hit.skill_id for hit in matcher.hits(text)})
    ]
    assert disagree == []


def test_stored_skills_are_the_presence_scan(
    sample_con: duckdb.DuckDBPyConnection, matcher: Matcher
) -> None:
    rows = sample_con.execute(
        "SELECT p.posting_id, p.title, p.description, "
        "list_sort(list(s.skill_id) FILTER (WHERE s.skill_id IS NOT NULL)) "
        "FROM postings p LEFT JOIN posting_skills s USING (posting_id) "
        "GROUP BY ALL ORDER BY p.posting_id LIMIT 2000"
    ).fetchall()
    assert len(rows) == 2000
    differ = [
        (posting_id, stored)
        for posting_id, title, description, stored in rows
        if matcher.skills_in(extraction_text(title, description)) != (stored or [])
    ]
    assert differ == []
