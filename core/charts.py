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


def spending_figure(by_category: dict[str, int], debt_payments: int, lang: str) -> go.Figure:
    """Horizontal bars: each expense category a month, and debt payments beside them."""
    items = sorted(by_category.items(), key=lambda kv: kv[1])
    labels = [k for k, _ in items]
    values = [float(from_cents(v)) for _, v in items]
    colours = [OKABE_ITO[5]] * len(items)
    if debt_payments:
        labels.append(t("ov.debt_payments", lang))
        values.append(float(from_cents(debt_payments)))
        colours.append(OKABE_ITO[3])
    fig = go.Figure(
        go.Bar(
            x=values, y=labels, orientation="h", marker_color=colours, hovertemplate="%{y}: ¥%{x:,.2f}<extra></extra>"
        )
    )
    fig.update_layout(
        height=max(260, 34 * len(labels) + 60),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_tickformat=",.0f",
        xaxis_title=t("chart.amount", lang),
    )
    return fig


def owed_figure(names: list[str], principal: list[int], overdue: list[int], lang: str) -> go.Figure:
    """Stacked bars per debt: balance not yet due and the overdue part (with interest/penalty)."""
    fig = go.Figure()
    fig.add_bar(
        x=names,
        y=[float(from_cents(v)) for v in principal],
        name=t("col.balance", lang),
        marker_color=OKABE_ITO[0],
        hovertemplate=MONEY_HOVER,
    )
    if any(overdue):
        fig.add_bar(
            x=names,
            y=[float(from_cents(v)) for v in overdue],
            name=t("field.overdue_principal", lang),
            marker_color=OKABE_ITO[3],
            hovertemplate=MONEY_HOVER,
        )
    fig.update_layout(barmode="stack")
    return _layout(fig, lang, height=340)
