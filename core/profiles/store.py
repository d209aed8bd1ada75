"""Profiles kept in an embedded SQLite database, saved on every change, with every saved
revision kept so a change can be undone and a profile restored as it was.

Where: the user's data directory (platformdirs) unless REPAY_PLANNER_DB (a file) or
REPAY_PLANNER_DATA (a folder) says otherwise. The folder is created 0700 and the
database 0600 (readable by this user alone); backups go to ``backups/`` beside it.
A database the user made read-only (no write permission for its owner, or its folder
not writable) is respected: never chmod-ed, opened read-only (no journal switch, no
migration, no backup or pruning), its profiles readable and every write refused
(``StoreError("store.ro")``).

What is kept (the history policy, also in docs/trust.md):
- every save of a section is a revision (append-only); the current state is the newest;
- undo writes the revision before the last change as a new revision (nothing is erased);
- pruning keeps, per profile section, the newest ``KEEP_RECENT`` revisions and every
  revision younger than ``KEEP_ALL_DAYS`` days; older ones are thinned to the last of
  each day, and those older than ``KEEP_DAYS`` days go;
- a backup of the whole database (SQLite's online backup API) is written when the app
  first opens it each day and before a schema migration, under a temporary name renamed
  into place once complete (a backup cut short never looks like one); the newest
  ``BACKUPS_KEPT`` usable ones are kept. Every backup is checked (it opens, passes
  SQLite's quick_check, holds the profiles table) before it is offered for restoring;
- undo takes back one change only when the version before it is still kept (never an
  empty table in its place), and says which table, when, and rows before and after.

A database is replaced (restoring a backup, starting afresh) only by moving all its files
aside together (the database with its ``-wal``, ``-shm`` and ``-journal``), never deleting
one, and never by one holding fewer profiles unless the caller says the user agreed.

Writes are transactions, so a crash loses nothing saved. A save names the revision it
was based on; if another tab or window saved the section since, the save is refused
(``StaleWrite``) and ``save_merged`` combines the two (core.profiles.merge).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from platformdirs import user_data_dir

from core.blank import records as cell_records
from core.loans.money import round_money, to_decimal
from core.profiles.merge import Conflict, merge
from core.profiles.profile import SCHEMAS, SECTIONS, Profile, clean_name, empty_section, normalize_section, unique_name

DB_ENV = "REPAY_PLANNER_DB"
DATA_ENV = "REPAY_PLANNER_DATA"
SCHEMA_VERSION = 1
KEEP_RECENT = 100
KEEP_ALL_DAYS = 30
KEEP_DAYS = 365
BACKUPS_KEPT = 10
BACKUP_EVERY_SECONDS = 24 * 3600
DB_NAME = "profiles.sqlite3"
BUSY_TIMEOUT = 10.0  # seconds a write waits for another program's lock before saying so
# The files SQLite keeps beside a database while it is in use: they belong to it.
COMPANIONS = ("-wal", "-shm", "-journal")


def default_db_path() -> Path:
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    folder = os.environ.get(DATA_ENV) or user_data_dir("repay-planner", appauthor=False)
    return Path(folder).expanduser() / DB_NAME


class StoreError(Exception):
    """The database cannot be used. ``code`` is an i18n key saying what happened and what
    to do (store.readonly, store.corrupt, store.empty_file, store.unavailable, store.newer,
    store.locked, store.full; store.ro: a write to a database opened read-only;
    store.backup_bad: a backup that cannot be restored)."""

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


@dataclass(frozen=True)
class UndoStep:
    """What Undo takes back: one change, and the table's rows now and before it."""

    change: Revision
    rows_now: int
    rows_before: int | None  # None: the version before the change is no longer kept

    @property
    def possible(self) -> bool:
        return self.rows_before is not None

    @property
    def section(self) -> str:
        return self.change.section

    @property
    def saved(self) -> float:
        return self.change.saved


class CannotUndo(Exception):
    """Undo was refused, nothing changed. ``reason``: "not_kept" (the version before the
    change was pruned from the history) or "moved" (another change became the newest
    since the user was shown what Undo would take back); ``step`` is the newest change."""

    def __init__(self, reason: str, step: UndoStep):
        self.reason = reason
        self.step = step
        super().__init__(reason)


@dataclass(frozen=True)
class BackupInfo:
    """A file in backups/ named like a backup, as checked before it is offered."""

    path: Path
    saved: float
    size: int
    profiles: int | None  # how many profiles it holds (None: it cannot be restored)
    problem: str | None = None  # why not: "empty", "damaged", "foreign", "newer"

    @property
    def usable(self) -> bool:
        return self.problem is None


