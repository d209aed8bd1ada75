"""Plotly figures built from core results (used by the pages and the HTML report).

Colours are the Okabe–Ito palette, which stays distinguishable for colour-blind users;
hover shows exact amounts to the cent.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from decimal import Decimal
from itertools import accumulate

import plotly.graph_objects as go

from core.i18n import t
from core.loans.dates import current_month, format_month, month_to_date
from core.loans.money import format_money, yuan_number
from core.loans.schedule import Schedule

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
MONEY_HOVER = "%{fullData.name}: ¥%{y:,.2f}<extra>%{x}</extra>"
MONEY_TEXT_HOVER = "%{fullData.name}: %{customdata}<extra>%{x}</extra>"  # the amount written by format_money


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


def _months(fig: go.Figure, lang: str) -> go.Figure:
    """Months on the x axis as the page's language writes them ("2027年1月", "Jan 2027"),
    and amounts in the hover written as everywhere else in the app (core.loans.money.format_money:
    "-¥1,234.56", where plotly's own format would write "¥-1,234.56")."""
    fmt = t("chart.month_format", lang)
    fig.update_xaxes(type="date", tickformat=fmt, hoverformat=fmt)
    for trace in fig.data:
        if trace.hovertemplate == MONEY_HOVER and trace.y is not None:
            trace.customdata = [format_money(Decimal(repr(v))) if v is not None else "" for v in trace.y]
            trace.hovertemplate = MONEY_TEXT_HOVER
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
            y=[yuan_number(v) for v in values],
            name=t(key, lang),
            marker_color=colour,
            hovertemplate=MONEY_HOVER,
        )
    fig.add_scatter(
        x=months,
        y=[yuan_number(r.balance) for r in rows],
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
    return _months(_layout(fig, lang), lang)


# --- scenarios ---------------------------------------------------------------------------
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def scenario_label(result, lang: str) -> str:
    name = result.scenario.name
    if name in ("status_quo", "plan"):  # the two the app builds itself (core.simulation.plan.PLAN)
        return t("sc.status_quo" if name == "status_quo" else "plan.name", lang)
    return name


def _yuan(values) -> list[float]:
    return [yuan_number(int(v)) for v in values]


def cashflow_figure(results: list, lang: str) -> go.Figure:
    """Three panels on one time axis, each on its own scale (debt payments are not squashed
    under the income): income and spending a month; each scenario's debt payments a month;
    the cash at the end of each month, with the safety margin."""
    from plotly.subplots import make_subplots

    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.07,
        row_heights=[0.28, 0.32, 0.40],
        subplot_titles=(t("chart.monthly_flows", lang), t("chart.payments_panel", lang), t("chart.buffer", lang)),
    )
    base = results[0]
    months = [format_month(m) for m in base.months]
    fig.add_scatter(
        x=months, y=_yuan(base.income), name=t("chart.income", lang), mode="lines",
        line={"color": "#777777", "width": 1.5}, hovertemplate=MONEY_HOVER, row=1, col=1,
    )  # fmt: skip
    fig.add_scatter(
        x=months, y=_yuan(base.expenses), name=t("chart.expenses", lang), mode="lines",
        line={"color": "#777777", "width": 1.5, "dash": "dot"}, hovertemplate=MONEY_HOVER, row=1, col=1,
    )  # fmt: skip
    for i, result in enumerate(results):
        colour, dash = OKABE_ITO[i % len(OKABE_ITO)], DASHES[i % len(DASHES)]
        label = scenario_label(result, lang)
        x = [format_month(m) for m in result.months]
        fig.add_scatter(
            x=x, y=_yuan(result.payments), name=f"{label} · {t('chart.debt_payments', lang)}", mode="lines",
            line={"color": colour, "dash": dash, "width": 2}, hovertemplate=MONEY_HOVER, row=2, col=1,
            legendgroup=label,
        )  # fmt: skip
        fig.add_scatter(
            x=x, y=_yuan(result.buffer), name=f"{label} · {t('chart.buffer_short', lang)}", mode="lines",
            line={"color": colour, "dash": dash, "width": 2}, hovertemplate=MONEY_HOVER, row=3, col=1,
            legendgroup=label, showlegend=True,
        )  # fmt: skip
    fig.add_hline(y=yuan_number(base.margin), line={"color": OKABE_ITO[3], "width": 1}, row=3, col=1)
    _layout(fig, lang, height=760)
    # The legend above the plot would sit on the first panel's title: put it below instead.
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.06, "x": 0}, margin={"b": 10, "t": 40})
    fig.update_yaxes(tickformat=",.0f", title_text=t("chart.amount", lang))
    return _months(fig, lang)


