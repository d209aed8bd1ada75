"""AppTest of the storage's page-level promises: Undo says what it takes back before and
after (and never empties a table whose earlier version was pruned); the recovery page
offers only backups that can be restored, with their profile counts, asks before a
replacement with fewer profiles, and treats a database only in use as not broken; a
database the user made read-only is read, never changed, and said on every page."""

import datetime as dt
import hashlib
import sqlite3
import stat
import time
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.profiles.profile import Profile, normalize_section
from core.profiles.store import Store, default_db_path
from tests.fixtures.app import open_page

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAY_PLANNER_DATA", str(tmp_path))
    return tmp_path


def debts(n: int) -> pd.DataFrame:
    rows = [{"name": f"贷款{i}", "principal": 1000 * (i + 1), "rate": 18, "months": 12} for i in range(n)]
    return normalize_section("debts", pd.DataFrame(rows))[0]


def own_profile(name="我的家", **sections) -> int:
    store = Store(default_db_path())
    pid = store.create(Profile(name=name, sections=sections))
    store.set_meta("active_profile", str(pid))
    return pid


def texts(at) -> list[str]:
    out = []
    for kind in ("markdown", "caption", "info", "success", "warning", "error", "title", "subheader"):
        out += [str(e.value) for e in getattr(at, kind)]
    return out


def profile_count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT count(*) FROM profiles").fetchone()[0]


def hhmm(stamp: float) -> str:
    return dt.datetime.fromtimestamp(stamp).strftime("%H:%M")


def test_undo_says_what_it_takes_back_before_and_after_and_on_which_page():
    pid = own_profile(debts=debts(2))
    store = Store(default_db_path())
    store.save_section(pid, "debts", debts(3))  # saved on the Debts page
    saved = store.history(pid)[0].saved
    at = open_page("app_pages/worksheet.py", "en")  # the user is on another page
    before = f"the change to the “Debts” table saved {hhmm(saved)} (3 rows → 2 rows)"
    assert at.button(key="profile.undo").help == "Undo takes back: " + before
    assert any(before in c and "on the “Debts” page, not the one open" in c for c in texts(at)), texts(at)
    at.button(key="profile.undo").click().run()
    assert not at.exception
    assert len(store.load(pid).section("debts")) == 2
    assert any(
        f"Took back the change to the “Debts” table saved at {hhmm(saved)} (3 rows → 2 rows)" in s.value
        for s in at.success
    ), texts(at)
    assert any("undone" in str(t.value) for t in at.toast)


def test_undo_on_the_tables_own_page_does_not_send_the_user_elsewhere():
    pid = own_profile(debts=debts(1))
    Store(default_db_path()).save_section(pid, "debts", debts(2))
    at = open_page("app_pages/debts.py", "zh")
    caption = next(c for c in texts(at) if "撤销将退回" in c)
    assert "“债务”表" in caption and "2 行 → 1 行" in caption and "不是现在打开的这一页" not in caption


def test_undo_after_pruning_says_nothing_is_kept_and_leaves_the_table():
    pid = own_profile(worksheet=normalize_section("worksheet", pd.DataFrame([{"category": "工资", "amount": 1}]))[0])
    store = Store(default_db_path())
    for amount in (2, 3):
        store.save_section(pid, "worksheet", normalize_section("worksheet", pd.DataFrame(
            [{"category": "工资", "amount": amount}, {"category": "房租", "amount": 9}]))[0])  # fmt: skip
    with closing(sqlite3.connect(default_db_path())) as db, db:  # pruned: an old profile's earlier saves went
        db.execute("DELETE FROM revisions WHERE section = 'worksheet' AND rev < 3")
    at = open_page("app_pages/worksheet.py", "en")
    button = at.button(key="profile.undo")
    assert button.disabled and "Nothing kept to go back to" in button.help
    assert any("Nothing kept to go back to" in c and "Income & expenses" in c for c in texts(at))
    assert store.load(pid).section("worksheet")["amount"].tolist() == [3.0, 9.0]  # nothing emptied


