"""Evidence samples against pandas and the matcher, and the highlighting escapes listing text."""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
from pathlib import Path

import pandas as pd
import pytest
from reference import CASES, Sample, select

from analytics.evidence import Evidence, highlight_html, sample_postings
from analytics.filters import Filters
from pipelines import db
from pipelines.load import extraction_text, ingest_file
from pipelines.skills import Matcher, load_taxonomy, spellings

# Ambiguous names (R, Go, Excel), context-dependent aliases (AWS, TensorFlow) and plain ones.
SKILLS = ("python", "r", "go", "excel", "aws", "tensorflow", "ab_testing", "communication")
NOTHING = Filters(title_keyword="astronaut")


def names_skill(matcher: Matcher, skill_id: str, snippet: tuple[str, str, str], text: str) -> bool:
    """The matcher alone names the skill in the match text, else at that place in the snippet.

    Some names count only in context: lower-case "go" in a list ("Java, go, Scala"), a weak
    alias ("Lambda" for AWS) only when the listing names a skill it requires.
    """
    before, match, after = snippet
    if skill_id in matcher.skills_in(match):
        return True
    place = (skill_id, len(before), len(before) + len(match))
    if place in {(h.skill_id, h.start, h.end) for h in matcher.hits(before + match + after)}:
        return True
    skill = matcher.taxonomy.by_id()[skill_id]
    weak = any(" ".join(match.split()) in spellings(alias) for alias in skill.weak)
    return weak and bool(set(skill.requires) & set(matcher.skills_in(text)))


def optional(value: object) -> object:
    return None if pd.isna(value) else value


@pytest.mark.parametrize("case", CASES)
def test_samples_match_pandas_and_the_matcher(
    sample_con, sample: Sample, matcher: Matcher, case: str
) -> None:
    named = sample.posting_skills
    listings = select(sample.postings, CASES[case], with_text=True).set_index("posting_id")
    for skill_id in SKILLS:
        naming = listings.loc[
            listings.index.isin(named.loc[named["skill_id"] == skill_id, "posting_id"])
        ]
        # The stable order: md5 of the posting id, computed here with hashlib.
        order = sorted(naming.index, key=lambda pid: hashlib.md5(pid.encode()).hexdigest())
        got = sample_postings(sample_con, CASES[case], skill_id, matcher, limit=4)
        assert [e.posting_id for e in got] == order[:4], skill_id
        assert got == sample_postings(sample_con, CASES[case], skill_id, matcher, limit=4)
        for found in got:
            row = listings.loc[found.posting_id]
            assert found.title == optional(row["title"])
            assert found.company == optional(row["company"])
            assert found.source == row["source"]
            assert found.posted_date == row["posted_date"].date()
            text = extraction_text(row["title"], row["description"])
            assert found.snippets
            for snippet in found.snippets:
                assert "".join(snippet) in text
                assert names_skill(matcher, skill_id, snippet, text), (skill_id, snippet)


def test_samples_of_the_hand_counted_listings(hand_con, matcher: Matcher) -> None:
    # Excel: only A-2 ("Advanced Excel"); A-5's "excel at sales" is not the tool.
    (excel,) = sample_postings(hand_con, Filters(), "excel", matcher)
    assert (excel.title, excel.company, excel.source) == ("Data Analyst", "Beta, Inc.", "hand")
    assert excel.posted_date == datetime.date(2025, 3, 14)
    assert [match for _, match, _ in excel.snippets] == ["Excel"]
    assert "<mark>Excel</mark> and SQL" in highlight_html(excel)
    # SQL; limit 1 keeps one of them.
    sql = sample_postings(hand_con, Filters(), "sql", matcher)
    assert {e.company for e in sql} == {"Acme Analytics", "Beta, Inc."}
    assert len(sample_postings(hand_con, Filters(), "sql", matcher, limit=1)) == 1
    assert sample_postings(hand_con, NOTHING, "sql", matcher) == []
    assert sample_postings(hand_con, Filters(), "julia", matcher) == []


def test_a_listing_without_a_span_is_skipped_and_reported(hand_con, tmp_path: Path, caplog) -> None:
    # A taxonomy whose Python alias the listings never use: the stored skill has no span.
    other = tmp_path / "other.toml"
    other.write_text(
        '[[skills]]\nid = "python"\nname = "Python"\ncategory = "Programming languages"\n'
        'aliases = ["pythonesque"]\n',
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="analytics.evidence"):
        assert sample_postings(hand_con, Filters(), "python", Matcher(load_taxonomy(other))) == []
    # name Python.
    assert caplog.text.count("no python span found") == 2


def test_hostile_listing_text_comes_out_inert(tmp_path: Path, matcher: Matcher) -> None:
    # An HTML listing showing code as text: the stored description holds a literal <script>.
    source = tmp_path / "hostile.csv"
    source.write_text(
        "title,company,description,date_posted\n"
        'Data Scientist,"Evil ""Co"" & Sons",'
        '"<p>We write Python &lt;script&gt;alert(1)&lt;/script&gt; and SQL daily.</p>",'
        "2025-01-02\n",
        encoding="utf-8",
    )
    con = db.connect(tmp_path / "jobs.duckdb")
    ingest_file(con, source, matcher, name="hostile")
    stored = con.execute("SELECT description FROM postings").fetchone()[0]
    assert "<script>alert(1)</script>" in stored
    (found,) = sample_postings(con, Filters(), "python", matcher)
    con.close()
    shown = highlight_html(found)
    assert "<script>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert set(re.findall(r"<[^>]*>", shown)) == {"<mark>", "</mark>"}
    assert "<mark>Python</mark>" in shown


def test_highlight_escapes_limits_and_joins_snippets() -> None:
    snippets = (
        ('a < b "quoted" ', "R", " & more\nlines"),
        ("then ", "Go", " <b>bold</b>"),
        ("then ", "Go", " <b>bold</b>"),
        ("x ", "SQL", " y"),
        ("z ", "Excel", "."),
    )
    found = Evidence("p1", "<i>Title</i>", None, "hand", None, snippets)
    shown = highlight_html(found)
    assert shown == (
        "a &lt; b &quot;quoted&quot; <mark>R</mark> &amp; more lines"
        " … then <mark>Go</mark> &lt;b&gt;bold&lt;/b&gt;"
        " … x <mark>SQL</mark> y"
    )
    assert highlight_html(found, max_snippets=1).count("<mark>") == 1
    assert highlight_html(found, max_snippets=10).count(" … ") == 3
    assert highlight_html(Evidence("p2", None, None, "hand", None, ())) == ""
    hostile = Evidence("p3", None, None, "x", None, (("<script>", "<img src=x>", "</script>"),))
    assert highlight_html(hostile) == (
        "&lt;script&gt;<mark>&lt;img src=x&gt;</mark>&lt;/script&gt;"
    )
