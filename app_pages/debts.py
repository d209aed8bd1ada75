"""Debts: every debt with the engine's fields, and what the engine works out for each."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.i18n import field_label, join, t
from core.loans.dates import format_month
from core.loans.debts import RATE_UNITS
from core.loans.money import yuan_number
from core.profiles.editing import debt_line
from core.profiles.profile import LENDER_TYPES, text_limit
from ui.common import current_lpr, guarded, lang, md_escape, money_table, tr
from ui.editor import reset_editor, section_editor
from ui.page import page_header
from ui.state import append_rows, current_household, current_profile, note_outcome
from ui.steps import next_step

language = lang()


def _lender_type(kind: str) -> str:
    return t(f"choice.lender_type.{kind}", language)


page_header("db.title", "db.intro")


FIELDS = (
    "principal",
    "rate",
    "months",
    "overdue",
    "days",
    "due_day",
)  # typed as text: checked here, not by the browser
COLUMN = {"overdue": "overdue_principal", "days": "days_overdue"}  # the form's field -> the table's column


@guarded
def _add_debt() -> None:
    """The short form's debt as a new row of the debts table (checked like any row).
    A value that cannot be used is said on the page and nothing is added; a rate unusual
    for the kind of lender is asked about once (added when the form is sent again as is)."""
    state = st.session_state
    state["db.add.open"] = True
    typed = {COLUMN.get(name, name): state.get(f"db.add.{name}") for name in FIELDS}
    line = debt_line({"name": state.get("db.add.name"), "lender_type": state.get("db.add.type"),
                      "rate_unit": state.get("db.add.unit"), **typed}, confirmed=state.get("db.add.asked"))  # fmt: skip
    row, kind, assumed = line.row, line.kind, line.assumed
    if line.problem == "need_name":
        state["db.add.problem"] = [tr("db.add.need_name")]
        return
    if line.problem == "refused":
        state["db.add.problem"] = [e.message(language) for e in line.refusals]
        state.pop("db.add.asked", None)
        return
    if line.problem == "doubt":
        state["db.add.asked"] = line.asked  # sent again unchanged: the rate is meant as typed
        params = {**line.doubt.params, "kind": _lender_type(kind)}
        state["db.add.doubt"] = tr(line.doubt.code, **params) + " " + tr("db.add.doubt_again")
        return
    state.pop("db.add.asked", None)
    outcome = append_rows("debts", [row], tr("profile.own_name"))
    if note_outcome(outcome, "debts"):
        state["db.add.done"] = (row["name"], kind, assumed)
        # The form empty for the next debt: values set, not dropped (a dropped key leaves the
        # browser showing, and saving with the next debt, what was typed for this one).
        state["db.add.name"] = ""
        state["db.add.type"] = None
        state["db.add.unit"] = "annual"
        for name in FIELDS:
            state[f"db.add.{name}"] = ""
        reset_editor("debts")


# The short way in: one debt at a time, only what a plan needs. The table below holds
# every field (fees, method, minimum payment, contract date...). Numbers are typed as
# text, so that "-5000" or "lots" reaches the checks and is refused in the page's words
# (a number box would refuse it with the browser's own English tooltip).
adding = st.expander(
    tr("db.add.title"),
    icon=":material/add_card:",
    expanded=current_profile().section("debts").empty or st.session_state.get("db.add.open", False),
)  # open while it is being used
with adding, st.form("db.add", clear_on_submit=False, border=False):
    st.caption(tr("db.add.help"))
    a1, a2 = st.columns(2)
    a1.text_input(field_label("debts", "name", language), key="db.add.name",
                  max_chars=text_limit("name"), placeholder=tr("db.add.name_example"))  # fmt: skip
    a2.selectbox(tr("field.lender_type"), LENDER_TYPES, index=None, key="db.add.type",
                 placeholder=tr("db.add.type_blank"), format_func=_lender_type)  # fmt: skip
    b1, b2, b3, b4 = st.columns([3, 2, 2, 3])
    b1.text_input(tr("db.add.principal"), key="db.add.principal", max_chars=40, placeholder="20000")
    b2.text_input(tr("db.add.rate"), key="db.add.rate", max_chars=40, placeholder="18", help=tr("db.add.rate_help"))
    b3.selectbox(tr("field.rate_unit"), RATE_UNITS, key="db.add.unit",
                 format_func=lambda u: t(f"choice.rate_unit.{u}", language))  # fmt: skip
    b4.text_input(tr("db.add.months"), key="db.add.months", max_chars=40, placeholder="12")
    c1, c2, c3 = st.columns(3)
    c1.text_input(tr("db.add.overdue"), key="db.add.overdue", max_chars=40, placeholder="0")
    c2.text_input(tr("db.add.days"), key="db.add.days", max_chars=40, placeholder="0")
    c3.text_input(field_label("debts", "due_day", language), key="db.add.due_day", max_chars=40,
                  help=tr("db.add.due_day_help"))  # fmt: skip
    st.form_submit_button(tr("db.add.submit"), type="primary", icon=":material/add:", on_click=_add_debt)
if st.session_state.get("db.add.problem"):
    problems = st.session_state.pop("db.add.problem")
    st.warning(
        tr("db.add.not_added") + "\n" + "\n".join(f"- {md_escape(p)}" for p in problems), icon=":material/warning:"
    )
if st.session_state.get("db.add.doubt"):
    st.warning(st.session_state.pop("db.add.doubt"), icon=":material/help:")  # numbers and our words only
if st.session_state.get("db.add.done"):
    name, kind, assumed = st.session_state.pop("db.add.done")
    done = "db.add.done_assumed" if assumed else "db.add.done"  # the type a name did not give is said
    st.success(tr(done, name=md_escape(name), kind=_lender_type(kind)), icon=":material/check_circle:")

section_editor("debts")

lpr = current_lpr()
s = current_household()
# Incomplete rows are kept as drafts, each named with what it still needs; other
# problems are listed as they are.
if s.drafts:
    st.info(
        tr("db.drafts")
        + "\n"
        + "\n".join(
            "- " + tr("db.draft", row=d.row, name=md_escape(d.name),
                      missing=join((field_label("debts", f, lang()) for f in d.missing), lang()))
            for d in s.drafts
        ),
        icon=":material/edit_note:",
    )  # fmt: skip
drafted = {d.row for d in s.drafts}
others = [e for e in s.debt_errors if e.row not in drafted]
if others:
    st.warning("\n".join(f"- {md_escape(e.message(lang()))}" for e in others), icon=":material/warning:")
# A rate unusual for its kind of lender (借呗's day rate typed as a year's): asked, not changed.
doubts = [(line.name, line.rate_doubt) for line in s.lines if line.rate_doubt]
if doubts:
    st.info(
        tr("db.rate_check")
        + "\n"
        + "\n".join(f"- {md_escape(name)}: " + tr(d.code, **{**d.params, "kind": _lender_type(d.params["kind"])})
                     for name, d in doubts),
        icon=":material/help:",
    )  # fmt: skip
st.subheader(tr("db.computed"))
rows = []
for line in s.lines:
    sched = line.schedule
    apr = sched.apr()
    note = line.rate_note(lpr)
    rows.append(
        {
            tr("db.col.name"): line.name,
            tr("db.col.payment"): yuan_number(sched.regular_payment),
            tr("db.col.apr"): None if apr is None else float(apr),
            tr("db.col.months_left"): None if sched.never_paid_off else sched.months,
            tr("db.col.payoff"): tr("db.never") if sched.payoff_month is None else format_month(sched.payoff_month),
            tr("db.col.overdue_total"): yuan_number(line.overdue_total),
            tr("db.col.flag"): t(note.key, lang(), **note.params()) if note else "",
        }
    )
st.dataframe(
    money_table(pd.DataFrame(rows), [tr("db.col.payment"), tr("db.col.overdue_total")]),
    hide_index=True,
    width="stretch",
    column_config={tr("db.col.apr"): st.column_config.NumberColumn(format="%.2f%%")},
)
if any(r[tr("db.col.flag")] for r in rows):
    st.caption(tr("note.explained"))
next_step("debts")