def test_a_second_undo_waits_when_something_else_was_saved_after_the_user_looked():
    pid = own_profile(debts=debts(1))
    store = Store(default_db_path())
    store.save_section(pid, "debts", debts(2))
    at = open_page("app_pages/debts.py", "en")  # shows: Undo takes back the Debts change
    case = normalize_section("case", pd.DataFrame([{"full_name": "Li Hua"}]))[0]
    store.save_section(pid, "case", case)  # saved meanwhile in another tab, on another page
    at.button(key="profile.undo").click().run()
    assert not at.exception
    assert any("Not undone: another change was saved since" in w.value for w in at.warning), texts(at)
    assert (
        len(store.load(pid).section("debts")) == 2 and store.load(pid).section("case").iloc[0]["full_name"] == "Li Hua"
    )


def _broken_with_backups(data_dir: Path) -> Path:
    good = Store(default_db_path())
    pid = good.create(Profile(name="保存过的"))
    good.set_meta("active_profile", str(pid))
    backup = good.backup()
    time.sleep(0.01)
    cut = good.backup_dir / f"{default_db_path().stem}-29990101-000000-000000-daily.sqlite3"
    cut.write_bytes(b"")  # the process was killed while backing up (an older version's name)
    default_db_path().write_bytes(b"garbage" * 500)
    return backup


def test_an_interrupted_backup_is_not_offered_and_the_good_one_restores(data_dir):
    _broken_with_backups(data_dir)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.segmented_control(key="app.lang").set_value("en").run()
    assert not at.exception
    assert any("1 profile" in m.value for m in at.markdown), texts(at)
    assert any("cannot be restored: empty (0 bytes)" in c for c in texts(at))
    assert [b.key for b in at.button if str(b.key).startswith("rec.restore.")] == ["rec.restore.0"]
    at.button(key="rec.restore.0").click().run()
    assert not at.exception
    assert any("Restored" in s.value and "1 profile" in s.value for s in at.success)
    assert [name for _, name in Store(default_db_path()).list_profiles()] == ["保存过的"]


def test_replacing_with_fewer_profiles_is_asked_first(data_dir):
    store = Store(default_db_path())
    store.create(Profile(name="一"))
    store.backup()
    store.create(Profile(name="二"))
    with closing(sqlite3.connect(default_db_path())) as db:  # a newer version's file: not opened, still readable
        db.execute("PRAGMA user_version = 99")
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.segmented_control(key="app.lang").set_value("en").run()
    at.button(key="rec.restore.0").click().run()
    assert not at.exception
    assert any("now holds 2 profiles" in w.value and "holds only 1 profile" in w.value for w in at.warning)
    assert profile_count(default_db_path()) == 2  # untouched
    at.button(key="rec.confirm_no").click().run()
    assert not any("now holds" in w.value for w in at.warning)
    at.button(key="rec.fresh").click().run()
    assert any("after starting afresh there will be none" in w.value for w in at.warning)
    at.button(key="rec.confirm_yes").click().run()
    assert not at.exception
    assert any("A new, empty data file was started" in s.value for s in at.success)
    assert Store(default_db_path()).list_profiles() == []
    kept = [p for p in data_dir.iterdir() if p.name.startswith("profiles.sqlite3.kept-")]
    assert len(kept) == 1 and profile_count(kept[0]) == 2


