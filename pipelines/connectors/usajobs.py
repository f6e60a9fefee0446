"""USAJOBS, the US federal government's job search API (needs a free key): ML listings."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pipelines.connectors.http import Client
from pipelines.load import Progress

if TYPE_CHECKING:
    from pipelines.connectors import Request

BASE_URL = "https://data.usajobs.gov"
KEYS = ("USAJOBS_API_KEY", "USAJOBS_EMAIL")
SIGN_UP = "a free key from https://developer.usajobs.gov, and the email it was issued to"
QUERY = "machine learning"
RESULTS_PER_PAGE = 500  # the most USAJOBS gives per page
MAX_PAGES = 200
# RateIntervalCode: codes in older answers, words in newer ones.
_PERIODS = {
    "PA": "YEARLY", "Per Year": "YEARLY", "PH": "HOURLY", "Per Hour": "HOURLY",
    "PD": "DAILY", "Per Day": "DAILY", "PW": "WEEKLY", "Per Week": "WEEKLY",
    "PM": "MONTHLY", "Per Month": "MONTHLY",
}  # fmt: skip


def fetch(client: Client, request: Request, progress: Progress) -> Iterator[dict]:
    # USAJOBS wants the registered email as User-Agent; requests sends Host from the URL.
    headers = {
        "Authorization-Key": request.keys.get(KEYS[0], ""),
        "User-Agent": request.keys.get(KEYS[1], ""),
    }
    params = {"Keyword": QUERY, "ResultsPerPage": RESULTS_PER_PAGE}
    progress("Fetching pages", 0.0)
    for page in itertools.count(1):
        found = client.get_json(
            "/api/search", {**params, "Page": page}, expect="SearchResult", headers=headers
        )
        result = found["SearchResult"] or {}
        items = result.get("SearchResultItems") or []
        for item in items:
            record = listing(item)
            if request.wants(record["posted_date"]):
                yield record
        pages = int((result.get("UserArea") or {}).get("NumberOfPages") or 1)
        progress("Fetching pages", min(1.0, page / pages))
        if not items or page >= pages or page >= MAX_PAGES:
            break


def listing(item: dict) -> dict:
    job = item.get("MatchedObjectDescriptor") or {}
    details = (job.get("UserArea") or {}).get("Details") or {}
    pay = (job.get("PositionRemuneration") or [{}])[0]
    period = _PERIODS.get(pay.get("RateIntervalCode"))
    duties = details.get("MajorDuties") or []
    text = [details.get("JobSummary"), *duties, job.get("QualificationSummary")]
    return {
        "id": str(item.get("MatchedObjectId") or job.get("PositionID")),
        "title": job.get("PositionTitle"),
        "company": job.get("OrganizationName"),
        "location": job.get("PositionLocationDisplay"),
        "country": "United States",
        "remote": "remote" if details.get("RemoteIndicator") is True else None,
        "posted_date": (job.get("PublicationStartDate") or "")[:10] or None,
        "salary_min": pay.get("MinimumRange") if period else None,
        "salary_max": pay.get("MaximumRange") if period else None,
        "salary_currency": "USD" if period else None,
        "salary_period": period,
        "description": "\n\n".join(part.strip() for part in text if part and part.strip()),
        "url": job.get("PositionURI"),
    }
