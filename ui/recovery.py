"""What the user sees when the database cannot be used: what happened in plain words,
and what to do — try again when another program only holds it, restore an automatic
backup (each checked first, with its profile count; one that cannot be restored is never
offered), start afresh (the old file kept with every file beside it), or use another data
folder (the data is copied there when it can still be read). Replacing a database by one
holding fewer profiles is said plainly and asked first.

Also the notices about the database at the top of every page (``recovered_notice``): a
restore just made, an undo just made, and a database open read-only."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import streamlit as st

from core.loans.dates import format_datetime
from core.profiles.store import (
    BackupInfo,
    FewerProfiles,
    StoreError,
    count_profiles,
    inspect_backup,
    list_backups,
    move_to_folder,
    replace_database,
    save_error_code,
)
from ui.common import guarded, md_escape, tr
from ui.state import DB_OVERRIDE, UNDO_DONE, db_path, read_only, reset_store

CONFIRM = "rec.confirm"  # (backup path or "", the message asking) while a replacement waits for a yes
DAMAGED = ("store.corrupt", "store.empty_file")  # the file itself is broken: kept aside as "broken"


def as_store_error(exc: BaseException) -> StoreError:
    return exc if isinstance(exc, StoreError) else StoreError(save_error_code(exc), db_path())


def show_store_failure(problem: StoreError) -> None:
    """A database failure while a page was shown: what happened and what to do."""
    st.error(tr(f"{problem.code}.what") + "\n\n" + tr(f"{problem.code}.do"), icon=":material/warning:")


def _when(stamp: float) -> str:
    return format_datetime(dt.datetime.fromtimestamp(stamp))


def _size(size: int) -> str:
    return f"{size / 1024:,.0f} KiB"


def _profiles(n: int) -> str:
    return tr("rec.profiles", n=n)


def _ask(backup: Path | None, text: str) -> None:
    st.session_state[CONFIRM] = (str(backup) if backup else "", text)


@guarded
def _restore(path: Path, backup: Path | None, code: str, agreed: bool = False) -> None:
    st.session_state.pop(CONFIRM, None)
    label = "broken" if code in DAMAGED else "kept"
    try:
        if not agreed and code == "store.locked" and count_profiles(path) is None:
            # in use and not readable: what it holds cannot be counted, so the user is asked
            _ask(backup, tr("rec.fewer.unknown"))
            return
        info = inspect_backup(backup) if backup is not None else None
        aside = replace_database(path, backup, allow_fewer=agreed, label=label)
    except FewerProfiles as fewer:
        if backup is None:
            _ask(None, tr("rec.fewer.fresh", now=_profiles(fewer.current)))
        else:
            when = _when(backup.stat().st_mtime)
            _ask(
                backup, tr("rec.fewer.backup", now=_profiles(fewer.current), when=when, after=_profiles(fewer.incoming))
            )
        return
    except StoreError as problem:
        st.session_state["rec.msg"] = tr(f"{problem.code}.what") + " " + tr(f"{problem.code}.do")
        return
    except (OSError, sqlite3.Error) as exc:
        st.session_state["rec.msg"] = tr(
            "rec.folder_bad", reason=md_escape(getattr(exc, "strerror", None) or type(exc).__name__)
        )
        return
    reset_store()
    restored = (_when(info.saved), _profiles(info.profiles or 0)) if info is not None else None
    st.session_state["rec.done"] = (str(aside) if aside else "", restored)


@guarded
def _use_folder(path: Path, key: str) -> None:
    folder = Path(str(st.session_state.get(key) or "").strip()).expanduser()
    try:
        target = move_to_folder(path, folder)
    except StoreError as problem:
        st.session_state["rec.msg"] = tr("rec.folder_bad", reason=tr(f"{problem.code}.what"))
        return
    except OSError as exc:
        st.session_state["rec.msg"] = tr("rec.folder_bad", reason=md_escape(exc.strerror or str(folder)))
        return
    st.session_state[DB_OVERRIDE] = str(target)
    reset_store()


def _folder_chooser(path: Path) -> None:
    key = "rec.folder_path"
    st.caption(tr("rec.folder_help"))
    st.text_input(tr("rec.folder"), key=key, label_visibility="collapsed",
                  placeholder=str(Path.home() / "repay-planner"))  # fmt: skip
    st.button(tr("rec.use_folder"), key="rec.use", on_click=_use_folder, args=(path, key), type="primary")


def _backup_row(i: int, path: Path, backup: BackupInfo, code: str) -> None:
    if not backup.usable:
        why = tr(f"rec.bad.{backup.problem}")
        st.caption(
            ":material/block: " + tr("rec.backup_bad", when=_when(backup.saved), size=_size(backup.size), why=why)
        )
        return
    c1, c2 = st.columns([3, 2], vertical_alignment="center")
    c1.write(tr("rec.backup_item", when=_when(backup.saved), profiles=_profiles(backup.profiles or 0),
                size=_size(backup.size)))  # fmt: skip
    c2.button(
        tr("rec.restore"), key=f"rec.restore.{i}", on_click=_restore, args=(path, backup.path, code), width="stretch"
    )


def _replacements(path: Path, code: str) -> None:
    """The backups (checked, newest usable first) and starting afresh, with the question
    asked first when the replacement would hold fewer profiles."""
    waiting = st.session_state.get(CONFIRM)
    if waiting is not None:
        backup, text = waiting
        st.warning(text, icon=":material/help:")
        c1, c2 = st.columns(2)
        c1.button(tr("rec.confirm_yes"), key="rec.confirm_yes", on_click=_restore,
                  args=(path, Path(backup) if backup else None, code, True), type="primary")  # fmt: skip
        c2.button(tr("rec.confirm_no"), key="rec.confirm_no", on_click=lambda: st.session_state.pop(CONFIRM, None))
    st.subheader(tr("rec.backups"))
    backups = list_backups(path)
    usable = [b for b in backups if b.usable]
    if not usable:
        st.caption(tr("rec.no_backups"))
    for i, backup in enumerate(usable):
        _backup_row(i, path, backup, code)
    for backup in backups:
        if not backup.usable:
            _backup_row(-1, path, backup, code)
    fresh = tr("rec.fresh") if code in DAMAGED else tr("rec.fresh_kept")
    st.button(fresh, key="rec.fresh", on_click=_restore, args=(path, None, code))


def recovery_page(problem: StoreError) -> None:
    path = problem.path or db_path()
    st.title(tr("rec.title"))
    st.error(tr(f"{problem.code}.what") + "\n\n" + tr(f"{problem.code}.do"), icon=":material/warning:")
    st.caption(tr("rec.file", path=md_escape(path)))
    message = st.session_state.pop("rec.msg", None)
    if message:
        st.warning(message)
    if problem.code == "store.locked":
        # Only in use, not broken: try again; replacing it is not where this leads.
        st.info(tr("rec.locked_help"), icon=":material/hourglass_top:")
        st.button(tr("rec.retry"), key="rec.retry", on_click=reset_store, type="primary", icon=":material/refresh:")
        with st.expander(tr("rec.other_choices"), expanded=st.session_state.get(CONFIRM) is not None):
            _replacements(path, problem.code)
            st.subheader(tr("rec.folder"))
            _folder_chooser(path)
        return
    if problem.code != "store.readonly":
        _replacements(path, problem.code)
    st.subheader(tr("rec.folder"))
    _folder_chooser(path)


def recovered_notice() -> None:
    """The notices about the database at the top of the page: a restore or an undo just
    made, and — on every page — that the data file is read-only (with a way to copy the
    data to a folder where changes can be saved)."""
    done = st.session_state.pop("rec.done", None)
    if done is not None:
        aside, restored = done
        text = tr("rec.done_backup", when=restored[0], profiles=restored[1]) if restored else tr("rec.done_fresh")
        st.success(text + " " + tr("rec.done", path=md_escape(aside or "—")), icon=":material/check_circle:")
    undone = st.session_state.pop(UNDO_DONE, None)
    if undone:
        kind, text = undone
        (st.success if kind == "ok" else st.warning)(text, icon=":material/undo:")
    if read_only():
        st.warning(f"**{tr('store.ro.banner')}** · " + tr("store.ro.what") + " " + tr("store.ro.do"),
                   icon=":material/lock:")  # fmt: skip
        with st.container(border=True):
            st.markdown("**" + tr("rec.folder") + "**")
            _folder_chooser(db_path())
