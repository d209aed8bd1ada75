"""What the user sees when the database cannot be used: what happened in plain words,
and what to do — restore an automatic backup, start afresh (the broken file is kept),
or use another data folder (the data is copied there when it can still be read)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import streamlit as st

from core.store import DB_NAME, Store, StoreError, replace_database, save_error_code
from ui.common import guarded, md_escape, tr
from ui.state import DB_OVERRIDE, db_path, reset_store


def as_store_error(exc: BaseException) -> StoreError:
    return exc if isinstance(exc, StoreError) else StoreError(save_error_code(exc), db_path())


def show_store_failure(problem: StoreError) -> None:
    """A database failure while a page was shown: what happened and what to do."""
    st.error(tr(f"{problem.code}.what") + "\n\n" + tr(f"{problem.code}.do"), icon=":material/warning:")


def _backups(path: Path) -> list[Path]:
    folder = path.parent / "backups"
    return sorted(folder.glob(f"{path.stem}-*.sqlite3"), reverse=True) if folder.is_dir() else []


def _when(backup: Path) -> str:
    return dt.datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


def _size(backup: Path) -> str:
    return f"{backup.stat().st_size / 1024:,.0f} KiB"


@guarded
def _restore(path: Path, backup: Path | None) -> None:
    try:
        aside = replace_database(path, backup)
    except (OSError, sqlite3.Error) as exc:
        st.session_state["rec.msg"] = tr("rec.folder_bad", reason=md_escape(exc.strerror or type(exc).__name__))
        return
    reset_store()
    st.session_state["rec.done"] = (str(aside) if aside else "", _when(backup) if backup else None)


@guarded
def _use_folder(path: Path, key: str) -> None:
    folder = Path(str(st.session_state.get(key) or "").strip()).expanduser()
    target = folder / DB_NAME
    try:
        if target.resolve() == path.resolve():
            raise OSError(0, "")
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.exists() and path.stat().st_size and not target.exists():
            try:  # the data comes along when it can still be read (a read-only file can)
                with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source:
                    target.touch(mode=0o600)
                    with closing(sqlite3.connect(target)) as copy:
                        source.backup(copy)
            except sqlite3.Error:
                target.unlink(missing_ok=True)
        Store(target)  # opens (and makes) it, or says why not
    except StoreError as problem:
        st.session_state["rec.msg"] = tr("rec.folder_bad", reason=tr(f"{problem.code}.what"))
        return
    except OSError as exc:
        st.session_state["rec.msg"] = tr("rec.folder_bad", reason=md_escape(exc.strerror or str(folder)))
        return
    st.session_state[DB_OVERRIDE] = str(target)
    reset_store()


def recovery_page(problem: StoreError) -> None:
    path = problem.path or db_path()
    st.title(tr("rec.title"))
    st.error(tr(f"{problem.code}.what") + "\n\n" + tr(f"{problem.code}.do"), icon=":material/warning:")
    st.caption(tr("rec.file", path=md_escape(path)))
    message = st.session_state.pop("rec.msg", None)
    if message:
        st.warning(message)
    if problem.code != "store.readonly":
        st.subheader(tr("rec.backups"))
        backups = _backups(path)
        if not backups:
            st.caption(tr("rec.no_backups"))
        for i, backup in enumerate(backups):
            c1, c2 = st.columns([3, 2], vertical_alignment="center")
            c1.write(tr("rec.backup_item", when=_when(backup), size=_size(backup)))
            c2.button(
                tr("rec.restore"), key=f"rec.restore.{i}", on_click=_restore, args=(path, backup), width="stretch"
            )
        st.button(tr("rec.fresh"), key="rec.fresh", on_click=_restore, args=(path, None))
    st.subheader(tr("rec.folder"))
    key = "rec.folder_path"
    st.caption(tr("rec.folder_help"))
    st.text_input(tr("rec.folder"), key=key, label_visibility="collapsed",
                  placeholder=str(Path.home() / "repay-planner"))  # fmt: skip
    st.button(tr("rec.use_folder"), key="rec.use", on_click=_use_folder, args=(path, key), type="primary")


def recovered_notice() -> None:
    done = st.session_state.pop("rec.done", None)
    if done is not None:
        aside, when = done
        text = tr("rec.done_backup", when=when) if when else tr("rec.done_fresh")
        st.success(text + " " + tr("rec.done", path=md_escape(aside or "—")), icon=":material/check_circle:")
