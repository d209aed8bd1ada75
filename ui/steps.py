"""The start-here path (core.household.progress) as the app shows it: the four steps in the sidebar,
a panel on the Overview, and the obvious next step at the end of each page."""

from __future__ import annotations

import streamlit as st

from core.household.progress import STEPS, Progress, Step, progress
from ui.common import guarded, md_escape, tr
from ui.profiles import new_profile
from ui.state import current_household, is_sample, profile_key, set_active, store

ICONS = {
    "done": ":material/check_circle:",
    "next": ":material/arrow_forward:",
    "todo": ":material/radio_button_unchecked:",
}


def current_progress() -> Progress:
    """The open profile's progress, worked out once per change of the profile."""
    key = profile_key()
    memo = st.session_state.get("_progress_memo")
    if memo is not None and memo[0] == key:
        return memo[1]
    h = current_household()
    worked = progress(h, letters=h.letters, contacts=len(h.log), plan_chosen=h.plan_chosen)
    st.session_state["_progress_memo"] = (key, worked)
    return worked


def _state(step: Step, shown: Progress) -> str:
    if step.done:
        return "done"
    return "next" if shown.next is step else "todo"


def _label(step: Step) -> str:
    return f"{STEPS.index(step.name) + 1} · {tr(f'steps.{step.name}')}"


def sidebar_steps() -> None:
    """The four steps as links, each marked done, next or still to do."""
    shown = current_progress()
    st.caption(tr("steps.sidebar", done=shown.done))
    for step in shown.steps:
        state = _state(step, shown)
        st.page_link(f"app_pages/{step.page}.py", label=_label(step), icon=ICONS[state],
                     help=tr(f"steps.state.{state}"))  # fmt: skip


def steps_panel() -> None:
    """The Overview's start-here panel: open while a step is left, folded once all are done."""
    shown = current_progress()
    if shown.next is None:
        with st.expander(tr("steps.all_done"), icon=":material/task_alt:"):
            _steps(shown)
        return
    with st.container(border=True, key="steps.panel"):
        st.markdown(f"#### :material/flag: {tr('steps.title')}")
        if is_sample():  # the marks below are the sample's: the way to one's own numbers first
            _own_start()
        st.caption(tr("steps.intro", done=shown.done))
        _steps(shown)


@guarded
def _start_own() -> None:
    new_profile()  # a failure: guarded says so, and the page stays where it is
    st.session_state["steps.started"] = True


def _own_start() -> None:
    """On the sample: start an empty profile of one's own (then the first step), or go back to
    the profile already kept."""
    st.caption(tr("steps.sample_marks"))
    c1, c2 = st.columns(2)
    c1.button(tr("steps.start_own"), key="steps.start_own", type="primary", icon=":material/person_add:",
              on_click=_start_own, width="stretch")  # fmt: skip
    mine = store().list_profiles()
    if mine:
        pid, name = mine[0]
        c2.button(tr("steps.back_to_own", name=md_escape(name)), key="steps.back_to_own", icon=":material/person:",
                  on_click=guarded(set_active), args=(pid,), width="stretch")  # fmt: skip


def started_own() -> bool:
    """True once, right after the start button made an empty profile (the page then opens step 1)."""
    return bool(st.session_state.pop("steps.started", False))


def _steps(shown: Progress) -> None:
    columns = st.columns(len(shown.steps))
    for column, step in zip(columns, shown.steps, strict=True):
        state = _state(step, shown)
        with column:  # the step's name is its link; a line says what it is and where it stands
            st.page_link(f"app_pages/{step.page}.py", label=f"**{_label(step)}**", icon=ICONS[state])
            st.caption(tr(f"steps.{step.name}.help") + " " + tr(f"steps.state.{state}"))


def next_step(page: str) -> None:
    """The end of a page: a link to the next step not done (or to the report once all are)."""
    step = current_progress().after(page)
    st.divider()
    if step is None:
        st.page_link("app_pages/report.py", label=tr("steps.next_report"), icon=":material/summarize:")
    else:
        st.page_link(f"app_pages/{step.page}.py", label=tr("steps.next", step=_label(step)),
                     icon=":material/arrow_forward:")  # fmt: skip
