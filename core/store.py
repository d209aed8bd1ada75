"""Profiles kept in an embedded SQLite database, saved on every change, with every saved
revision kept so a change can be undone and a profile restored as it was.

Where: the user's data directory (platformdirs) unless REPAY_PLANNER_DB (a file) or
REPAY_PLANNER_DATA (a folder) says otherwise. The folder is created 0700 and the
database 0600 (readable by this user alone); backups go to ``backups/`` beside it.

What is kept (the history policy, also in the README):
- every save of a section is a revision (append-only); the current state is the newest;
- undo writes the revision before the last change as a new revision (nothing is erased);
- pruning keeps, per profile section, the newest ``KEEP_RECENT`` revisions and every
  revision younger than ``KEEP_ALL_DAYS`` days; older ones are thinned to the last of
  each day, and those older than ``KEEP_DAYS`` days go;
- a backup of the whole database (SQLite's online backup API) is written when the app
  first opens it each day and before a schema migration; the newest ``BACKUPS_KEPT``
  are kept.

Writes are transactions, so a crash loses nothing saved. A save names the revision it
was based on; if another tab or window saved the section since, the save is refused
(``StaleWrite``) and ``save_merged`` combines the two (core.merge).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from platformdirs import user_data_dir

from core.merge import Conflict, merge
from core.money import round_money, to_decimal
from core.profile import SCHEMAS, SECTIONS, Profile, clean_name, empty_section, normalize_section, unique_name

DB_ENV = "REPAY_PLANNER_DB"
DATA_ENV = "REPAY_PLANNER_DATA"
SCHEMA_VERSION = 1
KEEP_RECENT = 100
KEEP_ALL_DAYS = 30
KEEP_DAYS = 365
BACKUPS_KEPT = 10
BACKUP_EVERY_SECONDS = 24 * 3600
DB_NAME = "profiles.sqlite3"


def default_db_path() -> Path:
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    folder = os.environ.get(DATA_ENV) or user_data_dir("repay-planner", appauthor=False)
    return Path(folder).expanduser() / DB_NAME


class StoreError(Exception):
    """The database cannot be used. ``code`` is an i18n key saying what happened and what
    to do (store.readonly, store.corrupt, store.empty_file, store.unavailable, store.newer)."""

    def __init__(self, code: str, path: Path | None = None):
        self.code = code
        self.path = path
        super().__init__(code)


# What a database operation may raise: said to the user in plain words (save_error_code).
STORE_ERRORS = (StoreError, sqlite3.Error, OSError)


class StaleWrite(Exception):
    """The section was saved elsewhere after the revision this save was based on."""

    def __init__(self, current_rev: int):
        self.current_rev = current_rev
        super().__init__(f"section is at revision {current_rev}")


@dataclass(frozen=True)
class Revision:
    id: int
    section: str
    rev: int
    saved: float
    kind: str  # "create", "edit", "undo", "restore", "conflict" (a version kept, not applied)
    rows: int


@dataclass
class MergeOutcome:
    rev: int
    merged: bool = False  # another tab had saved in between; the two were combined
    conflicts: list[Conflict] = field(default_factory=list)
    kept_id: int | None = None  # the revision holding this side's whole version


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

# Version 1: a revision number per section and the append-only history.
_MIGRATIONS = {
    1: """
ALTER TABLE sections ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;
CREATE TABLE revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    rev INTEGER NOT NULL,
    records TEXT NOT NULL,
    saved REAL NOT NULL,
    kind TEXT NOT NULL DEFAULT 'edit',
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX revisions_by_section ON revisions (profile_id, section, rev);
INSERT INTO revisions (profile_id, section, rev, records, saved, kind)
    SELECT s.profile_id, s.section, s.rev, s.records, p.updated, 'create'
    FROM sections s JOIN profiles p ON p.id = s.profile_id;