class FewerProfiles(Exception):
    """Replacing the database would leave fewer profiles than it holds now: refused unless
    the user agreed (``replace_database(..., allow_fewer=True)``). Nothing was changed."""

    def __init__(self, current: int, incoming: int):
        self.current = current
        self.incoming = incoming
        super().__init__(f"{current} profiles now, {incoming} after")


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
    rows = cell_records(frame)
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


def _owner_writable(path: Path) -> bool:
    """Whether the user lets this file or folder be written: its owner's write permission
    (which root would ignore, but the user meant it) and this process's own access."""
    info = path.stat()
    if (info.st_uid == os.geteuid() or os.geteuid() == 0) and not info.st_mode & stat.S_IWUSR:
        return False
    return os.access(path, os.W_OK)


def _is_read_only(path: Path) -> bool:
    """A database the user made read-only: the file, or the folder its journal goes in."""
    return not (_owner_writable(path) and _owner_writable(path.parent))


def _private_folder(folder: Path, ours: bool = True) -> None:
    """Create the folder 0700; one of the app's own (not a folder the user named) is also
    made private if an older version left it readable by others (never one the user made
    read-only: that is left as it is)."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
    elif ours and folder.stat().st_mode & 0o077 and _owner_writable(folder):
        os.chmod(folder, 0o700)


def _own_folder(path: Path) -> bool:
    """Whether the database's folder is the app's own default one (no folder was named)."""
    return not os.environ.get(DB_ENV) and not os.environ.get(DATA_ENV) and path.parent.name == "repay-planner"


def _private_file(path: Path) -> None:
    """Create the file 0600, or make it so if an older version left it 0644; a file not
    writable by its owner (made read-only by the user) is never touched."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    elif path.stat().st_mode & 0o077 and path.stat().st_mode & stat.S_IWUSR:
        os.chmod(path, 0o600)  # written by an older version with the default 0644


def _read_only_uri(path: Path) -> str:
    """An SQLite URI that opens the database without writing anything: read-only, and
    immutable (no lock or shared-memory file made beside it) when no write-ahead log holds
    changes not yet in the file, nor a rollback journal says a write is under way; with
    either it is opened read-only with SQLite's locks (mode=ro), which reads the log too."""
    logs = (Path(f"{path}-wal"), Path(f"{path}-journal"))
    pending = any(log.exists() and log.stat().st_size > 0 for log in logs)
    return Path(path).absolute().as_uri() + ("?mode=ro" if pending else "?mode=ro&immutable=1")


def connect_read_only(path: Path, timeout: float = 1.0) -> sqlite3.Connection:
    """A connection that can only read the database, and writes nothing beside it."""
    db = sqlite3.connect(_read_only_uri(path), uri=True, timeout=timeout, isolation_level=None)
    db.execute("PRAGMA query_only = ON")
    return db


def inspect_database(path: Path, check: bool = True) -> tuple[int | None, str | None]:
    """A look at a database file that writes nothing: (how many profiles it holds, why
    it cannot be restored or None). The reasons: "empty", "damaged", "foreign", "locked"
    (no count then), "newer" (counted). ``check`` also runs SQLite's quick_check."""
    try:
        if path.stat().st_size == 0:
            return None, "empty"
        with closing(connect_read_only(path)) as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if check and [row[0] for row in db.execute("PRAGMA quick_check")] != ["ok"]:
                return None, "damaged"
            if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'profiles'").fetchone():
                return None, "foreign"
            count = int(db.execute("SELECT count(*) FROM profiles").fetchone()[0])
            return count, "newer" if version > SCHEMA_VERSION else None
    except sqlite3.Error as exc:
        return None, "locked" if _error_code(exc) == "store.locked" else "damaged"
    except OSError:
        return None, "damaged"


def count_profiles(path: Path) -> int | None:
    """How many profiles the database holds, if it can be read at all (None otherwise)."""
    return inspect_database(path, check=False)[0] if path.exists() else None


def backup_files(db_path: Path) -> list[Path]:
    """Files in backups/ named like backups of this database, newest first (unchecked)."""
    folder = db_path.parent / "backups"
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite3"), reverse=True)


def inspect_backup(path: Path) -> BackupInfo:
    info = path.stat()
    profiles, problem = inspect_database(path)
    return BackupInfo(path, info.st_mtime, info.st_size, profiles, problem)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Every file named like a backup of this database, newest first, each checked: one
    that is empty, damaged, not this app's, or from a newer version is marked unusable."""
    out = []
    for path in backup_files(db_path):
        try:
            out.append(inspect_backup(path))
        except OSError:
            continue  # gone in the meantime
    return out


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # a folder on a system that cannot fsync one: the rename is still atomic
    finally:
        os.close(fd)


