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
