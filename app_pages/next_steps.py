"""When a lender says no: re-plan, weigh paid mediation with the household's own numbers,
the complaint channels in order, legal help, and plain facts with their sources."""

from __future__ import annotations

import streamlit as st

from core.loans.dates import format_month
from core.loans.money import format_cents, to_cents
from core.negotiation.next_steps import AGENTS, CHANNELS, FACTS, mediation, old_debts
from ui.common import lang, md_escape, tr
from ui.negotiation import compared, current_plan, labels, result_of
from ui.page import page_header
from ui.state import current_household
from ui.steps import next_step

page_header("ns.title", "ns.intro")

h = current_household()
plan, nothing = current_plan()

# --- 1. re-plan ---------------------------------------------------------------------------------
st.subheader(tr("ns.replan"))
st.markdown(tr("ns.replan_text"))
if plan.shares:
    st.markdown(
        "- "
        + tr(
            "ns.replan_now",
            total=format_cents(plan.total),
            n=len(plan.shares),
            free=format_month(plan.result.debt_free) if plan.result.debt_free else tr("sc.never"),
        )  # fmt: skip
    )
if nothing.overdue_after(12):
    st.markdown(
        "- "
        + tr(
            "ns.replan_nothing",
            owed=format_cents(nothing.owed_after(12)),
            overdue=format_cents(nothing.overdue_after(12)),
        )  # fmt: skip
    )
c1, c2 = st.columns(2)
c1.page_link("app_pages/plan.py", label=tr("nav.plan"), icon=":material/balance:")
c2.page_link("app_pages/contacts.py", label=tr("nav.contacts"), icon=":material/call:")

# --- 2. paid mediation: the fee against the saving ----------------------------------------------
st.subheader(tr("ns.mediation"))
st.caption(tr("ns.mediation_help"))
st.warning(f"{tr(AGENTS.key)} *({tr(AGENTS.source)})*", icon=":material/gpp_maybe:")
scenarios = compared()
options = [s.name for s in scenarios[1:]]
if not options:
    st.info(tr("ns.mediation_no_scenario"), icon=":material/info:")
else:
    m1, m2, m3 = st.columns(3)
    chosen = m1.selectbox(tr("ns.mediation_scenario"), options, key="ns.scenario", format_func=labels(lang()))
    fee = m2.number_input(tr("ns.mediation_fee"), min_value=0.0, max_value=10_000_000.0, value=3_000.0, step=500.0,
                          format="%.2f", key="ns.fee")  # fmt: skip
    debts = m3.multiselect(tr("ns.mediation_debts"), h.names, default=[], key="ns.debts",
                           placeholder=tr("sc.all_debts"))  # fmt: skip
    scenario = next(s for s in scenarios if s.name == chosen)
    weighed = mediation(result_of(scenarios[0]), result_of(scenario), to_cents(fee), debts or None)
    text = tr(
        "ns.mediation_worth" if weighed.worth_it else "ns.mediation_not_worth",
        saving=format_cents(max(weighed.saving, 0)), fee=format_cents(weighed.fee), net=format_cents(abs(weighed.net)),
    )  # fmt: skip
    (st.success if weighed.worth_it else st.warning)(text, icon=":material/calculate:")

# --- 3. complaints, in the order to try them ----------------------------------------------------
st.subheader(tr("ns.complaints"))
for i, channel in enumerate(CHANNELS, start=1):
    st.markdown(f"{i}. " + tr(f"ns.channel.{channel}"))
st.caption(tr("ns.evidence"))

# --- 4. plain facts, each with its source ---------------------------------------------------
st.subheader(tr("ns.facts"))
for fact in FACTS:
    st.markdown(f"- {tr(fact.key)} *({tr(fact.source)})*")
for old in old_debts(h):
    st.warning(
        tr("ns.old_debt", name=md_escape(old.name), n=old.days_overdue, since=old.since.isoformat()),
        icon=":material/history_toggle_off:",
    )
st.caption(":material/info: " + tr("ns.not_advice"))
next_step("next_steps")
