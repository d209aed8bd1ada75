"""AppTest of what must hold whatever happens: stale tabs merged, undo and history,
database failures said plainly (never shown as saved), crash-free sidebar actions, and
user text escaped wherever it meets Markdown, on every page."""

import re
import sqlite3
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from core.profiles.profile import Profile, normalize_section
from core.profiles.store import Store, default_db_path
from core.profiles.workbook import profile_from_xlsx
from tests.fixtures.app import open_page

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = sorted(p.name for p in (ROOT / "app_pages").glob("*.py"))


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAY_PLANNER_DATA", str(tmp_path))
    return tmp_path


def start(page="app_pages/overview.py", lang="en"):
    return open_page(page, lang)


def own_profile(**sections) -> int:
    sample, _ = profile_from_xlsx((ROOT / "sample_data" / "sample_household.xlsx").read_bytes())
    for name, rows in sections.items():
        sample.sections[name] = normalize_section(name, pd.DataFrame(rows))[0]
    sample.name = "我的家"
    store = Store(default_db_path())
    pid = store.create(sample)
    store.set_meta("active_profile", str(pid))
    return pid


# Options Streamlit shows as plain text (a select box's list), not as Markdown.
PLAIN_OPTIONS = {"selectbox", "multiselect"}
LABEL_FIELDS = {"label", "help", "caption", "captions", "options", "content"}


def _label_strings(message, kind: str, out: list[str]) -> None:
    for field, value in message.ListFields():
        if field.type == field.TYPE_MESSAGE:
            for item in value if field.is_repeated else [value]:
                if hasattr(item, "ListFields"):
                    _label_strings(item, kind, out)
        elif field.type == field.TYPE_STRING and field.name in LABEL_FIELDS:
            if field.name == "options" and kind in PLAIN_OPTIONS:
                continue
            out += list(value) if field.is_repeated else [value]


