"""Which profile is open, and saving to it: the pages' one door to the profile store.

With no saved profile the app shows the bundled sample household (marked as sample).
The first change made while viewing the sample saves a copy as the user's own profile,
so nothing typed is ever lost.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from core.profile import Profile, normalize_section
from core.store import Store, default_db_path
from core.workbook import profile_from_xlsx

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "sample_data" / "sample_household.xlsx"
ACTIVE_META = "active_profile"
SAMPLE = "sample"


def store() -> Store:
    """The store for the configured database path (one per path, kept for the server's life)."""
    return _store(str(default_db_path()))


@st.cache_resource
def _store(path: str) -> Store:
    return Store(path)


@st.cache_data
def _sample_workbook() -> bytes:
    return SAMPLE_PATH.read_bytes()


@st.cache_resource
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


def set_active(profile_id: int | None) -> None:
    st.session_state["profile.active"] = profile_id if profile_id is not None else SAMPLE
    store().set_meta(ACTIVE_META, str(profile_id) if profile_id is not None else SAMPLE)


def is_sample() -> bool:
    return active_id() is None


def current_profile() -> Profile:
    """The open profile. Loaded once per change (keyed by the store's update time);
    callers read it and save through save_section, never change it in place."""
    pid = active_id()
    if pid is None:
        return _sample_parsed()
    key = (str(default_db_path()), pid, store().version(pid))
    memo = st.session_state.get("_profile_memo")
    if memo is not None and memo[0] == key:
        return memo[1]
    profile = store().load(pid)
    st.session_state["_profile_memo"] = (key, profile)
    return profile


def profile_key() -> tuple:
    """Identifies the open profile's current content, for caching results computed from it."""
    pid = active_id()
    return ("sample",) if pid is None else (str(default_db_path()), pid, store().version(pid))


def save_section(section: str, frame: pd.DataFrame, own_name: str) -> tuple[list, bool]:
    """Normalise and save a section. Returns (errors, created) — created is True when the
    sample was copied into a new profile of the user's own to hold the change."""
    clean, errors = normalize_section(section, frame)
    pid = active_id()
    created = False
    if pid is None:
        profile = sample_profile()
        profile.name = own_name
        profile.sections[section] = clean
        pid = store().create(profile)
        set_active(pid)
        created = True
    else:
        store().save_section(pid, section, clean)
    return errors, created
