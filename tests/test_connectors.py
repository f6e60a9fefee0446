"""`python -m pipelines fetch SOURCE` against a real HTTP server on 127.0.0.1 replaying stored
payloads shaped like each API's answers: the listings and skills that land, pagination, limits,
retries (429 with Retry-After, 500, timeouts), malformed JSON, the raw cache and --offline.
"""

from __future__ import annotations

import datetime
import json
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import cli, table
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from analytics import queries
from pipelines import db
from pipelines.__main__ import main
from pipelines.connectors import adzuna, hn
from pipelines.connectors import http as connector_http
from pipelines.connectors.http import USER_AGENT, cache_name

PAYLOADS = Path(__file__).parent / "fixtures" / "connectors"
HN_SEARCH = "/api/v1/search_by_date"
HN_QUERY = {
    "tags": "story,author_whoishiring",
    "query": "Ask HN: Who is hiring",
    "hitsPerPage": "3",
}
REMOTIVE = "/api/remote-jobs"
ARBEITNOW = "/api/job-board-api"
USAJOBS = "/api/search"
USAJOBS_QUERY = {"Keyword": "machine learning", "ResultsPerPage": "500"}
ADZUNA_QUERY = {
    "what": "machine learning",
    "results_per_page": "2",
    "content-type": "application/json",
}
ADZUNA_KEYS = {"ADZUNA_APP_ID": "id-5f3c2a", "ADZUNA_APP_KEY": "key-9b8e7d6c5b4a"}
USAJOBS_KEYS = {"USAJOBS_API_KEY": "usa-key-0a1b2c3d", "USAJOBS_EMAIL": "analyst@example.org"}


