"""Hacker News "Ask HN: Who is hiring?" threads through the public HN search API (Algolia).

One thread a month since 2011, the longest public record of what tech job listings ask for. Each
top-level comment is one listing, conventionally headed "Company | Role | Location | Remote".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pipelines import normalise
from pipelines.connectors.http import Client
from pipelines.load import Progress

if TYPE_CHECKING:
    from pipelines.connectors import Request

BASE_URL = "https://hn.algolia.com"
HITS_PER_PAGE = 100  # whoishiring has posted some 600 stories: a few pages
SEARCH = {"tags": "story,author_whoishiring", "query": "Ask HN: Who is hiring"}
# A thread takes new listings for a few weeks; a copy fetched this long after it opened is final.
SETTLED_DAYS = 45
_THREAD = re.compile(r"Ask HN: Who is hiring\? \((\w+) (\d{4})\)", re.IGNORECASE)
_FIRST_BREAK = re.compile(r"<p>|<br\s*/?>", re.IGNORECASE)  # HN separates paragraphs by <p>
_LONGEST_HEADER = 300  # a longer first line is prose, not a header

_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|io|ai|co|org|net|dev|app|jobs)\b", re.I)
_SALARY = re.compile(
    r"[$€£¥]\s?\d|\b\d+(?:\.\d+)?\s?[kK]\b|\b\d{2,3},\d{3}\b|\b(?:salary|equity|OTE)\b", re.I
)
_ROLE = re.compile(
    r"\b(?:engineers?|engineering|developers?|scientists?|researchers?|designers?|managers?"
    r"|analysts?|architects?|leads?|head|directors?|interns?|programmers?|sre|devops|cto|vp"
    r"|founding|specialists?|consultants?|administrators?|recruiters?|writers?|hackers?"
    r"|full[- ]?stack|front[- ]?end|back[- ]?end|ml|ai|data|software|machine learning)\b",
    re.I,
)
_REMOTE = re.compile(r"\b(?:remote|on-?\s?site|hybrid|in[- ]office|wfh)\b", re.I)
_TERMS = re.compile(
    r"\b(?:full[- ]?time|part[- ]?time|contract(?:or)?s?|freelance|internships?|visas?"
    r"|permanent|ft|pt)\b",
    re.I,
)


def fetch(client: Client, request: Request, progress: Progress) -> Iterator[dict]:
    """Listings of the monthly threads in --since..--until, newest thread first."""
    progress("Finding threads", 0.0)
    threads = list(_threads(client, request))
    for number, (thread_id, opened) in enumerate(threads):
        progress("Fetching threads", number / len(threads))
        item = client.get_json(
            f"/api/v1/items/{thread_id}",
            expect="children",
            settled=opened + SETTLED_DAYS * 86400,
        )
        for comment in item["children"] or []:  # replies are the comments' own children
            record = listing(comment)
            if record is not None:
                yield record
    progress("Fetching threads", 1.0)


def _threads(client: Client, request: Request) -> Iterator[tuple[int, int]]:
    """(story id, created_at_i) of each hiring thread in range; the search is newest first."""
    seen: set[int] = set()
    page = 0
    while True:
        found = client.get_json(
            "/api/v1/search_by_date",
            {**SEARCH, "hitsPerPage": HITS_PER_PAGE, "page": page},
            expect="hits",
        )
        hits = found["hits"] or []
        for hit in hits:
            month = thread_month(hit.get("title"))
            story = int(hit["objectID"])
            if month and story not in seen and request.wants(month):
                seen.add(story)
                yield story, int(hit.get("created_at_i") or 0)
        page += 1
        older = request.since and any((h.get("created_at") or "")[:7] < request.since for h in hits)
        if not hits or older or page >= int(found.get("nbPages") or 0):
            return


def thread_month(title: str | None) -> str | None:
    """ "Ask HN: Who is hiring? (March 2024)" -> "2024-03"; None for any other thread."""
    found = _THREAD.fullmatch((title or "").strip())
    if not found:
        return None
    try:
        return datetime.datetime.strptime(f"{found[1]} {found[2]}", "%B %Y").strftime("%Y-%m")
    except ValueError:
        return None


def listing(comment: dict) -> dict | None:
    """One top-level comment as a listing record; None for a deleted or dead comment."""
    text = comment.get("text")
    if comment.get("type") != "comment" or not text or not comment.get("author"):
        return None
    parts = _FIRST_BREAK.split(re.sub(r"^(?:\s*<p>)+", "", text, flags=re.I), maxsplit=1)
    first, rest = parts[0], parts[1] if len(parts) > 1 else ""
    header = parse_header(" ".join(normalise.html_to_text(first).split()))
    return {
        "id": str(comment["id"]),
        "posted_date": (comment.get("created_at") or "")[:10] or None,
        "url": f"https://news.ycombinator.com/item?id={comment['id']}",
        **header,
        # The header is the listing's title line; the rest is its text (HTML, entities and all).
        "description": (rest or None) if header["company"] else text,
    }


def parse_header(line: str) -> dict[str, str | None]:
    """The fields of a "Company | Role | Location | Remote | Salary" line, in any order after
    the company; all None when the line is not such a header."""
    fields: dict[str, str | None] = dict.fromkeys(
        ("company", "title", "location", "remote", "salary")
    )
    parts = [part.strip() for part in line.split("|")]
    if len(parts) < 2 or len(line) > _LONGEST_HEADER or not parts[0]:
        return fields
    fields["company"] = parts[0]
    places, remotes = [], []
    for part in filter(None, parts[1:]):
        if _URL.search(part):
            continue
        if _SALARY.search(part):
            fields["salary"] = fields["salary"] or part
        elif _ROLE.search(part):
            fields["title"] = fields["title"] or part
        elif _REMOTE.search(part):
            remotes.append(part)
        elif not _TERMS.search(part):
            places.append(part)
    remote = next((part for part in parts[1:] if _REMOTE.search(part)), None)
    fields["remote"] = remote
    fields["location"] = next(iter(places + remotes), None)
    return fields
