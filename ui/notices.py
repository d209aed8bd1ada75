"""Telling the user what happened to a save: not saved (and why, and what to do), refused
past a cap, or combined with a change made in another tab (and which cells clashed)."""

from __future__ import annotations

import streamlit as st

from core.i18n import field_label, t
from core.loans.money import format_money
from core.profiles.profile import SCHEMAS
from ui.common import lang, log_failure, md_escape, tr
from ui.state import NOTICES, note_outcome


def _value(value: object, kind: str) -> str:
    if value is None or value == "":
        return "—"
    if kind == "money" and isinstance(value, int | float):
        return md_escape(format_money(value))
    if isinstance(value, float) and value.is_integer():
        return md_escape(int(value))
    return md_escape(value)


def render(kind: str, section: str, code: str | None, items: list) -> None:
    language = lang()
    where = t(f"sheet.{section}", language) if section != "profile" else tr("profile.label")
    if kind == "failure":
        st.error(
            tr("save.failed", where=where) + " " + tr(f"{code}.what") + "\n\n" + tr(f"{code}.do"),
            icon=":material/warning:",
        )
    elif kind == "refused":
        lines = "\n".join(f"- {md_escape(e.message(language))}" for e in items)
        st.error(tr("save.refused", where=where) + "\n" + lines, icon=":material/warning:")
    elif kind == "conflict":
        lines = []
        for c in items[:10]:
            if c.column is None:
                lines.append("- " + tr("save.conflict_row", row=c.row))
            else:
                label = field_label(section, c.column, language)
                kind = next((col.kind for col in SCHEMAS.get(section, ()) if col.name == c.column), "text")
                mine, theirs = _value(c.mine, kind), _value(c.theirs, kind)
                lines.append("- " + tr("save.conflict_cell", row=c.row, column=label, mine=mine, theirs=theirs))
        st.warning(tr("save.conflict", where=where, n=len(items)) + "\n" + "\n".join(lines), icon=":material/merge:")
    elif kind == "crash":
        st.error(tr("app.crashed"), icon=":material/warning:")
    elif kind == "merged":
        st.toast(tr("save.merged", where=where), icon=":material/merge:")
    elif kind == "created":
        st.toast(tr("profile.created_from_sample"))


def show_notices() -> None:
    """Everything saves since the last run have to say (at the top of every page, by
    ui.page.page_header; by app.py above the recovery page)."""
    for notice in st.session_state.pop(NOTICES, []):
        try:
            render(*notice)
        except Exception as exc:  # noqa: BLE001 - a notice must never take the page down
            log_failure(exc)
            st.error(tr("app.crashed"), icon=":material/warning:")


def saved_or_said(outcome, section: str) -> bool:
    """For saves made in the page run itself: True if saved; otherwise what went wrong
    is shown right here."""
    saved = note_outcome(outcome, section)
    if not saved or outcome.conflicts:
        show_notices()
    return saved