def payload(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


def replay(name: str) -> Response:
    return Response(payload(name), content_type="application/json")


@pytest.fixture(scope="module")
def real_server():
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(real_server: HTTPServer) -> HTTPServer:
    real_server.clear()
    return real_server


@pytest.fixture(autouse=True)
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Back-off waits are recorded instead of slept, so retries cost no time in tests."""
    recorded: list[float] = []
    monkeypatch.setattr(connector_http, "pause", recorded.append)
    monkeypatch.setattr(hn, "HITS_PER_PAGE", 3)  # the stored search pages hold 3 hits each
    monkeypatch.setattr(adzuna, "RESULTS_PER_PAGE", 2)
    for name in (*ADZUNA_KEYS, *USAJOBS_KEYS):
        monkeypatch.delenv(name, raising=False)
    return recorded


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def run(tmp_path: Path, server: HTTPServer, capsys: pytest.CaptureFixture[str]) -> Callable:
    """`run("hn", "--since", "2024-01")`: the command in this process, against the server."""

    def fetch(*args: str, base: str | None = None) -> Ran:
        code = main(
            ["fetch", *args, "--base-url", base or server.url_for(""),
             "--db", str(tmp_path / "jobs.duckdb"), "--raw-dir", str(tmp_path / "raw")]
        )  # fmt: skip
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return fetch


def rows(tmp_path: Path, sql: str) -> list[tuple]:
    path = tmp_path / "jobs.duckdb"
    return table(path, sql) if path.exists() else []


def skills_of(tmp_path: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for posting_id, skill_id in rows(tmp_path, "SELECT posting_id, skill_id FROM posting_skills"):
        found.setdefault(posting_id, set()).add(skill_id)
    return found


def requested(server: HTTPServer) -> list[str]:
    return [
        request.path + (f"?{request.query_string.decode()}" if request.query_string else "")
        for request, _ in server.log
    ]


def serve_hn(server: HTTPServer) -> None:
    agent = {"User-Agent": USER_AGENT}
    for page in (0, 1):
        server.expect_request(
            HN_SEARCH, query_string={**HN_QUERY, "page": str(page)}, headers=agent
        ).respond_with_response(replay(f"hn/search_page{page}.json"))
    for story in (39562986, 39217310, 2396027):
        server.expect_request(f"/api/v1/items/{story}", headers=agent).respond_with_response(
            replay(f"hn/item_{story}.json")
        )


def serve_arbeitnow(server: HTTPServer, *pages: str) -> None:
    for number, name in enumerate(pages, start=1):
        server.expect_request(ARBEITNOW, query_string={"page": str(number)}).respond_with_response(
            replay(f"arbeitnow/{name}.json")
        )


# --- Hacker News --------------------------------------------------------------------------


def test_hn_threads_become_listings_with_header_fields_and_skills(
    run: Callable, server: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(server)
    ran = run("hn", "--since", "2011-01", "--until", "2026-11")
    assert ran.code == 0, ran.err
    assert (
        "dataset 'hn': read 7, loaded 7" in ran.out
        and "pages: 5 fetched, 0 from the cache" in ran.out
    )
    got = {
        r[0]: r[1:]
        for r in rows(
            tmp_path,
            "SELECT posting_id, title, company, location, country, remote, posted_date, "
            "salary_min, salary_max, salary_currency FROM postings",
        )
    }
    assert got == {
        "hn:39563010": ("Senior Machine Learning Engineer", "Acme AI", "Berlin, Germany",
                        "Germany", "remote", datetime.date(2024, 3, 1), 90000, 120000, "EUR"),
        "hn:39563030": ("Data Scientist", "Globex", "London, UK", "United Kingdom", "on-site",
                        datetime.date(2024, 3, 2), 70000, 85000, "GBP"),
        "hn:39563040": (None, None, None, None, None, datetime.date(2024, 3, 4),
                        None, None, None),
        "hn:39218001": ("ML Platform Engineer", "Hooli", "San Francisco, CA", "United States",
                        "hybrid", datetime.date(2024, 2, 1), 180000, 220000, "USD"),
        "hn:39218002": ("Research Scientist, NLP", "Pied Piper", "Remote (US)", "United States",
                        "remote", datetime.date(2024, 2, 2), None, None, None),
        "hn:2396100": (None, None, None, None, None, datetime.date(2011, 4, 1), None, None, None),
        "hn:2396150": ("Software Engineer, Machine Learning", "Dropbox", "San Francisco",
                       "United States", None, datetime.date(2011, 4, 2), None, None, None),
    }  # fmt: skip
    # The deleted comment (no author, no text) and the replies are not listings.
    assert not {"hn:39563020", "hn:39563500", "hn:39563600"} & set(got)
    acme = rows(tmp_path, "SELECT description FROM postings WHERE posting_id = 'hn:39563010'")
    text = acme[0][0]
    assert text.startswith("We build forecasting models")  # the header line is not repeated
    assert "PyTorch & JAX" in text and "You'll own" in text and '"grid" team' in text
    assert "https://acme.example/careers" in text
    entities = r"&(amp|#x27|#x2F|quot|gt);"
    assert not rows(
        tmp_path, f"SELECT posting_id FROM postings WHERE regexp_matches(description, '{entities}')"
    )
    assert (
        "Initech is hiring data engineers"
        in rows(tmp_path, "SELECT description FROM postings WHERE posting_id = 'hn:39563040'")[0][0]
    )
    skills = skills_of(tmp_path)
    # The reply under Acme's listing names TensorFlow and Keras: they are not Acme's skills.
    assert skills["hn:39563010"] == {
        "python", "pytorch", "jax", "aws", "mlops", "mlflow", "docker", "kubernetes",
        "machine_learning", "time_series",  # "forecasting models"
    }  # fmt: skip
    assert {"python", "sql", "ab_testing", "tableau", "statistics", "hypothesis_testing"} <= (
        skills["hn:39563030"]
    )
    assert {"spark", "airflow", "gcp", "sql"} <= skills["hn:39563040"]
    assert {"python", "r", "statistics", "machine_learning"} <= skills["hn:2396100"]
    assert rows(tmp_path, "SELECT name, source_kind, rows_loaded FROM datasets") == [
        ("hn", "hn", 7)
    ]
    # Only the monthly hiring threads are read, not "Who wants to be hired?" or freelancers.
    items = sorted(p for p in requested(server) if p.startswith("/api/v1/items/"))
    assert items == ["/api/v1/items/2396027", "/api/v1/items/39217310", "/api/v1/items/39562986"]


def test_hn_months_since_until_choose_the_threads(
    run: Callable, server: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(server)
    ran = run("hn", "--since", "2024-03", "--until", "2024-03")
    assert ran.code == 0, ran.err
    assert rows(tmp_path, "SELECT DISTINCT strftime(posted_date, '%Y-%m') FROM postings") == [
        ("2024-03",)
    ]
    # The newest-first search stops at the page reaching back past March; one thread is read.
    search = f"{HN_SEARCH}?tags=story%2Cauthor_whoishiring&query=Ask+HN%3A+Who+is+hiring"
    assert requested(server) == [
        f"{search}&hitsPerPage=3&page=0",
        f"{search}&hitsPerPage=3&page=1",
        "/api/v1/items/39562986",
    ]


def test_hn_search_stops_once_it_reaches_back_past_since(run: Callable, server: HTTPServer) -> None:
    serve_hn(server)
    ran = run("hn", "--since", "2024-04")
    assert ran.code == 0, ran.err
    assert "hn: no listings found; nothing loaded" in ran.out
    assert len(server.log) == 1  # page 0 is all March 2024 and older: no need for page 1


def test_fetched_hn_becomes_the_trends_default(
    run: Callable, server: HTTPServer, tmp_path: Path
) -> None:
    """The Trends page rests on the source with the most months: HN's monthly threads."""
    serve_hn(server)
    server.expect_request(REMOTIVE).respond_with_response(replay("remotive/remote-jobs.json"))
    assert run("remotive").code == 0 and run("hn").code == 0
    con = db.connect(tmp_path / "jobs.duckdb")
    try:
        options = queries.filter_options(con)
    finally:
        con.close()
    assert options.sources == ["remotive", "hn"] and options.trend_source == "hn"
    assert options.months[0] == datetime.date(2011, 4, 1)


def test_hn_limit_stops_fetching(run: Callable, server: HTTPServer, tmp_path: Path) -> None:
    serve_hn(server)
    ran = run("hn", "--limit", "2")
    assert ran.code == 0, ran.err
    assert rows(tmp_path, "SELECT posting_id FROM postings ORDER BY posting_id") == [
        ("hn:39563010",),
        ("hn:39563030",),
    ]
    assert "/api/v1/items/39217310" not in requested(server)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Acme | Senior Engineer (Remote) | NYC", ("Acme", "Senior Engineer (Remote)", "NYC")),
        ("Umbrella | Full-time | Backend Developer | Austin, TX | https://umbrella.example",
         ("Umbrella", "Backend Developer", "Austin, TX")),
        ("Stark | Tokyo", ("Stark", None, "Tokyo")),
        ("We are hiring engineers in Paris.", (None, None, None)),
    ],
)  # fmt: skip
def test_hn_header_line(line: str, expected: tuple) -> None:
    fields = hn.parse_header(line)
    assert (fields["company"], fields["title"], fields["location"]) == expected


