"""Adzuna's job search API (needs a free key): machine-learning listings of one country."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pipelines.connectors.http import Client
from pipelines.load import Progress

if TYPE_CHECKING:
    from pipelines.connectors import Request

BASE_URL = "https://api.adzuna.com"
KEYS = ("ADZUNA_APP_ID", "ADZUNA_APP_KEY")
SIGN_UP = "a free key from https://developer.adzuna.com"
QUERY = "machine learning"
RESULTS_PER_PAGE = 50  # the most Adzuna gives per page
MAX_PAGES = 200
DEFAULT_COUNTRY = "gb"
# Adzuna's countries and the currency their salaries are in.
COUNTRIES = {
    "at": "EUR", "au": "AUD", "be": "EUR", "br": "BRL", "ca": "CAD", "ch": "CHF", "de": "EUR",
    "es": "EUR", "fr": "EUR", "gb": "GBP", "in": "INR", "it": "EUR", "mx": "MXN", "nl": "EUR",
    "nz": "NZD", "pl": "PLN", "sg": "SGD", "us": "USD", "za": "ZAR",
}  # fmt: skip


def fetch(client: Client, request: Request, progress: Progress) -> Iterator[dict]:
    country = request.country or DEFAULT_COUNTRY
    secrets = {"app_id": request.keys.get(KEYS[0], ""), "app_key": request.keys.get(KEYS[1], "")}
    params = {
        "what": QUERY,
        "results_per_page": RESULTS_PER_PAGE,
        "content-type": "application/json",
    }
    progress("Fetching pages", 0.0)
    for page in itertools.count(1):
        found = client.get_json(
            f"/v1/api/jobs/{country}/search/{page}", params, expect="results", secret_params=secrets
        )
        results = found["results"] or []
        for job in results:
            record = listing(job, COUNTRIES[country])
            if request.wants(record["posted_date"]):
                yield record
        total = int(found.get("count") or 0)
        progress("Fetching pages", min(1.0, page * RESULTS_PER_PAGE / max(total, 1)))
        if not results or page * RESULTS_PER_PAGE >= total or page >= MAX_PAGES:
            break


def listing(job: dict, currency: str) -> dict:
    location = job.get("location") or {}
    area = location.get("area") or []
    # Adzuna estimates a salary when the listing states none; only stated ones are kept.
    stated = str(job.get("salary_is_predicted", "0")) != "1"
    return {
        "id": str(job["id"]),
        "title": job.get("title"),
        "company": (job.get("company") or {}).get("display_name"),
        "location": location.get("display_name"),
        "country": area[0] if area else None,
        "posted_date": (job.get("created") or "")[:10] or None,
        "salary_min": job.get("salary_min") if stated else None,
        "salary_max": job.get("salary_max") if stated else None,
        "salary_currency": currency if stated else None,
        "salary_period": "YEARLY" if stated else None,
        "description": job.get("description"),
        "url": job.get("redirect_url"),
    }
