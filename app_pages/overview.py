"""Overview: where the household stands — income, costs, debts, assets, runway."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.household.contacts import due_followups
from core.household.overview import owed_shares, spending_shares
from core.i18n import join
from core.loans.dates import current_month, format_date, format_month
from core.loans.money import format_cents, yuan_number
from core.paperwork.ics import calendar_ics, reminders, upcoming
from core.tracking.progress import progress
from core.tracking.review import review_date
from ui.common import followup_text, lang, md_escape, money_table, tr
from ui.negotiation import current_plan
from ui.page import page_header
from ui.state import current_household, current_profile
from ui.steps import next_step, started_own, steps_panel


def _share_table(rows, label_key: str, amount_key: str, overdue: bool, key: str) -> None:
    """One of the Overview's two tables: each row's amount written out and its share as a bar."""
    amount, late, share = tr(amount_key), tr("ov.col.overdue"), tr("ov.col.share")
    frame = pd.DataFrame({tr(label_key): [r.label for r in rows], amount: [yuan_number(r.cents) for r in rows]})
    if overdue:
        frame[late] = [yuan_number(r.overdue) for r in rows]
    frame[share] = [r.percent for r in rows]
    st.dataframe(
        money_table(frame, [amount, late]),
        hide_index=True,
        width="stretch",
        height=38 + 35 * len(frame),  # every row shown, no scrolling inside the table
        column_config={
            share: st.column_config.ProgressColumn(share, format="%.1f%%", min_value=0, max_value=100, width="small")
        },
        key=key,
    )


if started_own():  # an empty profile of one's own was just made: its first step
    st.switch_page("app_pages/worksheet.py")
page_header("ov.title")

profile = current_profile()
s = current_household()
budget = s.budget
steps_panel()

due = due_followups(s.log)
if due:
    with st.container(border=True):
        st.markdown(f"**:material/event: {tr('ct.due')}**")
        for item in due:
            text = followup_text(item)
            st.markdown(("- :red[" if item.status == "late" else "- ") + text + ("]" if item.status == "late" else ""))
        st.page_link("app_pages/contacts.py", label=tr("ct.open_log"), icon=":material/call:")

plan, _ = current_plan()
if any(a.binding for a in s.agreements):  # after the yes: what is due this week, what is late, the review
    kept = progress(s, dt.date.today())
    with st.container(border=True, key="ov.keep"):
        st.markdown(f"**:material/handshake: {tr('pg.ov.title')}**")
        week = kept.due_this_week()
        lines = [tr("pg.ov.due_line", date=format_date(due.date), lender=md_escape(lp.debt), amount=format_cents(left))
                 for lp, due, left in week]  # fmt: skip
        st.markdown(tr("pg.ov.due_week") + "\n" + "\n".join(f"- {line}" for line in lines) if lines
                    else tr("pg.ov.nothing_due"))  # fmt: skip
        for lp in kept.late:
            st.markdown(":red[:material/warning: " + tr("pg.ov.late", lender=md_escape(lp.debt),
                                                        amount=format_cents(lp.behind)) + "]")  # fmt: skip
        review = review_date(s, plan)
        st.markdown(tr("pg.ov.review", date=tr("pg.ov.not_set") if review is None else format_date(review)))
        st.page_link("app_pages/progress.py", label=tr("pg.ov.open"), icon=":material/trending_up:")
# The next days' reminders now; the whole calendar (thousands of payments at the caps) only
# when it is downloaded.
soon = upcoming(reminders(plan, s.log, due=s.due_days, household=s, until=dt.date.today() + dt.timedelta(days=7)))
with st.expander(f"{tr('cal.next_days')} ({len(soon)})", expanded=bool(soon), icon=":material/calendar_month:"):
    if soon:
        st.markdown("\n".join(f"- {r.day.isoformat()} · {md_escape(r.title(lang()))}" for r in soon))
    else:
        st.caption(tr("cal.nothing"))
    ics_lang = lang()
    st.download_button(tr("cal.download"), file_name="repay-planner.ics",
                       data=lambda: calendar_ics(reminders(plan, s.log, due=s.due_days, household=s), ics_lang),
                       mime="text/calendar", key="ov.ics", icon=":material/event:")  # fmt: skip

c1, c2, c3, c4 = st.columns(4)
c1.metric(tr("ov.income"), format_cents(budget.income))
c2.metric(tr("ov.fixed"), format_cents(budget.fixed_expenses))
c3.metric(tr("ov.variable"), format_cents(budget.variable_expenses))
c4.metric(tr("ov.surplus"), format_cents(budget.surplus))
c5, c6, c7, c8 = st.columns(4)
c5.metric(tr("ov.total_debt"), format_cents(s.total_debt))
c6.metric(tr("ov.due_month"), format_cents(s.due_in(current_month() + 1)))
dsr = s.debt_service_ratio
c7.metric(tr("ov.dsr"), "—" if dsr is None else f"{dsr}%", help=tr("ov.dsr_help"))
c8.metric(tr("ov.net_worth"), format_cents(s.net_worth))
c9, c10, c11, _ = st.columns(4)
c9.metric(tr("ov.liquid"), format_cents(s.liquid_now))
runway = s.runway_months
c10.metric(
    tr("ov.runway"), tr("ov.no_gap") if runway is None else tr("ov.months_unit", n=runway), help=tr("ov.runway_help")
)
if s.help_total:
    helped = s.runway_with_help
    c11.metric(tr("ov.runway_with_help"), tr("ov.no_gap") if helped is None else tr("ov.months_unit", n=helped),
               help=tr("ov.runway_with_help_help"))  # fmt: skip
if s.credit_total:
    st.warning(tr("ov.credit_risk", amount=format_cents(s.credit_total)), icon=":material/credit_card_off:")
for scenario in s.scenarios[1:]:
    lines = s.relies_on_credit(scenario)
    if lines:
        st.error(tr("ov.relies_on_credit", name=md_escape(scenario.name),
                    lines=md_escape(join(lines, lang()))), icon=":material/warning:")  # fmt: skip

if s.monthly_gap < 0:
    st.error(tr("ov.gap_warning", gap=format_cents(-s.monthly_gap)), icon=":material/warning:")
elif s.lines:
    st.success(tr("ov.ok"))


left, right = st.columns(2)
with left:
    st.subheader(tr("ov.where_money_goes"))
    spending = spending_shares(budget.by_category, s.regular_payments(), lang())
    if spending:
        _share_table(spending, "ov.col.category", "ov.col.monthly", overdue=False, key="ov.spending")
    else:
        st.caption(tr("ov.no_spending"))
with right:
    st.subheader(tr("ov.who_i_owe"))
    names = [line.name or "—" for line in s.lines]
    owed = owed_shares(names, [line.total_owed for line in s.lines], [line.overdue_total for line in s.lines])
    if owed:
        _share_table(owed, "ov.col.debt", "ov.col.owed", overdue=any(r.overdue for r in owed), key="ov.owed")
    else:
        st.caption(tr("ov.no_debts"))

if budget.one_offs:
    st.subheader(tr("ov.upcoming"))
    st.dataframe(
        money_table(
            pd.DataFrame(
                [
                    {
                        tr("field.month"): format_month(o.month),
                        tr("field.category"): o.category,
                        tr("field.amount"): yuan_number(o.cents),
                    }
                    for o in budget.one_offs
                ]
            ),
            [tr("field.amount")],
        ),
        hide_index=True,
        width="stretch",
    )
next_step("overview")
