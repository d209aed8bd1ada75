"""The profile store: revisions, stale writes, undo and restore, history pruning, backups,
migrations from an older database, private files, and plain failures."""

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.loans.money import MAX_CENTS
from core.profiles.editing import apply_edits
from core.profiles.profile import SCHEMAS, Profile, normalize_section
from core.profiles.store import KEEP_RECENT, SCHEMA_VERSION, StaleWrite, Store, StoreError, replace_database
from tests.fixtures.profiles import profiles
from tests.helpers import frames_equal

ROOT = Path(__file__).parent.parent


def worksheet(*amounts):
    rows = [{"category": f"c{i}", "amount": a} for i, a in enumerate(amounts)]
    return normalize_section("worksheet", pd.DataFrame(rows))[0]


def amounts(store, pid):
    return store.load(pid).section("worksheet")["amount"].tolist()


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "data" / "profiles.sqlite3")


def test_files_are_private(tmp_path):
    store = Store(tmp_path / "data" / "profiles.sqlite3")
    store.create(Profile(name="p"))
    store.backup()
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.backup_dir.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(b.stat().st_mode) == 0o600 for b in store.backups())


def test_a_stale_save_is_refused_and_merged_cell_by_cell(store):
    pid = store.create(Profile(name="p", sections={"worksheet": worksheet(100, 200)}))
    shown = store.load(pid)  # both tabs show revision 1
    base, rev = shown.section("worksheet"), shown.rev("worksheet")
    tab_a = base.copy()
    tab_a.loc[0, "amount"] = 111.0
    assert store.save_section(pid, "worksheet", tab_a, base_rev=rev) == rev + 1
    tab_b = base.copy()
    tab_b.loc[1, "amount"] = 222.0
    with pytest.raises(StaleWrite):
        store.save_section(pid, "worksheet", tab_b, base_rev=rev)
    outcome = store.save_merged(pid, "worksheet", tab_b, base, rev)
    assert outcome.merged and outcome.conflicts == []
    assert amounts(store, pid) == [111.0, 222.0]  # neither edit lost


def test_a_clash_keeps_the_newer_value_and_this_sides_whole_version(store):
    pid = store.create(Profile(name="p", sections={"worksheet": worksheet(100, 200)}))
    shown = store.load(pid)
    base, rev = shown.section("worksheet"), shown.rev("worksheet")
    newer = base.copy()
    newer.loc[0, "amount"] = 111.0
    store.save_section(pid, "worksheet", newer, base_rev=rev)
    mine = base.copy()
    mine.loc[0, "amount"] = 999.0
    outcome = store.save_merged(pid, "worksheet", mine, base, rev)
    assert [(c.row, c.column) for c in outcome.conflicts] == [(1, "amount")]
    assert amounts(store, pid) == [111.0, 200.0]
    kept = store.history(pid)[0]
    assert kept.kind == "conflict" and kept.id == outcome.kept_id
    store.restore_revision(pid, kept.id)  # the user decides theirs should win after all
    assert amounts(store, pid) == [999.0, 200.0]


def test_undo_steps_back_one_change_at_a_time_across_tables(store):
    pid = store.create(Profile(name="p", sections={"worksheet": worksheet(1)}))
    store.save_section(pid, "worksheet", worksheet(2))
    store.save_section(pid, "worksheet", worksheet(3))
    debts = normalize_section("debts", pd.DataFrame([{"name": "借呗", "principal": 5000, "rate": 18, "months": 12}]))[0]
    store.save_section(pid, "debts", debts)
    assert store.undo(pid).section == "debts" and store.load(pid).section("debts").empty
    assert store.undo(pid).section == "worksheet" and amounts(store, pid) == [2.0]
    assert store.undo(pid).section == "worksheet" and amounts(store, pid) == [1.0]
    assert store.undo(pid) is None and not store.can_undo(pid)
    assert amounts(store, pid) == [1.0]


