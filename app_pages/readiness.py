"""Readiness check: lender by lender, what a lender may object to and what to do about it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.loans.dates import format_month, parse_month
from core.negotiation.readiness import check, tally
from core.paperwork.charts import scenario_label
from core.profiles.profile import AREAS, DOCUMENTS, HARDSHIPS, HISTORIES, MAX_HOUSEHOLD_SIZE, default_row, text_limit
from ui.common import current_lpr, guarded, lang, md_escape, tr
from ui.negotiation import compared, current_plan, labels, result_of
from ui.page import page_header
from ui.state import active_id, current_household, current_profile, note_outcome, redraw, redraws, save_section
from ui.steps import next_step

STATUS_ICON = {"object": ":material/report:", "ok": ":material/check_circle:", "flag": ":material/flag:"}

page_header("rd.title", "rd.intro")

profile = current_profile()
h = current_household()
case = h.case
generation = redraws("readiness")  # a new set of widgets after undo or a failed save
prefix = f"rd.{active_id() or 'sample'}" + (f".{generation}" if generation else "")
# The answers as this page shows them (a blank form when none are saved yet): a save from
# a tab left open elsewhere is merged answer by answer.
_shown_case = profile.section("case")
if _shown_case.empty:
    _shown_case = default_row("case")
case_base = (_shown_case, profile.rev("case"))  # a new set of widgets when another profile opens
ticked = h.ticked  # the boxes: papers kept on paper (attachments count on their own)


@guarded
def _save_case() -> None:
    state = st.session_state
    since = (state.get(f"{prefix}.since") or "").strip()
    row = {
        "full_name": state.get(f"{prefix}.full_name") or None,
        "contact": state.get(f"{prefix}.contact") or None,
        "reason": state.get(f"{prefix}.reason"),
        "story": state.get(f"{prefix}.story") or None,
        "since": since or None,
        "history": state.get(f"{prefix}.history"),
        "household_size": state.get(f"{prefix}.household_size"),
        "area": state.get(f"{prefix}.area"),
        **{doc: bool(state.get(f"{prefix}.{doc}")) for doc in DOCUMENTS},
    }
    st.session_state["rd.answering"] = True
    outcome = save_section("case", pd.DataFrame([row]), tr("profile.own_name"), base=case_base)
    st.session_state["rd.errors"] = outcome.errors if outcome.saved else []
    if not note_outcome(outcome, "case"):
        redraw("readiness")  # show what is saved


# Open until the story is told, and kept open while the user is answering in this session
# (it folding away as the story is saved would hide the questions the page then asks).
answering = st.session_state.get("rd.answering", False)
with st.expander(tr("rd.answers"), expanded=case.reason is None or not case.story or answering):
    c1, c2 = st.columns(2)
    c1.text_input(tr("field.full_name"), value=case.full_name, key=f"{prefix}.full_name", on_change=_save_case,
                  max_chars=text_limit("full_name"), help=tr("rd.name_help"))  # fmt: skip
    c2.text_input(tr("field.contact"), value=case.contact, key=f"{prefix}.contact", on_change=_save_case,
                  max_chars=text_limit("contact"), help=tr("rd.contact_help"))  # fmt: skip
    c1.selectbox(
        tr("field.reason"), HARDSHIPS, index=HARDSHIPS.index(case.reason) if case.reason else None,
        format_func={k: tr(f"choice.reason.{k}") for k in HARDSHIPS}.get, key=f"{prefix}.reason", on_change=_save_case,
        placeholder=tr("rd.choose"),
    )  # fmt: skip
    c2.text_input(tr("field.since"), value=case.since or "", key=f"{prefix}.since", on_change=_save_case,
                  max_chars=8, help="YYYY-MM", placeholder=format_month(parse_month("2026-03")))  # fmt: skip
    st.text_area(tr("field.story"), value=case.story, key=f"{prefix}.story", on_change=_save_case,
                 max_chars=text_limit("story"), help=tr("rd.story_help"), height=100)  # fmt: skip
    st.markdown(f"**{tr('rd.documents')}**")
    cols = st.columns(len(DOCUMENTS))
    for col, doc in zip(cols, DOCUMENTS, strict=True):
        col.checkbox(tr(f"field.{doc}"), value=doc in ticked, key=f"{prefix}.{doc}", on_change=_save_case,
                     help=tr("rd.tick_help"))  # fmt: skip
        if h.attached.get(doc):
            col.caption(":material/attach_file: " + tr("rd.attached", n=h.attached[doc]))
    st.radio(
        tr("field.history"), HISTORIES, index=HISTORIES.index(case.history) if case.history else None,
        format_func={k: tr(f"choice.history.{k}") for k in HISTORIES}.get, key=f"{prefix}.history", on_change=_save_case,
        horizontal=True,
    )  # fmt: skip
    c1, c2 = st.columns(2)
    c1.number_input(tr("field.household_size"), min_value=1, max_value=MAX_HOUSEHOLD_SIZE, step=1,
                    value=case.household_size, key=f"{prefix}.household_size", on_change=_save_case,
                    help=tr("rd.household_size_help"))  # fmt: skip
    c2.radio(
        tr("field.area"), AREAS, index=AREAS.index(case.area) if case.area in AREAS else None,
        format_func={k: tr(f"choice.area.{k}") for k in AREAS}.get, key=f"{prefix}.area", on_change=_save_case,
        horizontal=True,
    )  # fmt: skip
    errors = st.session_state.get("rd.errors") or []
    if errors:
        st.warning("\n".join(f"- {md_escape(e.message(lang()))}" for e in errors), icon=":material/warning:")

scenarios = compared()
if not h.names:
    st.warning(tr("sc.no_debts"))
    next_step("readiness")
    st.stop()
options = [s.name for s in scenarios[1:]]
chosen = st.selectbox(
    tr("rd.scenario"), options, index=0 if options else None, key="rd.scenario", placeholder=tr("rd.no_scenario"),
    help=tr("rd.scenario_help"), format_func=labels(lang()),
)  # fmt: skip
scenario = next((s for s in scenarios if s.name == chosen), None)
result = result_of(scenario) if scenario is not None else None
if result is not None and result.beyond_limit:  # its figures would be no change's: said, not used quietly
    st.error(tr("sc.cannot_work_out", why=md_escape(result.beyond_limit[0].message(lang()))), icon=":material/error:")
readiness = check(h, current_lpr(), result, 0, current_plan()[0])


def show(finding) -> None:
    text = finding.message(lang())  # translated text and numbers only: no user text
    if finding.status == "object":
        st.warning(text, icon=STATUS_ICON["object"])
    elif finding.status == "flag":
        st.info(text, icon=STATUS_ICON["flag"])
    elif finding.status == "ok":
        st.success(text, icon=STATUS_ICON["ok"])
    else:
        st.caption(":material/help: " + text)


todo, _ = tally(readiness.all())
st.markdown(f"**{tr('rd.todo', n=todo) if todo else tr('rd.all_ready')}**")
st.subheader(tr("rd.household"))
if result is not None:
    st.caption(tr("rd.checked_against", name=md_escape(scenario_label(result, lang()))))
for finding in readiness.household:
    show(finding)

st.subheader(tr("rd.by_lender"))
for name, findings in readiness.lenders.items():
    n, flags = tally(findings)
    title = tr("rd.lender_title", name=md_escape(name), n=n) + (f" · {tr('rd.flags', n=flags)}" if flags else "")
    with st.expander(title, expanded=n > 0, icon=":material/report:" if n else ":material/check_circle:"):
        for finding in findings:
            show(finding)
st.caption(":material/info: " + tr("rd.not_advice"))
next_step("readiness")
