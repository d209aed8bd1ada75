"""The household plan (按能力统一方案): one affordable amount split across every unsecured
lender by the same rule, and what happens if nothing changes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.household.contacts import new_entry
from core.i18n import join
from core.loans.apr import rate_note
from core.loans.dates import format_month
from core.loans.engine import LONGEST_LOAN_MONTHS
from core.loans.money import MAX_AMOUNT, format_cents, to_cents, yuan_number
from core.paperwork import charts
from core.profiles.profile import SPLITS
from core.simulation.offer import Offer, check_offer, with_accepted, without_agreed
from core.simulation.plan import PLAN_BOUND, phases_text
from ui.common import current_lpr, guarded, lang, md_escape, money_table, tr
from ui.negotiation import current_plan, keep_version
from ui.page import page_header
from ui.state import active_id, current_household, current_profile, note_outcome, redraw, redraws, save_section
from ui.steps import next_step

page_header("pl.title", "pl.intro")

h = current_household()
if not h.names:
    st.warning(tr("sc.no_debts"))
    next_step("plan")
    st.stop()
plan, nothing = current_plan()
profile = current_profile()
settings = plan.settings
generation = redraws("plan")
prefix = f"pl.{active_id() or 'sample'}.{generation}"
base = (profile.section("plan"), profile.rev("plan"))


@guarded
def _choose() -> None:
    """Keep the plan as shown: its settings, and the plan itself as the first version."""
    _save_settings()
    keep_version("chosen", tr("profile.own_name"))


@guarded
def _save_settings() -> None:
    state = st.session_state
    contingency = state.get(f"{prefix}.contingency")
    token = state.get(f"{prefix}.token")
    kept = profile.section("plan")
    row = kept.iloc[0].to_dict() if len(kept) else {}  # the review's settings stay as they are
    row |= {
        "contingency": None if state.get(f"{prefix}.auto") else contingency,
        "split": state.get(f"{prefix}.split") or "balance",
        "token": token,
        "reserve": state.get(f"{prefix}.reserve") or None,
    }
    outcome = save_section("plan", pd.DataFrame([row]), tr("profile.own_name"), base=base)
    if not note_outcome(outcome, "plan"):
        redraw("plan")  # show what is saved


def _offer_text(offer: Offer, check) -> str:
    return tr("of.said", payment=format_cents(offer.payment), n=offer.months, fee=format_cents(offer.fee),
              waived=format_cents(offer.waived), apr="—" if check.apr is None else f"{check.apr}%",
              short=check.short_months)  # fmt: skip


@guarded
def _log_offer(offer: Offer, check, outcome: str) -> None:
    shown_profile = current_profile()
    log = shown_profile.section("contacts")
    holder = next((a.holder for a in h.agreements if a.debt == offer.debt and a.holder), "")  # sold on: its new holder
    entry = new_entry(dt.datetime.now(), holder or h.line(offer.debt).lender or offer.debt, "phone",
                      said=_offer_text(offer, check), outcome=outcome)  # fmt: skip
    saved = save_section("contacts", pd.concat([log, pd.DataFrame([entry])], ignore_index=True),
                         tr("profile.own_name"), base=(log, shown_profile.rev("contacts")))  # fmt: skip
    if note_outcome(saved, "contacts"):
        st.session_state["pl.offer.logged"] = True


@guarded
def _accept_offer(offer: Offer, check) -> None:
    shown_profile = current_profile()
    agreed = shown_profile.section("agreed")
    saved = save_section("agreed", with_accepted(agreed, offer, dt.date.today()), tr("profile.own_name"),
                         base=(agreed, shown_profile.rev("agreed")))  # fmt: skip
    if note_outcome(saved, "agreed"):
        _log_offer(offer, check, "agreed")
        keep_version("agreed", tr("profile.own_name"))  # the plan with the offer agreed, kept with its date
        st.session_state.pop("pl.offer.shown", None)
        st.session_state["pl.offer.accepted"] = offer.debt


@guarded
def _remove_agreed(debt: str) -> None:
    shown_profile = current_profile()
    agreed = shown_profile.section("agreed")
    note_outcome(save_section("agreed", without_agreed(agreed, debt), tr("profile.own_name"),
                              base=(agreed, shown_profile.rev("agreed"))), "agreed")  # fmt: skip


if st.session_state.pop("pl.offer.logged", False):
    st.toast(tr("of.logged"), icon=":material/call:")
if st.session_state.get("pl.offer.accepted"):
    st.success(tr("of.accepted", debt=md_escape(st.session_state.pop("pl.offer.accepted"))),
               icon=":material/handshake:")  # fmt: skip

# --- the settings: how the amount is found and split ------------------------------------------
with st.container(border=True):
    st.markdown(f"**{tr('pl.settings')}**")
    c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
    c1.toggle(tr("pl.auto_contingency"), value=settings.contingency is None, key=f"{prefix}.auto",
              on_change=_save_settings, help=tr("pl.auto_contingency_help"))  # fmt: skip
    c1.number_input(
        tr("field.contingency"), min_value=0.0, max_value=1_000_000.0, step=50.0, format="%.2f",
        value=yuan_number(plan.contingency), key=f"{prefix}.contingency",
        on_change=_save_settings, disabled=settings.contingency is None, help=tr("pl.contingency_help"),
    )  # fmt: skip
    c2.radio(
        tr("field.split"), SPLITS, index=SPLITS.index(settings.split), key=f"{prefix}.split",
        format_func={k: tr(f"choice.split.{k}") for k in SPLITS}.get, on_change=_save_settings, help=tr("pl.split_help"),
    )  # fmt: skip
    c3.number_input(
        tr("field.token"), min_value=1.0, max_value=10_000.0, step=10.0, format="%.2f",
        value=yuan_number(settings.token), key=f"{prefix}.token", on_change=_save_settings, help=tr("pl.token_help"),
    )  # fmt: skip
    c4.number_input(
        tr("field.reserve"), min_value=0.0, max_value=float(MAX_AMOUNT), step=500.0, format="%.2f",
        value=yuan_number(settings.reserve), key=f"{prefix}.reserve", on_change=_save_settings,
        help=tr("pl.reserve_help"),
    )  # fmt: skip

if not h.plan_chosen:  # not chosen yet: one click keeps the plan as shown
    if st.button(tr("pl.choose"), key="pl.choose", type="primary", icon=":material/task_alt:",
                 on_click=_choose, help=tr("pl.choose_help")):  # fmt: skip
        st.toast(tr("pl.chosen"), icon=":material/task_alt:")
else:
    st.caption(":material/task_alt: " + tr("pl.chosen"))

# --- the amount available ---------------------------------------------------------------------
m1, m2, m3, m4 = st.columns(4)
m1.metric(tr("ov.surplus"), format_cents(plan.surplus), help=tr("pl.surplus_help"))
m2.metric(tr("pl.priority_payments"), format_cents(plan.priority_payments))
m3.metric(tr("field.contingency"), format_cents(plan.contingency))
m4.metric(tr("pl.total"), format_cents(plan.total), help=tr("pl.total_help"))

if not plan.shares:
    if not plan.needed:
        st.success(tr("pl.not_needed"), icon=":material/check_circle:")
    else:
        st.info(tr("pl.no_unsecured"), icon=":material/info:")
else:
    result = plan.result
    short = plan.short_months
    if short:
        worst = plan.worst_short
        st.error(
            tr("pl.short", n=len(short), first=format_month(short[0][0]), worst=format_cents(worst[1]),
               month=format_month(worst[0])),
            icon=":material/warning:",
        )  # fmt: skip
        with st.expander(tr("pl.short_months")):
            st.dataframe(
                money_table(pd.DataFrame([{tr("field.month"): format_month(m),
                                           tr("pl.col.short_by"): yuan_number(cents)} for m, cents in short]),
                            [tr("pl.col.short_by")]),
                hide_index=True, width="stretch",
            )  # fmt: skip
    else:
        st.success(
            tr("pl.keeps", total=format_cents(plan.total), n=len(plan.shares),
               months=tr("count.months_as_instalments", n=plan.months),
               free=format_month(result.debt_free) if result.debt_free else tr("sc.never")),
            icon=":material/check_circle:",
        )  # fmt: skip
    if plan.is_token:
        st.info(tr("pl.token_plan", bound=PLAN_BOUND, token=format_cents(settings.token), n=plan.token_months,
                   review=format_month(plan.review)), icon=":material/hourglass_top:")  # fmt: skip
    if len(plan.phases) > 1:
        st.caption(tr("pl.phases", steps=phases_text(plan.phases, lang())))
    if plan.draws:
        st.caption(tr("pl.draws", names=md_escape(join((f"{name} ({format_month(month)})" for month, name in plan.draws), lang()))))  # fmt: skip
    if plan.review is not None:
        st.caption(":material/event: " + tr("pl.review", review=format_month(plan.review)))
    if plan.priority:
        st.caption(tr("pl.priority_list", names=md_escape(join(plan.priority, lang()))))

    rows = []
    for s in plan.shares:
        notes = []
        if s.raised_to_token:
            notes.append(tr("pl.note.token"))
        if s.raised_to_limit:
            notes.append(tr("pl.note.limit", limit=s.limit))
        if s.over_limit:
            notes.append(tr("pl.note.over_limit", limit=s.limit))
            notes.append(tr("pl.note.fit", limit=s.limit, fit=format_cents(s.fit or 0)))
        track = next(t for t in result.tracks if t.name == s.name)
        rows.append(
            {  # what a lender is asked first (a phone shows the first columns)
                tr("sc.col.debt"): s.name,
                tr("pl.col.share"): yuan_number(s.share),
                tr("pl.col.request"): tr(f"pl.request.{s.request}") + " · " + tr("pl.request", n=s.months,
                                                                                  payment=format_cents(s.share)),
                tr("pl.col.last"): yuan_number(s.last),
                tr("pl.col.ends"): format_month(track.payoff) if track.payoff else tr("sc.never"),
                tr("pl.col.owed"): yuan_number(s.owed),
                tr("pl.col.percent"): f"{plan.percent_of(s):.1f}%" if plan.total else "—",
                tr("field.lender_type"): tr(f"choice.lender_type.{s.lender_type}") if s.lender_type else "",
                tr("pl.col.note"): join(notes, lang()),
            }
        )  # fmt: skip
    st.dataframe(
        money_table(pd.DataFrame(rows), [tr("pl.col.owed"), tr("pl.col.share"), tr("pl.col.last")]),
        hide_index=True,
        width="stretch",
        key="pl.shares",
    )
    changing = [s for s in plan.shares if len(s.phases) > 1]
    if changing:  # an amount that changes is said in full, not cut off in a cell
        st.markdown(f"**{tr('pl.col.phases')}**")
        st.markdown("\n".join("- " + tr("pl.phases_of", debt=md_escape(s.name), steps=phases_text(s.phases, lang()))
                               for s in changing))  # fmt: skip
    st.markdown(f"**{tr('pl.chart')}**")
    st.plotly_chart(charts.plan_figure(plan, lang()), key="pl.chart", config={"displaylogo": False})

# --- a lender's counter-offer -------------------------------------------------------------------
st.subheader(tr("of.title"))
st.caption(tr("of.intro"))
with st.form("pl.offer", border=True):
    o1, o2, o3 = st.columns(3)
    offer_debt = o1.selectbox(tr("sc.col.debt"), h.names, key="pl.offer.debt")
    offer_payment = o2.number_input(tr("of.payment"), min_value=0.0, max_value=10_000_000.0, step=100.0,
                                    format="%.2f", key="pl.offer.payment")  # fmt: skip
    offer_months = o3.number_input(
        tr("of.months"), min_value=1, max_value=LONGEST_LOAN_MONTHS, value=36, step=1, key="pl.offer.months"
    )
    o4, o5, o6 = st.columns(3)
    offer_fee = o4.number_input(tr("of.fee"), min_value=0.0, max_value=10_000_000.0, step=100.0, format="%.2f",
                                key="pl.offer.fee")  # fmt: skip
    offer_waived = o5.number_input(tr("of.waived"), min_value=0.0, max_value=10_000_000.0, step=100.0,
                                   format="%.2f", key="pl.offer.waived")  # fmt: skip
    offer_frozen = o6.checkbox(tr("of.frozen"), value=True, key="pl.offer.frozen")
    checked = st.form_submit_button(tr("of.check"), icon=":material/fact_check:", type="primary")
if checked:
    if offer_payment <= 0:
        st.session_state.pop("pl.offer.shown", None)
        st.error(tr("of.need_payment"), icon=":material/warning:")
    else:
        st.session_state["pl.offer.shown"] = Offer(
            offer_debt, to_cents(offer_payment), int(offer_months), to_cents(offer_fee), to_cents(offer_waived),
            bool(offer_frozen),
        )  # fmt: skip
shown = st.session_state.get("pl.offer.shown")
if shown is not None and shown.debt in h.names:
    check = check_offer(h, plan, shown)
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("of.apr"), "—" if check.apr is None else f"{check.apr}%")
    c2.metric(tr("of.total"), format_cents(check.total),
              delta=None if check.extra_cost is None else tr("of.more" if check.extra_cost > 0 else "of.less",
                                                             amount=format_cents(abs(check.extra_cost))),
              delta_color="inverse" if (check.extra_cost or 0) > 0 else "normal")  # fmt: skip
    c3.metric(tr("sc.col.short"), check.short_months)
    if check.asked is not None:
        st.caption(tr("of.asked", payment=format_cents(check.asked.offer_payment()), n=check.asked.offer_months(),
                      total=format_cents(check.asked.total_paid)))  # fmt: skip
    if check.balloon:
        st.warning(tr("of.balloon", amount=format_cents(check.balloon)), icon=":material/warning:")
    if check.short_months:
        st.warning(tr("of.breaks", n=check.short_months), icon=":material/warning:")
    else:
        st.success(tr("of.holds"), icon=":material/check_circle:")
    note = rate_note(check.apr, h.line(shown.debt).lender_type, h.line(shown.debt).contract_date, current_lpr())
    if note is not None:
        st.info(tr(f"{note.key}.long", **note.params()) + " " + tr("of.not_advice"), icon=":material/flag:")
    b1, b2 = st.columns(2)
    b1.button(tr("of.log"), key="pl.offer.log", on_click=_log_offer, args=(shown, check, "counter_offer"),
              icon=":material/call:", width="stretch")  # fmt: skip
    b2.button(tr("of.accept"), key="pl.offer.accept", on_click=_accept_offer, args=(shown, check),
              icon=":material/handshake:", type="primary", width="stretch")  # fmt: skip
if plan.agreed:
    st.markdown(f"**{tr('of.agreed')}**")
    for offer in h.agreed:
        a1, a2 = st.columns([4, 1], vertical_alignment="center")
        a1.markdown("- " + tr("of.agreed_line", debt=md_escape(offer.debt), payment=format_cents(offer.payment),
                              n=offer.months))  # fmt: skip
        a2.button(tr("of.remove"), key=f"pl.offer.remove.{offer.debt}", on_click=_remove_agreed, args=(offer.debt,),
                  icon=":material/undo:")  # fmt: skip

# --- if I do nothing ----------------------------------------------------------------------------
st.subheader(tr("pl.do_nothing"))
st.caption(tr("pl.do_nothing_help"))
d1, d2, d3 = st.columns(3)
d1.metric(tr("pl.owed_now"), format_cents(h.total_debt))
for col, months in ((d2, 12), (d3, 24)):
    overdue = nothing.overdue_after(months)
    col.metric(
        tr("dn.after", n=months).capitalize(),
        format_cents(nothing.owed_after(months)),
        delta=tr("pl.overdue_delta", amount=format_cents(overdue)) if overdue else None,
        delta_color="inverse",
    )
if nothing.serious:
    st.warning(
        tr("pl.past_90", n=len(nothing.serious), first=format_month(nothing.first_past_90)),
        icon=":material/report:",
    )
st.plotly_chart(charts.arrears_figure(nothing, plan, lang()), key="pl.arrears", config={"displaylogo": False})
st.dataframe(
    money_table(
        pd.DataFrame(
            [
                {
                    tr("sc.col.debt"): d.name,
                    tr("pl.col.past_90"): format_month(d.past_90) if d.past_90 is not None else "—",
                    tr("pl.col.overdue_12"): yuan_number(d.overdue_after(12)),
                    tr("pl.col.stage_12"): d.stage_after(12) or "—",
                    tr("pl.col.penalty"): yuan_number(d.penalty),
                }
                for d in nothing.debts
            ]
        ),
        [tr("pl.col.overdue_12"), tr("pl.col.penalty")],
    ),
    hide_index=True,
    width="stretch",
    key="pl.arrears_table",
)
st.caption(tr("pl.not_modelled"))
st.page_link("app_pages/letters.py", label=tr("pl.next"), icon=":material/edit_note:")
st.caption(tr("pl.next_help"))
st.caption(":material/info: " + tr("sc.not_advice"))
