"""Listings fetched from public job sources, loaded exactly like a file.

Each source module turns API pages into plain records with keys the column mapping knows; they
are written as one JSON Lines file and loaded by `ingest_file` in one transaction, so fetched
listings get the same normalisation, extraction, de-duplication and provenance as uploads.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.connectors import adzuna, arbeitnow, hn, remotive, usajobs
from pipelines.connectors.http import DEFAULT_RAW_DIR, Client, FetchError
from pipelines.load import LoadResult, Progress, ingest_file
from pipelines.readers import InputError
from pipelines.skills import Matcher

SOURCES = {
    "hn": hn,
    "remotive": remotive,
    "arbeitnow": arbeitnow,
    "adzuna": adzuna,
    "usajobs": usajobs,
}
__all__ = ["DEFAULT_RAW_DIR", "SOURCES", "Client", "FetchError", "Fetched", "Request"]
_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class Request:
    """What to fetch: months "YYYY-MM" inclusive, at most `limit` listings, API keys."""

    since: str | None = None
    until: str | None = None
    limit: int | None = None
    country: str | None = None
    keys: Mapping[str, str] = field(default_factory=dict, repr=False)

    def wants(self, posted_date: str | None) -> bool:
        """Whether a listing of this ISO date is inside --since/--until (undated ones are)."""
        month = (posted_date or "")[:7]
        if not month:
            return True
        return (self.since is None or month >= self.since) and (
            self.until is None or month <= self.until
        )


@dataclass(frozen=True)
class Fetched:
    """A fetch written to one JSON Lines file (None when the source had no listings)."""

    source: str
    path: Path | None
    listings: int
    pages_fetched: int
    pages_cached: int

    def summary(self, result: LoadResult | None) -> str:
        pages = f"pages: {self.pages_fetched} fetched, {self.pages_cached} from the cache"
        if result is None:
            return f"{self.source}: no listings found; nothing loaded ({pages})"
        return f"{result.summary()}; {pages}"


def make_request(
    source: str,
    *,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    country: str | None = None,
    base_url: str | None = None,
    offline: bool = False,
    env: Mapping[str, str] = os.environ,
) -> Request:
    """Check the options for one source; raises InputError saying what to change."""
    module = SOURCES[source]
    if base_url is not None and not re.match(r"https?://[^/\s]+", base_url):
        raise InputError(f"--base-url {base_url!r}: write it like https://example.org")
    since, until = _month(since, "--since"), _month(until, "--until")
    if since and until and since > until:
        raise InputError(f"--since {since} is after --until {until}; swap them")
    if limit is not None and limit < 1:
        raise InputError(f"--limit {limit}: give a number of listings of 1 or more")
    countries = getattr(module, "COUNTRIES", None)
    if country is not None and countries is None:
        raise InputError(f"--country applies to adzuna only, not to {source}")
    if countries is not None:
        country = (country or module.DEFAULT_COUNTRY).lower()
        if country not in countries:
            raise InputError(
                f"--country {country}: {source} has no such country; use one of "
                f"{', '.join(sorted(countries))}"
            )
    names = getattr(module, "KEYS", ())
    keys = {name: env.get(name, "").strip() for name in names}
    missing = [name for name in names if not keys[name]]
    if missing and not offline:
        raise InputError(
            f"{source} needs {' and '.join(missing)} set in the environment "
            f"({module.SIGN_UP}); nothing was fetched"
        )
    return Request(since, until, limit, country, keys)


def _month(value: str | None, flag: str) -> str | None:
    if value is None:
        return None
    found = _MONTH.fullmatch(value.strip())
    if not found or not 1 <= int(found[2]) <= 12:
        raise InputError(f"{flag} {value!r}: write a month like 2011-01")
    return found[0]


def client_for(
    source: str,
    *,
    base_url: str | None = None,
    raw_dir: str | Path = DEFAULT_RAW_DIR,
    offline: bool = False,
) -> Client:
    return Client(source, base_url or SOURCES[source].BASE_URL, raw_dir, offline=offline)


def fetch_to_file(client: Client, source: str, request: Request, progress: Progress) -> Fetched:
    """Every listing the source gives (up to the limit), as JSON Lines in the raw folder.

    The file is named by its content, so fetching the same listings again names the same file,
    which `ingest_file` then recognises as already loaded.
    """
    client.cache.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=client.cache, prefix=".listings-", suffix=".part")
    digest, count, path = hashlib.sha256(), 0, None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            for record in SOURCES[source].fetch(client, request, progress):
                line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
                stream.write(line)
                digest.update(line.encode("utf-8"))
                count += 1
                if request.limit is not None and count >= request.limit:
                    break
        if count:
            path = client.cache / f"listings-{digest.hexdigest()[:16]}.jsonl"
            os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return Fetched(source, path, count, client.pages_fetched, client.pages_cached)


def load(
    con: duckdb.DuckDBPyConnection, matcher: Matcher, fetched: Fetched, progress: Progress
) -> LoadResult:
    """Load a fetch as dataset SOURCE through the one ingestion path, in one transaction."""
    if fetched.path is None:
        raise InputError(f"{fetched.source}: no listings to load")
    return ingest_file(
        con,
        fetched.path,
        matcher,
        name=fetched.source,
        source_kind=fetched.source,
        progress=progress,
    )
