"""Debts: every debt with the engine's fields, and what the engine works out for each."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.i18n import t
from core.money import from_cents
from core.months import format_month
from ui.common import current_lpr, lang, md_escape, tr
from ui.editor import section_editor
from ui.state import current_household, is_sample

st.title(tr("db.title"))
st.caption(tr("db.intro"))
if is_sample():
    st.info(tr("profile.sample_banner"), icon=":material/science:")
section_editor("debts")

lpr = current_lpr()
s = current_household()
if s.debt_errors:
    st.warning("\n".join(f"- {md_escape(e.message(lang()))}" for e in s.debt_errors), icon=":material/warning:")
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
    pd.DataFrame(rows),
    hide_index=True,
    width="stretch",
    column_config={
        tr("db.col.payment"): st.column_config.NumberColumn(format="¥%,.2f"),
        tr("db.col.overdue_total"): st.column_config.NumberColumn(format="¥%,.2f"),
        tr("db.col.apr"): st.column_config.NumberColumn(format="%.2f%%"),
    },
)
if any(r[tr("db.col.flag")] for r in rows):
    st.caption(tr("note.explained"))
