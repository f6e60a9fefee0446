"""Plotly figures from query results; no Streamlit here, so charts are testable and exportable."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

_LAYOUT = dict(template="plotly_white", margin=dict(l=10, r=10, t=40, b=10))
_COLOURS = ("#4C6EF5", "#F76707", "#2B8A3E", "#C2255C", "#7048E8", "#1098AD", "#E67700", "#5C7CFA")
_GREY = "#ADB5BD"


def skill_share_bars(shares: pd.DataFrame, title: str, label: str = "name") -> go.Figure:
    """Horizontal bars, largest on top, with the Wilson interval and the count behind each share."""
    ordered = shares.iloc[::-1]
    figure = go.Figure(
        go.Bar(
            x=ordered["share"],
            y=ordered[label],
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
        _labels(ordered["ci_high"], ordered[label], ordered["share"], ordered["listings"])
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


def monthly_trends(monthly: pd.DataFrame, title: str) -> go.Figure:
    """One line per skill with its 95% band; thin months are grey open markers, not line points."""
    figure = go.Figure()
    for index, (skill, rows) in enumerate(monthly.groupby("name", sort=False)):
        colour = _COLOURS[index % len(_COLOURS)]
        band_x, band_y = _bands(rows)
        figure.add_trace(
            go.Scatter(
                x=band_x,
                y=band_y,
                fill="toself",
                fillcolor=_fade(colour),
                line=dict(width=0),
                hoverinfo="skip",
                showlegend=False,
                legendgroup=skill,
            )
        )
        figure.add_trace(
            go.Scatter(
                x=rows["month"],
                y=rows["share"].where(~rows["thin"]),
                mode="lines+markers",
                name=skill,
                legendgroup=skill,
                line=dict(color=colour),
                customdata=rows[["listings", "n"]],
                hovertemplate=(
                    f"{skill}, %{{x|%b %Y}}: %{{y:.1%}}"
                    "<br>%{customdata[0]:,} of %{customdata[1]:,} listings<extra></extra>"
                ),
            )
        )
        thin = rows[rows["thin"] & rows["n"].gt(0)]
        figure.add_trace(
            go.Scatter(
                x=thin["month"],
                y=thin["share"],
                mode="markers",
                marker=dict(color=_GREY, symbol="circle-open", size=8),
                name=f"{skill} (too few listings)",
                legendgroup=skill,
                showlegend=False,
                customdata=thin[["listings", "n"]],
                hovertemplate=(
                    f"{skill}, %{{x|%b %Y}}: only %{{customdata[1]:,}} listings, "
                    "not enough to show a share<extra></extra>"
                ),
            )
        )
    figure.update_layout(
        title=title, yaxis=dict(tickformat=".0%", title="share of listings"), height=420, **_LAYOUT
    )
    return figure


def _bands(rows: pd.DataFrame) -> tuple[list, list]:
    """Interval polygons over each run of months that are not thin, split by None at gaps."""
    runs = (rows["thin"] != rows["thin"].shift()).cumsum()
    xs: list = []
    ys: list = []
    for _, run in rows[~rows["thin"]].groupby(runs[~rows["thin"]]):
        xs += [*run["month"], *run["month"][::-1], None]
        ys += [*run["ci_high"], *run["ci_low"][::-1], None]
    return xs, ys


def _fade(colour: str, alpha: float = 0.15) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def change_bars(changes: pd.DataFrame, title: str) -> go.Figure:
    """Change in share between two windows; solid where the two-proportion test says p < 0.05."""
    ordered = changes.iloc[::-1]
    significant = ordered["p_value"] < 0.05
    colours = [
        (_COLOURS[2] if c > 0 else _COLOURS[3]) if sig else _GREY
        for c, sig in zip(ordered["change"], significant)
    ]
    figure = go.Figure(
        go.Bar(
            x=ordered["change"],
            y=ordered["name"],
            orientation="h",
            marker_color=colours,
            customdata=ordered[["earlier_share", "recent_share", "p_value"]],
            hovertemplate=(
                "%{y}: %{customdata[0]:.1%} → %{customdata[1]:.1%}"
                "<br>p = %{customdata[2]:.3f}<extra></extra>"
            ),
        )
    )
    figure.update_layout(
        title=title,
        xaxis=dict(tickformat="+.0%", title="change in share (percentage points)"),
        height=max(300, 26 * len(changes) + 80),
        **_LAYOUT,
    )
    return figure


def comparison_dots(compared: pd.DataFrame, label_a: str, label_b: str, title: str) -> go.Figure:
    """Two dots per skill joined by a line; skills whose difference is significant are bold."""
    ordered = compared.iloc[::-1]
    names = [f"<b>{n}</b>" if sig else n for n, sig in zip(ordered["name"], ordered["significant"])]
    figure = go.Figure()
    for a, b, name in zip(ordered["a_share"], ordered["b_share"], names):
        figure.add_trace(
            go.Scatter(
                x=[a, b], y=[name, name], mode="lines", line=dict(color=_GREY, width=2),
                hoverinfo="skip", showlegend=False,
            )
        )  # fmt: skip
    for side, label, colour in (("a", label_a, _COLOURS[0]), ("b", label_b, _COLOURS[1])):
        figure.add_trace(
            go.Scatter(
                x=ordered[f"{side}_share"],
                y=names,
                mode="markers",
                marker=dict(size=10, color=colour),
                name=label,
                customdata=ordered[[f"{side}_listings", f"{side}_n", "p_value"]],
                hovertemplate=(
                    f"{label}: %{{x:.1%}} (%{{customdata[0]:,}} of %{{customdata[1]:,}})"
                    "<br>p = %{customdata[2]:.3g}<extra></extra>"
                ),
            )
        )
    figure.update_layout(
        title=title,
        xaxis=dict(tickformat=".0%", title="share of listings"),
        height=max(320, 24 * len(compared) + 100),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"),
        **_LAYOUT,
    )
    return figure


def heatmap(
    frame: pd.DataFrame, x: str, y: str, value: str, title: str, text_format: str = ".2f"
) -> go.Figure:
    """A square matrix of `value` with `y` down and `x` across, in the order the rows come."""
    matrix = frame.pivot_table(index=y, columns=x, values=value, sort=False)
    figure = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=list(matrix.columns),
            y=list(matrix.index),
            colorscale="Blues",
            texttemplate=f"%{{z:{text_format}}}",
            hovertemplate=f"%{{y}} × %{{x}}: %{{z:{text_format}}}<extra></extra>",
        )
    )
    figure.update_layout(
        title=title,
        height=max(450, 36 * len(matrix.index) + 220),
        yaxis=dict(autorange="reversed"),
        **_LAYOUT,
    )
    return figure


def value_bars(
    frame: pd.DataFrame, value: str, label: str, title: str, axis: str, text: list[str]
) -> go.Figure:
    """Plain horizontal bars, largest on top, with a text label each."""
    ordered = frame.iloc[::-1]
    figure = go.Figure(
        go.Bar(
            x=ordered[value],
            y=ordered[label],
            orientation="h",
            text=text[::-1],
            textposition="auto",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    figure.update_layout(
        title=title, xaxis_title=axis, height=max(300, 28 * len(frame) + 80), **_LAYOUT
    )
    return figure


def salary_ranges(
    salaries: pd.DataFrame, overall_median: float, currency: str, title: str
) -> go.Figure:
    """Median annual salary per skill with its interquartile range; a line at the overall median."""
    ordered = salaries.iloc[::-1]
    figure = go.Figure(
        go.Bar(
            x=ordered["median"],
            y=ordered["name"],
            orientation="h",
            error_x=dict(
                type="data",
                symmetric=False,
                array=ordered["q3"] - ordered["median"],
                arrayminus=ordered["median"] - ordered["q1"],
                color="#555",
            ),
            customdata=ordered[["q1", "q3", "listings"]],
            hovertemplate=(
                f"%{{y}}: median %{{x:,.0f}} {currency}"
                f"<br>middle half %{{customdata[0]:,.0f}} to %{{customdata[1]:,.0f}}"
                "<br>%{customdata[2]:,} listings<extra></extra>"
            ),
        )
    )
    figure.add_vline(
        x=overall_median, line_dash="dash", line_color=_COLOURS[1],
        annotation_text=f"all listings {overall_median:,.0f}", annotation_position="top",
    )  # fmt: skip
    figure.update_layout(
        title=title,
        xaxis=dict(title=f"annual salary ({currency})", tickformat=",.0f"),
        height=max(320, 26 * len(salaries) + 100),
        **_LAYOUT,
    )
    return figure
