"""Income & expenses: the worksheet table, and importing statements or budget sheets into it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.i18n import join, t
from core.imports.categories import default_rules
from core.loans.money import format_cents
from core.profiles.editing import worksheet_line
from core.profiles.profile import DIRECTIONS, FREQUENCIES, text_limit
from ui.common import guarded, lang, md_escape, tr
from ui.editor import reset_editor, section_editor
from ui.importing import import_open, import_panel, imported_notice
from ui.page import page_header
from ui.state import append_rows, current_household, current_profile, note_outcome
from ui.steps import next_step

page_header("ws.title", "ws.intro")

imported_notice()


@guarded
def _add_line() -> None:
    """The short form's line as a new worksheet row (checked like any row)."""
    state = st.session_state
    state["ws.add.open"] = True
    line = worksheet_line(state.get("ws.add.category"), state.get("ws.add.direction"), state.get("ws.add.amount"),
                          state.get("ws.add.frequency"))  # fmt: skip
    row = line.row
    if line.problem == "need":
        state["ws.add.problem"] = tr("ws.add.need")
        return
    if line.problem == "refused":  # "-5000" or "lots": said in the page's words, nothing added
        state["ws.add.problem"] = (
            tr("ws.add.not_added") + "\n" + "\n".join(f"- {md_escape(e.message(lang()))}" for e in line.refusals)
        )
        return
    if line.problem == "which":
        state["ws.add.problem"] = tr("ws.add.which", name=md_escape(row["category"]))
        return
    outcome = append_rows("worksheet", [row], tr("profile.own_name"))
    if note_outcome(outcome, "worksheet"):
        how = join((tr(f"choice.{name}.{row[name]}") for name in ("direction", "kind", "frequency")), lang())
        state["ws.add.done"] = (row["category"], how)
        # The form empty for the next line: values set, not dropped (a dropped key leaves
        # the browser showing, and sending again, what was typed).
        state.update({"ws.add.category": "", "ws.add.amount": "", "ws.add.direction": None})
        reset_editor("worksheet")


# The short way in: one line at a time. The table below holds every column (fixed or
# variable, a one-off's month, a note).
language = lang()
adding = st.expander(
    tr("ws.add.title"),
    icon=":material/add:",
    expanded=current_profile().section("worksheet").empty or st.session_state.get("ws.add.open", False),
)  # open while it is being used: it does not fold away after each line
with adding, st.form("ws.add", border=False):
    w1, w2, w3, w4 = st.columns([3, 2, 2, 2], vertical_alignment="bottom")
    w1.text_input(
        tr("field.category"), key="ws.add.category", max_chars=text_limit("category"), placeholder=tr("ws.add.example")
    )
    w2.segmented_control(tr("field.direction"), DIRECTIONS, default=None, key="ws.add.direction",
                         format_func=lambda d: t(f"choice.direction.{d}", language))  # fmt: skip
    # typed as text: "-5000" reaches the checks and is refused in the page's words
    w3.text_input(tr("field.amount"), key="ws.add.amount", max_chars=40, placeholder="3000")
    w4.selectbox(tr("field.frequency"), FREQUENCIES, index=FREQUENCIES.index("monthly"), key="ws.add.frequency",
                 format_func=lambda f: t(f"choice.frequency.{f}", language))  # fmt: skip
    st.form_submit_button(tr("ws.add.submit"), type="primary", icon=":material/add:", on_click=_add_line)
if st.session_state.get("ws.add.problem"):
    st.warning(st.session_state.pop("ws.add.problem"), icon=":material/warning:")
if st.session_state.get("ws.add.done"):
    name, how = st.session_state.pop("ws.add.done")
    st.success(tr("ws.add.done", name=md_escape(name), how=how), icon=":material/check_circle:")

section_editor("worksheet")
summary = current_household().budget
c1, c2, c3 = st.columns(3)
c1.metric(tr("ov.income"), format_cents(summary.income))
c2.metric(tr("ws.monthly") + " · " + tr("choice.direction.expense"), format_cents(summary.expenses))
c3.metric(tr("ov.surplus"), format_cents(summary.surplus))

with st.expander(tr("ws.import"), expanded=import_open()):
    import_panel()
    st.markdown(f"**{tr('ws.rules')}**")
    st.caption(tr("ws.rules_help"))
    section_editor("rules", height=240, fallback=pd.DataFrame(default_rules(lang())))
next_step("worksheet")