""",
}


def _exact(value, kind: str) -> str:
    """A money or number cell as exact decimal text ("1234.50"), never a binary float."""
    return str(round_money(value)) if kind == "money" else format(to_decimal(value).normalize(), "f")


def _records(section: str, frame: pd.DataFrame) -> str:
    """A section as stored: JSON records, amounts and rates as exact decimal text (a value
    stored by an older version as a JSON number reads back the same)."""
    numeric = {c.name: c.kind for c in SCHEMAS[section] if c.kind in ("money", "number")}
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for row in rows:
        for name, kind in numeric.items():
            if row.get(name) is not None:
                row[name] = _exact(row[name], kind)
    return json.dumps(rows, ensure_ascii=False)


def _frame(section: str, text: str) -> pd.DataFrame:
    records = json.loads(text)
    columns = [c.name for c in SCHEMAS[section]]
    frame = pd.DataFrame(records, columns=columns) if records else empty_section(section)
    clean, _ = normalize_section(section, frame)
    return clean


def _private_folder(folder: Path, ours: bool = True) -> None:
    """Create the folder 0700; one of the app's own (not a folder the user named) is also
    made private if an older version left it readable by others."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
    elif ours and folder.stat().st_mode & 0o077:
        os.chmod(folder, 0o700)


def _own_folder(path: Path) -> bool:
    """Whether the database's folder is the app's own default one (no folder was named)."""
    return not os.environ.get(DB_ENV) and not os.environ.get(DATA_ENV) and path.parent.name == "repay-planner"


def _private_file(path: Path) -> None:
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    elif path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)  # written by an older version with the default 0644