def test_a_database_only_in_use_offers_to_try_again_and_starting_afresh_loses_nothing(data_dir, monkeypatch):
    import core.profiles.store

    monkeypatch.setattr(core.profiles.store, "BUSY_TIMEOUT", 0.2)
    path = default_db_path()
    store = Store(path)
    pid = store.create(Profile(name="在用"))
    store.save_section(pid, "debts", debts(2))  # the last saved edit
    with closing(sqlite3.connect(path)) as db:  # another program switched it back to a rollback journal ...
        db.execute("PRAGMA journal_mode = DELETE")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # ... and holds it: not even reading is possible
    holder.execute("UPDATE profiles SET name = 'half-done'")
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.segmented_control(key="app.lang").set_value("en").run()
        assert not at.exception
        assert any("in use by another program" in e.value for e in at.error)
        assert any("only in use, not damaged" in i.value for i in at.info)
        assert at.button(key="rec.retry").proto.type == "primary"
        at.button(key="rec.fresh").click().run()  # the user starts afresh all the same
        assert any("could not be counted" in w.value for w in at.warning)
        at.button(key="rec.confirm_yes").click().run()
        assert not at.exception
        assert any("A new, empty data file was started" in s.value for s in at.success)
    finally:
        holder.execute("ROLLBACK")  # the other program gives up its half-done change
        holder.close()
    names = {p.name for p in data_dir.iterdir()}
    (aside,) = [n for n in names if n.startswith("profiles.sqlite3.kept-") and not n.endswith("-journal")]
    assert f"{aside}-journal" in names  # its rollback journal was kept beside it, not deleted
    kept = Store(data_dir / aside, backups=False)
    assert kept.list_profiles() == [(pid, "在用")] and len(kept.load(pid).section("debts")) == 2  # nothing lost


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_read_only_database_is_read_said_on_every_page_and_never_changed(data_dir):
    pid = own_profile(name="只读的家", debts=debts(2))
    path = default_db_path()
    path.chmod(0o444)
    before = _sha256(path)
    at = open_page("app_pages/debts.py", "en")
    assert any("read-only, so nothing can be written" in w.value for w in at.warning)
    assert at.button(key="rec.use")  # a way to copy the data where it can be changed
    assert at.selectbox(key="profile.pick.en").value == str(pid)  # the user's own profile is open ...
    assert "只读的家" in at.text_input(key=f"profile.name.{pid}").value  # ... and read from the file
    assert "profile.undo" not in [b.key for b in at.button]  # nothing offered that would not be saved
    at.text_input(key=f"profile.name.{pid}").input("改名").run()  # a change: refused in plain words
    assert not at.exception
    assert any("NOT saved" in e.value and "read-only" in e.value for e in at.error), texts(at)
    for page in ("app_pages/worksheet.py", "app_pages/history.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert any("read-only, so nothing can be written" in w.value for w in at.warning), page
    assert stat.S_IMODE(path.stat().st_mode) == 0o444 and _sha256(path) == before
    assert dict(Store(path).list_profiles())[pid] == "只读的家"


def test_restoring_a_moment_whose_version_was_pruned_leaves_that_table_and_says_so():
    rows = [{"category": "工资", "direction": "income", "amount": 9000}]
    pid = own_profile(worksheet=normalize_section("worksheet", pd.DataFrame(rows))[0])
    store = Store(default_db_path())
    store.save_section(pid, "worksheet", normalize_section("worksheet", pd.DataFrame(rows * 2))[0])
    store.save_section(pid, "worksheet", normalize_section("worksheet", pd.DataFrame(rows * 3))[0])
    with closing(sqlite3.connect(default_db_path())) as db, db:  # two hours of history, the early part pruned
        db.execute("UPDATE revisions SET saved = saved - 7200 WHERE NOT (section = 'worksheet' AND rev = 3)")
        db.execute("DELETE FROM revisions WHERE section = 'worksheet' AND rev < 3")
    moment = dt.datetime.now() - dt.timedelta(hours=1)
    at = open_page("app_pages/history.py", "en")
    at.date_input(key="hist.day").set_value(moment.date())
    at.time_input(key="hist.time").set_value(moment.time().replace(second=0, microsecond=0))
    at.button(key="hist.restore_all").click().run()
    assert not at.exception
    assert any("Left as they are" in w.value and "Income & expenses" in w.value for w in at.warning), texts(at)
    assert len(store.load(pid).section("worksheet")) == 3  # not emptied