def balances_figure(results: list, lang: str) -> go.Figure:
    """Everything still owed at the end of each month, per scenario."""
    fig = go.Figure()
    for i, result in enumerate(results):
        fig.add_scatter(
            x=[format_month(m) for m in result.months],
            y=_yuan(result.balances.sum(axis=0)),
            name=scenario_label(result, lang),
            mode="lines",
            line={"color": OKABE_ITO[i % len(OKABE_ITO)], "dash": DASHES[i % len(DASHES)], "width": 2},
            hovertemplate=MONEY_HOVER,
        )
    return _months(_layout(fig, lang), lang)


def payoff_figure(results: list, lang: str) -> go.Figure:
    """Each debt's payoff month per scenario (a cross at the right edge: never paid off).
    Each scenario has its own lane within a debt's row, so that scenarios ending in the
    same month never hide one another's mark (the status quo's least of all)."""
    fig = go.Figure()
    last = max(max(r.months) for r in results)
    names = [track.name for track in results[0].tracks]
    lanes = len(results)
    spread = 0.5 if lanes > 1 else 0.0  # of a row's height
    for i, result in enumerate(results):
        offset = (spread * i / (lanes - 1) - spread / 2) if lanes > 1 else 0.0
        rows, months, text, symbols = [], [], [], []
        for j, track in enumerate(result.tracks):
            rows.append(j + offset)
            if track.payoff is None:
                months.append(format_month(last))
                text.append(f"{track.name}: {t('sc.never', lang)}")
                symbols.append("x")
            else:
                months.append(format_month(track.payoff))
                text.append(f"{track.name}: {format_month(track.payoff)}")
                symbols.append("circle")
        fig.add_scatter(
            x=months,
            y=rows,
            name=scenario_label(result, lang),
            mode="markers",
            marker={"color": OKABE_ITO[i % len(OKABE_ITO)], "size": 11, "symbol": symbols, "line": {"width": 1}},
            text=text,
            hovertemplate="%{fullData.name} · %{text}<extra></extra>",
        )
    fig.update_layout(
        height=max(260, 60 + (24 + 12 * lanes) * len(names)),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        xaxis_title=t("chart.payoff_month", lang),
        yaxis={
            "tickvals": list(range(len(names))),
            "ticktext": names,
            "zeroline": False,
            "range": [len(names) - 0.5, -0.5],
        },
    )
    for j in range(1, len(names)):  # a faint line between debts' rows
        fig.add_hline(y=j - 0.5, line={"color": "#e5e5e5", "width": 1})
    return _months(fig, lang)


def cost_figure(results: list, lang: str) -> go.Figure:
    """What each scenario costs beyond the principal, and what it forgives."""
    fig = go.Figure()
    labels = [scenario_label(r, lang) for r in results]
    parts = (
        ("total.interest", [r.total_interest for r in results], OKABE_ITO[1], ""),
        ("total.fees", [r.total_fees for r in results], OKABE_ITO[4], ""),
        ("total.penalty", [r.total_penalty for r in results], OKABE_ITO[3], ""),
        ("sc.forgiven", [r.forgiven for r in results], OKABE_ITO[2], "/"),
    )
    for key, values, colour, pattern in parts:
        fig.add_bar(
            x=labels,
            y=_yuan(values),
            name=t(key, lang),
            marker={"color": colour, "pattern": {"shape": pattern}},
            hovertemplate="%{fullData.name}: ¥%{y:,.2f}<extra>%{x}</extra>",
        )
    fig.update_layout(barmode="group")
    return _layout(fig, lang)


