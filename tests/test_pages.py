"""Every page through AppTest on the real sample: renders, follows filters, has an empty state."""

from __future__ import annotations

from pathlib import Path

import pytest

PAGES = [
    "pages/overview.py",
    "pages/trends.py",
    "pages/skill_explorer.py",
    "pages/skill_pairs.py",
    "pages/roles.py",
    "pages/my_skills.py",
    "pages/salaries.py",
    "pages/advice_check.py",
    "pages/upload_data.py",
    "pages/data_sources.py",
]
# Pages whose purpose is not a chart.
NO_CHART = {"pages/upload_data.py", "pages/data_sources.py"}


def open_page(app, database: Path, page: str, **query: str | list[str]):
    at = app(database, **query)
    at.switch_page(page)
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_charts_and_downloads(app, sample_db: Path, page: str) -> None:
    at = open_page(app, sample_db, page)
    assert not at.exception, at.exception
    assert not at.error
    if page not in NO_CHART:
        assert at.get("plotly_chart"), "no chart"
        assert at.caption, "no caption saying what is counted"
        assert at.get("download_button"), "no CSV download"


@pytest.mark.parametrize("page", PAGES)
def test_page_with_filters_applied(app, sample_db: Path, page: str) -> None:
    at = open_page(app, sample_db, page, source=["jsearch-ds-2025"], role=["Data scientist"])
    assert not at.exception, at.exception
    assert at.multiselect(key="source").value == ["jsearch-ds-2025"]


@pytest.mark.parametrize("page", PAGES)
def test_page_with_filters_matching_nothing_says_what_to_change(
    app, sample_db: Path, page: str
) -> None:
    at = open_page(app, sample_db, page, q="zzzz no such title")
    assert not at.exception, at.exception
    if page not in NO_CHART:
        messages = [m.value for m in (*at.warning, *at.info)]
        assert any("filter" in m.lower() for m in messages), messages
