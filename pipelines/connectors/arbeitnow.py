"""Arbeitnow's public job board API (mostly Europe), followed page by page to the end."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from pipelines.connectors.http import Client
from pipelines.load import Progress

if TYPE_CHECKING:
    from pipelines.connectors import Request

BASE_URL = "https://www.arbeitnow.com"
PATH = "/api/job-board-api"
MAX_PAGES = 1000  # a guard against a `next` link that never ends


def fetch(client: Client, request: Request, progress: Progress) -> Iterator[dict]:
    """Page 1, then each `links.next` until there is none or a page comes back empty."""
    params: dict[str, str] = {"page": "1"}
    for number in range(1, MAX_PAGES + 1):
        # The API does not say how many pages there are: the bar only shows it is moving.
        progress("Fetching pages", 1 - 1 / (number + 1))
        page = client.get_json(PATH, params, expect="data")
        jobs = page["data"] or []
        for job in jobs:
            record = listing(job)
            if request.wants(record["posted_date"]):
                yield record
        following = (page.get("links") or {}).get("next")
        # Only the query of `next` is kept: it names the real host, and --base-url may differ.
        following = dict(parse_qsl(urlsplit(following).query)) if following else None
        if not jobs or not following or following == params:
            break
        params = following
    progress("Fetching pages", 1.0)


def listing(job: dict) -> dict:
    created = job.get("created_at")
    posted = (
        datetime.datetime.fromtimestamp(int(created), tz=datetime.UTC).date().isoformat()
        if isinstance(created, (int, float)) or str(created or "").isdigit()
        else (str(created)[:10] if created else None)
    )
    return {
        "id": job.get("slug"),
        "title": job.get("title"),
        "company": job.get("company_name"),
        "location": job.get("location"),
        # `remote: false` means "not flagged remote", which may still be hybrid.
        "remote": "remote" if job.get("remote") is True else None,
        "posted_date": posted,
        "description": job.get("description"),
        "url": job.get("url"),
    }
