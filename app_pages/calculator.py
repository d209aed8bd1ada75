"""Loan calculator page: one loan in, its schedule, chart, totals and true APR out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import streamlit as st

from core.loans.apr import flag_message
from core.loans.dates import current_month, format_month, month_to_date, next_month
from core.loans.debts import METHODS, RATE_UNITS, annual_rate_from, parse_debt, rate_units
from core.loans.money import format_cents, yuan_number
from core.loans.schedule import COLUMNS, calculator_total_interest, schedule
from core.paperwork.charts import schedule_figure
from ui.common import current_lpr, lang, money, money_table, show_errors, tr
from ui.page import page_header


@st.cache_data(max_entries=64, show_spinner=False)
def _compute(raw: tuple) -> tuple:
    debt, errors = parse_debt(dict(raw))
    if errors:
        return None, errors
    return schedule(debt), []


page_header("calc.title", "calc.intro", sample=False)
st.caption(":material/keyboard_return: " + tr("calc.apply_hint"))

left, right = st.columns(2)
with left:
    amount = st.number_input(
        tr("calc.amount"),
        value=100_000.0,
        step=1_000.0,
        format="%.2f",
        key="calc.amount",
    )
    rate_col, unit_col = st.columns([1, 1])
    with unit_col:
        unit = st.selectbox(
            tr("calc.rate_unit"),
            RATE_UNITS,
            format_func={u: tr(f"unit.{u}") for u in RATE_UNITS}.get,
            key="calc.rate_unit",
        )
    with rate_col:
        rate = st.number_input(
            tr("calc.rate"),
            value=12.0,
            step=0.01,
            format="%.4f",
            key="calc.rate",
        )
    rate_decimal = Decimal(repr(rate))
    annual = annual_rate_from(rate_decimal, unit)
    st.caption(tr("calc.rate_conversion", **rate_units(annual)))
with right:
    method = st.selectbox(
        tr("calc.method"), METHODS, format_func={m: tr(f"method.{m}") for m in METHODS}.get, key="calc.method"
    )
    months = st.number_input(
        tr("calc.months"),
        value=12,
        step=1,
        key="calc.months",
        disabled=method == "revolving",
    )
    start = st.date_input(
        tr("calc.start"),
        value=month_to_date(next_month()),
        min_value=dt.date(1990, 1, 1),
        max_value=dt.date(2100, 12, 31),
        help=tr("calc.start_help"),
        key="calc.start",
    )

with st.expander(tr("calc.fees")):
    fee_left, fee_right = st.columns(2)
    upfront = fee_left.number_input(
        tr("calc.upfront_fee"),
        value=0.0,
        step=100.0,
        format="%.2f",
        key="calc.upfront_fee",
    )
    monthly_fee = fee_right.number_input(
        tr("calc.monthly_fee_rate"),
        value=0.0,
        step=0.01,
        format="%.4f",
        key="calc.monthly_fee_rate",
    )
if method == "revolving":
    with st.expander(tr("calc.card"), expanded=True):
        card_left, card_right = st.columns(2)
        min_pct = card_left.number_input(tr("calc.min_pct"), value=10.0, step=1.0, key="calc.min_pct")
        min_floor = card_right.number_input(tr("calc.min_floor"), value=100.0, step=10.0, key="calc.min_floor")
else:
    min_pct, min_floor = 10.0, 100.0
with st.expander(tr("calc.overdue")):
    st.caption(tr("calc.overdue_help"))
    od1, od2, od3, od4 = st.columns(4)
    overdue_principal = od1.number_input(
        tr("calc.overdue_principal"),
        value=0.0,
        step=100.0,
        key="calc.overdue_principal",
    )
    overdue_interest = od2.number_input(
        tr("calc.overdue_interest"),
        value=0.0,
        step=10.0,
        key="calc.overdue_interest",
    )
    days_overdue = od3.number_input(tr("calc.days_overdue"), value=0, step=1, key="calc.days_overdue")
    penalty_rate = od4.number_input(tr("calc.penalty_rate"), value=0.0, step=0.5, key="calc.penalty_rate")

raw = (
    ("principal", repr(amount)),
    ("rate", repr(rate)),
    ("rate_unit", unit),
    ("method", method),
    ("months", int(months)),
    ("first_month", format_month(current_month(start))),
    ("upfront_fee", repr(upfront)),
    ("monthly_fee_rate", repr(monthly_fee)),
    ("min_payment_pct", repr(min_pct)),
    ("min_payment_floor", repr(min_floor)),
    ("overdue_principal", repr(overdue_principal)),
    ("overdue_interest", repr(overdue_interest)),
    ("days_overdue", int(days_overdue)),
    ("penalty_rate", repr(penalty_rate) if penalty_rate > 0 else None),
)
result, errors = _compute(raw)
if errors:
    show_errors(errors, "calc.fix_inputs")
    st.stop()

lpr = current_lpr()
apr = result.apr()
flags = result.flags(lpr)
st.divider()
m1, m2, m3, m4, m5 = st.columns(5)
first_label = "calc.metric.first_payment" if (method in ("equal_principal", "revolving")) else "calc.metric.payment"
m1.metric(tr(first_label), format_cents(result.regular_payment))
m2.metric(tr("calc.metric.total_interest"), format_cents(result.total_interest))
m3.metric(tr("calc.metric.total_fees"), format_cents(result.total_fees + result.total_penalty))
m4.metric(tr("calc.metric.apr"), "—" if apr is None else f"{apr}%", help=tr("calc.metric.apr_help"))
m5.metric(tr("calc.metric.payoff"), "—" if result.payoff_month is None else format_month(result.payoff_month))
if result.never_paid_off:
    st.error(tr("calc.never"), icon=":material/block:")
for flag in flags:
    st.warning(flag_message(flag, lang(), lpr), icon=":material/flag:")
if flags:
    st.caption(tr("flag.note"))
if result.debt.method != "revolving" and not result.never_paid_off:
    st.caption(tr("calc.calculator_note", amount=money(calculator_total_interest(result.debt))))

st.subheader(tr("calc.chart"))
st.plotly_chart(schedule_figure(result, lang()), width="stretch", key="calc.chart")

st.subheader(tr("calc.schedule"))
table = pd.DataFrame(
    [
        [r.period, format_month(r.month)]
        + [yuan_number(v) for v in (r.payment, r.interest, r.principal, r.fees, r.penalty, r.balance)]
        for r in result.rows
    ],
    columns=[tr(f"col.{c}") for c in COLUMNS],
)
st.dataframe(
    money_table(table, [tr(f"col.{c}") for c in COLUMNS[2:]]),
    hide_index=True,
    width="stretch",
    height=360,
    key="calc.table",
)
st.download_button(
    tr("calc.download_csv"),
    data=table.to_csv(index=False, float_format="%.2f").encode("utf-8-sig"),
    file_name="schedule.csv",
    mime="text/csv",
    key="calc.download",
)