def _set_aside(path: Path, label: str, companions_only: bool = False) -> Path:
    """Move the database and the files SQLite keeps beside it to one new name, together
    (a write-ahead log holds saved changes not yet in the file: it is never deleted).
    Returns the new name of the database."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while any(Path(f"{aside}{extra}").exists() for extra in ("", *COMPANIONS)):
        n += 1
        aside = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    if path.exists() and not companions_only:
        path.rename(aside)  # first: a stray log of a missing database is set aside on opening
    for extra in COMPANIONS:
        companion = Path(f"{path}{extra}")
        if companion.exists():
            companion.rename(f"{aside}{extra}")
    return aside


class Store:
    """A small repository of profiles over one SQLite file."""

    read_only = False  # opened read-only: the user made the file (or its folder) so

    def __init__(self, path: Path | str | None = None, backups: bool = True):
        self.path = Path(path) if path else default_db_path()
        self.backup_dir = self.path.parent / "backups"
        existed = self.path.exists()
        try:
            _private_folder(self.path.parent, ours=_own_folder(self.path))
            if existed and self.path.stat().st_size == 0:
                raise StoreError("store.empty_file", self.path)
            self.read_only = _is_read_only(self.path) if existed else not _owner_writable(self.path.parent)
            if self.read_only:
                self._open_read_only(existed)
                return
            if not self.path.exists() and any(Path(f"{self.path}{extra}").exists() for extra in COMPANIONS):
                # the log of a database moved away (cut short between renames): kept, and
                # never read into, nor deleted by, the new database made here
                _set_aside(self.path, "orphan", companions_only=True)
            _private_file(self.path)
            with closing(self._connect()) as db:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
                version = db.execute("PRAGMA user_version").fetchone()[0]
                db.execute("PRAGMA journal_mode = WAL")  # kept in the file: set once
            if version > SCHEMA_VERSION:
                raise StoreError("store.newer", self.path)
            if existed and version < SCHEMA_VERSION and backups:
                self.backup("migration")
            if version < SCHEMA_VERSION:  # no write (nor wait for another program's lock) otherwise
                self._migrate(version)
            if backups:
                self._daily_backup()
        except StoreError:
            raise
        except sqlite3.DatabaseError as exc:
            raise StoreError(_error_code(exc), self.path) from None
        except OSError:
            raise StoreError("store.unavailable", self.path) from None

    def _open_read_only(self, existed: bool) -> None:
        """Open a database the user made read-only without writing to it or its folder."""
        if not existed:
            raise StoreError("store.readonly", self.path)  # nothing to read, and no way to make it
        with closing(self._connect()) as db:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError("store.newer", self.path)
        if version < SCHEMA_VERSION:
            raise StoreError("store.readonly", self.path)  # an older layout: reading it needs a migration

    def mode_changed(self) -> bool:
        """Whether the file was made read-only, or writable again, since it was opened (the
        store is then to be opened afresh): cheap, for every run of the app."""
        try:
            return _is_read_only(self.path) != self.read_only
        except OSError:
            return False  # gone: check() says so

    def check(self) -> None:
        """Raise StoreError if the database stopped being usable since it was opened (it
        went away): cheap, for every run of the app."""
        if not self.path.exists():
            raise StoreError("store.unavailable", self.path)

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            db = connect_read_only(self.path, timeout=BUSY_TIMEOUT)
        else:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE) so that two processes
        never interleave a read-check-write. Refused at once on a read-only database."""
        if self.read_only:
            raise StoreError("store.ro", self.path)
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
        """Files named like backups of this database, newest first (unchecked: see
        ``backup_list`` for which can be restored)."""
        return backup_files(self.path)

    def backup_list(self) -> list[BackupInfo]:
        """Backups of this database, newest first, each checked (``BackupInfo.usable``)."""
        return list_backups(self.path)

    def backup(self, reason: str = "daily") -> Path:
        """A consistent copy of the whole database (SQLite's online backup API), written
        under a temporary name and renamed into place once complete and on disk: a backup
        cut short (the process killed) never looks like a backup."""
        _private_folder(self.backup_dir)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.backup_dir / f"{self.path.stem}-{stamp}-{reason}.sqlite3"
        partial = self.backup_dir / f".{target.name}.part"
        _private_file(partial)
        try:
            with closing(self._connect()) as source, closing(sqlite3.connect(partial, isolation_level=None)) as copy:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one file, complete in itself
            _fsync(partial)
            os.replace(partial, target)
            _fsync(self.backup_dir)
        finally:
            partial.unlink(missing_ok=True)
        self._drop_old_backups()
        return target

    def _drop_old_backups(self) -> None:
        """Keep the newest BACKUPS_KEPT usable backups; older files named like backups go,
        and so do pieces of backups cut short more than an hour ago."""
        infos = self.backup_list()
        usable = [b for b in infos if b.usable]
        if len(usable) > BACKUPS_KEPT:
            oldest_kept = usable[BACKUPS_KEPT - 1].path.name
            for info in infos:
                if info.path.name < oldest_kept:
                    info.path.unlink(missing_ok=True)
        for piece in self.backup_dir.glob(f".{self.path.stem}-*.part"):
            try:
                if time.time() - piece.stat().st_mtime > 3600:
                    piece.unlink(missing_ok=True)
            except OSError:
                continue

    def _daily_backup(self) -> None:
        usable = [b for b in self.backup_list() if b.usable]
        if usable and time.time() - usable[0].saved < BACKUP_EVERY_SECONDS:
            return
        with closing(self._connect()) as db:
            if not db.execute("SELECT 1 FROM profiles LIMIT 1").fetchone():
                return  # nothing to keep yet
        self.backup("daily")
        try:
            self.prune()
        except sqlite3.OperationalError as exc:
            if _error_code(exc) != "store.locked":
                raise  # another program holds the database: the history is thinned next time

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
        apply the change to the newer version cell by cell (core.profiles.merge). Clashing cells
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

    def first_saved(self, profile_id: int) -> float | None:
        """When the profile's oldest revision still kept was saved (its creation included):
        the earliest moment the whole profile can be put back to."""
        with closing(self._connect()) as db:
            return db.execute("SELECT min(saved) FROM revisions WHERE profile_id = ?", (profile_id,)).fetchone()[0]

    def revision_frame(self, profile_id: int, revision_id: int) -> tuple[str, pd.DataFrame]:
        with closing(self._connect()) as db:
            row = db.execute(
                "SELECT section, records FROM revisions WHERE id = ? AND profile_id = ?", (revision_id, profile_id)
            ).fetchone()
        if row is None:
            raise KeyError(revision_id)
        return row[0], _frame(row[0], row[1])

    def undo(self, profile_id: int, expected: int | None = None) -> UndoStep | None:
        """Take back the newest change not yet undone: its section goes back to the version
        just before it (written as a new revision). Returns what was taken back (None:
        nothing to undo). Raises CannotUndo, changing nothing, if that version is no longer
        kept (pruned: the table is never emptied in its place) or if ``expected`` (the
        revision id the user was shown) is no longer the newest change."""
        with self._write() as db:
            step = _undo_step(db, profile_id)
            if step is None:
                return None
            if expected is not None and step.change.id != expected:
                raise CannotUndo("moved", step)
            if not step.possible:
                raise CannotUndo("not_kept", step)
            before = _version_before(db, profile_id, step.change)
            self._put(db, profile_id, step.section, before[0], "undo", None)
            db.execute("UPDATE revisions SET undone = 1 WHERE id = ?", (step.change.id,))
        return step

    def undo_step(self, profile_id: int) -> UndoStep | None:
        """What Undo would take back, and whether it can (None: nothing to undo)."""
        with closing(self._connect()) as db:
            return _undo_step(db, profile_id)

    def last_undoable(self, profile_id: int) -> Revision | None:
        """The change Undo would take back (None: nothing to undo)."""
        with closing(self._connect()) as db:
            return _last_undoable(db, profile_id)

    def can_undo(self, profile_id: int) -> bool:
        step = self.undo_step(profile_id)
        return step is not None and step.possible

    def restore_revision(self, profile_id: int, revision_id: int) -> int:
        """Make one kept revision (of one section) the current one again."""
        section, frame = self.revision_frame(profile_id, revision_id)
        return self.save_section(profile_id, section, frame, kind="restore")

    def not_kept_at(self, profile_id: int, when: float) -> list[str]:
        """Sections whose content at ``when`` is no longer kept (pruned from the history):
        restore_to leaves them as they are."""
        with closing(self._connect()) as db:
            return [s for s in SECTIONS if _state_at(db, profile_id, s, when) is _NOT_KEPT]

    def restore_to(self, profile_id: int, when: float) -> list[str]:
        """Put the whole profile back as it was at ``when`` (a timestamp): each section
        whose content differs gets that content as a new revision. Returns the sections.
        A section whose content then is no longer kept (``not_kept_at``) is left alone;
        one made only after ``when`` is emptied (it did not exist then)."""
        changed = []
        with self._write() as db:
            for section in SECTIONS:
                then = _state_at(db, profile_id, section, when)
                if then is _NOT_KEPT:
                    continue
                now = db.execute(
                    "SELECT records FROM sections WHERE profile_id = ? AND section = ?", (profile_id, section)
                ).fetchone()
                records = then if then is not None else _records(section, empty_section(section))
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


