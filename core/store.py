"""Profiles kept in an embedded SQLite database, saved on every change.

The file lives in the user's data directory (platformdirs) unless REPAY_PLANNER_DB
(a file) or REPAY_PLANNER_DATA (a folder) says otherwise. Sections are stored as JSON
records of their clean frames; writes are transactions, so a crash loses nothing saved.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pandas as pd
from platformdirs import user_data_dir

from core.profile import SCHEMAS, SECTIONS, Profile, empty_section, normalize_section

DB_ENV = "REPAY_PLANNER_DB"
DATA_ENV = "REPAY_PLANNER_DATA"


def default_db_path() -> Path:
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    folder = os.environ.get(DATA_ENV) or user_data_dir("repay-planner", appauthor=False)
    return Path(folder).expanduser() / "profiles.sqlite3"


_SCHEMA = """
CREATE TABLE IF NOT EXISTS profiles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    settings TEXT NOT NULL DEFAULT '{}',
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sections (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    records TEXT NOT NULL,
    PRIMARY KEY (profile_id, section)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _records(frame: pd.DataFrame) -> str:
    clean = frame.astype(object).where(frame.notna(), None)
    return json.dumps(clean.to_dict("records"), ensure_ascii=False)


def _frame(section: str, text: str) -> pd.DataFrame:
    records = json.loads(text)
    columns = [c.name for c in SCHEMAS[section]]
    frame = pd.DataFrame(records, columns=columns) if records else empty_section(section)
    clean, _ = normalize_section(section, frame)
    return clean


class Store:
    """A small repository of profiles over one SQLite file."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        return db

    # --- profiles -------------------------------------------------------------------
    def list_profiles(self) -> list[tuple[int, str]]:
        with closing(self._connect()) as db:
            return [(row[0], row[1]) for row in db.execute("SELECT id, name FROM profiles ORDER BY id")]

    def create(self, profile: Profile) -> int:
        """Save a new profile; its name is made unique with a number if taken."""
        names = {name for _, name in self.list_profiles()}
        name, n = profile.name.strip() or "Profile", 2
        base = name
        while name in names:
            name, n = f"{base} ({n})", n + 1
        now = time.time()
        with closing(self._connect()) as db, db:
            cursor = db.execute(
                "INSERT INTO profiles (name, settings, created, updated) VALUES (?, ?, ?, ?)",
                (name, json.dumps(profile.settings, ensure_ascii=False), now, now),
            )
            profile_id = int(cursor.lastrowid)
            for section in SECTIONS:
                db.execute(
                    "INSERT INTO sections (profile_id, section, records) VALUES (?, ?, ?)",
                    (profile_id, section, _records(profile.section(section))),
                )
            for extra, frame in profile.sections.items():
                if extra not in SECTIONS:
                    db.execute(
                        "INSERT INTO sections (profile_id, section, records) VALUES (?, ?, ?)",
                        (profile_id, extra, _records(frame)),
                    )
        return profile_id

    def load(self, profile_id: int) -> Profile:
        with closing(self._connect()) as db:
            row = db.execute("SELECT name, settings FROM profiles WHERE id = ?", (profile_id,)).fetchone()
            if row is None:
                raise KeyError(profile_id)
            sections = {
                section: _frame(section, records)
                for section, records in db.execute(
                    "SELECT section, records FROM sections WHERE profile_id = ?", (profile_id,)
                )
                if section in SCHEMAS
            }
        return Profile(name=row[0], sections=sections, settings=json.loads(row[1]))

    def version(self, profile_id: int) -> float | None:
        """When the profile last changed (None if it does not exist): a cheap cache key."""
        with closing(self._connect()) as db:
            row = db.execute("SELECT updated FROM profiles WHERE id = ?", (profile_id,)).fetchone()
        return None if row is None else row[0]

    def save_section(self, profile_id: int, section: str, frame: pd.DataFrame) -> None:
        with closing(self._connect()) as db, db:
            db.execute(
                "INSERT INTO sections (profile_id, section, records) VALUES (?, ?, ?) "
                "ON CONFLICT(profile_id, section) DO UPDATE SET records = excluded.records",
                (profile_id, section, _records(frame)),
            )
            db.execute("UPDATE profiles SET updated = ? WHERE id = ?", (time.time(), profile_id))

    def save_settings(self, profile_id: int, settings: dict) -> None:
        with closing(self._connect()) as db, db:
            db.execute(
                "UPDATE profiles SET settings = ?, updated = ? WHERE id = ?",
                (json.dumps(settings, ensure_ascii=False), time.time(), profile_id),
            )

    def rename(self, profile_id: int, name: str) -> None:
        with closing(self._connect()) as db, db:
            db.execute("UPDATE profiles SET name = ? WHERE id = ?", (name.strip(), profile_id))

    def delete(self, profile_id: int) -> None:
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM profiles WHERE id = ?", (profile_id,))

    # --- small settings: which profile was open last ----------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with closing(self._connect()) as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with closing(self._connect()) as db, db:
            db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
