"""The Overview page through Streamlit's AppTest, on a database of hand-counted listings."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from conftest import HAND_LISTINGS_WITH_TEXT, HAND_SKILL_COUNTS
from streamlit.testing.v1 import AppTest

from pipelines.skills import load_taxonomy


def _values(encoded: list | dict) -> list:
    """Plotly sends numeric arrays as base64 typed arrays; decode them to plain lists."""
    if isinstance(encoded, dict):
        return np.frombuffer(base64.b64decode(encoded["bdata"]), dtype=encoded["dtype"]).tolist()
    return encoded


def _figures(at: AppTest) -> dict[str, list[dict]]:
    """Chart title -> its traces, with x and y decoded."""
    figures = {}
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        traces = [
            trace | {"x": _values(trace["x"]), "y": _values(trace["y"])} for trace in spec["data"]
        ]
        figures[spec["layout"]["title"]["text"]] = traces
    return figures


def test_overview_shows_figures_equal_to_a_direct_count(app, hand_db: Path) -> None:
    at = app(hand_db)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Listings"] == "7"
    assert (metrics["First month"], metrics["Last month"]) == ("Nov 2023", "Mar 2025")
    assert metrics["Sources"] == "1"
    assert metrics["No skill found"] == f"{1 / 7:.0%}"

    figures = _figures(at)
    bars = figures[f"Top {len(HAND_SKILL_COUNTS)} skills by share of listings"][0]
    names_to_ids = {"Python": "python", "SQL": "sql"}
    shares = dict(zip(bars["y"], bars["x"], strict=True))
    assert len(shares) == len(HAND_SKILL_COUNTS)
    for name, skill_id in names_to_ids.items():
        assert shares[name] == pytest.approx(HAND_SKILL_COUNTS[skill_id] / HAND_LISTINGS_WITH_TEXT)
    assert sorted(shares.values(), reverse=True)[0] == pytest.approx(2 / 7)
    assert any(str(HAND_LISTINGS_WITH_TEXT) in c.value for c in at.caption)
    version = load_taxonomy().version
    assert any(f"taxonomy version {version}" in c.value for c in at.caption)
    assert "Listings per month" in figures
    months = figures["Listings per month"][0]
    assert sum(months["y"]) == 7


def test_overview_without_a_database_says_what_to_do(app, tmp_path: Path) -> None:
    at = app(tmp_path / "missing.duckdb")
    assert not at.exception
    assert "make run" in at.info[0].value


def test_filters_in_the_url_apply_and_follow_widget_changes(app, hand_db: Path) -> None:
    at = app(hand_db, role=["Data scientist"])
    assert not at.exception
    assert _metric(at, "Listings") == "2"
    at.multiselect(key="role").set_value(["data_engineer"]).run()
    assert _metric(at, "Listings") == "1"
    at.text_input(key="q").set_value("nothing like this").run()
    assert not at.exception
    assert "No listings match" in at.warning[0].value


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)
