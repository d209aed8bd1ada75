"""The sidebar's profile picker: switch, create, rename, export, import, delete, and undo."""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from core.i18n import t
from core.imports import RefusedFile
from core.profile import SECTIONS, Profile, clean_name
from core.store import STORE_ERRORS, save_error_code
from core.workbook import profile_from_xlsx, profile_to_xlsx, template_xlsx
from ui.common import guarded, lang, md_escape, tr
from ui.state import SAMPLE, active_id, current_profile, set_active, stale_sample_pick, store


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


@guarded
def _undo(profile_id: int) -> None:
    undone = store().undo(profile_id)  # a failure: guarded says so
    st.session_state["profile.undone"] = undone.section if undone else ""
    refresh_editors()


def refresh_editors() -> None:
    """After undo or restore: every editor and form shows what is now saved."""
    st.session_state["rd.gen"] = st.session_state.get("rd.gen", 0) + 1
    for section in SECTIONS:
        key = f"{section}.editor.gen"
        st.session_state[key] = st.session_state.get(key, 0) + 1
    for key in [k for k in st.session_state if str(k).startswith("lt.gen.")]:
        st.session_state[key] += 1


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
    last = store().last_undoable(current) if current is not None else None
    if last is not None:
        when = dt.datetime.fromtimestamp(last.saved).strftime("%m-%d %H:%M")
        st.button(
            tr("hist.undo"), key="profile.undo", on_click=_undo, args=(current,), icon=":material/undo:",
            width="stretch", help=tr("hist.undo_what", where=tr(f"sheet.{last.section}"), when=when),
        )  # fmt: skip
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
