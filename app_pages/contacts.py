"""Contact log: every call, chat, e-mail, visit or letter with a lender, and what is due."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.household.contacts import due_followups, new_entry
from core.negotiation.complaint import DEFAULT_MANY_CALLS, complaint_text, held_for, incidents
from core.paperwork.letter import letter_txt
from core.profiles.profile import CHANNELS, CONDUCT, OUTCOMES, text_limit
from ui.common import followup_text, lang, md_escape, tr
from ui.editor import section_editor
from ui.notices import saved_or_said
from ui.page import page_header
from ui.state import current_household, current_profile, save_section
from ui.steps import next_step

page_header("ct.title", "ct.intro")

profile = current_profile()
debts = [str(n) for n in profile.section("debts")["name"].dropna()]
# A debt sold or passed on is dealt with through its new holder: the holder is offered too.
debts += [a.holder for a in current_household().agreements if a.holder and a.holder not in debts]
log = profile.section("contacts")

with st.form("ct.form", clear_on_submit=True, border=True):
    st.markdown(f"**{tr('ct.add')}**")
    c1, c2, c3 = st.columns(3)
    day = c1.date_input(tr("ct.date"), value="today", key="ct.date", max_value=dt.date.today() + dt.timedelta(days=1))
    time = c2.time_input(tr("ct.time"), value="now", key="ct.time", step=300)
    channel = c3.selectbox(tr("field.channel"), CHANNELS, format_func={k: tr(f"choice.channel.{k}") for k in CHANNELS}.get,
                           key="ct.channel")  # fmt: skip
    c4, c5, c6 = st.columns(3)
    lender = c4.selectbox(
        tr("field.contacts.lender"), debts, index=0 if debts else None, key="ct.lender", accept_new_options=True,
        placeholder=tr("ct.lender_placeholder"),
    )  # fmt: skip
    staff = c5.text_input(tr("field.staff"), key="ct.staff", max_chars=text_limit("staff"))
    outcome = c6.selectbox(tr("field.outcome"), OUTCOMES, index=OUTCOMES.index("considering"),
                           format_func={k: tr(f"choice.outcome.{k}") for k in OUTCOMES}.get, key="ct.outcome")  # fmt: skip
    said = st.text_area(
        tr("field.said"), key="ct.said", max_chars=text_limit("said"), height=90, help=tr("ct.said_help")
    )
    c7, c8 = st.columns(2)
    follow_up = c7.date_input(tr("field.follow_up"), value=None, key="ct.follow_up", help=tr("ct.follow_help"))
    evidence = c8.text_input(
        tr("field.evidence"), key="ct.evidence", max_chars=text_limit("evidence"), help=tr("ct.evidence_help")
    )
    st.caption(tr("ct.conduct"))
    marks = st.columns(2) * 2  # two by two: the labels stay whole on a laptop
    conduct = {
        name: col.checkbox(tr(f"field.{name}"), key=f"ct.{name}") for col, name in zip(marks, CONDUCT, strict=True)
    }
    submitted = st.form_submit_button(tr("ct.save"), type="primary", icon=":material/add:")

if submitted:
    if not lender or not str(lender).strip():
        st.error(tr("ct.need_lender"), icon=":material/warning:")
    else:
        entry = new_entry(
            dt.datetime.combine(day, time), str(lender).strip(), channel, staff.strip(), said.strip(), outcome,
            follow_up, evidence.strip(),
        ) | conduct  # fmt: skip
        outcome = save_section(
            "contacts",
            pd.concat([log, pd.DataFrame([entry])], ignore_index=True),
            tr("profile.own_name"),
            base=(log, profile.rev("contacts")),
        )
        if outcome.errors:
            st.error("\n".join(f"- {md_escape(e.message(lang()))}" for e in outcome.errors), icon=":material/warning:")
        elif saved_or_said(outcome, "contacts"):
            st.session_state["ct.added"] = True
            st.rerun()
if st.session_state.pop("ct.added", False):
    st.success(tr("ct.added"), icon=":material/check_circle:")

due = due_followups(current_household().log)
st.subheader(tr("ct.due"))
if not due:
    st.caption(tr("ct.none_due"))
for item in due:
    text = followup_text(item)
    (st.warning if item.status == "late" else st.info)(text, icon=":material/event:")

st.subheader(tr("cp.section"))
st.caption(tr("cp.section_help"))
lenders = sorted({str(v).strip() for v in log["lender"].dropna() if str(v).strip()})
if lenders:
    q1, q2 = st.columns([2, 1])
    target = q1.selectbox(tr("cp.lender"), lenders, key="cp.lender")
    many = int(
        q2.number_input(tr("cp.many"), min_value=2, max_value=50, value=DEFAULT_MANY_CALLS, step=1, key="cp.many")
    )
    found = incidents(log, profile.section("evidence"), target, many)
    if not found:
        st.caption(tr("cp.none"))
    else:
        household = current_household()
        case = household.case
        draft = complaint_text(target, found, lang(), case.full_name, case.contact, many,
                               holder=held_for(household, target))  # fmt: skip
        text = st.text_area(tr("cp.draft"), value=draft, height=320, key=f"cp.text.{target}.{many}.{len(found)}")
        st.download_button(tr("cp.download"), data=letter_txt(text), file_name="complaint.txt", mime="text/plain",
                           key="cp.download", icon=":material/download:")  # fmt: skip
        st.caption(":material/info: " + tr("cp.not_advice"))

st.subheader(tr("ct.log"))
st.caption(tr("ct.log_help"))
section_editor(
    "contacts",
    height=320,
    overrides={
        "when": st.column_config.TextColumn(tr("field.when"), help="YYYY-MM-DD HH:MM", required=True,
                                            validate=r"^\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2})?$"),
        "follow_up": st.column_config.TextColumn(tr("field.follow_up"), help="YYYY-MM-DD",
                                                 validate=r"^(\d{4}-\d{2}-\d{2})?$"),
        "said": st.column_config.TextColumn(tr("field.said"), max_chars=text_limit("said"), width="large"),
    },
)  # fmt: skip
next_step("contacts")
