"""Debts: every debt with the engine's fields, and what the engine works out for each."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.i18n import field_label, t
from core.money import from_cents
from core.months import format_month
from core.profile import LENDER_TYPES, inferred
from ui.common import current_lpr, guarded, lang, md_escape, money_table, tr
from ui.editor import reset_editor, section_editor
from ui.state import append_rows, current_household, current_profile, is_sample, note_outcome
from ui.steps import next_step

language = lang()


def _lender_type(kind: str) -> str:
    return t(f"choice.lender_type.{kind}", language)


st.title(tr("db.title"))
st.caption(tr("db.intro"))
if is_sample():
    st.info(tr("profile.sample_banner"), icon=":material/science:")


@guarded
def _add_debt() -> None:
    """The short form's debt as a new row of the debts table (checked like any row)."""
    state = st.session_state
    state["db.add.open"] = True
    row = {
        "name": (state.get("db.add.name") or "").strip(),
        "lender_type": state.get("db.add.type"),  # blank: read from the name (信用卡 is a card)
        "principal": state.get("db.add.principal"),
        "rate": state.get("db.add.rate"),
        "months": state.get("db.add.months"),
        "overdue_principal": state.get("db.add.overdue") or 0.0,
        "days_overdue": state.get("db.add.days") or 0,
        "due_day": state.get("db.add.due_day"),
    }
    if not row["name"]:
        state["db.add.problem"] = tr("db.add.need_name")
        return
    kind, assumed = (row["lender_type"], False) if row["lender_type"] else inferred("debts", "lender_type", row)
    outcome = append_rows("debts", [row], tr("profile.own_name"))
    if note_outcome(outcome, "debts"):
        state["db.add.done"] = (row["name"], kind, assumed)
        # The form empty for the next debt: values set, not dropped (a dropped key leaves the
        # browser showing, and saving with the next debt, what was typed for this one).
        state["db.add.name"] = ""
        for name in ("type", "principal", "rate", "months", "overdue", "days", "due_day"):
            state[f"db.add.{name}"] = None
        reset_editor("debts")
    if outcome.created:
        state["profile.just_created"] = True


# The short way in: one debt at a time, only what a plan needs. The table below holds
# every field (fees, method, minimum payment, contract date...).
adding = st.expander(
    tr("db.add.title"),
    icon=":material/add_card:",
    expanded=current_profile().section("debts").empty or st.session_state.get("db.add.open", False),
)  # open while it is being used
with adding, st.form("db.add", clear_on_submit=False, border=False):
    st.caption(tr("db.add.help"))
    a1, a2 = st.columns(2)
    a1.text_input(field_label("debts", "name", language), key="db.add.name",
                  max_chars=200, placeholder=tr("db.add.name_example"))  # fmt: skip
    a2.selectbox(tr("field.lender_type"), LENDER_TYPES, index=None, key="db.add.type",
                 placeholder=tr("db.add.type_blank"), format_func=_lender_type)  # fmt: skip
    b1, b2, b3 = st.columns(3)
    b1.number_input(tr("db.add.principal"), min_value=0.0, max_value=100_000_000.0, value=None, step=1000.0,
                    key="db.add.principal")  # fmt: skip
    b2.number_input(tr("db.add.rate"), min_value=0.0, max_value=1000.0, value=None, step=0.5, key="db.add.rate")
    b3.number_input(tr("db.add.months"), min_value=1, max_value=600, value=None, step=1, key="db.add.months")
    c1, c2, c3 = st.columns(3)
    c1.number_input(tr("db.add.overdue"), min_value=0.0, max_value=100_000_000.0, value=None, step=100.0,
                    key="db.add.overdue")  # fmt: skip
    c2.number_input(tr("db.add.days"), min_value=0, max_value=3650, value=None, step=1, key="db.add.days")
    c3.number_input(field_label("debts", "due_day", language), min_value=1, max_value=31, value=None, step=1,
                    key="db.add.due_day", help=tr("db.add.due_day_help"))  # fmt: skip
    st.form_submit_button(tr("db.add.submit"), type="primary", icon=":material/add:", on_click=_add_debt)
if st.session_state.get("db.add.problem"):
    st.warning(st.session_state.pop("db.add.problem"), icon=":material/warning:")
if st.session_state.get("db.add.done"):
    name, kind, assumed = st.session_state.pop("db.add.done")
    done = "db.add.done_assumed" if assumed else "db.add.done"  # the type a name did not give is said
    st.success(tr(done, name=md_escape(name), kind=_lender_type(kind)), icon=":material/check_circle:")
if st.session_state.pop("profile.just_created", False):
    st.toast(tr("profile.created_from_sample"))

section_editor("debts")

lpr = current_lpr()
s = current_household()
# Incomplete rows are kept as drafts, each named with what it still needs; other
# problems are listed as they are.
if s.drafts:
    sep = tr("list.sep").strip("|")
    st.info(
        tr("db.drafts")
        + "\n"
        + "\n".join(
            "- " + tr("db.draft", row=d.row, name=md_escape(d.name),
                      missing=sep.join(field_label("debts", f, lang()) for f in d.missing))
            for d in s.drafts
        ),
        icon=":material/edit_note:",
    )  # fmt: skip
drafted = {d.row for d in s.drafts}
others = [e for e in s.debt_errors if e.row not in drafted]
if others:
    st.warning("\n".join(f"- {md_escape(e.message(lang()))}" for e in others), icon=":material/warning:")
st.subheader(tr("db.computed"))
rows = []
for line in s.lines:
    sched = line.schedule
    apr = sched.apr()
    note = line.rate_note(lpr)
    rows.append(
        {
            tr("db.col.name"): line.record.get("name"),
            tr("db.col.payment"): float(from_cents(sched.regular_payment)),
            tr("db.col.apr"): None if apr is None else float(apr),
            tr("db.col.months_left"): None if sched.never_paid_off else sched.months,
            tr("db.col.payoff"): tr("db.never") if sched.payoff_month is None else format_month(sched.payoff_month),
            tr("db.col.overdue_total"): float(from_cents(line.overdue_total)),
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
