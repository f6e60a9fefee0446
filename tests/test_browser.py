"""The dashboard as a user sees it: the real server on the shipped sample, driven by Chromium.

AppTest runs the scripts without a browser; this checks what only the browser shows: that every
page draws its charts, and that a copied link (the filters live in the query string) reopens the
same view. Screenshots land in tests/artifacts/. Needs Debian's chromium (`apt-get install
chromium`); without it the module is skipped.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from conftest import ROOT
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from pipelines import db

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM}: `apt-get install chromium` to run the browser tests",
        allow_module_level=True,
    )

ARTIFACTS = ROOT / "tests" / "artifacts"
SERVER_START_TIMEOUT = 60.0
# Generous: the first run of a page fills the caches on a 2-core machine.
RUN_TIMEOUT = 30_000
VIEWPORT = {"width": 1400, "height": 900}
NO_MATCH = "zzzz-no-such-title"

# Streamlit marks its root with the script's state; "notRunning" once a run has finished.
FINISHED = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)
MESSAGES = '[data-testid="stAlertContentInfo"], [data-testid="stAlertContentWarning"]'
TABLES = '[data-testid="stDataFrame"], [data-testid="stTable"]'
UPLOADERS = '[data-testid="stFileUploader"]'
# Pages about loading and managing data, which the listing filters do not narrow.
UNFILTERED = {"Upload data", "Data sources"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_healthy(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)  # polling a server that is starting: nothing to wait on instead
    pytest.fail(f"streamlit not healthy after {SERVER_START_TIMEOUT:.0f} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def server(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served on a copy of the sample database; yields its base URL."""
    port = _free_port()
    folder = tmp_path_factory.mktemp("streamlit")
    log = folder / "server.log"
    # The server holds its database for writing; a copy keeps the shared sample free for the
    # tests that read it in this process.
    database = shutil.copy(sample_db, folder / "jobs.duckdb")
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        # Others edit the sources while tests run; a watcher would only add "rerun?" prompts.
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=os.environ | {"JOBS_DB": str(database)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base, process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(RUN_TIMEOUT)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def postings(sample_db: Path) -> pd.DataFrame:
    """Every posting of the sample with its dataset's name, read straight from the database."""
    con = db.connect(sample_db)
    try:
        rows = con.execute("SELECT * FROM postings").df()
        datasets = con.execute("SELECT dataset_id, name FROM datasets").df()
    finally:
        con.close()
    return rows.merge(datasets, on="dataset_id", validate="many_to_one")


def wait_for_run(page: Page) -> None:
    """Until the script has finished and every element it sent is drawn (no placeholders)."""
    page.locator(FINISHED).wait_for(timeout=RUN_TIMEOUT)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_test_id("stSkeleton")).to_have_count(0, timeout=RUN_TIMEOUT)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=RUN_TIMEOUT)


def navigation(page: Page) -> list[tuple[str, str]]:
    """(title, URL) of every page in the sidebar; Streamlit hides the list when there is one."""
    more = page.get_by_test_id("stSidebarNavViewButton")
    if more.count() and "more" in more.inner_text():
        more.click()
        expect(more).to_contain_text("less")
    links = page.locator('[data-testid="stSidebarNav"] a')
    pages = [
        (
            link.get_by_test_id("stMarkdownContainer").inner_text().strip(),
            link.get_attribute("href"),
        )
        for link in links.all()
    ]
    if not pages:
        title = page.get_by_test_id("stMain").locator("h1").first.inner_text().strip()
        pages = [(title, page.url.split("?")[0])]
    return pages


def nav_link(page: Page, title: str) -> Locator:
    return page.locator('[data-testid="stSidebarNav"] a').filter(
        has=page.get_by_test_id("stMarkdownContainer").get_by_text(title, exact=True)
    )


def errors(page: Page) -> list[str]:
    """Error boxes, and exceptions as their message and the app's own lines of the traceback."""
    found = [
        box.inner_text()
        for box in page.get_by_test_id("stAlertContentError").all()
        # An exception draws inside an error box of its own.
        if box.evaluate("box => !box.closest('[data-testid=\"stException\"]')")
    ]
    for exception in page.get_by_test_id("stException").all():
        rows = exception.get_by_test_id("stExceptionTraceRow").all_inner_texts()
        ours = [row for row in rows if "site-packages" not in row][-3:]
        message = exception.get_by_test_id("stExceptionMessage").all_inner_texts()
        found.append("\n".join(message + ours))
    return found