# --- Remotive, Arbeitnow, and a listing on both --------------------------------------------


def test_remotive_listings_land_with_skills(
    run: Callable, server: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request(REMOTIVE, query_string="").respond_with_response(
        replay("remotive/remote-jobs.json")
    )
    ran = run("remotive")
    assert ran.code == 0, ran.err
    assert rows(
        tmp_path,
        "SELECT posting_id, title, company, location, remote, posted_date, salary_annual_min, "
        "salary_currency FROM postings ORDER BY posting_id",
    ) == [
        ("remotive:1900001", "Machine Learning Engineer", "Acme AI", "Europe", "remote",
         datetime.date(2024, 3, 5), 90000, "EUR"),
        ("remotive:1900002", "Senior Data Analyst", "Umbrella Corp", "USA Only", "remote",
         datetime.date(2024, 3, 4), 55 * 2080, "USD"),
        ("remotive:1900003", "Customer Success Manager", "Initrode", "Worldwide", "remote",
         datetime.date(2024, 2, 28), None, None),
    ]  # fmt: skip
    skills = skills_of(tmp_path)
    assert skills["remotive:1900001"] == {
        "machine_learning", "artificial_intelligence", "time_series", "pytorch", "scikit_learn",
        "docker", "aws",
    }  # fmt: skip
    assert skills["remotive:1900002"] == {"sql", "tableau", "excel", "r"}
    assert skills["remotive:1900003"] == {"communication", "collaboration"}
    description = rows(tmp_path, "SELECT description FROM postings WHERE title LIKE 'Machine%'")
    assert "What you'll do" in description[0][0] and "€90k–€120k" in description[0][0]


def test_remotive_limit_is_sent_and_kept(run: Callable, server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request(REMOTIVE, query_string={"limit": "1"}).respond_with_response(
        replay("remotive/remote-jobs.json")  # a server that ignores the limit is cut anyway
    )
    ran = run("remotive", "--limit", "1")
    assert ran.code == 0, ran.err
    assert rows(tmp_path, "SELECT posting_id FROM postings") == [("remotive:1900001",)]


def test_arbeitnow_follows_next_links_to_the_end(
    run: Callable, server: HTTPServer, tmp_path: Path
) -> None:
    serve_arbeitnow(server, "page1", "page2", "page3")
    ran = run("arbeitnow")
    assert ran.code == 0, ran.err
    # The next links name www.arbeitnow.com; they are followed on --base-url all the same.
    assert [p for p in requested(server)] == [f"{ARBEITNOW}?page={n}" for n in (1, 2, 3)]
    got = rows(
        tmp_path,
        "SELECT posting_id, company, location, country, remote, posted_date FROM postings "
        "ORDER BY posted_date DESC",
    )
    assert got == [
        ("arbeitnow:acme-ai-machine-learning-engineer-berlin-412345", "Acme AI", "Berlin",
         "Germany", "remote", datetime.date(2024, 3, 5)),
        ("arbeitnow:data-engineer-mwd-munich-398112", "Stark Industries GmbH", "München",
         "Germany", None, datetime.date(2024, 3, 4)),
        ("arbeitnow:werkstudent-data-science-mwd-hamburg-401777", "Nordlicht Analytics",
         "Hamburg", "Germany", None, datetime.date(2024, 2, 28)),
        ("arbeitnow:senior-backend-developer-remote-400900", "Wolkenbau", "Remote", None,
         "remote", datetime.date(2024, 2, 27)),
        ("arbeitnow:computer-vision-engineer-stuttgart-395001", "Autonom AG", "Stuttgart",
         "Germany", None, datetime.date(2024, 2, 20)),
    ]  # fmt: skip
    skills = skills_of(tmp_path)
    assert skills["arbeitnow:data-engineer-mwd-munich-398112"] == {"spark", "airflow", "python"}
    assert skills["arbeitnow:computer-vision-engineer-stuttgart-395001"] >= {
        "pytorch", "cpp", "computer_vision",
    }  # fmt: skip


def test_arbeitnow_limit_stops_paging(run: Callable, server: HTTPServer, tmp_path: Path) -> None:
    serve_arbeitnow(server, "page1", "page2", "page3")
    ran = run("arbeitnow", "--limit", "3")
    assert ran.code == 0, ran.err
    assert rows(tmp_path, "SELECT count(*) FROM postings") == [(3,)]
    assert requested(server) == [f"{ARBEITNOW}?page=1", f"{ARBEITNOW}?page=2"]


def test_an_empty_page_ends_pagination(run: Callable, server: HTTPServer, tmp_path: Path) -> None:
    serve_arbeitnow(server, "page1", "page2_empty")  # its `next` still points at page 3
    ran = run("arbeitnow")
    assert ran.code == 0, ran.err
    assert requested(server) == [f"{ARBEITNOW}?page=1", f"{ARBEITNOW}?page=2"]
    assert rows(tmp_path, "SELECT count(*) FROM postings") == [(2,)]


def test_a_listing_in_two_sources_is_loaded_once(
    run: Callable, server: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request(REMOTIVE).respond_with_response(replay("remotive/remote-jobs.json"))
    serve_arbeitnow(server, "page1", "page2", "page3")
    assert run("remotive").code == 0
    ran = run("arbeitnow")
    assert ran.code == 0, ran.err
    assert "read 5, loaded 4, duplicate 1" in ran.out
    assert rows(
        tmp_path,
        "SELECT d.name, p.posting_id FROM postings p JOIN datasets d USING (dataset_id) "
        "WHERE p.company = 'Acme AI'",
    ) == [("remotive", "remotive:1900001")]
    assert rows(
        tmp_path,
        "SELECT name, source_kind, rows_read, rows_loaded, rows_duplicate FROM datasets "
        "ORDER BY dataset_id",
    ) == [("remotive", "remotive", 3, 3, 0), ("arbeitnow", "arbeitnow", 5, 4, 1)]
    assert (
        rows(
            tmp_path,
            "SELECT skill_id, count(*) FROM posting_skills WHERE posting_id = 'remotive:1900001' "
            "GROUP BY skill_id HAVING count(*) > 1",
        )
        == []
    )


# --- Adzuna and USAJOBS: API keys ----------------------------------------------------------


def test_adzuna_with_keys(
    run: Callable, server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in ADZUNA_KEYS.items():
        monkeypatch.setenv(name, value)
    keys = {"app_id": ADZUNA_KEYS["ADZUNA_APP_ID"], "app_key": ADZUNA_KEYS["ADZUNA_APP_KEY"]}
    for page in (1, 2):
        server.expect_request(
            f"/v1/api/jobs/gb/search/{page}", query_string={**ADZUNA_QUERY, **keys}
        ).respond_with_response(replay(f"adzuna/gb_page{page}.json"))
    ran = run("adzuna")
    assert ran.code == 0, ran.err
    assert rows(
        tmp_path,
        "SELECT posting_id, title, company, location, country, posted_date, salary_min, "
        "salary_max, salary_currency FROM postings ORDER BY posting_id",
    ) == [
        ("adzuna:4567890123", "Machine Learning Engineer", "Wayne Enterprises",
         "Shoreditch, East London", "United Kingdom", datetime.date(2024, 3, 5), 60000, 75000,
         "GBP"),
        # Adzuna's own estimate (salary_is_predicted "1") is not a salary the listing states.
        ("adzuna:4567890124", "Data Scientist", "Cyberdyne Systems", "Edinburgh, Scotland",
         "United Kingdom", datetime.date(2024, 3, 4), None, None, None),
        ("adzuna:4567890125", "Senior Machine Learning Researcher", "Tyrell Corp",
         "Cambridge, Cambridgeshire", "United Kingdom", datetime.date(2024, 2, 28), 90000,
         110000, "GBP"),
    ]  # fmt: skip
    skills = skills_of(tmp_path)
    assert {"machine_learning", "python", "tensorflow", "gcp", "docker", "kubernetes"} <= (
        skills["adzuna:4567890123"]
    )
    assert {"sql", "r"} <= skills["adzuna:4567890124"]
    # The keys went to the server, and nowhere else: not into file names, files or messages.
    files = [p for p in (tmp_path / "raw").rglob("*") if p.is_file()]
    written = (
        [p.name for p in files]
        + [p.read_text(encoding="utf-8") for p in files]
        + [ran.out, ran.err]
    )
    for secret in ADZUNA_KEYS.values():
        assert not any(secret in text for text in written)
    assert cache_name("/v1/api/jobs/gb/search/1", ADZUNA_QUERY) in written


def test_usajobs_with_keys(
    run: Callable, server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in USAJOBS_KEYS.items():
        monkeypatch.setenv(name, value)
    headers = {
        "Authorization-Key": USAJOBS_KEYS["USAJOBS_API_KEY"],
        "User-Agent": USAJOBS_KEYS["USAJOBS_EMAIL"],
    }
    for page in (1, 2):
        server.expect_request(
            USAJOBS, query_string={**USAJOBS_QUERY, "Page": str(page)}, headers=headers
        ).respond_with_response(replay(f"usajobs/page{page}.json"))
    ran = run("usajobs")
    assert ran.code == 0, ran.err
    assert rows(
        tmp_path,
        "SELECT posting_id, title, company, location, country, remote, posted_date, "
        "salary_period, salary_annual_min, salary_annual_max FROM postings ORDER BY posting_id",
    ) == [
        ("usajobs:781234500", "Data Scientist (Machine Learning)",
         "National Institutes of Health", "Bethesda, Maryland", "United States", None,
         datetime.date(2024, 3, 5), "year", 117962, 153354),
        ("usajobs:781299900", "Student Trainee (Data Science)",
         "National Aeronautics and Space Administration", "Multiple Locations",
         "United States", "remote", datetime.date(2024, 3, 1), "hour", 22.5 * 2080, 28 * 2080),
    ]  # fmt: skip
    skills = skills_of(tmp_path)
    assert {"machine_learning", "python", "r", "sql", "communication", "statistics"} <= (
        skills["usajobs:781234500"]
    )
    assert {"pandas", "numpy", "tableau"} <= skills["usajobs:781299900"]
    assert all(USAJOBS_KEYS["USAJOBS_API_KEY"] not in text for text in (ran.out, ran.err))


@pytest.mark.parametrize(
    ("source", "present", "missing"),
    [
        ("adzuna", {}, "ADZUNA_APP_ID and ADZUNA_APP_KEY"),
        ("adzuna", {"ADZUNA_APP_ID": "x"}, "ADZUNA_APP_KEY"),
        ("usajobs", {"USAJOBS_EMAIL": "a@example.org"}, "USAJOBS_API_KEY"),
        ("usajobs", {}, "USAJOBS_API_KEY and USAJOBS_EMAIL"),
    ],
)
def test_missing_keys_exit_2_naming_the_variable(
    run: Callable,
    server: HTTPServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    source: str,
    present: dict,
    missing: str,
) -> None:
    for name, value in present.items():
        monkeypatch.setenv(name, value)
    ran = run(source)
    assert ran.code == 2
    assert f"{source} needs {missing} set in the environment" in ran.err
    assert not server.log and not (tmp_path / "jobs.duckdb").exists()


# --- Retries, timeouts, bad answers --------------------------------------------------------


def test_429_waits_as_retry_after_says_then_succeeds(
    run: Callable, server: HTTPServer, tmp_path: Path, waits: list[float]
) -> None:
    server.expect_oneshot_request(REMOTIVE).respond_with_data(
        "Too Many Requests", status=429, headers={"Retry-After": "7"}
    )
    server.expect_request(REMOTIVE).respond_with_response(replay("remotive/remote-jobs.json"))
    ran = run("remotive")
    assert ran.code == 0, ran.err
    assert waits == [7.0]
    assert len(server.log) == 2 and rows(tmp_path, "SELECT count(*) FROM postings") == [(3,)]


def test_retry_after_is_really_waited_by_the_command(server: HTTPServer, tmp_path: Path) -> None:
    """The real command in its own process: the retry comes no sooner than Retry-After."""
    times: list[float] = []

    def answer(request: Request) -> Response:
        times.append(time.monotonic())
        if len(times) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return replay("remotive/remote-jobs.json")

    server.expect_request(REMOTIVE).respond_with_handler(answer)
    result = cli("fetch", "remotive", "--base-url", server.url_for(""),
                 "--db", tmp_path / "jobs.duckdb", "--raw-dir", tmp_path / "raw")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "loaded 3" in result.stdout and "pages: 1 fetched" in result.stdout
    assert len(times) == 2 and times[1] - times[0] >= 0.95


def test_500_then_success_backs_off(
    run: Callable, server: HTTPServer, tmp_path: Path, waits: list[float]
) -> None:
    server.expect_oneshot_request(REMOTIVE).respond_with_data("oops", status=500)
    server.expect_oneshot_request(REMOTIVE).respond_with_data("oops", status=503)
    server.expect_request(REMOTIVE).respond_with_response(replay("remotive/remote-jobs.json"))
    ran = run("remotive")
    assert ran.code == 0, ran.err
    assert waits == [1.0, 2.0]  # exponential: the base delay, then twice it
    assert rows(tmp_path, "SELECT count(*) FROM postings") == [(3,)]


def test_a_page_failing_for_good_loads_nothing_and_a_rerun_resumes(
    run: Callable, server: HTTPServer, tmp_path: Path, waits: list[float]
) -> None:
    serve_arbeitnow(server, "page1")
    server.expect_request(ARBEITNOW, query_string={"page": "2"}).respond_with_data(
        "Bad Gateway", status=502
    )
    ran = run("arbeitnow")
    assert ran.code == 2
    assert f"{server.url_for('')[:-1]}{ARBEITNOW}?page=2: HTTP 502" in ran.err
    assert "after 4 attempts" in ran.err and "run the same command again" in ran.err
    assert waits == [1.0, 2.0, 4.0]
    assert rows(tmp_path, "SELECT count(*) FROM datasets") == [(0,)]
    assert rows(tmp_path, "SELECT count(*) FROM postings") == [(0,)]
    cached = {p.name for p in (tmp_path / "raw" / "arbeitnow").glob("*.json")}
    assert cached == {cache_name(ARBEITNOW, {"page": "1"})}

    # The source recovers: page 1 comes from the cache, the rest from the server.
    server.clear()
    serve_arbeitnow(server, "page1", "page2", "page3")
    ran = run("arbeitnow")
    assert ran.code == 0, ran.err
    assert requested(server) == [f"{ARBEITNOW}?page=2", f"{ARBEITNOW}?page=3"]
    assert "loaded 5" in ran.out and "pages: 2 fetched, 1 from the cache" in ran.out


def test_timeouts_are_retried_then_reported(
    run: Callable, server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connector_http, "TIMEOUT", (2.0, 0.2))

    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return replay("remotive/remote-jobs.json")

    server.expect_request(REMOTIVE).respond_with_handler(slow)
    ran = run("remotive")
    assert ran.code == 2
    assert f"{REMOTIVE}: no answer within 0.2 s after 4 attempts" in ran.err
    assert len(server.log) <= 4 and rows(tmp_path, "SELECT count(*) FROM postings") == [(0,)]


def test_a_timeout_then_an_answer_loads(
    run: Callable, server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connector_http, "TIMEOUT", (2.0, 0.2))
    calls: list[int] = []

    def slow_once(request: Request) -> Response:
        calls.append(1)
        if len(calls) == 1:
            time.sleep(0.6)
        return replay("remotive/remote-jobs.json")

    server.expect_request(REMOTIVE).respond_with_handler(slow_once)
    ran = run("remotive")
    assert ran.code == 0, ran.err
    assert len(calls) == 2 and rows(tmp_path, "SELECT count(*) FROM postings") == [(3,)]


def test_malformed_json_is_a_clear_error(run: Callable, server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request(REMOTIVE).respond_with_data(
        '{"job-count": 3, "jobs": [{"id": 1900001, "title": "Mach', content_type="application/json"
    )
    ran = run("remotive")
    assert ran.code == 2
    assert f"{REMOTIVE}: the answer is not valid JSON" in ran.err
    assert not list((tmp_path / "raw" / "remotive").glob("*.json"))  # a bad answer is not kept
    assert rows(tmp_path, "SELECT count(*) FROM postings") == [(0,)]


def test_an_answer_of_the_wrong_shape_names_the_url(
    run: Callable, server: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request(REMOTIVE).respond_with_json({"error": "moved"})
    ran = run("remotive")
    assert ran.code == 2
    assert f"{REMOTIVE}: the answer has no 'jobs' (it has: error); check --base-url" in ran.err
    assert not list((tmp_path / "raw" / "remotive").glob("*.json"))  # so a re-run asks again


def test_no_listings_loads_nothing_and_says_so(
    run: Callable, server: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request(ARBEITNOW).respond_with_response(replay("arbeitnow/page2_empty.json"))
    ran = run("arbeitnow")
    assert ran.code == 0, ran.err
    assert "arbeitnow: no listings found; nothing loaded" in ran.out
    assert rows(tmp_path, "SELECT count(*) FROM datasets") == [(0,)]


# --- The raw cache, --offline, fetching twice ------------------------------------------------


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_offline_rerun_loads_from_the_cache_without_network(
    run: Callable, server: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(server)
    assert run("hn").code == 0
    before = rows(tmp_path, "SELECT * EXCLUDE (dataset_id) FROM postings ORDER BY posting_id")
    (tmp_path / "jobs.duckdb").unlink()
    server.clear()
    ran = run("hn", "--offline", base=closed_port_url())
    assert ran.code == 0, ran.err
    assert "pages: 0 fetched, 5 from the cache" in ran.out
    assert rows(tmp_path, "SELECT * EXCLUDE (dataset_id) FROM postings ORDER BY posting_id") == (
        before
    )
    assert len(before) == 7 and not server.log


def test_offline_without_a_cache_says_to_fetch_once(run: Callable, tmp_path: Path) -> None:
    ran = run("remotive", "--offline", base=closed_port_url())
    assert ran.code == 2
    assert (
        "--offline: http://127.0.0.1:" in ran.err and f"{REMOTIVE} is not in the cache" in ran.err
    )
    assert "once without --offline" in ran.err


def test_offline_needs_no_api_keys(
    run: Callable, server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in USAJOBS_KEYS.items():
        monkeypatch.setenv(name, value)
    for page in (1, 2):
        server.expect_request(
            USAJOBS, query_string={**USAJOBS_QUERY, "Page": str(page)}
        ).respond_with_response(replay(f"usajobs/page{page}.json"))
    assert run("usajobs").code == 0
    for name in USAJOBS_KEYS:
        monkeypatch.delenv(name)
    (tmp_path / "jobs.duckdb").unlink()
    ran = run("usajobs", "--offline", base=closed_port_url())
    assert ran.code == 0, ran.err
    assert rows(tmp_path, "SELECT count(*) FROM postings") == [(2,)]


def test_the_same_fetch_twice_adds_nothing(
    run: Callable, server: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request(REMOTIVE).respond_with_response(replay("remotive/remote-jobs.json"))
    assert run("remotive").code == 0
    before = rows(tmp_path, "SELECT * FROM postings ORDER BY posting_id")
    ran = run("remotive")  # a finished fetch asks the source again
    assert ran.code == 0, ran.err
    assert len(server.log) == 2
    assert "already loaded as dataset 'remotive'; nothing added" in ran.out
    assert rows(tmp_path, "SELECT count(*) FROM datasets") == [(1,)]
    assert rows(tmp_path, "SELECT * FROM postings ORDER BY posting_id") == before
    assert len(list((tmp_path / "raw" / "remotive").glob("listings-*.jsonl"))) == 1


def test_new_listings_on_a_later_fetch_are_added(
    run: Callable, server: HTTPServer, tmp_path: Path
) -> None:
    jobs = json.loads(payload("remotive/remote-jobs.json"))
    first = {**jobs, "job-count": 2, "jobs": jobs["jobs"][1:]}
    server.expect_oneshot_request(REMOTIVE).respond_with_json(first)
    server.expect_request(REMOTIVE).respond_with_response(replay("remotive/remote-jobs.json"))
    assert run("remotive").code == 0
    ran = run("remotive")
    assert ran.code == 0, ran.err
    assert "read 3, loaded 1, duplicate 2" in ran.out
    assert rows(tmp_path, "SELECT count(*) FROM postings") == [(3,)]


def test_settled_hn_threads_are_not_fetched_again(
    run: Callable, server: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(server)
    assert run("hn").code == 0
    server.clear()
    serve_hn(server)
    ran = run("hn")
    assert ran.code == 0, ran.err
    # Threads fetched long after they opened are final; the thread list is asked again.
    assert all(p.startswith(HN_SEARCH) for p in requested(server))
    assert "already loaded" in ran.out and "pages: 2 fetched, 3 from the cache" in ran.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("hn", "--since", "2011-13"), "--since '2011-13': write a month like 2011-01"),
        (("hn", "--since", "2024-05", "--until", "2024-01"), "--since 2024-05 is after --until"),
        (("hn", "--limit", "0"), "--limit 0: give a number of listings of 1 or more"),
        (("remotive", "--country", "de"), "--country applies to adzuna only"),
        (("adzuna", "--country", "xx", "--offline"), "--country xx: adzuna has no such country"),
        (("hn", "--base-url", "hn.algolia.com"), "--base-url 'hn.algolia.com': write it like"),
        (("hn", "--until", "May 2024"), "--until 'May 2024': write a month like 2011-01"),
    ],
)
def test_bad_options_exit_2_saying_what_to_change(
    server: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple,
    message: str,
) -> None:
    assert main(["fetch", *args, "--db", str(tmp_path / "jobs.duckdb")]) == 2
    assert message in capsys.readouterr().err
    assert not server.log and not (tmp_path / "jobs.duckdb").exists()
