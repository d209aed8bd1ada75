"""Plotly figures built from core results (used by the pages and the HTML report).

Colours are the Okabe–Ito palette, which stays distinguishable for colour-blind users;
hover shows exact amounts to the cent.
"""

from __future__ import annotations

import plotly.graph_objects as go

from core.i18n import t
from core.money import from_cents
from core.months import format_month
from core.schedule import Schedule

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
MONEY_HOVER = "%{fullData.name}: ¥%{y:,.2f}<extra>%{x}</extra>"


def _layout(fig: go.Figure, lang: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hovermode="x unified",
        yaxis_title=t("chart.amount", lang),
        yaxis_tickformat=",.0f",
    )
    return fig


def schedule_figure(schedule: Schedule, lang: str) -> go.Figure:
    """Stacked monthly payment parts (bars) with the remaining balance (line, right axis)."""
    rows = [r for r in schedule.rows if r.period >= 1]
    months = [format_month(r.month) for r in rows]
    fig = go.Figure()
    parts = (
        ("col.principal", [r.principal for r in rows], OKABE_ITO[0]),
        ("col.interest", [r.interest for r in rows], OKABE_ITO[1]),
        ("col.fees", [r.fees for r in rows], OKABE_ITO[4]),
        ("col.penalty", [r.penalty for r in rows], OKABE_ITO[3]),
    )
    for key, values, colour in parts:
        if not any(values):
            continue
        fig.add_bar(
            x=months,
            y=[float(from_cents(v)) for v in values],
            name=t(key, lang),
            marker_color=colour,
            hovertemplate=MONEY_HOVER,
        )
    fig.add_scatter(
        x=months,
        y=[float(from_cents(r.balance)) for r in rows],
        name=t("chart.balance", lang),
        yaxis="y2",
        mode="lines",
        line={"color": OKABE_ITO[7], "width": 2},
        hovertemplate=MONEY_HOVER,
    )
    fig.update_layout(
        barmode="stack",
        bargap=0.05,
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "tickformat": ",.0f",
            "title": t("chart.balance", lang),
            "rangemode": "tozero",
        },
    )
    return _layout(fig, lang)