def _version_before(db: sqlite3.Connection, profile_id: int, change: Revision) -> tuple[str, int] | None:
    """The section as it was just before the change (its revision number less one, which
    every save numbers one up), or None if pruning took it: never an older one, which would
    take back more than this one change."""
    return db.execute(
        "SELECT records, json_array_length(records) FROM revisions WHERE profile_id = ? AND section = ? "
        "AND rev = ? AND kind != 'conflict' ORDER BY id DESC LIMIT 1",
        (profile_id, change.section, change.rev - 1),
    ).fetchone()


def _undo_step(db: sqlite3.Connection, profile_id: int) -> UndoStep | None:
    change = _last_undoable(db, profile_id)
    if change is None:
        return None
    now = db.execute(
        "SELECT json_array_length(records) FROM sections WHERE profile_id = ? AND section = ?",
        (profile_id, change.section),
    ).fetchone()
    before = _version_before(db, profile_id, change)
    return UndoStep(change, now[0] if now else 0, None if before is None else before[1])


_NOT_KEPT = object()


def _state_at(db: sqlite3.Connection, profile_id: int, section: str, when: float):
    """The section's records as saved at ``when``; None if it was made only after then;
    _NOT_KEPT if the revisions that would say are pruned."""
    then = db.execute(
        "SELECT records FROM revisions WHERE profile_id = ? AND section = ? AND saved <= ? "
        "AND kind != 'conflict' ORDER BY id DESC LIMIT 1",
        (profile_id, section, when),
    ).fetchone()
    if then is not None:
        return then[0]
    first = db.execute(
        "SELECT min(rev) FROM revisions WHERE profile_id = ? AND section = ? AND kind != 'conflict'",
        (profile_id, section),
    ).fetchone()[0]
    return None if first in (None, 1) else _NOT_KEPT


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


