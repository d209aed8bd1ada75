"""Collection conduct on record: marked entries, many calls in a day, late calls, and the
complaint draft citing dated entries and their attachments."""

import datetime as dt

import pandas as pd

from core.negotiation.complaint import complaint_text, incidents, is_late
from core.profiles.profile import normalize_section


def log():
    return normalize_section("contacts", pd.DataFrame([
        {"when": "2026-11-20 09:00", "lender": "A贷", "said": "说要通知我单位", "conduct_third_party": True},
        {"when": "2026-11-21 08:30", "lender": "A贷"},
        {"when": "2026-11-21 12:00", "lender": "A贷"},
        {"when": "2026-11-21 23:10", "lender": "A贷", "conduct_late_night": True},
        {"when": "2026-11-22 10:00", "lender": "B行", "conduct_threats": True},
        {"when": "2026-11-23 10:00", "lender": "A贷", "said": "normal call"},
    ]))[0]  # fmt: skip


def evidence():
    return normalize_section("evidence", pd.DataFrame([
        {"sha256": "ab" * 32, "name": "录音.m4a", "kind": "contact", "contact": "2026-11-20 09:00|A贷",
         "added": "2026-11-20 09:30"},
        {"sha256": "cd" * 32, "name": "gone.png", "kind": "contact", "contact": "2026-11-21 23:10|A贷", "deleted": True},
    ]))[0]  # fmt: skip


def test_marked_entries_and_many_calls_in_a_day():
    found = incidents(log(), evidence(), "A贷", many=3)
    assert [(i.when, i.marks) for i in found] == [
        ("2026-11-20 09:00", ("conduct_third_party",)),
        ("2026-11-21 08:30", ("many_calls",)),
        ("2026-11-21 12:00", ("many_calls",)),
        ("2026-11-21 23:10", ("conduct_late_night", "many_calls")),
    ]
    assert [f["name"] for f in found[0].files] == ["录音.m4a"] and found[3].files == []  # deleted: left out
    assert len(incidents(log(), evidence(), "A贷", many=4)) == 2
    assert [i.lender for i in incidents(log(), evidence())] == ["A贷", "A贷", "A贷", "A贷", "B行"]


def test_late_calls():
    assert is_late("2026-11-21 23:10") and is_late("2026-11-21 07:59")
    assert not is_late("2026-11-21 08:00") and not is_late("2026-11-21 21:59") and not is_late("bad")


def test_the_draft_cites_dates_and_attachments_in_both_languages():
    found = incidents(log(), evidence(), "A贷", many=3)
    zh = complaint_text("A贷", found, "zh", "李华", "138 0000 0000", 3, dt.date(2026, 11, 24))
    assert "2026-11-20 09:00" in zh and "联系了我的家人、朋友或工作单位" in zh and "录音.m4a" in zh
    assert "abababababababab" in zh and "12378" in zh and "李华" in zh and "当天联系 3 次或更多" in zh
    en = complaint_text("A贷", found, "en", today=dt.date(2026, 11, 24))
    assert "4 times" in en and "a call late at night" in en and "2026-11-24" in en
    assert "{" not in zh + en


def test_a_debt_passed_to_a_collector_is_found_by_any_of_its_names_and_the_draft_goes_to_the_holder():
    from core.household.loader import load
    from core.negotiation.complaint import Held, held, held_for
    from tests.fixtures.kept import HOLDER, kept_profile

    h, _ = load(kept_profile())
    passed = Held("B", "Bank B", HOLDER, "collector", "400 000 0000", "BB-77")
    assert held(h, "B") == passed and held(h, "A") is None and held(h, "C") is None  # A, C: still the lender's
    assert held_for(h, HOLDER) == held_for(h, "Bank B") == held_for(h, "B") == passed
    assert held_for(h, "Bank A") is None and held_for(h, "someone else") is None
    conduct = normalize_section("contacts", pd.DataFrame([
        {"when": "2027-03-25 23:30", "lender": HOLDER, "conduct_threats": True},
    ]))[0]  # fmt: skip
    found = incidents(conduct, evidence(), HOLDER)
    en = complaint_text(HOLDER, found, "en", today=dt.date(2027, 3, 26), holder=held_for(h, HOLDER))
    title, to = en.split("\n\n")[:2]
    assert HOLDER in title and to == f"To {HOLDER}'s complaints department,"
    assert (
        "This debt (B) was owed to Bank B and is now held or collected by Quick Collect Ltd; a copy of "
        "this complaint goes to Bank B. Agreement reference: BB-77." in en
    )
    zh = complaint_text("Bank B", found, "zh", holder=held_for(h, "Bank B"))  # the log named the lender
    assert zh.split("\n\n")[1] == f"{HOLDER}投诉处理部门：" and "原属Bank B" in zh and "抄送Bank B" in zh
    plain = complaint_text("Bank A", found, "en")  # no holder: as before
    assert "held or collected" not in plain and plain.split("\n\n")[1] == "To Bank A's complaints department,"