def labels(at) -> list[str]:
    """Every label Streamlit draws as Markdown: widget labels and tooltips, expander, tab
    and popover titles, page links, radio and button-group options and their captions."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            _label_strings(proto, getattr(node, "type", ""), out)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return out


def texts(at) -> list[str]:
    out = labels(at)
    for kind in ("markdown", "caption", "info", "success", "warning", "error", "title", "subheader", "header"):
        out += [str(e.value) for e in getattr(at, kind)]
    out += [str(e.label) for e in at.metric] + [str(e.label) for e in at.expander]
    out += [str(e.value) for e in at.toast]
    for table in at.table:  # plain tables: their cells are Markdown, as shown (display values)
        shown = pa.ipc.open_stream(table.proto.arrow_data.styler.display_values).read_all().to_pandas()
        out += [str(v) for v in shown.to_numpy().ravel()] + [str(c) for c in shown.columns]
    return out


def test_a_stale_tab_merges_its_change_and_a_clash_is_said(data_dir):
    pid = own_profile()
    tab_a = start("app_pages/readiness.py")
    tab_b = start("app_pages/readiness.py")  # opened at the same time: stale after A saves
    tab_a.text_input(key=f"rd.{pid}.full_name").input("Li Hua").run()
    tab_b.text_input(key=f"rd.{pid}.contact").input("138 0000 0000").run()
    case = Store(default_db_path()).load(pid).section("case").iloc[0]
    assert case["full_name"] == "Li Hua" and case["contact"] == "138 0000 0000"  # neither edit lost
    assert any("another tab" in m for m in texts(tab_b))
    tab_c = start("app_pages/readiness.py")
    tab_a.text_input(key=f"rd.{pid}.full_name").input("Li Hua 李华").run()
    tab_c.text_input(key=f"rd.{pid}.full_name").input("Wang").run()
    saved = Store(default_db_path()).load(pid).section("case").iloc[0]
    assert saved["full_name"] == "Li Hua 李华"  # the newer save was not overwritten ...
    assert any("clashed" in w.value and "Wang" in w.value for w in tab_c.warning)  # ... and C is told
    history = Store(default_db_path()).history(pid)
    assert history[0].kind == "conflict"  # C's whole version is kept


def test_undo_in_the_sidebar_and_restore_on_the_history_page(data_dir):
    pid = own_profile()
    at = start("app_pages/readiness.py")
    at.text_input(key=f"rd.{pid}.full_name").input("Li Hua").run()
    store = Store(default_db_path())
    assert store.load(pid).section("case").iloc[0]["full_name"] == "Li Hua"
    at.button(key="profile.undo").click().run()
    assert not at.exception
    assert store.load(pid).section("case").empty or pd.isna(store.load(pid).section("case").iloc[0]["full_name"])
    assert any("undone" in str(t.value) for t in at.toast)
    at.switch_page("app_pages/history.py").run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "When" in d.value.columns)
    assert list(table["What"][:2]) == ["Undo", "Edit"]
    edit = next(r for r in store.history(pid) if r.kind == "edit")
    at.selectbox(key="hist.pick").set_value(edit.id).run()
    at.button(key="hist.restore_one").click().run()
    assert not at.exception
    assert store.load(pid).section("case").iloc[0]["full_name"] == "Li Hua"
    assert any("back as it was" in s.value for s in at.success)


_plain_connect = Store._connect


def _read_only(monkeypatch):
    """The database opens but every write fails as on a read-only file (root ignores
    file modes, so the browser test covers the real thing)."""
    original = Store._connect

    def connect(self):
        db = original(self)
        db.execute("PRAGMA query_only = ON")
        return db

    monkeypatch.setattr(Store, "_connect", connect)


def test_a_failed_save_is_said_plainly_and_never_shown_as_saved(monkeypatch):
    pid = own_profile()
    path = default_db_path()
    at = start("app_pages/readiness.py")
    _read_only(monkeypatch)
    at.text_input(key=f"rd.{pid}.full_name").input("Li Hua").run()
    assert not at.exception
    assert any("NOT saved" in e.value for e in at.error)
    boxes = [w for w in at.text_input if w.key and w.key.endswith(".full_name")]
    assert boxes and all(w.value in ("", None) for w in boxes)  # the box shows what is saved
    monkeypatch.setattr(Store, "_connect", _plain_connect)
    assert Store(path).load(pid).section("case").empty  # nothing was written


@pytest.mark.parametrize("content,words", [(b"", "empty (0 bytes)"), (b"garbage" * 500, "damaged")])
def test_a_broken_database_shows_what_to_do_and_a_backup_restores_it(data_dir, content, words):
    good = Store(default_db_path())
    pid = good.create(Profile(name="保存过的"))
    good.set_meta("active_profile", str(pid))
    good.backup()
    default_db_path().write_bytes(content)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.segmented_control(key="app.lang").set_value("en").run()
    assert not at.exception
    assert any(words in e.value for e in at.error)
    assert at.button(key="rec.restore.0") is not None
    at.button(key="rec.restore.0").click().run()
    assert not at.exception
    assert any("Restored" in s.value for s in at.success)
    assert "保存过的" in dict(Store(default_db_path()).list_profiles()).values()
    assert any(p.name.startswith("profiles.sqlite3.broken-") for p in data_dir.iterdir())


def test_another_data_folder_can_be_chosen_when_the_file_is_broken(data_dir, tmp_path_factory):
    default_db_path().write_bytes(b"garbage" * 500)
    other = tmp_path_factory.mktemp("elsewhere")
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="rec.folder_path").input(str(other)).run()
    at.button(key="rec.use").click().run()
    assert not at.exception and not any("damaged" in e.value for e in at.error)
    assert at.get("metric")  # the overview of the sample, from the new folder
    assert (other / "profiles.sqlite3").exists()


def test_rename_to_a_taken_name_with_a_trailing_space_does_not_break_the_session():
    pid = own_profile()
    other = Store(default_db_path()).create(Profile(name="别的"))
    assert other != pid
    at = start()
    at.text_input(key=f"profile.name.{pid}").input("别的 ").run()
    assert not at.exception
    assert any("already exists" in e.value for e in at.error)
    at.switch_page("app_pages/debts.py").run()
    assert not at.exception  # every page still works


def test_a_profile_workbook_the_reader_cannot_parse_is_said_once_and_cleared(monkeypatch):
    import core.profiles.workbook

    def broken(data):
        raise RuntimeError("calamine: unexpected end of stream")

    monkeypatch.setattr(core.profiles.workbook, "_read_sheets", broken)
    at = start()
    from tests.fixtures import make

    at.file_uploader(key="profile.upload.0").upload("p.xlsx", make.budget_xlsx(), "application/octet-stream").run()
    assert not at.exception
    assert any("damaged" in e.value for e in at.error)
    at.run()
    assert not at.exception  # the upload was cleared: no crash loop on the next run
    assert not any("damaged" in e.value for e in at.error)


def test_a_dimension_bomb_profile_is_refused_not_read():
    from tests.fixtures import make

    at = start()
    at.file_uploader(key="profile.upload.0").upload("bomb.xlsx", make.dimension_bomb_xlsx(), "application/x").run()
    assert not at.exception
    assert any("rows" in e.value and "columns" in e.value for e in at.error)


HOSTILE = "![x](http://example.invalid/x.png) <img src=http://example.invalid/y.png> [a](http://example.invalid)"


@pytest.mark.parametrize("page", PAGES)
def test_user_text_never_becomes_markdown_on_any_page(page):
    debts = [
        {"name": HOSTILE, "lender": HOSTILE, "principal": 5000, "rate": 18, "months": 12},
        {"name": "借呗", "lender": "蚂蚁", "principal": 20000, "rate": 16, "months": 24, "overdue_principal": 800,
         "days_overdue": 100},
    ]  # fmt: skip
    own_profile(
        debts=debts,
        scenarios=[{"name": HOSTILE}, {"name": HOSTILE[:20]}],
        terms=[{"scenario": HOSTILE, "debt": HOSTILE, "term": "extension", "months": 24},
               {"scenario": HOSTILE[:20], "debt": HOSTILE, "term": "rate_cut", "rate": 99}],  # invalid: says the name
        contacts=[{"when": "2026-11-20 10:00", "lender": HOSTILE, "said": HOSTILE, "follow_up": "2026-11-21"}],
        worksheet=[{"category": HOSTILE, "direction": "income", "amount": 9000},
                   {"category": "房租", "amount": 2000}],
        case=[{"full_name": HOSTILE, "story": HOSTILE, "reason": "illness"}],
        evidence=[{"sha256": "ab" * 32, "name": HOSTILE + ".png", "kind": "hardship_proof", "lender": HOSTILE},
                  {"sha256": "cd" * 32, "name": HOSTILE, "kind": "contact", "lender": HOSTILE,
                   "contact": f"2026-11-20 10:00|{HOSTILE}"}],
        letters=[{"debt": HOSTILE, "lang": "en", "text": HOSTILE}],
    )  # fmt: skip
    Store(default_db_path()).rename(Store(default_db_path()).list_profiles()[0][0], HOSTILE[:60])
    at = start(f"app_pages/{page}")
    for text in texts(at):
        assert "](http://example.invalid" not in text, (page, text)
        assert not re.search(r"(?<!\\)<img", text), (page, text)  # raw HTML is shown as text


def test_the_server_log_gets_no_user_text(caplog):
    from ui.common import log_failure

    try:
        raise ValueError("房租 ¥2,800.00 for Li Hua")
    except ValueError as exc:
        log_failure(exc)
    assert "ValueError at test_app_trust.py" in caplog.text and "Li Hua" not in caplog.text


def test_store_failures_never_reach_the_user_raw(monkeypatch):
    pid = own_profile()
    at = start("app_pages/readiness.py")

    def fail(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "save_merged", fail)
    at.text_input(key=f"rd.{pid}.full_name").input("Li Hua").run()
    assert not at.exception
    assert any("disk is full" in e.value.lower() for e in at.error)