class Store:
    """A small repository of profiles over one SQLite file."""

    def __init__(self, path: Path | str | None = None, backups: bool = True):
        self.path = Path(path) if path else default_db_path()
        self.backup_dir = self.path.parent / "backups"
        existed = self.path.exists()
        try:
            _private_folder(self.path.parent, ours=_own_folder(self.path))
            if existed and self.path.stat().st_size == 0:
                raise StoreError("store.empty_file", self.path)
            _private_file(self.path)
            if not os.access(self.path, os.W_OK) or not os.access(self.path.parent, os.W_OK):
                raise StoreError("store.readonly", self.path)
            with closing(self._connect()) as db:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
                version = db.execute("PRAGMA user_version").fetchone()[0]
                db.execute("PRAGMA journal_mode = WAL")  # kept in the file: set once
            if version > SCHEMA_VERSION:
                raise StoreError("store.newer", self.path)
            if existed and version < SCHEMA_VERSION and backups:
                self.backup("migration")
            self._migrate(version)
            if backups:
                self._daily_backup()
        except StoreError:
            raise
        except sqlite3.DatabaseError as exc:
            raise StoreError(_error_code(exc), self.path) from None
        except OSError:
            raise StoreError("store.unavailable", self.path) from None

    def check(self) -> None:
        """Raise StoreError if the database stopped being usable since it was opened (its
        file turned read-only, or went away): cheap, for every run of the app."""
        if not self.path.exists():
            raise StoreError("store.unavailable", self.path)
        if not os.access(self.path, os.W_OK) or not os.access(self.path.parent, os.W_OK):
            raise StoreError("store.readonly", self.path)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE) so that two processes
        never interleave a read-check-write."""
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _migrate(self, version: int) -> None:
        with self._write() as db:
            if version == 0:
                for statement in _SCHEMA.strip().split(";\n"):
                    if statement.strip():
                        db.execute(statement)
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _MIGRATIONS[target].strip().split(";\n"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {target}")

    # --- backups ----------------------------------------------------------------------
    def backups(self) -> list[Path]:
        """Backups of this database, newest first."""
        if not self.backup_dir.is_dir():
            return []
        return sorted(self.backup_dir.glob(f"{self.path.stem}-*.sqlite3"), reverse=True)

    def backup(self, reason: str = "daily") -> Path:
        """A consistent copy of the whole database (SQLite's online backup API)."""
        _private_folder(self.backup_dir)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.backup_dir / f"{self.path.stem}-{stamp}-{reason}.sqlite3"
        _private_file(target)
        with closing(sqlite3.connect(self.path)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
        for old in self.backups()[BACKUPS_KEPT:]:
            old.unlink(missing_ok=True)
        return target

    def _daily_backup(self) -> None:
        newest = self.backups()
        if newest and time.time() - newest[0].stat().st_mtime < BACKUP_EVERY_SECONDS:
            return
        with closing(self._connect()) as db:
            if not db.execute("SELECT 1 FROM profiles LIMIT 1").fetchone():
                return  # nothing to keep yet
        self.backup("daily")
        self.prune()

    # --- profiles -------------------------------------------------------------------
    def list_profiles(self) -> list[tuple[int, str]]:
        with closing(self._connect()) as db:
            return [(row[0], row[1]) for row in db.execute("SELECT id, name FROM profiles ORDER BY id")]

    def create(self, profile: Profile) -> int:
        """Save a new profile; its name is made unique with a number if taken (checked and
        inserted in one transaction, so two processes creating at once both succeed)."""
        base = clean_name(profile.name) or "Profile"
        now = time.time()
        with self._write() as db:
            name = unique_name(base, {row[0] for row in db.execute("SELECT name FROM profiles")})
            cursor = db.execute(
                "INSERT INTO profiles (name, settings, created, updated) VALUES (?, ?, ?, ?)",
                (name, json.dumps(profile.settings, ensure_ascii=False), now, now),
            )
            profile_id = int(cursor.lastrowid)
            for section in SECTIONS:
                records = _records(section, profile.section(section))
                db.execute(
                    "INSERT INTO sections (profile_id, section, records, rev) VALUES (?, ?, ?, 1)",
                    (profile_id, section, records),
                )
                db.execute(
                    "INSERT INTO revisions (profile_id, section, rev, records, saved, kind) "
                    "VALUES (?, ?, 1, ?, ?, 'create')",
                    (profile_id, section, records, now),
                )
        return profile_id

    def load(self, profile_id: int) -> Profile:
        with closing(self._connect()) as db:
            row = db.execute("SELECT name, settings FROM profiles WHERE id = ?", (profile_id,)).fetchone()
            if row is None:
                raise KeyError(profile_id)
            sections, revs = {}, {}
            for section, records, rev in db.execute(
                "SELECT section, records, rev FROM sections WHERE profile_id = ?", (profile_id,)
            ):
                if section in SCHEMAS:
                    sections[section] = _frame(section, records)
                    revs[section] = rev
        return Profile(name=row[0], sections=sections, settings=json.loads(row[1]), revs=revs)

    def version(self, profile_id: int) -> float | None:
        """When the profile last changed (None if it does not exist): a cheap cache key."""
        with closing(self._connect()) as db:
            row = db.execute("SELECT updated FROM profiles WHERE id = ?", (profile_id,)).fetchone()
        return None if row is None else row[0]

    def section_rev(self, profile_id: int, section: str) -> int:
        with closing(self._connect()) as db:
            row = db.execute(
                "SELECT rev FROM sections WHERE profile_id = ? AND section = ?", (profile_id, section)
            ).fetchone()
        return 0 if row is None else row[0]

    def _put(self, db, profile_id: int, section: str, records: str, kind: str, base_rev: int | None) -> int:
        row = db.execute(
            "SELECT rev FROM sections WHERE profile_id = ? AND section = ?", (profile_id, section)
        ).fetchone()
        current = 0 if row is None else row[0]
        if base_rev is not None and base_rev != current:
            raise StaleWrite(current)
        rev = current + 1
        now = time.time()
        db.execute(
            "INSERT INTO sections (profile_id, section, records, rev) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(profile_id, section) DO UPDATE SET records = excluded.records, rev = excluded.rev",
            (profile_id, section, records, rev),
        )
        db.execute(
            "INSERT INTO revisions (profile_id, section, rev, records, saved, kind) VALUES (?, ?, ?, ?, ?, ?)",
            (profile_id, section, rev, records, now, kind),
        )
        # updated only ever grows, even if the clock steps back: it is the cache key
        db.execute("UPDATE profiles SET updated = max(updated + 1e-6, ?) WHERE id = ?", (now, profile_id))
        return rev

    def save_section(
        self, profile_id: int, section: str, frame: pd.DataFrame, base_rev: int | None = None, kind: str = "edit"
    ) -> int:
        """Save a section as a new revision and return its number. With ``base_rev`` (the
        revision the change was made from), raises StaleWrite if another save came first."""
        with self._write() as db:
            return self._put(db, profile_id, section, _records(section, frame), kind, base_rev)

    def save_merged(
        self, profile_id: int, section: str, mine: pd.DataFrame, base: pd.DataFrame, base_rev: int
    ) -> MergeOutcome:
        """Save this side's change; if the section was saved elsewhere since ``base_rev``,
        apply the change to the newer version cell by cell (core.merge). Clashing cells
        keep the newer value, and this side's whole version is kept as a revision of kind
        "conflict" that the user can restore from the history."""
        for _ in range(5):
            try:
                return MergeOutcome(self.save_section(profile_id, section, mine, base_rev))
            except StaleWrite as stale:
                theirs = self.load(profile_id).section(section)
                merged, conflicts = merge(base, mine, theirs)
                merged, _ = normalize_section(section, merged)
                try:
                    with self._write() as db:
                        rev = self._put(db, profile_id, section, _records(section, merged), "edit", stale.current_rev)
                        kept = None
                        if conflicts:
                            cursor = db.execute(
                                "INSERT INTO revisions (profile_id, section, rev, records, saved, kind) "
                                "VALUES (?, ?, ?, ?, ?, 'conflict')",
                                (profile_id, section, rev, _records(section, mine), time.time()),
                            )
                            kept = int(cursor.lastrowid)
                    return MergeOutcome(rev, True, conflicts, kept)
                except StaleWrite:
                    continue  # saved again in between: merge against that
        raise StaleWrite(self.section_rev(profile_id, section))

    def rename(self, profile_id: int, name: str) -> str:
        """Rename; the name is cleaned and compared as stored. Raises ValueError("taken")."""
        name = clean_name(name)
        if not name:
            raise ValueError("empty")
        with self._write() as db:
            taken = db.execute("SELECT 1 FROM profiles WHERE name = ? AND id != ?", (name, profile_id)).fetchone()
            if taken:
                raise ValueError("taken")
            db.execute("UPDATE profiles SET name = ? WHERE id = ?", (name, profile_id))
        return name

    def delete(self, profile_id: int) -> None:
        with self._write() as db:
            db.execute("DELETE FROM profiles WHERE id = ?", (profile_id,))

    # --- history ----------------------------------------------------------------------
    def history(self, profile_id: int, limit: int = 200) -> list[Revision]:
        """The profile's saved revisions, newest first (the first creation left out)."""
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT id, section, rev, saved, kind, json_array_length(records) FROM revisions "
                "WHERE profile_id = ? AND kind != 'create' ORDER BY id DESC LIMIT ?",
                (profile_id, limit),
            ).fetchall()
        return [Revision(*r) for r in rows]

    def revision_frame(self, profile_id: int, revision_id: int) -> tuple[str, pd.DataFrame]:
        with closing(self._connect()) as db:
            row = db.execute(
                "SELECT section, records FROM revisions WHERE id = ? AND profile_id = ?", (revision_id, profile_id)
            ).fetchone()
        if row is None:
            raise KeyError(revision_id)
        return row[0], _frame(row[0], row[1])

    def undo(self, profile_id: int) -> Revision | None:
        """Take back the newest change not yet undone: its section goes back to the
        revision before it (written as a new revision). Returns the change undone."""
        with self._write() as db:
            last = _last_undoable(db, profile_id)
            if last is None:
                return None
            before = db.execute(
                "SELECT records FROM revisions WHERE profile_id = ? AND section = ? AND rev < ? "
                "AND kind != 'conflict' ORDER BY rev DESC, id DESC LIMIT 1",
                (profile_id, last.section, last.rev),
            ).fetchone()
            records = before[0] if before else _records(last.section, empty_section(last.section))
            self._put(db, profile_id, last.section, records, "undo", None)
            db.execute("UPDATE revisions SET undone = 1 WHERE id = ?", (last.id,))
        return last

    def last_undoable(self, profile_id: int) -> Revision | None:
        """The change Undo would take back (None: nothing to undo)."""
        with closing(self._connect()) as db:
            return _last_undoable(db, profile_id)

    def can_undo(self, profile_id: int) -> bool:
        return self.last_undoable(profile_id) is not None

    def restore_revision(self, profile_id: int, revision_id: int) -> int:
        """Make one kept revision (of one section) the current one again."""
        section, frame = self.revision_frame(profile_id, revision_id)
        return self.save_section(profile_id, section, frame, kind="restore")

    def restore_to(self, profile_id: int, when: float) -> list[str]:
        """Put the whole profile back as it was at ``when`` (a timestamp): each section
        whose content differs gets that content as a new revision. Returns the sections."""
        changed = []
        with self._write() as db:
            for section in SECTIONS:
                then = db.execute(
                    "SELECT records FROM revisions WHERE profile_id = ? AND section = ? AND saved <= ? "
                    "AND kind != 'conflict' ORDER BY id DESC LIMIT 1",
                    (profile_id, section, when),
                ).fetchone()
                now = db.execute(
                    "SELECT records FROM sections WHERE profile_id = ? AND section = ?", (profile_id, section)
                ).fetchone()
                records = then[0] if then else _records(section, empty_section(section))
                if now is None or _records(section, _frame(section, now[0])) != _records(
                    section, _frame(section, records)
                ):
                    self._put(db, profile_id, section, records, "restore", None)
                    changed.append(section)
        return changed

    def prune(self, now: float | None = None) -> int:
        """Apply the history policy (module docstring). Returns how many revisions went."""
        now = time.time() if now is None else now
        gone = 0
        with self._write() as db:
            keys = db.execute("SELECT DISTINCT profile_id, section FROM revisions").fetchall()
            for profile_id, section in keys:
                rows = db.execute(
                    "SELECT id, saved, rev FROM revisions WHERE profile_id = ? AND section = ? ORDER BY id DESC",
                    (profile_id, section),
                ).fetchall()
                current = db.execute(
                    "SELECT rev FROM sections WHERE profile_id = ? AND section = ?", (profile_id, section)
                ).fetchone()
                drop, days_seen = [], set()
                for index, (rid, saved, rev) in enumerate(rows):
                    age_days = (now - saved) / 86400
                    if index < KEEP_RECENT or age_days < KEEP_ALL_DAYS or (current and rev == current[0]):
                        continue
                    day = dt.date.fromtimestamp(saved)
                    if age_days >= KEEP_DAYS or day in days_seen:
                        drop.append((rid,))
                    else:
                        days_seen.add(day)  # newest first: the last revision of each day stays
                db.executemany("DELETE FROM revisions WHERE id = ?", drop)
                gone += len(drop)
        return gone

    # --- small settings: which profile was open last ----------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with closing(self._connect()) as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def _last_undoable(db: sqlite3.Connection, profile_id: int) -> Revision | None:
    row = db.execute(
        "SELECT id, section, rev, saved, kind, json_array_length(records) FROM revisions WHERE profile_id = ? "
        "AND kind IN ('edit', 'restore') AND undone = 0 ORDER BY id DESC LIMIT 1",
        (profile_id,),
    ).fetchone()
    return None if row is None else Revision(*row)


def _error_code(exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return "store.readonly"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "store.corrupt"
    if "disk is full" in text or "database or disk is full" in text:
        return "store.full"
    if "locked" in text or "busy" in text:
        return "store.locked"
    return "store.unavailable"


def save_error_code(exc: BaseException) -> str:
    """The plain-words message key for a failed save (sqlite3.Error or OSError)."""
    if isinstance(exc, StoreError):
        return exc.code
    if isinstance(exc, sqlite3.Error):
        return _error_code(exc)
    return "store.unavailable"


def replace_database(path: Path, backup: Path | None) -> Path | None:
    """Move a broken database aside (kept, never deleted) and put a backup in its place,
    or leave no file so that a new, empty database is made. Returns where the broken one went."""
    aside = None
    if path.exists():
        aside = path.with_name(f"{path.name}.broken-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}")
        path.rename(aside)
        for extra in ("-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
    if backup is not None:
        _private_file(path)
        with closing(sqlite3.connect(backup)) as source, closing(sqlite3.connect(path)) as target:
            source.backup(target)
    return aside
