"""Render time of every dashboard page in Streamlit's AppTest: `python -m benchmarks.pages DB RUNS`.

Run as its own process, so the dashboard's cached connection and Streamlit's state never meet
the benchmark's. Prints one JSON object: page file -> seconds of each run.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "app.py"


def page_files() -> list[str]:
    """The pages app.py's navigation lists, in its order."""
    return re.findall(r'st\.Page\(\s*"(pages/\w+\.py)"', APP.read_text(encoding="utf-8"))


def render_times(database: Path, runs: int) -> dict[str, list[float]]:
    """Seconds of `runs` AppTest runs of each page, query caches emptied before each run.

    The connection and the taxonomy matcher stay cached, as on a running server; the first run
    of each page is a warm-up that imports its modules and is not counted.
    """
    os.environ["JOBS_DB"] = str(database)
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    # As in tests/conftest.py: AppTest would otherwise run the page as a legacy page found in
    # the pages/ folder and skip app.py, which the real server stops doing once st.navigation
    # runs.
    original_init = PagesManager.__init__

    def init_for_navigation(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init_for_navigation
    times: dict[str, list[float]] = {}
    try:
        for page in page_files():
            times[page] = []
            for run in range(runs + 1):
                st.cache_data.clear()
                at = AppTest.from_file(str(APP), default_timeout=600)
                at.switch_page(page)
                started = time.perf_counter()
                at.run()
                seconds = time.perf_counter() - started
                if at.exception:
                    raise RuntimeError(f"{page}: {at.exception[0].message}")
                if run:
                    times[page].append(seconds)
    finally:
        PagesManager.__init__ = original_init
    return times


if __name__ == "__main__":
    print(json.dumps(render_times(Path(sys.argv[1]), int(sys.argv[2]))))
