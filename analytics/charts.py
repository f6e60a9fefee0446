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
            text=[f"{s:.0%} ({k:,})" for s, k in zip(ordered["share"], ordered["listings"])],
            textposition="outside",
            customdata=ordered[["listings", "n", "ci_low", "ci_high"]],
            hovertemplate=(
                "%{y}: %{x:.1%} of listings<br>%{customdata[0]:,} of %{customdata[1]:,}"
                "<br>95% interval %{customdata[2]:.1%} to %{customdata[3]:.1%}<extra></extra>"
            ),
        )
    )
    figure.update_layout(
        title=title,
        xaxis=dict(tickformat=".0%", title="share of listings"),
        height=max(300, 28 * len(shares) + 80),
        **_LAYOUT,
    )
    return figure


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
            text=[f"{s:.0%} ({k:,})" for s, k in zip(ordered["share"], ordered["listings"])],
            textposition="outside",
            hovertemplate="%{y}: %{x:.1%} of listings<extra></extra>",
        )
    )
    figure.update_layout(
        title=title,
        xaxis=dict(tickformat=".0%", title="share of listings naming a skill of the category"),
        height=max(300, 30 * len(categories) + 80),
        **_LAYOUT,
    )
    return figure