def move_to_folder(path: Path, folder: Path) -> Path:
    """The database to use in another folder, the user's way out when this one cannot be
    used or is read-only: the folder is made (private); the data comes along when it can
    still be read (a read-only file can) and the folder holds no database yet; the new one
    is opened once, so a folder where it cannot be made or used says why (StoreError).
    The folder ``path`` is already in is refused (OSError)."""
    target = folder / DB_NAME
    if target.resolve() == path.resolve():
        raise OSError(0, "")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.exists() and path.stat().st_size and not target.exists():
        try:
            with closing(connect_read_only(path)) as source:
                target.touch(mode=0o600)
                with closing(sqlite3.connect(target)) as copy:
                    source.backup(copy)
        except sqlite3.Error:
            target.unlink(missing_ok=True)
    Store(target)  # opens (and makes) it, or says why not
    return target


def replace_database(path: Path, backup: Path | None, allow_fewer: bool = False, label: str = "broken") -> Path | None:
    """Move a database aside (kept, never deleted: with its write-ahead log and the other
    files SQLite keeps beside it, renamed together) and put a backup in its place, or
    leave no file so that a new, empty database is made. Returns where the old one went.

    The backup is checked first (StoreError "store.backup_bad" if it cannot be restored).
    If the database can still be read and holds more profiles than what replaces it,
    FewerProfiles is raised and nothing changes, unless ``allow_fewer`` (the user agreed)."""
    incoming = 0
    if backup is not None:
        info = inspect_backup(backup)
        if not info.usable:
            raise StoreError("store.backup_bad", backup)
        incoming = info.profiles or 0
    current = None if allow_fewer else count_profiles(path)
    if current is not None and current > incoming:
        raise FewerProfiles(current, incoming)
    exists = path.exists() or any(Path(f"{path}{extra}").exists() for extra in COMPANIONS)
    aside = _set_aside(path, label) if exists else None
    if backup is not None:
        _private_file(path)
        with closing(connect_read_only(backup)) as source, closing(sqlite3.connect(path)) as target:
            source.backup(target)
    return aside