def test_restore_the_whole_profile_as_it_was_at_a_moment(store):
    pid = store.create(Profile(name="p", sections={"worksheet": worksheet(1)}))
    store.save_section(pid, "worksheet", worksheet(2))
    time.sleep(0.05)
    moment = time.time()
    time.sleep(0.05)
    store.save_section(pid, "worksheet", worksheet(3))
    store.save_section(pid, "debts", normalize_section("debts", pd.DataFrame([{"name": "x", "principal": 1, "rate": 1, "months": 1}]))[0])  # fmt: skip
    assert sorted(store.restore_to(pid, moment)) == ["debts", "worksheet"]
    assert amounts(store, pid) == [2.0] and store.load(pid).section("debts").empty
    assert store.restore_to(pid, moment) == []  # already so
    store.undo(pid)  # a restore can be undone like any change
    assert not store.load(pid).section("debts").empty and amounts(store, pid) == [2.0]


def test_pruning_keeps_recent_saves_and_one_a_day_of_older_ones(store):
    pid = store.create(Profile(name="p"))
    for i in range(KEEP_RECENT + 30):
        store.save_section(pid, "worksheet", worksheet(i + 1))
    now = time.time()
    with closing(sqlite3.connect(store.path)) as db, db:  # make the first 60 saves old: 40 days ago, 2 a day
        ids = [
            r[0] for r in db.execute("SELECT id FROM revisions WHERE section='worksheet' AND kind='edit' ORDER BY id")
        ]
        for k, rid in enumerate(ids[:60]):
            db.execute("UPDATE revisions SET saved = ? WHERE id = ?", (now - (70 - k // 2) * 86400, rid))
    gone = store.prune(now)
    with closing(sqlite3.connect(store.path)) as db:
        left = db.execute("SELECT count(*) FROM revisions WHERE section='worksheet'").fetchone()[0]
    assert gone > 0 and left >= KEEP_RECENT
    assert amounts(store, pid) == [float(KEEP_RECENT + 30)]  # the current state is never pruned


OLD_SCHEMA = """
CREATE TABLE profiles (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,
    settings TEXT NOT NULL DEFAULT '{}', created REAL NOT NULL, updated REAL NOT NULL);
CREATE TABLE sections (profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    section TEXT NOT NULL, records TEXT NOT NULL, PRIMARY KEY (profile_id, section));
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def test_an_older_database_opens_in_this_version_with_a_backup_first(tmp_path):
    path = tmp_path / "profiles.sqlite3"
    with closing(sqlite3.connect(path)) as db, db:  # as version 0.1 wrote it
        db.executescript(OLD_SCHEMA)
        db.execute("INSERT INTO profiles (name, settings, created, updated) VALUES ('旧档案', '{}', 1, 1)")
        db.execute(
            "INSERT INTO sections VALUES (1, 'worksheet', ?)",
            (json.dumps([{"category": "工资", "direction": "income", "amount": 9000.0}], ensure_ascii=False),),
        )
    store = Store(path)
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.list_profiles() == [(1, "旧档案")]
    assert amounts(store, 1) == [9000.0]
    assert any("migration" in b.name for b in store.backups())
    store.save_section(1, "worksheet", worksheet(1))
    store.undo(1)
    assert amounts(store, 1) == [9000.0]  # the migrated state is the first revision


@pytest.mark.parametrize(
    "content,code",
    [(b"", "store.empty_file"), (b"this is not a database at all" * 100, "store.corrupt")],
)
def test_a_broken_database_says_what_happened(tmp_path, content, code):
    path = tmp_path / "profiles.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError) as problem:
        Store(path)
    assert problem.value.code == code


def test_a_database_from_a_newer_version_is_not_touched(tmp_path):
    path = tmp_path / "profiles.sqlite3"
    Store(path).create(Profile(name="p"))
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="store.newer"):
        Store(path)


def test_restore_from_a_backup_keeps_the_broken_file(tmp_path):
    path = tmp_path / "profiles.sqlite3"
    good = Store(path)
    good.create(Profile(name="kept"))
    backup = good.backup()
    path.write_bytes(b"garbage" * 1000)
    aside = replace_database(path, backup)
    assert aside.read_bytes().startswith(b"garbage")
    assert [name for _, name in Store(path).list_profiles()] == ["kept"]


def _readonly_run(code: str) -> subprocess.CompletedProcess:
    """Run code with no way to write a file its mode forbids, even as root (setpriv drops
    the capability that lets root ignore permissions)."""
    command = [sys.executable, "-c", code]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot make a file read-only")
        caps = "-dac_override,-dac_read_search"
        command = ["setpriv", "--bounding-set", caps, "--inh-caps", caps, *command]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_a_read_only_database_is_said_plainly_and_nothing_is_shown_as_saved(tmp_path):
    folder = tmp_path / "data"
    path = folder / "profiles.sqlite3"
    pid = Store(path).create(Profile(name="p", sections={"worksheet": worksheet(100)}))
    path.chmod(0o400)
    folder.chmod(0o500)
    try:
        # Opened read-only: the data can be read, and a save is refused in plain words.
        result = _readonly_run(
            "from core.profiles.store import Store, StoreError\n"
            f"s = Store({str(path)!r})\n"
            f"print(s.read_only, s.load({pid}).section('worksheet')['amount'].tolist())\n"
            f"try:\n    s.set_meta('lang', 'en')\nexcept StoreError as e:\n    print(e.code)\n"
        )
        assert result.stdout.split("\n")[:2] == ["True [Decimal('100.00')]", "store.ro"], result.stderr
        # A database that turns read-only while in use: the save fails, nothing changes.
        result = _readonly_run(
            "import sqlite3\nfrom core.profiles.store import Store, save_error_code\nimport pandas as pd\n"
            "from core.profiles.profile import normalize_section\n"
            f"s = Store.__new__(Store); s.path = __import__('pathlib').Path({str(path)!r})\n"
            "frame = normalize_section('worksheet', pd.DataFrame([{'category': 'x', 'amount': 1}]))[0]\n"
            f"try:\n    s.save_section({pid}, 'worksheet', frame)\nexcept Exception as e:\n    print(save_error_code(e))\n"
        )
        assert result.stdout.strip() in ("store.readonly", "store.unavailable"), result.stderr
    finally:
        folder.chmod(0o700)
        path.chmod(0o600)
    assert amounts(Store(path), pid) == [100.0]


def test_rename_compares_names_as_stored(store):
    a = store.create(Profile(name="家"))
    b = store.create(Profile(name="Other"))
    with pytest.raises(ValueError, match="taken"):
        store.rename(b, "家 ")
    assert store.rename(b, "  新名字\x0b ") == "新名字"
    assert store.create(Profile(name=" 家 ")) != a and dict(store.list_profiles())[a] == "家"


_CREATE = """
import sys, time
from core.profiles.profile import Profile
from core.profiles.store import Store
store = Store(sys.argv[1], backups=False)
start = float(sys.argv[2])
while time.time() < start:
    time.sleep(0.001)
for _ in range(10):
    store.create(Profile(name="我的档案"))
"""


def test_two_processes_creating_at_once_both_succeed_with_unique_names(tmp_path):
    path = tmp_path / "profiles.sqlite3"
    Store(path)
    start = str(time.time() + 1.5)
    procs = [
        subprocess.Popen([sys.executable, "-c", _CREATE, str(path), start], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for proc in procs:
        assert proc.wait(timeout=60) == 0, proc.stderr.read()
    names = [name for _, name in Store(path).list_profiles()]
    assert len(names) == 20 and len(set(names)) == 20


def test_the_apps_own_folder_left_open_by_an_older_version_is_made_private(tmp_path, monkeypatch):
    monkeypatch.delenv("REPAY_PLANNER_DB", raising=False)
    monkeypatch.delenv("REPAY_PLANNER_DATA", raising=False)
    own = tmp_path / "repay-planner"
    Store(own / "profiles.sqlite3").create(Profile(name="p"))
    own.chmod(0o755)  # as an older version left them
    (own / "profiles.sqlite3").chmod(0o644)
    Store(own / "profiles.sqlite3")
    assert stat.S_IMODE(own.stat().st_mode) == 0o700
    assert stat.S_IMODE((own / "profiles.sqlite3").stat().st_mode) == 0o600
    named = tmp_path / "Documents"  # a folder the user named is left as it is
    named.mkdir(mode=0o755)
    named.chmod(0o755)
    monkeypatch.setenv("REPAY_PLANNER_DATA", str(named))
    Store(named / "profiles.sqlite3")
    assert stat.S_IMODE(named.stat().st_mode) == 0o755


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_profile_sqlite_round_trip_is_lossless(tmp_path_factory, profile):
    store = Store(tmp_path_factory.mktemp("db") / "p.sqlite3")
    pid = store.create(profile)
    back = store.load(pid)
    for section in SCHEMAS:
        assert frames_equal(profile.section(section), back.section(section)), section


def test_store_survives_reopen_and_keeps_profiles_apart(tmp_path):
    path = tmp_path / "p.sqlite3"
    store = Store(path)
    frame, _ = normalize_section("worksheet", pd.DataFrame([{"category": "rent", "amount": 3000}]))
    a = store.create(Profile("家", {"worksheet": frame}))
    b = store.create(Profile("家"))
    assert [name for _, name in store.list_profiles()] == ["家", "家 (2)"]
    edited = apply_edits(frame, {"edited_rows": {0: {"amount": 3200.0}}})
    store.save_section(a, "worksheet", normalize_section("worksheet", edited)[0])
    reopened = Store(path)
    assert reopened.load(a).section("worksheet")["amount"].tolist() == [3200.0]
    assert reopened.load(b).section("worksheet").empty


# --- issue 24: nothing saved is lost by starting afresh, a backup, undo or a read-only file ---


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_file()}


def test_starting_afresh_on_a_locked_database_keeps_its_last_saved_edit(tmp_path):
    path = tmp_path / "profiles.sqlite3"
    store = Store(path, backups=False)
    pid = store.create(Profile(name="p", sections={"worksheet": worksheet(100)}))
    holder = sqlite3.connect(path, isolation_level=None)  # another program with the database open
    holder.execute("SELECT count(*) FROM profiles").fetchone()
    store.save_section(pid, "worksheet", worksheet(555))  # the last saved edit, still in the -wal
    holder.execute("BEGIN IMMEDIATE")  # ... which now holds the write lock
    try:
        assert Path(f"{path}-wal").stat().st_size > 0
        aside = replace_database(path, None, allow_fewer=True, label="kept")
        assert {f"{aside.name}-wal", f"{aside.name}-shm"} <= _files(tmp_path)  # moved together, none deleted
        with closing(sqlite3.connect(aside)) as copy:  # the kept-aside copy, read with its log
            (records,) = copy.execute("SELECT records FROM sections WHERE section = 'worksheet'").fetchone()
        assert json.loads(records)[0]["amount"] == "555.00"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert amounts(Store(aside, backups=False), pid) == [555.0]  # still there once the other program let go
    assert Store(path, backups=False).list_profiles() == []  # a new, empty database in its place


def test_starting_afresh_with_profiles_in_the_database_needs_the_users_word(tmp_path):
    from core.profiles.store import FewerProfiles

    path = tmp_path / "profiles.sqlite3"
    store = Store(path, backups=False)
    store.create(Profile(name="kept"))
    backup = store.backup()
    store.create(Profile(name="newer"))
    for replacement in (None, backup):
        with pytest.raises(FewerProfiles) as fewer:
            replace_database(path, replacement)
        assert (fewer.value.current, fewer.value.incoming) == (2, 0 if replacement is None else 1)
        assert len(Store(path, backups=False).list_profiles()) == 2  # nothing changed
    replace_database(path, backup, allow_fewer=True)
    assert [name for _, name in Store(path, backups=False).list_profiles()] == ["kept"]


def _backup_killed_midway(path: Path) -> subprocess.CompletedProcess:
    """Back the database up in another process that dies (os._exit) after the first page."""
    code = (
        "import os, sqlite3, sys\n"
        "import core.profiles.store as cs\n"
        "class Dying(sqlite3.Connection):\n"
        "    def backup(self, target, **kw):\n"
        "        super().backup(target, pages=1, progress=lambda *a: os._exit(9))\n"
        "class Shim:\n"
        "    def __getattr__(self, name):\n"
        "        return getattr(sqlite3, name)\n"
        "    def connect(self, *a, **kw):\n"
        "        return sqlite3.connect(*a, factory=Dying, **kw)\n"
        "cs.sqlite3 = Shim()\n"
        f"cs.Store({str(path)!r}, backups=False).backup()\n"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_a_backup_killed_midway_never_looks_like_a_backup(tmp_path):
    path = tmp_path / "profiles.sqlite3"
    store = Store(path, backups=False)
    store.create(Profile(name="p", sections={"worksheet": worksheet(*range(1, 400))}))
    assert _backup_killed_midway(path).returncode == 9
    assert store.backups() == []  # nothing named like a backup: the piece has a temporary name
    assert store.backup().name.endswith("-daily.sqlite3")  # the next one is made as usual
    assert [b.profiles for b in store.backup_list()] == [1]


def test_an_interrupted_or_damaged_backup_is_never_offered_nor_restored(tmp_path):
    from core.profiles.store import list_backups

    path = tmp_path / "profiles.sqlite3"
    store = Store(path, backups=False)
    store.create(Profile(name="kept"))
    good = store.backup()
    os.utime(good, (time.time() - 3 * 86400,) * 2)
    folder = store.backup_dir
    (folder / "profiles-29990101-000000-000000-daily.sqlite3").write_bytes(b"")  # cut short at once
    (folder / "profiles-29990101-000001-000000-daily.sqlite3").write_bytes(good.read_bytes()[:5000])  # midway
    (folder / "profiles-29990101-000002-000000-daily.sqlite3").write_bytes(b"not a database" * 400)
    found = list_backups(path)
    assert [(b.problem, b.profiles) for b in found] == [("damaged", None), ("damaged", None), ("empty", None),
                                                        (None, 1)]  # fmt: skip
    for bad in found[:3]:
        with pytest.raises(StoreError, match="store.backup_bad"):
            replace_database(path, bad.path, allow_fewer=True)
        assert [name for _, name in Store(path, backups=False).list_profiles()] == ["kept"]  # untouched
    Store(path)  # the daily backup is due: the damaged files, however new, do not count as one
    assert sum(b.usable for b in list_backups(path)) == 2


def _thinned(store, pid, section, keep_from_rev):
    with closing(sqlite3.connect(store.path)) as db, db:
        db.execute(
            "DELETE FROM revisions WHERE profile_id = ? AND section = ? AND rev < ?", (pid, section, keep_from_rev)
        )


def test_undo_never_empties_a_table_whose_earlier_versions_were_pruned(store):
    from core.profiles.store import CannotUndo

    pid = store.create(Profile(name="old", sections={"worksheet": worksheet(1)}))
    for i in range(KEEP_RECENT + 5):
        store.save_section(pid, "worksheet", worksheet(i + 2, 7))
    with closing(sqlite3.connect(store.path)) as db, db:  # a profile untouched for over a year
        db.execute("UPDATE revisions SET saved = saved - 400 * 86400")
    assert store.prune() > 0
    undone = 0
    with pytest.raises(CannotUndo) as refused:
        for _ in range(KEEP_RECENT + 10):
            assert store.undo(pid) is not None
            undone += 1
            assert not store.load(pid).section("worksheet").empty
    assert refused.value.reason == "not_kept" and not store.can_undo(pid)
    kept = amounts(store, pid)
    assert kept == [float(KEEP_RECENT + 6 - undone), 7.0]  # the oldest version still kept
    assert store.undo_step(pid).rows_before is None  # the sidebar says so instead


def test_undo_takes_back_one_change_only_even_when_the_history_was_thinned(store):
    from core.profiles.store import CannotUndo

    pid = store.create(Profile(name="p", sections={"worksheet": worksheet(1)}))
    store.save_section(pid, "worksheet", worksheet(2))
    store.save_section(pid, "worksheet", worksheet(3))
    with closing(sqlite3.connect(store.path)) as db, db:  # pruning kept the last save of that day only
        db.execute("DELETE FROM revisions WHERE section = 'worksheet' AND rev = 2")
    with pytest.raises(CannotUndo):
        store.undo(pid)  # the version just before is gone: going back to 1 would take back two changes
    assert amounts(store, pid) == [3.0]


def test_undo_says_what_it_takes_back_and_refuses_a_change_it_was_not_shown(store):
    from core.profiles.store import CannotUndo

    pid = store.create(Profile(name="p", sections={"worksheet": worksheet(1, 2)}))
    store.save_section(pid, "worksheet", worksheet(1, 2, 3))
    step = store.undo_step(pid)
    assert (step.section, step.rows_now, step.rows_before, step.possible) == ("worksheet", 3, 2, True)
    debts = normalize_section("debts", pd.DataFrame([{"name": "借呗", "principal": 5000, "rate": 18, "months": 12}]))[0]
    store.save_section(pid, "debts", debts)  # saved on another page after the user looked
    with pytest.raises(CannotUndo) as moved:
        store.undo(pid, expected=step.change.id)
    assert moved.value.reason == "moved" and moved.value.step.section == "debts"
    assert len(store.load(pid).section("debts")) == 1 and amounts(store, pid) == [1.0, 2.0, 3.0]
    done = store.undo(pid, expected=moved.value.step.change.id)
    assert (done.section, done.rows_now, done.rows_before) == ("debts", 1, 0)


def test_restoring_a_moment_leaves_a_table_whose_state_then_was_pruned(store):
    pid = store.create(Profile(name="p", sections={"worksheet": worksheet(1)}))
    store.save_section(pid, "worksheet", worksheet(2))
    moment = time.time()
    time.sleep(0.05)
    store.save_section(pid, "worksheet", worksheet(3))
    with closing(sqlite3.connect(store.path)) as db, db:
        db.execute("DELETE FROM revisions WHERE section = 'worksheet' AND rev < 3")
    assert store.not_kept_at(pid, moment) == ["worksheet"]
    assert store.restore_to(pid, moment) == []
    assert amounts(store, pid) == [3.0]  # not emptied


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_database_made_read_only_is_read_and_never_changed(tmp_path):
    folder = tmp_path / "data"
    path = folder / "profiles.sqlite3"
    pid = Store(path).create(Profile(name="p", sections={"worksheet": worksheet(100)}))
    path.chmod(0o444)
    before, files = _sha256(path), _files(folder)
    store = Store(path)
    assert store.read_only and store.list_profiles() == [(pid, "p")] and amounts(store, pid) == [100.0]
    with pytest.raises(StoreError, match="store.ro"):
        store.save_section(pid, "worksheet", worksheet(1))
    with pytest.raises(StoreError, match="store.ro"):
        store.set_meta("lang", "en")
    assert stat.S_IMODE(path.stat().st_mode) == 0o444 and _sha256(path) == before
    assert _files(folder) == files  # no log, no lock file, no backup written beside it
    assert not store.mode_changed()
    path.chmod(0o600)  # made writable again: the app opens it afresh
    assert store.mode_changed() and not Store(path).read_only


# --- money is exact from the reader to the household -------------------------------------
MONEY_CELLS = (  # every money column the loader reads, one row each
    ("worksheet", "amount", {"category": "rent", "direction": "expense", "kind": "fixed"}),
    ("assets", "value", {"name": "savings"}),
    ("buffers", "amount", {"name": "family"}),
    ("debts", "principal", {"name": "Card", "rate": 12, "months": 12, "first_month": "2027-01"}),
    ("plan", "contingency", {}),
    ("plan", "reserve", {}),
    ("agreed", "payment", {"debt": "Card", "months": 12}),
)


def _household_cents(h) -> dict:
    from core.loans.money import to_cents

    return {
        ("worksheet", "amount"): h.budget.fixed_expenses,
        ("assets", "value"): h.assets[0].value,
        ("buffers", "amount"): h.buffers[0].amount,
        ("debts", "principal"): to_cents(h.debts[0].principal),
        ("plan", "contingency"): h.plan_settings.contingency,
        ("plan", "reserve"): h.plan_settings.reserve,
        ("agreed", "payment"): h.agreed[0].payment,
    }


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cents=st.integers(min_value=0, max_value=MAX_CENTS), typed=st.booleans())
def test_any_amount_survives_store_workbook_and_loader_to_the_cent(tmp_path_factory, cents, typed):
    """0.00 .. MAX_AMOUNT with two decimals, typed in the table (text) or held as a number,
    is the same cents after normalize -> store -> reload -> workbook -> import -> loader."""
    from core.household.loader import load
    from core.profiles.workbook import profile_from_xlsx, profile_to_xlsx

    text = f"{cents // 100}.{cents % 100:02d}"
    principal = max(cents, 1)  # a debt of nothing is no debt
    rows: dict[str, dict] = {}
    for section, column, others in MONEY_CELLS:
        amount = principal if column == "principal" else cents
        typed_value = f"{amount // 100}.{amount % 100:02d}" if typed else Decimal(amount) / 100
        rows.setdefault(section, dict(others))[column] = typed_value
    sections = {}
    for section, row in rows.items():
        edited = apply_edits(pd.DataFrame(columns=[c.name for c in SCHEMAS[section]]), {"added_rows": [row]})
        sections[section], errors = normalize_section(section, edited)
        assert errors == []
    assert sections["worksheet"]["amount"].iloc[0] == Decimal(text) and str(sections["worksheet"]["amount"][0]) == text
    store = Store(tmp_path_factory.mktemp("db") / "p.sqlite3", backups=False)
    reloaded = store.load(store.create(Profile(name="money", sections=sections)))
    imported, errors = profile_from_xlsx(profile_to_xlsx(reloaded))
    assert errors == []
    for profile in (reloaded, imported):
        h, problems = load(profile)
        assert problems == []
        expected = {(s, c): principal if c == "principal" else cents for s, c, _ in MONEY_CELLS}
        assert _household_cents(h) == expected
        assert all(type(v) is Decimal for v in profile.section("worksheet")["amount"])


def test_amounts_an_older_version_stored_as_json_numbers_read_back_exact(store):
    """Databases written before amounts were exact text (JSON numbers, floats in frames)
    still open, every amount to the cent, as Decimal."""
    pid = store.create(Profile(name="old"))
    with closing(sqlite3.connect(store.path)) as db, db:
        db.execute(
            "UPDATE sections SET records = ? WHERE profile_id = ? AND section = 'worksheet'",
            ('[{"category": "rent", "amount": 1200.1}, {"category": "food", "amount": 0.07}]', pid),
        )
    assert amounts(store, pid) == [Decimal("1200.10"), Decimal("0.07")]
    assert [type(v) for v in amounts(store, pid)] == [Decimal, Decimal]


def test_another_data_folder_takes_a_copy_of_the_data_when_it_can_be_read(tmp_path):
    from core.profiles.store import DB_NAME, move_to_folder

    here = tmp_path / "data" / DB_NAME
    Store(here).create(Profile("家", {"worksheet": worksheet(100)}))
    target = move_to_folder(here, tmp_path / "elsewhere" / "deeper")
    assert target == tmp_path / "elsewhere" / "deeper" / DB_NAME
    moved = Store(target)
    assert [name for _, name in moved.list_profiles()] == ["家"]
    assert stat.S_IMODE((tmp_path / "elsewhere" / "deeper").stat().st_mode) == 0o700
    assert Store(here).list_profiles()  # the old file is left as it was
    # a folder that already holds a database keeps it; the same folder is refused
    Store(tmp_path / "other" / DB_NAME)
    assert move_to_folder(here, tmp_path / "other") == tmp_path / "other" / DB_NAME
    assert Store(tmp_path / "other" / DB_NAME).list_profiles() == []
    with pytest.raises(OSError):
        move_to_folder(here, tmp_path / "data")


def test_a_database_that_cannot_be_read_is_not_copied_and_the_new_folder_starts_empty(tmp_path):
    from core.profiles.store import DB_NAME, move_to_folder

    broken = tmp_path / "data" / DB_NAME
    broken.parent.mkdir()
    broken.write_bytes(b"not a database at all" * 100)
    target = move_to_folder(broken, tmp_path / "fresh")
    assert Store(target).list_profiles() == []


def test_first_saved_is_the_oldest_revision_kept_the_creation_included(store):
    pid = store.create(Profile("p"))
    assert store.history(pid) == []  # the creation is not listed as a change
    with closing(sqlite3.connect(store.path)) as db, db:
        db.execute("UPDATE revisions SET saved = 1000.0 WHERE profile_id = ?", (pid,))
    assert store.first_saved(pid) == 1000.0
    store.save_section(pid, "worksheet", pd.DataFrame({"category": ["工资"], "direction": ["income"], "amount": [1]}))
    assert store.first_saved(pid) == 1000.0 and store.first_saved(pid + 1) is None
