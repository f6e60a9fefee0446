"""Evidence: sample listings naming a skill, with the matched text highlighted.

Snippets come from the same matcher as extraction, so the span shown is the one that was counted.
Listing text is untrusted: everything shown as HTML goes through html.escape.
"""

from __future__ import annotations

import datetime
import html
import logging
import re
from dataclasses import dataclass

import duckdb

from analytics.filters import Filters
from analytics.queries import sql
from pipelines import skills
from pipelines.load import extraction_text

log = logging.getLogger(__name__)

# Spare rows fetched beyond `limit`, so a listing whose span cannot be found is replaced.
_SPARE_ROWS = 5
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Evidence:
    posting_id: str
    title: str | None
    company: str | None
    source: str
    posted_date: datetime.date | None
    snippets: tuple[tuple[str, str, str], ...]


def sample_postings(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    skill_id: str,
    matcher: skills.Matcher,
    limit: int = 5,
) -> list[Evidence]:
    """Up to `limit` filtered listings naming the skill, the same ones every time, with snippets."""
    params = filters.params() | {"skill_id": skill_id, "limit": limit + _SPARE_ROWS}
    rows = con.execute(sql("sample_postings"), params).fetchall()
    found: list[Evidence] = []
    for posting_id, title, company, source, posted_date, description in rows:
        text = extraction_text(title, description)
        snippets = tuple(skills.evidence(matcher, text, skill_id))
        if not snippets:
            # The stored skills and the matcher disagree: another taxonomy, or a matcher bug.
            log.warning("no %s span found in listing %s", skill_id, posting_id)
            continue
        found.append(Evidence(posting_id, title, company, source, posted_date, snippets))
        if len(found) == limit:
            break
    return found


def highlight_html(evidence: Evidence, max_snippets: int = 3) -> str:
    """The first distinct snippets as escaped HTML, each match in <mark>, joined by an ellipsis."""
    # Scraped descriptions often repeat whole paragraphs; the same snippet twice shows nothing new.
    distinct = list(dict.fromkeys(evidence.snippets))[:max_snippets]
    return " … ".join(
        f"{_escaped(before)}<mark>{_escaped(match)}</mark>{_escaped(after)}"
        for before, match, after in distinct
    )


def _escaped(text: str) -> str:
    return html.escape(_SPACES.sub(" ", text))
