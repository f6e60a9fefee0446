"""Plotly figures from query results; no Streamlit here, so charts are testable and exportable."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

_LAYOUT = dict(template="plotly_white", margin=dict(l=10, r=10, t=40, b=10))


def skill_share_bars(shares: pd.DataFrame, title: str) -> go.Figure:
    """Horizontal bars, largest on top, with the Wilson interval and the count behind each share."""
    ordered = shares.iloc[::-1]
    figure = go.Figure(
        go.Bar(
            x=ordered["share"],
            y=ordered["name"],
            orientation="h",
            error_x=dict(
                type="data",
                symmetric=False,
                array=ordered["ci_high"] - ordered["share"],
                arrayminus=ordered["share"] - ordered["ci_low"],
                color="#555",
            ),
            customdata=ordered[["listings", "n", "ci_low", "ci_high"]],
            hovertemplate=(
                "%{y}: %{x:.1%} of listings<br>%{customdata[0]:,} of %{customdata[1]:,}"
                "<br>95% interval %{customdata[2]:.1%} to %{customdata[3]:.1%}<extra></extra>"
            ),
        )
    )
    # Labels sit past the interval's end so the error bar never covers them.
    figure.add_trace(
        _labels(ordered["ci_high"], ordered["name"], ordered["share"], ordered["listings"])
    )
    figure.update_layout(
        title=title,
        xaxis=dict(tickformat=".0%", title="share of listings", range=_room(ordered["ci_high"])),
        height=max(300, 28 * len(shares) + 80),
        showlegend=False,
        **_LAYOUT,
    )
    return figure


def _labels(x: pd.Series, y: pd.Series, shares: pd.Series, counts: pd.Series) -> go.Scatter:
    return go.Scatter(
        x=x,
        y=y,
        mode="text",
        text=[f"  {s:.0%} ({k:,})" for s, k in zip(shares, counts)],
        textposition="middle right",
        hoverinfo="skip",
    )


def _room(ends: pd.Series) -> list[float]:
    """An x range leaving space right of the longest bar for its label."""
    return [0, max(float(ends.max()) * 1.25, 0.05)]


def listings_per_month(months: pd.DataFrame, title: str) -> go.Figure:
    figure = go.Figure(
        go.Bar(
            x=months["month"],
            y=months["listings"],
            hovertemplate="%{x|%b %Y}: %{y:,} listings<extra></extra>",
        )
    )
    figure.update_layout(title=title, yaxis_title="listings", height=320, **_LAYOUT)
    return figure


def category_share_bars(categories: pd.DataFrame, title: str) -> go.Figure:
    ordered = categories.iloc[::-1]
    figure = go.Figure(
        go.Bar(
            x=ordered["share"],
            y=ordered["category"],
            orientation="h",
            hovertemplate="%{y}: %{x:.1%} of listings<extra></extra>",
        )
    )
    figure.add_trace(
        _labels(ordered["share"], ordered["category"], ordered["share"], ordered["listings"])
    )
    figure.update_layout(
        title=title,
        xaxis=dict(
            tickformat=".0%",
            title="share of listings naming a skill of the category",
            range=_room(ordered["share"]),
        ),
        height=max(300, 30 * len(categories) + 80),
        showlegend=False,
        **_LAYOUT,
    )
    return figure
