"""Profiles: normalisation, the SQLite store, the XLSX round trip, formula-safe export, edits."""

import datetime as dt
import io

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.editing import apply_edits
from core.profile import MAX_ROWS, SCHEMAS, Profile, normalize_section
from core.store import Store
from core.workbook import profile_from_xlsx, profile_to_xlsx
from tests.helpers import frames_equal

text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(str.strip)
nonempty = st.text(alphabet="abcXYZ 房租工资=+-@'", min_size=1, max_size=20).map(str.strip).filter(bool)
money = st.decimals(min_value=0, max_value=10_000_000, places=2).map(float)


def cell(column):
    if column.kind == "text" and column.required:
        return nonempty
    if column.kind == "text":
        return text | st.none()
    if column.kind == "choice":
        return st.sampled_from(column.choices)
    if column.kind == "money":
        return money
    if column.kind == "number":
        return st.decimals(min_value=0, max_value=999, places=4).map(float)
    if column.kind == "int":
        return st.integers(min_value=0, max_value=600)
    if column.kind == "bool":
        return st.booleans()
    if column.kind == "date":
        return st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)).map(str) | st.none()
    if column.kind == "datetime":
        stamp = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 12, 31))
        return stamp.map(lambda d: d.strftime("%Y-%m-%d %H:%M")) if column.required else stamp | st.none()
    return st.sampled_from(["2026-01", "2027-12", None])


def section_frames(section):
    row = st.fixed_dictionaries({c.name: cell(c) for c in SCHEMAS[section]})
    return st.lists(row, max_size=min(6, MAX_ROWS[section])).map(
        lambda rows: pd.DataFrame(rows, columns=[c.name for c in SCHEMAS[section]])
    )


@st.composite
def profiles(draw):
    sections = {}
    for section in SCHEMAS:
        frame = draw(section_frames(section))
        clean, errors = normalize_section(section, frame)
        assert not errors
        sections[section] = clean
    return Profile(name=draw(nonempty), sections=sections)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_profile_xlsx_round_trip_is_lossless(profile):
    back, errors = profile_from_xlsx(profile_to_xlsx(profile))
    assert errors == []
    assert back.name == profile.name
    for section in SCHEMAS:
        assert frames_equal(profile.section(section), back.section(section)), section


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_profile_sqlite_round_trip_is_lossless(tmp_path_factory, profile):
    store = Store(tmp_path_factory.mktemp("db") / "p.sqlite3")
    pid = store.create(profile)
    back = store.load(pid)
    for section in SCHEMAS:
        assert frames_equal(profile.section(section), back.section(section)), section


def test_formula_like_text_is_written_as_text():
    frame, _ = normalize_section("worksheet", pd.DataFrame([{"category": "=1+1", "amount": 5, "note": "@SUM(A1)"}]))
    data = profile_to_xlsx(Profile("x", {"worksheet": frame}))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["worksheet"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "=1+1"
    assert sheet["G2"].data_type == "s"
    assert isinstance(sheet["D2"].value, (int, float))


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


def test_apply_edits_edit_add_delete():
    frame = pd.DataFrame({"category": ["a", "b", "c"], "amount": [1.0, 2.0, 3.0]})
    out = apply_edits(
        frame,
        {"edited_rows": {"1": {"amount": 20.0}}, "added_rows": [{"category": "d", "amount": 4.0}], "deleted_rows": [0]},
    )
    assert out["category"].tolist() == ["b", "c", "d"] and out["amount"].tolist() == [20.0, 3.0, 4.0]


def test_normalize_collects_errors_by_row():
    frame = pd.DataFrame(
        [
            {"name": "x", "principal": -5, "rate": "abc"},
            {"name": "", "principal": None},
            {"name": "y", "principal": 100, "rate": 5, "method": "magic"},
        ]
    )
    clean, errors = normalize_section("debts", frame)
    assert {(e.row, e.field) for e in errors} == {(1, "principal"), (1, "rate"), (3, "method")}
    assert len(clean) == 2  # the blank row is dropped, the others kept


def _debts(n):
    return pd.DataFrame([{"name": f"d{i}", "principal": 1000, "rate": 5, "months": 12} for i in range(n)])


def test_a_profile_past_a_cap_is_refused_with_the_reason(tmp_path):
    import subprocess
    import sys

    import pytest

    from core.imports import RefusedFile
    from core.profile import MAX_ROWS

    cap = MAX_ROWS["debts"]
    clean, errors = normalize_section("debts", _debts(cap))
    assert errors == [] and len(clean) == cap
    _, errors = normalize_section("debts", _debts(cap + 1))
    assert [e.code for e in errors] == ["err.section_full"]
    assert str(cap) in errors[0].message("en") and "债务" in errors[0].message("zh")
    profile = Profile(name="big", sections={"debts": clean})
    book = openpyxl.load_workbook(io.BytesIO(profile_to_xlsx(profile)))
    book["debts"].append(["one too many", None, "online_lending", 1000, 5])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(RefusedFile) as refused:
        profile_from_xlsx(out.getvalue())
    assert refused.value.code == "refuse.profile_limit" and f"{cap:,}" in refused.value.message("en")
    path = tmp_path / "big.xlsx"
    path.write_bytes(out.getvalue())
    result = subprocess.run(
        [sys.executable, "-m", "core", "simulate", str(path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_every_section_has_a_cap():
    from core.profile import MAX_ROWS

    assert set(MAX_ROWS) == set(SCHEMAS)


def test_unique_name():
    from core.profile import unique_name

    assert unique_name("方案", set()) == "方案"
    assert unique_name("方案", {"方案", "方案 (2)"}) == "方案 (3)"