def heatmap_figure(sweep, lang: str, marks: list[tuple[str, float, float]] = ()) -> go.Figure:
    """Term x rate (or settlement %) coloured by total paid where the household never runs
    short; combinations that run short are grey. ``marks``: (label, value, months)."""
    import numpy as np

    cost = np.where(sweep.feasible, np.vectorize(yuan_number, otypes=[float])(sweep.cost), np.nan)
    short = np.where(sweep.feasible, np.nan, 1.0)
    x_title = t("chart.rate_axis" if sweep.axis == "rate" else "chart.settlement_axis", lang)
    fig = go.Figure()
    fig.add_heatmap(
        x=sweep.values, y=sweep.months, z=short, colorscale=[[0, "#DDDDDD"], [1, "#DDDDDD"]], showscale=False,
        name=t("chart.runs_short", lang), hovertemplate=t("chart.runs_short", lang) + "<extra>%{y} · %{x}</extra>",
    )  # fmt: skip
    fig.add_heatmap(
        x=sweep.values, y=sweep.months, z=cost, colorscale="Viridis", name=t("chart.total_paid", lang),
        colorbar={"title": {"text": t("chart.total_paid", lang)}, "tickformat": ",.0f"},
        hovertemplate=t("chart.total_paid", lang) + ": ¥%{z:,.2f}<extra>%{y} · %{x}</extra>",
    )  # fmt: skip
    for label, value, months in marks:
        fig.add_scatter(
            x=[value], y=[months], mode="markers+text", text=[label], textposition="top center",
            marker={"symbol": "star", "size": 16, "color": "#D55E00", "line": {"color": "white", "width": 1}},
            name=label, hovertemplate="%{text}<extra>%{y} · %{x}</extra>",  # the name as data, never as a template
        )  # fmt: skip
    fig.update_layout(
        height=440,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis_title=x_title,
        yaxis_title=t("chart.term_axis", lang),
        showlegend=False,
    )
    return fig


def plan_figure(plan, lang: str) -> go.Figure:
    """The household plan month by month: what is left for unsecured lenders (bars), what
    the plan pays them (line) and the cash at the end of each month (line)."""
    result = plan.result
    months = result.months
    x = [format_month(m) for m in months]
    left = [int(plan.available[m - plan.start]) if 0 <= m - plan.start < plan.available.size else 0 for m in months]
    unsecured = {s.name for s in plan.shares}
    paid = [sum(t.payment.get(m, 0) for t in result.tracks if t.name in unsecured) for m in months]
    fig = go.Figure()
    fig.add_bar(x=x, y=_yuan(left), name=t("chart.plan_available", lang), marker_color="#BBBBBB",
                hovertemplate=MONEY_HOVER)  # fmt: skip
    fig.add_scatter(x=x, y=_yuan(paid), name=t("chart.plan_paid", lang), mode="lines",
                    line={"color": OKABE_ITO[0], "width": 2.5}, hovertemplate=MONEY_HOVER)  # fmt: skip
    fig.add_scatter(x=x, y=_yuan(result.buffer), name=t("chart.buffer_short", lang), mode="lines",
                    line={"color": OKABE_ITO[2], "dash": "dot", "width": 2}, hovertemplate=MONEY_HOVER)  # fmt: skip
    fig.add_hline(y=0, line={"color": OKABE_ITO[3], "width": 1})
    return _months(_layout(fig, lang, height=360), lang)


def arrears_figure(nothing, plan, lang: str) -> go.Figure:
    """Doing nothing against the plan: overdue amounts per debt (stacked areas), and the total
    owed either way (lines)."""
    x = [format_month(m) for m in nothing.months]
    fig = go.Figure()
    for i, debt in enumerate(nothing.debts):
        fig.add_scatter(
            x=x, y=_yuan(debt.overdue), name=f"{debt.name} · {t('chart.overdue', lang)}", mode="lines",
            stackgroup="overdue", line={"width": 0.5, "color": OKABE_ITO[(i + 1) % len(OKABE_ITO)]},
            hovertemplate=MONEY_HOVER,
        )  # fmt: skip
    owed = [sum(d.owed[k] for d in nothing.debts) for k in range(len(nothing.months))]
    fig.add_scatter(x=x, y=_yuan(owed), name=t("chart.owed_do_nothing", lang), mode="lines",
                    line={"color": OKABE_ITO[3], "width": 2.5}, hovertemplate=MONEY_HOVER)  # fmt: skip
    if plan.result is not None:
        index = {m: k for k, m in enumerate(plan.result.months)}
        total = plan.result.balances.sum(axis=0)
        line = [int(total[index[m]]) if m in index else 0 for m in nothing.months]
        fig.add_scatter(x=x, y=_yuan(line), name=t("chart.owed_plan", lang), mode="lines",
                        line={"color": OKABE_ITO[0], "width": 2.5, "dash": "dash"}, hovertemplate=MONEY_HOVER)  # fmt: skip
    return _months(_layout(fig, lang, height=400), lang)


