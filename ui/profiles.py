"""The sidebar's profile picker: switch, create, rename, export, import, delete, and undo.

Undo says what it takes back before it is pressed (the table, when it was saved, its rows
now and after, and the page the table is on when that is not the page open) and, once
done, at the top of the page; a change whose earlier version is no longer kept is not
undone (the button says so), nor one saved after the user was shown what Undo would do."""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from core.i18n import t
from core.imports import RefusedFile
from core.loans.dates import format_datetime
from core.profiles.profile import Profile, clean_name
from core.profiles.store import STORE_ERRORS, CannotUndo, UndoStep, save_error_code
from core.profiles.workbook import profile_from_xlsx, profile_to_xlsx, template_xlsx
from ui.common import guarded, lang, md_escape, tr
from ui.state import (
    SAMPLE,
    UNDO_DONE,
    active_id,
    current_profile,
    read_only,
    redraw_all,
    set_active,
    stale_sample_pick,
    store,
)

# The page each table is edited on: its address, and its name in the navigation (nav.<page>).
SECTION_PAGES = {
    "worksheet": "worksheet", "rules": "worksheet", "assets": "assets", "buffers": "assets", "debts": "debts",
    "scenarios": "scenarios", "terms": "scenarios", "plan": "plan", "agreed": "plan", "case": "readiness",
    "contacts": "contacts", "letters": "letters", "evidence": "evidence",
}  # fmt: skip
# Every page's address (app.py), to tell a page without tables from one not known.
PAGES = (*SECTION_PAGES.values(), "home", "overview", "next-steps", "report", "calculator", "history")


def _failed(exc: BaseException) -> None:
    code = save_error_code(exc)
    st.session_state["profile.error"] = tr("profile.not_saved", reason=tr(f"{code}.what") + " " + tr(f"{code}.do"))


@guarded
def _on_pick(key: str) -> None:
    choice = st.session_state[key]
    if choice == SAMPLE and stale_sample_pick():
        return  # the picker's old value, sent along with the next edit: stay on the new copy
    set_active(None if choice == SAMPLE else int(choice))


def new_profile() -> None:
    """An empty profile of one's own, opened (the sidebar's button, the Overview's start)."""
    set_active(store().create(Profile(name=tr("profile.own_name"))))


@guarded
def _rename(profile_id: int, key: str) -> None:
    wanted = clean_name(st.session_state.get(key) or "")
    if not wanted:
        return
    st.session_state.pop(key, None)  # the box shows the saved name again (a failure: guarded says so)
    try:
        store().rename(profile_id, wanted)
    except ValueError:
        st.session_state["profile.error"] = tr("profile.name_taken", name=md_escape(wanted))


def _saved_when(stamp: float) -> str:
    moment = dt.datetime.fromtimestamp(stamp)
    return moment.strftime("%H:%M") if moment.date() == dt.date.today() else format_datetime(moment)


def _rows(n: int) -> str:
    return tr("hist.rows", n=n)


def undo_text(step: UndoStep, key: str) -> str:
    """One of the sentences about an undo (hist.undo_what, hist.took_back, hist.moved,
    hist.undo_not_kept), filled in with the table, when it was saved, and its rows."""
    return tr(
        key, where=tr(f"sheet.{step.section}"), when=_saved_when(step.saved), rows_now=_rows(step.rows_now),
        rows_before=_rows(step.rows_before or 0),
    )  # fmt: skip


