"""Remotive's public API of remote jobs: one answer holds every current listing.

Remotive asks for few fetches a day; the raw cache lets a re-run load without asking again.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pipelines.connectors.http import Client
from pipelines.load import Progress

if TYPE_CHECKING:
    from pipelines.connectors import Request

BASE_URL = "https://remotive.com"
PATH = "/api/remote-jobs"


def fetch(client: Client, request: Request, progress: Progress) -> Iterator[dict]:
    progress("Fetching pages", 0.0)
    params = {"limit": request.limit} if request.limit else {}
    page = client.get_json(PATH, params, expect="jobs")
    for job in page["jobs"] or []:
        record = listing(job)
        if request.wants(record["posted_date"]):
            yield record
    progress("Fetching pages", 1.0)


def listing(job: dict) -> dict:
    return {
        "id": str(job["id"]),
        "title": job.get("title"),
        "company": job.get("company_name"),
        "location": job.get("candidate_required_location"),
        "remote": "remote",  # every Remotive listing is remote
        "posted_date": (job.get("publication_date") or "")[:10] or None,
        "salary": job.get("salary") or None,
        "description": job.get("description"),
        "url": job.get("url"),
    }
