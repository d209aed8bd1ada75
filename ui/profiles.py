"""The sidebar's profile picker: switch, create, rename, export, import, delete."""

from __future__ import annotations

from functools import partial

import streamlit as st

from core.imports import RefusedFile
from core.profile import Profile
from core.workbook import profile_from_xlsx, profile_to_xlsx, template_xlsx
from ui.common import lang, tr
from ui.state import SAMPLE, active_id, current_profile, set_active, store


def _on_pick(key: str) -> None:
    choice = st.session_state[key]
    set_active(None if choice == SAMPLE else int(choice))


def _new_profile() -> None:
    set_active(store().create(Profile(name=tr("profile.own_name"))))


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
    with st.expander(tr("profile.manage")):
        st.button(tr("profile.new"), key="profile.new", on_click=_new_profile, width="stretch")
        profile = current_profile()
        st.download_button(
            tr("profile.export"),
            data=partial(profile_to_xlsx, profile, lang()),  # built only when clicked
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
        upload = st.file_uploader(tr("profile.import"), type=["xlsx"], key="profile.upload")
        if upload is not None and st.session_state.get("profile.upload_done") != upload.file_id:
            try:
                imported, errors = profile_from_xlsx(upload.getvalue(), filename=upload.name)
                set_active(store().create(imported))
                st.session_state["profile.upload_done"] = upload.file_id
                st.success(tr("profile.imported", name=imported.name))
                for error in errors[:20]:
                    st.caption(error.message(lang()))
            except RefusedFile as refused:
                st.error(tr("ws.refused", reason=refused.message(lang())))
        if current is not None:
            new_name = st.text_input(
                tr("profile.rename"), value=names.get(str(current), ""), key="profile.name", max_chars=60
            )
            if new_name.strip() and new_name.strip() != names.get(str(current)) and new_name not in names.values():
                store().rename(current, new_name)
                st.rerun()
            confirmed = st.checkbox(tr("profile.delete_confirm"), key="profile.delete_ok")
            if confirmed and st.button(tr("profile.delete"), key="profile.delete", type="primary"):
                store().delete(current)
                set_active(None)
                st.rerun()
