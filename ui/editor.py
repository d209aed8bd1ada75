"""An editable table for one profile section, saved on every change.

Follows the pattern Streamlit recommends: the editor is fed the saved frame; its edit
state is applied in the on_change callback (core.profiles.editing.apply_edits, a pure function),
normalised and saved; the next run feeds the newly saved frame.

Number cells are edited as text and no cell is "required" in the browser: whatever the
user types reaches core.profiles.profile's checks as typed, a refused value is named in a message
and stays in its cell until corrected, and a row left incomplete (a debt with only its
name) is saved as a draft instead of being held back by the browser and lost. The callback knows the
revision the table was shown at, so a save from a stale tab is merged, never silently
written over newer data; a save that fails or is refused resets the editor, so that the
table never shows as saved what the database does not hold.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.i18n import field_label, t
from core.profiles.editing import (
    NUMBER_KINDS,
    apply_edits,
    as_text,
    edit_origins,
    keep_saved,
    rejected_cells,
    with_rejected,
)
from core.profiles.profile import INFERRED, SCHEMAS, blank_row, normalize_section, over_limit, text_limit
from ui.common import guarded, lang, md_escape, tr
from ui.state import SaveOutcome, active_id, current_profile, note_outcome, redraw, redraws, save_section


def _column_config(section: str) -> dict:
    language = lang()
    config = {}
    for column in SCHEMAS[section]:
        label = field_label(section, column.name, language)
        if column.kind == "choice":
            inferred = (section, column.name) in INFERRED  # left blank, it is read from the row's words
            config[column.name] = st.column_config.SelectboxColumn(
                label,
                options=list(column.choices),
                default=None if inferred else column.default,
                required=column.default is not None and not inferred,
                format_func=lambda v, c=column.name: t(f"choice.{c}.{v}", language),
            )
        elif column.kind in NUMBER_KINDS:
            config[column.name] = st.column_config.TextColumn(
                label,
                max_chars=40,
                default=as_text(column.kind, column.default) or None,
                help=t("editor.number_help", language),
            )
        elif column.kind == "bool":
            config[column.name] = st.column_config.CheckboxColumn(label, default=bool(column.default))
        elif column.kind == "month":
            config[column.name] = st.column_config.TextColumn(label, help="YYYY-MM", max_chars=7)
        else:
            config[column.name] = st.column_config.TextColumn(label, max_chars=text_limit(column.name))
    return config


def reset_editor(section: str) -> None:
    """Drop the editor's pending edits: the next run shows what is saved."""
    redraw(f"table.{section}")


def section_editor(
    section: str, height: int | None = None, fallback: pd.DataFrame | None = None, overrides: dict | None = None
) -> None:
    """The editor for one section; ``fallback`` is shown (and edited from) while the section is empty."""
    generation = redraws(f"table.{section}")
    key = f"{section}.editor" + (f".{generation}" if generation else "")
    profile = current_profile()
    saved, rev = profile.section(section), profile.rev(section)
    # What the table holds before this edit: the saved section (or the fallback shown for an empty one).
    before = normalize_section(section, fallback)[0] if saved.empty and fallback is not None else saved
    frame = before.copy()
    # Blank text shows as an empty cell rather than a grey "None"; saving turns "" back into
    # blank. Numbers show as text (module docstring), refused values back in their cells.
    for column in SCHEMAS[section]:
        if column.kind in ("text", "month"):
            frame[column.name] = frame[column.name].fillna("")
        elif column.kind in NUMBER_KINDS:
            frame[column.name] = frame[column.name].astype(object).map(lambda v, k=column.kind: as_text(k, v))
    # What a refusal left in this table is shown while the table is as that edit left it:
    # the same profile (another one may be at the same revision) and the same revision.
    shown_at = (active_id(), rev)
    rejected = st.session_state.get(f"{section}.rejected")
    if rejected and rejected[0] == shown_at:
        frame = with_rejected(frame, rejected[1])

    def on_change() -> None:
        edits = st.session_state.get(key) or {}
        edited = apply_edits(frame, edits)
        # A refused cell keeps the value saved before (never blanked); what was typed
        # stays in the cell, with its reason, until it is corrected or undone.
        _, errors = normalize_section(section, edited)
        kept = keep_saved(edited, edit_origins(len(frame), edits), before, errors)
        unchanged = normalize_section(section, kept)[0].equals(before)  # before: normalised already
        if unchanged and not over_limit(errors):
            outcome = SaveOutcome(errors=errors, saved=True)  # only refused cells changed: nothing to save
        else:
            outcome = save_section(section, kept, tr("profile.own_name"), base=(saved, rev))
            outcome.errors = errors
        # said while the table is as this edit left it (an undo or another tab's save ends it)
        now_at = (active_id(), current_profile().rev(section))
        st.session_state[f"{section}.errors"] = (now_at, outcome.errors if outcome.saved else [])
        if outcome.saved and not outcome.merged:
            # positions in the table as saved: a row left blank by its refusal is not kept
            cells = rejected_cells(edited, outcome.errors, lambda row: blank_row(section, row), kept)
            st.session_state[f"{section}.rejected"] = (now_at, cells)
        if not note_outcome(outcome, section) or outcome.merged:
            reset_editor(section)  # show what the database holds, not the unsaved edit

    st.data_editor(
        frame,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        height=(height if len(frame) else None) or "auto",  # empty: a header and the row to type in
        column_config={**_column_config(section), **(overrides or {})},
        on_change=guarded(on_change),
    )
    said = st.session_state.get(f"{section}.errors")
    errors = said[1] if said and said[0] == shown_at else []
    if errors:
        st.warning(
            tr("editor.fix") + "\n" + "\n".join(f"- {md_escape(e.message(lang()))}" for e in errors),
            icon=":material/warning:",
        )
        if rejected and rejected[0] == shown_at and rejected[1]:
            st.caption(tr("editor.kept"))