def _open_page() -> str | None:
    """The address of the page this run shows, as far as Streamlit says before the
    navigation is drawn (None: not known)."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx
        from streamlit.util import calc_hash

        ctx = get_script_run_ctx()
        for page in PAGES:
            if calc_hash(page) == ctx.page_script_hash:
                return page
        name = ctx.pages_manager.intended_page_name
        return name if name in PAGES else None
    except Exception:  # noqa: BLE001 - Streamlit's internals moved: the page is then always named
        return None


def _where_note(section: str) -> str | None:
    """Which page the table is on, said when it is not (or may not be) the page open."""
    page = SECTION_PAGES.get(section)
    if page is None:
        return None
    open_page = _open_page()
    if open_page == page:
        return None
    return tr("hist.undo_elsewhere" if open_page else "hist.undo_on", page=tr(f"nav.{page}"))


@guarded
def _undo(profile_id: int, expected: int) -> None:
    try:
        step = store().undo(profile_id, expected=expected)  # a failure: guarded says so
    except CannotUndo as refused:
        key = "hist.moved" if refused.reason == "moved" else "hist.undo_not_kept"
        st.session_state[UNDO_DONE] = ("refused", undo_text(refused.step, key))
        return
    if step is None:
        st.session_state["profile.undone"] = ""
        return
    st.session_state["profile.undone"] = step.section
    st.session_state[UNDO_DONE] = ("ok", undo_text(step, "hist.took_back"))
    redraw_all()


def _undo_button(current: int) -> None:
    """The Undo button, with what it would take back written under it (not only in its
    tooltip: a phone has none); disabled, with the reason, when nothing is kept to go back to."""
    step = store().undo_step(current)
    if step is None:
        return
    where = _where_note(step.section)
    if step.possible:
        what = undo_text(step, "hist.undo_what")
        st.button(
            tr("hist.undo"), key="profile.undo", on_click=_undo, args=(current, step.change.id),
            icon=":material/undo:", width="stretch", help=what,
        )  # fmt: skip
        st.caption(what + (" " + where if where else ""))
    else:
        why = undo_text(step, "hist.undo_not_kept")
        st.button(tr("hist.undo"), key="profile.undo", disabled=True, icon=":material/undo:", width="stretch", help=why)
        st.caption(why)


def _import(upload) -> None:
    try:
        imported, errors = profile_from_xlsx(upload.getvalue(), filename=upload.name)
    except RefusedFile as refused:
        st.session_state["profile.import_msg"] = (
            "error",
            tr("ws.refused", reason=md_escape(refused.message(lang()))),
            [],
        )
    except Exception:  # whatever a reader may raise: said plainly, never a crash loop
        st.session_state["profile.import_msg"] = ("error", tr("ws.refused", reason=t("refuse.corrupt", lang())), [])
    else:
        try:
            set_active(store().create(imported))
        except STORE_ERRORS as exc:
            _failed(exc)
        else:
            messages = [e.message(lang()) for e in errors[:20]]
            st.session_state["profile.import_msg"] = (
                "ok",
                tr("profile.imported", name=md_escape(imported.name)),
                messages,
            )
    # A new uploader: the file is cleared, so a rerun never reads it again.
    st.session_state["profile.upload_gen"] = st.session_state.get("profile.upload_gen", 0) + 1


def profile_sidebar() -> None:
    profiles = store().list_profiles()
    names = {str(pid): name for pid, name in profiles}
    options = [SAMPLE] + list(names)
    current = active_id()
    # One key per language: the option labels change with the language, and a widget
    # whose labels change under the same key confuses Streamlit's stored selection.
    key = f"profile.pick.{lang()}"
    st.session_state[key] = SAMPLE if current is None else str(current)
    st.selectbox(
        tr("profile.label"),
        options,
        key=key,
        on_change=_on_pick,
        args=(key,),
        format_func={SAMPLE: tr("profile.sample"), **names}.get,
    )
    if current is not None and not read_only():
        _undo_button(current)
    undone = st.session_state.pop("profile.undone", None)
    if undone is not None:
        st.toast(tr("hist.undone", where=tr(f"sheet.{undone}")) if undone else tr("hist.nothing"))
    error = st.session_state.pop("profile.error", None)
    if error:
        st.error(error, icon=":material/warning:")
    with st.expander(tr("profile.manage")):
        st.button(tr("profile.new"), key="profile.new", on_click=guarded(new_profile), width="stretch")
        profile = current_profile()
        st.download_button(
            tr("profile.export"),
            data=partial(profile_to_xlsx, profile),  # built only when clicked
            file_name="repay-planner-profile.xlsx",
            key="profile.export",
            width="stretch",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        st.download_button(
            tr("profile.template"),
            data=template_xlsx,
            file_name="repay-planner-template.xlsx",
            key="profile.template",
            width="stretch",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        upload_key = f"profile.upload.{st.session_state.get('profile.upload_gen', 0)}"
        upload = st.file_uploader(tr("profile.import"), type=["xlsx"], key=upload_key)
        if upload is not None:
            _import(upload)
            st.rerun()
        message = st.session_state.pop("profile.import_msg", None)
        if message:
            kind, text, details = message
            (st.success if kind == "ok" else st.error)(text)
            for line in details:
                st.caption(md_escape(line))
        if current is not None:
            name_key = f"profile.name.{current}"
            st.text_input(
                tr("profile.rename"), value=names.get(str(current), ""), key=name_key, max_chars=60,
                on_change=_rename, args=(current, name_key),
            )  # fmt: skip
            confirmed = st.checkbox(tr("profile.delete_confirm"), key="profile.delete_ok")
            if confirmed and st.button(tr("profile.delete"), key="profile.delete", type="primary"):
                try:
                    store().delete(current)
                    left = [pid for pid, _ in store().list_profiles()]
                except STORE_ERRORS as exc:
                    _failed(exc)
                else:
                    set_active(left[0] if left else None)  # the user's own profile left, else the sample
                st.rerun()