def broken_figure(projection, lang: str) -> go.Figure:
    """A missed payment's two roads (core.tracking.recovery.BrokenProjection), month by
    month: what is owed if the agreement is kept (dashed) and if the lender treats it as
    broken — the whole sum due at once, the penalty rate added each month (solid)."""
    fig = go.Figure()
    fig.add_scatter(x=[format_month(m) for m, _ in projection.kept], y=_yuan(v for _, v in projection.kept),
                    name=t("mr.chart.kept", lang), mode="lines+markers",
                    line={"color": OKABE_ITO[0], "width": 2.5, "dash": "dash"}, hovertemplate=MONEY_HOVER)  # fmt: skip
    fig.add_scatter(x=[format_month(m) for m, _ in projection.broken], y=_yuan(v for _, v in projection.broken),
                    name=t("mr.chart.broken", lang), mode="lines+markers",
                    line={"color": OKABE_ITO[3], "width": 2.5}, hovertemplate=MONEY_HOVER)  # fmt: skip
    fig.update_yaxes(rangemode="tozero")
    return _months(_layout(fig, lang, height=340), lang)


# --- after the yes: the plan against what was paid -------------------------------------------
def progress_lines(lp) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """One agreement's balance by month (core.tracking.progress.LenderProgress), in cents:
    as the plan expects it, every month to the last, and as what was really paid leaves it,
    every month up to ``lp.as_of``'s. Both start the month before the first payment, at what
    the agreement starts from. The balance paid is the one expected from what was due by the
    month's end (or ``as_of``) plus what of it is still unpaid (less what was paid ahead)."""
    schedule = lp.schedule
    if not schedule.dues:
        return [], []
    start = schedule.dues[0].month - 1
    planned = [(start, schedule.start_balance)] + [(d.month, d.balance) for d in schedule.dues]
    now = current_month(lp.as_of)
    paid = [(start, schedule.start_balance)]
    # Running totals read at each month's end, not sums over every due and payment again for
    # each month: the dues come in date order (one a month), so those due by a day are the
    # first ones (schedule.due_by), and the payments are put in date order here.
    dates = [d.date for d in schedule.dues]
    in_order = dates == sorted(dates)
    due_totals = list(accumulate(d.amount for d in schedule.dues))
    made = sorted((p.date, p.amount) for p in lp.payments)
    made_dates = [day for day, _ in made]
    made_totals = list(accumulate(amount for _, amount in made))
    for month in range(schedule.dues[0].month, min(now, schedule.dues[-1].month) + 1):
        day = min(month_to_date(month + 1) - dt.timedelta(days=1), lp.as_of)
        if in_order:
            k = bisect_right(dates, day)
            due = due_totals[k - 1] if k else 0
            balance = schedule.dues[k - 1].balance if k else schedule.start_balance
        else:
            due, balance = sum(d.amount for d in schedule.due_by(day)), schedule.balance_after(day)
        k = bisect_right(made_dates, day)
        paid.append((month, max(balance + due - (made_totals[k - 1] if k else 0), 0)))
    return planned, paid


def progress_figure(lenders: list, lang: str) -> go.Figure:
    """Each agreement's balance by month: the plan dashed, what was really paid solid, one
    colour per lender. The traces are handed to the figure together, their hover amounts
    already written as _months writes them: plotly checks each trace once, not three times
    (with 100 agreements, 200 traces)."""
    traces = []
    for i, lp in enumerate(lenders):
        planned, paid = progress_lines(lp)
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        for points, name, style in (
            (planned, "pg.chart.planned", {"mode": "lines", "line": {"color": colour, "dash": "dash", "width": 2}}),
            (paid, "pg.chart.paid", {"mode": "lines+markers", "line": {"color": colour, "width": 3},
                                     "marker": {"size": 6}}),
        ):  # fmt: skip
            y = _yuan(v for _, v in points)
            traces.append({"type": "scatter", "x": [format_month(m) for m, _ in points], "y": y,
                           "name": t(name, lang, name=lp.debt), **style, "hovertemplate": MONEY_TEXT_HOVER,
                           "customdata": [format_money(Decimal(repr(v))) if v is not None else "" for v in y]})  # fmt: skip
    fig = go.Figure(data=traces)
    fig.update_yaxes(rangemode="tozero")
    return _months(_layout(fig, lang, height=380), lang)
