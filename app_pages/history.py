"""History: every saved revision of the open profile; undo, restore one table, or restore
the whole profile as it was at a moment (a table whose version then is no longer kept is
left as it is, and said). On a read-only database the history can be read, not restored."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.i18n import join
from core.loans.dates import format_datetime
from core.profiles.store import BACKUPS_KEPT, KEEP_ALL_DAYS, KEEP_DAYS, KEEP_RECENT
from ui.common import guarded, lang, md_escape, readable_section, tr
from ui.page import page_header
from ui.state import active_id, db_path, read_only, redraw_all, store

page_header("hist.title", "hist.intro", sample=False)
pid = active_id()
if pid is None:
    st.info(tr("hist.sample"), icon=":material/science:")
    st.stop()


def _when(stamp: float) -> str:
    return format_datetime(dt.datetime.fromtimestamp(stamp), seconds=True)


@guarded
def _restore_one(revision_id: int, section: str, saved: float) -> None:
    store().restore_revision(pid, revision_id)
    redraw_all()
    st.session_state["hist.msg"] = tr("hist.restored_one", where=tr(f"sheet.{section}"), when=_when(saved))


@guarded
def _restore_all(day_key: str, time_key: str) -> None:
    day, clock = st.session_state[day_key], st.session_state[time_key]
    moment = dt.datetime.combine(day, clock).replace(second=59)
    not_kept = store().not_kept_at(pid, moment.timestamp())
    changed = store().restore_to(pid, moment.timestamp())
    redraw_all()
    if changed:
        tables = join((tr(f"sheet.{s}") for s in changed), lang())
        st.session_state["hist.msg"] = tr("hist.restored_all", when=format_datetime(moment), tables=tables)
    else:
        st.session_state["hist.msg"] = tr("hist.same")
    if not_kept:
        st.session_state["hist.not_kept"] = tr(
            "hist.not_kept_at", tables=join((tr(f"sheet.{s}") for s in not_kept), lang())
        )


message = st.session_state.pop("hist.msg", None)
if message:
    st.success(message, icon=":material/check_circle:")
left = st.session_state.pop("hist.not_kept", None)
if left:
    st.warning(left, icon=":material/history_toggle_off:")
locked = read_only()  # the banner at the top says why; nothing here would be saved

revisions = store().history(pid, limit=500)
if not revisions:
    st.caption(tr("hist.none"))
else:
    table = pd.DataFrame(
        [
            {
                tr("hist.col.when"): _when(r.saved),
                tr("hist.col.table"): tr(f"sheet.{r.section}"),
                tr("hist.col.kind"): tr(f"hist.kind.{r.kind}"),
                tr("hist.col.rows"): r.rows,
            }
            for r in revisions
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(table)), key="hist.table")
    labels = {r.id: f"{_when(r.saved)} · {tr(f'sheet.{r.section}')} · {tr(f'hist.kind.{r.kind}')}" for r in revisions}
    chosen = st.selectbox(tr("hist.pick"), list(labels), format_func=labels.get, key="hist.pick")
    revision = next(r for r in revisions if r.id == chosen)
    section, frame = store().revision_frame(pid, chosen)
    st.dataframe(readable_section(section, frame), hide_index=True, width="stretch", key="hist.preview")
    st.button(
        tr("hist.restore_one"), key="hist.restore_one", on_click=_restore_one,
        args=(revision.id, revision.section, revision.saved), icon=":material/restore:", disabled=locked,
    )  # fmt: skip

    st.subheader(tr("hist.at"))
    # Any day since the oldest revision kept, the profile's creation included (the changes
    # listed above leave it out): a moment last night is still a choice after midnight.
    first = dt.datetime.fromtimestamp(
        min([r.saved for r in revisions] + [store().first_saved(pid) or dt.datetime.now().timestamp()])
    )
    c1, c2, c3 = st.columns([2, 2, 2], vertical_alignment="bottom")
    c1.date_input(tr("hist.day"), value=dt.date.today(), min_value=first.date(), key="hist.day")
    c2.time_input(tr("hist.time"), value=dt.datetime.now().time().replace(second=0, microsecond=0), key="hist.time",
                  step=60)  # fmt: skip
    c3.button(tr("hist.restore_all"), key="hist.restore_all", on_click=_restore_all, args=("hist.day", "hist.time"),
              type="primary", icon=":material/history:", disabled=locked)  # fmt: skip

st.caption(
    tr(
        "hist.policy", recent=KEEP_RECENT, days=KEEP_ALL_DAYS, keep=KEEP_DAYS, backups=BACKUPS_KEPT,
        folder=md_escape(db_path().parent / "backups"),
    )
)  # fmt: skip