def screenshot(page: Page, title: str) -> Path:
    """The whole page: Streamlit scrolls inside its main area, so grow the window to fit it."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')}.png"
    size = dict(VIEWPORT)
    for _ in range(4):  # a taller window can lay the sidebar out taller again
        needed = page.evaluate(
            """() => Math.max(...['stMain', 'stSidebarContent'].map(
                id => document.querySelector(`[data-testid="${id}"]`)?.scrollHeight ?? 0))"""
        )
        if needed <= size["height"]:
            break
        size["height"] = needed
        page.set_viewport_size(size)
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size(VIEWPORT)
    return path


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def selections(page: Page, key: str) -> Locator:
    """The chosen options of the sidebar multiselect with this key, as shown to the user."""
    return page.get_by_test_id("stSidebar").locator(f".st-key-{key} [data-tag]")


def choose(page: Page, key: str, option: str) -> None:
    page.get_by_test_id("stSidebar").locator(f".st-key-{key} input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def metric(page: Page, label: str) -> Locator:
    label_element = page.get_by_test_id("stMetricLabel").filter(
        has_text=re.compile(f"^{re.escape(label)}$")
    )
    return page.get_by_test_id("stMetric").filter(has=label_element).get_by_test_id("stMetricValue")


def test_every_page_renders(server: str, page: Page) -> None:
    page.goto(server)
    wait_for_run(page)
    pages = navigation(page)
    assert pages, "no page found in the sidebar navigation"
    problems = []
    for title, url in pages:
        page.goto(url)
        wait_for_run(page)
        charts = page.get_by_test_id("stPlotlyChart").count()
        drawn = page.locator(".js-plotly-plot")
        with contextlib.suppress(AssertionError):  # reported below, after the screenshot
            expect(drawn).to_have_count(charts)
        shot = screenshot(page, title)
        where = f"{title!r} ({url}, screenshot {shot.relative_to(ROOT)})"
        problems += [f"{where} shows an error:\n{error}" for error in errors(page)]
        if charts:
            if drawn.count() < charts or not drawn.first.is_visible():
                problems.append(f"{where} drew {drawn.count()} of its {charts} plotly charts")
        elif (
            not page.get_by_test_id("stMain").locator(f"{MESSAGES}, {TABLES}, {UPLOADERS}").count()
        ):
            # A page that asks for input first may show a message or a file uploader instead,
            # and a page that lists records (Data sources) a table.
            problems.append(f"{where} shows no chart, message, table or file uploader")
    assert not problems, "\n\n".join(problems)


def test_copied_url_reopens_the_filtered_view(
    postings: pd.DataFrame, server: str, page: Page
) -> None:
    def listings(*sources: str) -> str:
        chosen = postings["name"].isin(sources) & (postings["role_family"] == "data_scientist")
        return f"{int(chosen.sum()):,}"

    # A multiselect with a format_func puts the label the user sees into the URL, as
    # `role=Data+scientist` (selecting it in the sidebar gives exactly this query string).
    page.goto(f"{server}/?source=glassdoor-2020&role=Data+scientist")
    wait_for_run(page)
    expect(selections(page, "source")).to_have_text(["glassdoor-2020"])
    expect(selections(page, "role")).to_have_text(["Data scientist"])
    expect(metric(page, "Listings")).to_have_text(listings("glassdoor-2020"))
    assert not errors(page)

    choose(page, "source", "jsearch-ds-2025")
    expect(page).to_have_url(re.compile(r"[?&]source=jsearch-ds-2025(&|$)"))
    expected_query = {"source": ["glassdoor-2020", "jsearch-ds-2025"], "role": ["Data scientist"]}
    assert query(page) == expected_query
    both = listings("glassdoor-2020", "jsearch-ds-2025")
    expect(metric(page, "Listings")).to_have_text(both)
    wait_for_run(page)

    others = [title for title, _ in navigation(page) if title != "Overview"]
    if others:
        nav_link(page, others[0]).click()
        expect(nav_link(page, others[0])).to_have_attribute("aria-current", "page")
    else:  # a single page: reopening it is the only way to leave and come back
        page.reload()
    wait_for_run(page)
    assert query(page) == expected_query
    expect(selections(page, "source")).to_have_text(["glassdoor-2020", "jsearch-ds-2025"])
    expect(selections(page, "role")).to_have_text(["Data scientist"])
    assert not errors(page), f"{page.url} shows an error: {errors(page)}"

    if others:
        nav_link(page, "Overview").click()
        expect(nav_link(page, "Overview")).to_have_attribute("aria-current", "page")
        wait_for_run(page)
    expect(metric(page, "Listings")).to_have_text(both)
    assert query(page) == expected_query


def test_filters_that_match_nothing_show_an_empty_state(server: str, page: Page) -> None:
    page.goto(f"{server}/?q={NO_MATCH}")
    wait_for_run(page)
    problems = []
    for title, url in navigation(page):
        page.goto(f"{url}?q={NO_MATCH}")
        wait_for_run(page)
        expect(page.get_by_test_id("stSidebar").locator(".st-key-q input")).to_have_value(NO_MATCH)
        where = f"{title!r} ({page.url})"
        problems += [f"{where} shows an error:\n{error}" for error in errors(page)]
        if title in UNFILTERED:
            continue
        if not page.get_by_test_id("stMain").locator(MESSAGES).count():
            problems.append(f"{where} says nothing about the filters matching no listing")
    assert not problems, "\n\n".join(problems)
