"""The contact log (core.household.contacts): follow-ups due, the round trip, bad rows named."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from core.household.contacts import due_followups, new_entry, sorted_log
from core.household.loader import load
from core.profiles.profile import Profile, normalize_section
from core.profiles.store import Store
from core.profiles.workbook import profile_from_xlsx, profile_to_xlsx
from tests.fixtures.workspace import make_profile, section
from tests.helpers import frames_equal


def test_follow_ups_due_and_answered():
    rows = [
        new_entry(
            dt.datetime(2026, 11, 1, 9, 30),
            "Card",
            "phone",
            "No. 1024",
            "will call back",
            "considering",
            dt.date(2026, 11, 20),
        ),  # late, unanswered
        new_entry(dt.datetime(2026, 11, 2, 10, 0), "App", "app_chat", follow_up=dt.date(2026, 11, 10)),
        new_entry(dt.datetime(2026, 11, 12, 15, 0), "App", "email", said="sent the letter"),  # answers App's
        new_entry(dt.datetime(2026, 11, 22, 11, 0), "Loan", "letter", follow_up=dt.date(2026, 11, 27)),  # soon
        new_entry(dt.datetime(2026, 11, 22, 11, 5), "Other", "phone", follow_up=dt.date(2027, 1, 5)),  # far off
    ]
    frame = section("contacts", rows)
    log = load(Profile("x", {"contacts": frame}))[0].log
    due = due_followups(log, today=dt.date(2026, 11, 23))
    assert [(f.lender, f.status, f.days) for f in due] == [("Card", "late", -3), ("Loan", "soon", 4)]
    assert list(sorted_log(frame)["lender"])[:2] == ["Other", "Loan"]


def test_contact_log_round_trips_through_sqlite_and_xlsx(tmp_path):
    rows = [
        new_entry(
            dt.datetime(2026, 11, 20, 14, 5),
            "微粒贷",
            "phone",
            "工号 8848",
            "=同意考虑，+3 天回复",
            "counter_offer",
            dt.date(2026, 11, 27),
            "录音 2026-11-20.m4a",
        ),
        {"when": "2026/11/21 9:00", "lender": "Card", "channel": "in_person", "outcome": "agreed"},
    ]
    profile = make_profile(contacts=rows)
    assert list(profile.section("contacts")["when"]) == ["2026-11-20 14:05", "2026-11-21 09:00"]
    store = Store(tmp_path / "db.sqlite")
    pid = store.create(profile)
    back = Store(tmp_path / "db.sqlite").load(pid)
    assert frames_equal(back.section("contacts"), profile.section("contacts"))
    again, errors = profile_from_xlsx(profile_to_xlsx(back))
    assert errors == [] and frames_equal(again.section("contacts"), profile.section("contacts"))


def test_bad_contact_rows_are_named():
    frame = pd.DataFrame([{"when": "yesterday", "lender": "Card", "follow_up": "2026-02-30"}])
    _, errors = normalize_section("contacts", frame)
    messages = [e.message("en") for e in errors]
    assert any("row 1" in m and "yesterday" in m for m in messages)
    assert any("2026-02-30" in m for m in messages)


# --- the report -------------------------------------------------------------------------------------
