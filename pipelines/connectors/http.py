"""One polite HTTP client for every connector: timeouts, retries with back-off, a raw cache.

Every page a source answers is kept under data/raw/SOURCE/, so a run that fails part-way resumes
where it stopped, and `--offline` loads again without the network.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests

USER_AGENT = "ml-job-market-skills/0.1 (+job-skills dashboard; contact via the project README)"
# Read at construction, so tests can make them small.
TIMEOUT = (10.0, 60.0)  # seconds to connect, seconds of silence while reading
MAX_ATTEMPTS = 4
BACKOFF_SECONDS = 1.0  # the first wait; it doubles with each attempt (1, 2, 4 s)
MAX_WAIT_SECONDS = 120.0  # a longer Retry-After is cut to this, so a run never hangs for hours
# Pages of a run that failed are reused by the next online run for this long, then fetched anew.
RESUME_SECONDS = 24 * 3600
DEFAULT_RAW_DIR = Path(__file__).resolve().parents[2] / "data" / "raw"
_UNFINISHED = ".unfinished"  # names of the pages the unfinished run has fetched, one a line


class FetchError(Exception):
    """A source could not be read; the message names the URL and says what to do."""


def pause(seconds: float) -> None:
    time.sleep(seconds)


def cache_name(path: str, params: Mapping[str, object] | None = None) -> str:
    """A stable file name for one request: readable, unique, without host or secrets."""
    query = urlencode(sorted((key, str(value)) for key, value in (params or {}).items()))
    key = path + (f"?{query}" if query else "")
    slug = re.sub(r"[^A-Za-z0-9.=-]+", "_", key).strip("_")[:80]
    return f"{slug}-{hashlib.sha256(key.encode()).hexdigest()[:12]}.json"


class Client:
    """GET JSON from one source, keeping every answer in `raw_dir/SOURCE/`.

    Online, a page is fetched unless the last, unfinished run fetched it already or its cached
    copy was written after `settled` (a page that no longer changes). Offline, only the cache
    is read. Secret query parameters are sent but never written to file names or messages.
    """

    def __init__(
        self, source: str, base_url: str, raw_dir: str | Path, *, offline: bool = False
    ) -> None:
        self.source = source
        self.base_url = base_url.rstrip("/")
        self.cache = Path(raw_dir) / source
        self.offline = offline
        self.pages_fetched = 0
        self.pages_cached = 0
        self.timeout, self.attempts, self.backoff = TIMEOUT, MAX_ATTEMPTS, BACKOFF_SECONDS
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        self._resumed = set() if offline else self._resume()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.session.close()

    def url(self, path: str, params: Mapping[str, object] | None = None) -> str:
        query = urlencode(params or {})
        return f"{self.base_url}{path}" + (f"?{query}" if query else "")

    def get_json(
        self,
        path: str,
        params: Mapping[str, object] | None = None,
        *,
        expect: str | None = None,
        secret_params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        settled: float | None = None,
    ) -> Any:
        """The decoded answer to GET base_url + path; `expect` names a key it must hold."""
        params = dict(params or {})
        name = cache_name(path, params)
        cached = self.cache / name
        shown = self.url(path, params)
        if self.offline and not cached.exists():
            raise FetchError(
                f"--offline: {shown} is not in the cache ({self.cache}); run the same "
                "command once without --offline to fetch it"
            )
        if self.offline or self._reusable(cached, settled):
            return _checked(self._cached(cached, shown), expect, shown)
        body = self._download(path, {**params, **(secret_params or {})}, headers, shown)
        data = _checked(_decode(body, shown), expect, shown)  # a wrong answer is never cached
        _write_atomic(cached, body)
        with (self.cache / _UNFINISHED).open("a", encoding="utf-8") as marker:
            marker.write(name + "\n")
        self.pages_fetched += 1
        return data

    def _reusable(self, cached: Path, settled: float | None) -> bool:
        if not cached.exists():
            return False
        return cached.name in self._resumed or (
            settled is not None and cached.stat().st_mtime >= settled
        )

    def finish(self) -> None:
        """The run loaded: the next online run fetches every changing page again."""
        if not self.offline:
            (self.cache / _UNFINISHED).unlink(missing_ok=True)

    def _resume(self) -> set[str]:
        marker = self.cache / _UNFINISHED
        try:
            if time.time() - marker.stat().st_mtime <= RESUME_SECONDS:
                return set(marker.read_text(encoding="utf-8").split())
        except OSError:
            pass
        self.cache.mkdir(parents=True, exist_ok=True)
        marker.write_text("", encoding="utf-8")
        return set()

    def _cached(self, path: Path, shown: str) -> Any:
        self.pages_cached += 1
        try:
            return json.loads(path.read_bytes())
        except (OSError, ValueError) as error:
            raise FetchError(
                f"{path}: the cached copy of {shown} cannot be read ({error}); delete it and "
                "fetch again without --offline"
            ) from error

    def _download(
        self,
        path: str,
        params: Mapping[str, object],
        headers: Mapping[str, str] | None,
        shown: str,
    ) -> bytes:
        problem = ""
        for attempt in range(1, self.attempts + 1):
            wait = self.backoff * 2 ** (attempt - 1)
            try:
                response = self.session.get(
                    self.base_url + path, params=params, headers=headers, timeout=self.timeout
                )
            except requests.Timeout:
                problem = f"no answer within {self.timeout[1]:g} s"
            except requests.RequestException as error:
                # The exception's text holds the full URL, secrets included: never shown.
                problem = f"connection failed ({type(error).__name__})"
            else:
                status = response.status_code
                if status == 429 or status >= 500:
                    problem = f"HTTP {status} {response.reason or ''}".rstrip()
                    asked = _retry_after(response.headers.get("Retry-After"))
                    wait = wait if asked is None else asked
                elif status >= 400:
                    raise FetchError(f"{shown}: HTTP {status} {response.reason}; {_advice(status)}")
                else:
                    return response.content
            if attempt < self.attempts:
                pause(min(wait, MAX_WAIT_SECONDS))
        raise FetchError(
            f"{shown}: {problem} after {self.attempts} attempts; nothing was loaded. The pages "
            f"fetched so far are kept in {self.cache}: run the same command again later to "
            "resume from there"
        )


def _decode(body: bytes, shown: str) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as error:
        raise FetchError(
            f"{shown}: the answer is not valid JSON ({error}); nothing was loaded. The source "
            "may be having trouble (try again later), or --base-url points at something else"
        ) from error


def _checked(data: Any, expect: str | None, shown: str) -> Any:
    if expect is None or (isinstance(data, dict) and expect in data):
        return data
    keys = ", ".join(map(str, list(data)[:10])) if isinstance(data, dict) else type(data).__name__
    raise FetchError(
        f"{shown}: the answer has no {expect!r} (it has: {keys or 'nothing'}); "
        "check --base-url, or the source has changed its API"
    )


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _advice(status: int) -> str:
    if status in (401, 403):
        return "the source refused the request: check the API key variables named in the README"
    if status == 404:
        return "no such page: check --base-url"
    return "the source refused the request"


def _write_atomic(path: Path, body: bytes) -> None:
    """Write so that a killed run never leaves half a file under the final name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(body)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
