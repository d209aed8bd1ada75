"""Which profile is open, and saving to it: the pages' one door to the profile store.

With no saved profile the app shows the bundled sample household (marked as sample).
The first change made while viewing the sample saves a copy as the user's own profile,
so nothing typed is ever lost. A save that cannot be made (a read-only or broken
database, a full disk, a table past its cap) says so in plain words and is never shown
as saved (a database the user made read-only is opened for reading only); a save made
from a stale copy (another tab saved since) is merged.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from core.household.loader import load
from core.household.model import Household
from core.profiles.merge import Conflict
from core.profiles.profile import SECTIONS, Profile, normalize_section, over_limit
from core.profiles.store import STORE_ERRORS, Store, StoreError, default_db_path, save_error_code
from core.profiles.workbook import profile_from_xlsx

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "sample_data" / "sample_household.xlsx"
ACTIVE_META = "active_profile"
SAMPLE = "sample"
DB_OVERRIDE = "data.db_path"  # a database the user chose on the recovery page (this session)
UNDO_DONE = "profile.undo_done"  # what Undo just took back (or why not), said at the top of the page


def db_path() -> Path:
    chosen = st.session_state.get(DB_OVERRIDE)
    return Path(chosen) if chosen else default_db_path()


def store() -> Store:
    """The store for the database in use (one per path, kept for the server's life).
    Raises StoreError when the database cannot be used (app.py shows what to do)."""
    return _store(str(db_path()))


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path)  # an error is not cached: the next run tries again


def store_problem() -> StoreError | None:
    """Why the database cannot be used (None: it can). A file made read-only, or writable
    again, since it was opened is opened afresh (read-only: readable, every save refused)."""
    try:
        if store().mode_changed():
            reset_store()
        store().check()
    except StoreError as problem:
        return problem
    return None


def read_only() -> bool:
    """Whether the database is open read-only (the user made its file so): pages show
    it, and every save is refused with a plain message."""
    try:
        return store().read_only
    except StoreError:
        return False


def reset_store() -> None:
    _store.clear()


@st.cache_data(show_spinner=False)
def _sample_workbook() -> bytes:
    return SAMPLE_PATH.read_bytes()


@st.cache_resource(show_spinner=False)
def _sample_parsed() -> Profile:
    profile, _ = profile_from_xlsx(_sample_workbook(), filename=SAMPLE_PATH.name)
    return profile


def sample_profile() -> Profile:
    """A fresh copy of the bundled sample household (safe to change)."""
    shared = _sample_parsed()
    return Profile(name=shared.name, sections=dict(shared.sections), settings=dict(shared.settings))


def active_id() -> int | None:
    """The open profile's id, or None for the sample. Remembered in the database."""
    ids = [pid for pid, _ in store().list_profiles()]
    chosen = st.session_state.get("profile.active")
    if chosen is None:
        remembered = store().get_meta(ACTIVE_META)
        if remembered == SAMPLE:
            return None
        chosen = int(remembered) if remembered and remembered.isdigit() else None
    if chosen in ids:
        return chosen
    return ids[0] if ids and chosen != SAMPLE else None


CREATED_AT = "profile.created_at"  # when this session's first change made a copy of the sample
STALE_PICK_SECONDS = 5.0


def stale_sample_pick() -> bool:
    """True just after a change made a copy of the sample: the browser may still report the
    profile picker at "sample" (the value it showed before the copy), which must not switch
    the session back to the sample and make a second copy of the next change."""
    created = st.session_state.get(CREATED_AT)
    return created is not None and time.monotonic() - created < STALE_PICK_SECONDS


def set_active(profile_id: int | None) -> None:
    st.session_state["profile.active"] = profile_id if profile_id is not None else SAMPLE
    # Remembering the choice for next time is not worth an error; this session has it.
    with contextlib.suppress(*STORE_ERRORS):
        store().set_meta(ACTIVE_META, str(profile_id) if profile_id is not None else SAMPLE)


def is_sample() -> bool:
    return active_id() is None


def current_profile() -> Profile:
    """The open profile. Loaded once per change (keyed by the store's update time);
    callers read it and save through save_section, never change it in place."""
    pid = active_id()
    if pid is None:
        return _sample_parsed()
    key = (str(db_path()), pid, store().version(pid))
    memo = st.session_state.get("_profile_memo")
    if memo is not None and memo[0] == key:
        return memo[1]
    profile = store().load(pid)
    st.session_state["_profile_memo"] = (key, profile)
    return profile


def current_household() -> Household:
    """The open profile as core.household.loader.load reads it (amounts in cents, debts checked,
    scenarios parsed): loaded once per change of the profile, shared by every page."""
    key = profile_key()
    memo = st.session_state.get("_household_memo")
    if memo is not None and memo[0] == key:
        return memo[1]
    household, _ = load(current_profile())
    st.session_state["_household_memo"] = (key, household)
    return household


def profile_key() -> tuple:
    """Identifies the open profile's current content, for caching results computed from it."""
    pid = active_id()
    return ("sample",) if pid is None else (str(db_path()), pid, store().version(pid))


@dataclass
class SaveOutcome:
    errors: list = field(default_factory=list)  # cells that were not valid (saved blank/default)
    created: bool = False  # the sample was copied into a profile of the user's own
    saved: bool = False
    failure: str | None = None  # an i18n key: why nothing was saved
    refused: list = field(default_factory=list)  # past a cap: the change was not saved
    merged: bool = False  # another tab had saved this table; the changes were combined
    conflicts: list[Conflict] = field(default_factory=list)

    def __iter__(self):  # errors, created = save_section(...)
        return iter((self.errors, self.created))


def save_section(
    section: str,
    frame: pd.DataFrame,
    own_name: str,
    base: tuple[pd.DataFrame, int] | None = None,
) -> SaveOutcome:
    """Normalise and save a section. ``base`` is the saved frame and revision the change
    was made from: if another tab saved since, the two are merged (core.profiles.store.Store.save_merged)."""
    clean, errors = normalize_section(section, frame)
    outcome = SaveOutcome(errors=errors)
    full = over_limit(errors)
    if full:
        outcome.refused = full
        return outcome
    try:
        pid = active_id()
        if pid is None:
            profile = sample_profile()
            profile.name = own_name
            profile.sections[section] = clean
            pid = store().create(profile)
            set_active(pid)
            outcome.created = True
            st.session_state[CREATED_AT] = time.monotonic()
        elif base is not None:
            merged = store().save_merged(pid, section, clean, base[0], base[1])
            outcome.merged, outcome.conflicts = merged.merged, merged.conflicts
        else:
            store().save_section(pid, section, clean)
    except STORE_ERRORS as exc:
        outcome.failure = save_error_code(exc)
        return outcome
    outcome.saved = True
    return outcome


def append_rows(section: str, rows: list[dict], own_name: str) -> SaveOutcome:
    """Add rows at the end of a section, as the open profile shows it now (merged if
    another tab saved since): the short forms, the guided builder, the ready-made scenarios."""
    profile = current_profile()
    existing = profile.section(section)
    frame = pd.concat([existing, pd.DataFrame(rows)], ignore_index=True)
    return save_section(section, frame, own_name, base=(existing, profile.rev(section)))


# What saves leave to be said: the one way a save made in a widget's callback (or in a page
# run that then reruns) tells the next run. note_outcome queues (kind, section, code, items);
# ui.notices.show_notices, called at the top of every page (ui.page.page_header), says each once and
# drops it. Kinds: "failure", "refused", "conflict", "merged", "crash" (ui.common.guarded),
# and "created": the change was the first one made to the sample, which was copied into a
# profile of the user's own (a toast, whichever page or form made the change).
NOTICES = "save.notices"

# Forms drawn anew. A widget shows what the browser last sent under its key, not what is
# saved; to show what is saved again (after Undo or a restore, or after a save that failed),
# a form's widgets are given new keys: each form counts its redraws here and puts the count
# in its widgets' keys (redraws). A form redraws itself after its own save (redraw); Undo
# and a restore redraw every form (redraw_all). Forms: "table.<section>" (ui.editor),
# "readiness", "plan", "letter.<debt>".
REDRAWS = "forms.redrawn"


def redraws(form: str) -> int:
    """How many times the form was drawn anew this session (0: never)."""
    return st.session_state.get(REDRAWS, {}).get(form, 0)


def redraw(form: str) -> None:
    """The form's widgets shown anew, with what is saved, on the next run."""
    counts = st.session_state.setdefault(REDRAWS, {})
    counts[form] = counts.get(form, 0) + 1


def redraw_all() -> None:
    """After Undo or a restore: every table, the readiness answers and every form already
    drawn anew show what is now saved."""
    for form in dict.fromkeys(["readiness", *(f"table.{s}" for s in SECTIONS), *st.session_state.get(REDRAWS, {})]):
        redraw(form)


def note_outcome(outcome: SaveOutcome, section: str) -> bool:
    """Keep what a save's user must be told (shown at the top of the next run by
    show_notices). Returns True if the change was saved."""
    notices = st.session_state.setdefault(NOTICES, [])
    if outcome.created:
        notices.append(("created", section, None, []))
    if outcome.failure:
        notices.append(("failure", section, outcome.failure, []))
    elif outcome.refused:
        notices.append(("refused", section, None, outcome.refused))
    elif outcome.conflicts:
        notices.append(("conflict", section, None, outcome.conflicts))
    elif outcome.merged:
        notices.append(("merged", section, None, []))
    return outcome.saved
