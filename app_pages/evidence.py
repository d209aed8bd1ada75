"""The evidence locker: attach proof to the case and to contact-log entries, see it, check
it is unchanged, export the manifest; files stay on this computer."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from core.blank import records
from core.household.contacts import sorted_log
from core.i18n import join
from core.profiles.evidence import (
    EVIDENCE_KINDS,
    MAX_FILE_BYTES,
    RefusedEvidence,
    add_file,
    contact_key,
    entry_of,
    evidence_folder,
    evidence_row,
    live,
    make_private,
    manifest_csv,
    marked_deleted,
    path_of,
    thumbnail,
    unusable,
    verify,
    without_unusable,
)
from ui.common import guarded, lang, md_escape, tr
from ui.page import page_header
from ui.state import current_profile, db_path, note_outcome, save_section
from ui.steps import next_step

page_header("ev.title", "ev.intro", limit=f"{MAX_FILE_BYTES // (1024 * 1024)} MB")

profile = current_profile()
folder = evidence_folder(db_path())
if st.session_state.get("ev.private") != str(folder):  # once a session: a folder an older version left open
    make_private(folder)
    st.session_state["ev.private"] = str(folder)
log = sorted_log(profile.section("contacts"))
entries = records(log)
entry_keys = [contact_key(e["when"], e["lender"]) for e in entries if e.get("when") and e.get("lender")]


def _stamp(folder, sha256: str) -> tuple:
    """What changes when a file on disk does: its size and modification time (None: gone)."""
    try:
        info = path_of(folder, sha256).stat()
    except OSError:
        return (None, None)
    return (info.st_size, info.st_mtime_ns)


@st.cache_data(max_entries=2_000, show_spinner=False)
def _verified(folder: str, sha256: str, stamp: tuple) -> bool:
    return stamp[0] is not None and verify(Path(folder), sha256)


@st.cache_data(max_entries=500, show_spinner=False)
def _preview(folder: str, sha256: str, mime: str) -> bytes | None:
    return thumbnail(Path(folder), sha256, mime)  # a file's content never changes under its hash


def _entry_label(key: str) -> str:
    """A contact-log entry as plain text (a select box's option is not Markdown)."""
    when, lender = entry_of(key)
    return f"{when} · {lender}"


# --- attach -------------------------------------------------------------------------------------
with st.container(border=True):
    st.markdown(f"**{tr('ev.attach')}**")
    c1, c2 = st.columns(2)
    kind = c1.selectbox(tr("ev.for"), EVIDENCE_KINDS, format_func={k: tr(f"choice.kind.{k}") for k in EVIDENCE_KINDS}.get,
                        key="ev.kind")  # fmt: skip
    entry = None
    if kind == "contact":
        if entry_keys:
            entry = c2.selectbox(tr("ev.entry"), entry_keys, format_func=_entry_label, key="ev.entry")
        else:
            c2.info(tr("ev.no_entries"), icon=":material/info:")
    uploads = st.file_uploader(tr("ev.upload"), accept_multiple_files=True, key=f"ev.upload.{kind}",
                               help=tr("ev.upload_help"))  # fmt: skip
    done = st.session_state.setdefault("ev.done", set())
    fresh = [u for u in uploads or [] if u.file_id not in done]
    if fresh and (kind != "contact" or entry):
        shown = current_profile()
        table = shown.section("evidence")
        rows, refused = [], []
        for upload in fresh:
            done.add(upload.file_id)
            try:
                kept = add_file(folder, upload.getvalue(), upload.name)
            except RefusedEvidence as exc:
                refused.append(f"{md_escape(upload.name)}: {tr(exc.code, **exc.params)}")
                continue
            except OSError:
                refused.append(f"{md_escape(upload.name)}: {tr('ev.refuse.disk')}")
                continue
            rows.append(evidence_row(kept, kind, entry))
        if rows:
            outcome = save_section("evidence", pd.concat([table, pd.DataFrame(rows)], ignore_index=True),
                                   tr("profile.own_name"), base=(table, shown.rev("evidence")))  # fmt: skip
            if note_outcome(outcome, "evidence"):
                st.success(tr("ev.added", n=len(rows)), icon=":material/attach_file:")
        for line in refused:
            st.error(line, icon=":material/block:")


@guarded
def _delete(sha256: str, contact: str | None) -> None:
    """Mark the file deleted (kept on disk: Undo in the sidebar or the History page brings
    it back)."""
    shown = current_profile()
    table = shown.section("evidence")
    changed = marked_deleted(table, sha256, contact)
    if note_outcome(save_section("evidence", changed, tr("profile.own_name"), base=(table, shown.rev("evidence"))),
                    "evidence"):  # fmt: skip
        st.session_state["ev.deleted"] = True


@guarded
def _remove_unusable() -> None:
    """Mark deleted the rows whose hash names no file (Undo brings them back)."""
    shown = current_profile()
    table = shown.section("evidence")
    changed = without_unusable(table)
    if note_outcome(save_section("evidence", changed, tr("profile.own_name"), base=(table, shown.rev("evidence"))),
                    "evidence"):  # fmt: skip
        st.session_state["ev.deleted"] = True


if st.session_state.pop("ev.deleted", False):
    st.toast(tr("ev.deleted"), icon=":material/delete:")

# --- what is kept -------------------------------------------------------------------------------
profile = current_profile()
table = profile.section("evidence")
kept = live(table)
st.subheader(tr("ev.kept", n=len(kept)))
broken = unusable(table)
if broken:  # rows stored before the workbook import refused them: named, never opened
    names = join((md_escape(str(r.get("name") or "—")) for r in broken[:5]), lang()) + (" …" if len(broken) > 5 else "")
    st.warning(tr("ev.unusable", n=len(broken), names=names), icon=":material/link_off:")
    st.button(tr("ev.unusable_remove"), key="ev.unusable_remove", on_click=_remove_unusable, icon=":material/delete:")
if not kept:
    st.caption(tr("ev.none"))
else:
    # Each file hashed once per run (a file hashed again only when it changed on disk), its
    # preview drawn once per content, its bytes read only when it is downloaded.
    checked = {r["sha256"]: _verified(str(folder), r["sha256"], _stamp(folder, r["sha256"])) for r in kept}
    for kind_key in EVIDENCE_KINDS:
        group = [r for r in kept if r.get("kind") == kind_key]
        if not group:
            continue
        st.markdown(f"**{tr(f'choice.kind.{kind_key}')}** ({len(group)})")
        for row in group:
            label = row["name"] + (f" · {_entry_label(row['contact'])}" if row.get("contact") else "")
            with st.expander(md_escape(label)):  # a file or lender name is shown as typed, never as Markdown
                ok = checked[row["sha256"]]
                st.caption(tr("ev.details", added=row.get("added") or "—", n=f"{(row.get('size') or 0):,}",
                              sha=row["sha256"]))  # fmt: skip
                if ok:
                    st.caption(":material/verified: " + tr("ev.unchanged"))
                else:
                    st.error(tr("ev.changed"), icon=":material/gpp_bad:")
                preview = _preview(str(folder), row["sha256"], row.get("mime") or "") if ok else None
                if preview:
                    st.image(preview, width=320)
                if ok:
                    st.download_button(tr("ev.download"), data=path_of(folder, row["sha256"]).read_bytes,
                                       file_name=row["name"], mime="application/octet-stream",
                                       key=f"ev.dl.{row['sha256']}.{label}", icon=":material/download:")  # fmt: skip
                with st.popover(tr("ev.delete"), icon=":material/delete:"):
                    st.caption(tr("ev.delete_confirm"))
                    st.button(tr("ev.delete_yes"), key=f"ev.del.{row['sha256']}.{label}", type="primary",
                              on_click=_delete, args=(row["sha256"], row.get("contact")))  # fmt: skip
    st.download_button(tr("ev.manifest"), data=manifest_csv([{**r, "file": r["name"], "original_name": r["name"],
                                                              "verified": checked[r["sha256"]]} for r in kept]),
                       file_name="evidence-manifest.csv", mime="text/csv", key="ev.manifest",
                       icon=":material/receipt:")  # fmt: skip
st.caption(":material/lock: " + tr("ev.private"))
next_step("evidence")
